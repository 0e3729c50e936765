import type { DocumentModel, Heading } from '../document';
import { resolveLinkPath } from '../paths';
import type { Range } from '../types';
import { requiredSection, type RequiredSection } from './requirements';

/** A file a task doc says it delivers, and the structure it requires of it (if it lists one). */
export interface Deliverable {
  /** Workspace-relative path. */
  path: string;
  /** Where the task doc declares it. */
  range: Range;
  /** `field` (``**Deliverable:** `path` ``), `heading` (``#### T8.3d Rollback (`path`)``) or `tree` (a "Files to Create" block). */
  form: 'field' | 'heading' | 'tree';
  /** The feature id of the enclosing heading (`T8.1`), or the heading's text. */
  feature: string | null;
  /** A title for a new file, from a heading-form declaration. */
  title: string | null;
  /** From a `**Required Sections:**` list that follows the declaration; empty when there is none. */
  sections: RequiredSection[];
}

const cache = new WeakMap<DocumentModel, Deliverable[]>();

const FIELD = /^\s*(?:[-*]\s+)?\*\*Deliverables?:?\*\*:?\s*`([^`]+)`/;
const REQUIRED_SECTIONS = /^\s*\*\*Required Sections:?\*\*:?\s*$/i;
const FILES_TO_CREATE = /^\s*(?:#{1,6}\s+)?(?:\*\*)?Files to Create:?(?:\*\*)?:?\s*$/i;
const FEATURE_ID = /^([A-Z]+\d+(?:\.\d+)*[a-z]?)\b/;
const NUMBERED_BOLD = /^\s*\d+[.)]\s+(?:\*\*|__)(.+?)(?:\*\*|__)\s*(.*)$/;
const UNDER = /\(\s*under\s+([^)]+?)\s*\)/i;

/** Every deliverable the task doc declares, in document order; cached per parsed model. */
export function taskDeliverables(doc: DocumentModel): Deliverable[] {
  let result = cache.get(doc);
  if (!result) {
    result = parseDeliverables(doc);
    cache.set(doc, result);
  }
  return result;
}

function looksLikeFilePath(text: string): boolean {
  return /^[\w./-]+\/[\w.-]+\.[A-Za-z0-9]+$|^[\w.-]+\.md$/.test(text) && !/[*?{}<>]/.test(text);
}

function normalizePath(doc: DocumentModel, written: string): string | null {
  if (written.startsWith('./') || written.startsWith('../')) return resolveLinkPath(doc.path, written);
  return resolveLinkPath('', written.replace(/^\//, ''));
}

function enclosingHeading(doc: DocumentModel, line: number): Heading | undefined {
  const headings = doc.headings;
  for (let i = headings.length - 1; i >= 0; i--) if (headings[i].range.start.line <= line) return headings[i];
  return undefined;
}

function featureOf(doc: DocumentModel, heading: Heading | undefined): string | null {
  for (let h = heading; h; h = parentHeading(doc.headings, h)) {
    const id = FEATURE_ID.exec(h.text)?.[1];
    if (id) return id;
  }
  return heading?.text ?? null;
}

/** A file the task doc says it changes: ``**File:** `path` `` or an entry of a "Files to Modify" tree. */
export interface FileToModify {
  path: string;
  range: Range;
  feature: string | null;
}

const FILE_FIELD = /^\s*(?:[-*]\s+)?\*\*File:?\*\*:?\s*`([^`]+)`/;
const FILES_TO_MODIFY = /^\s*(?:#{1,6}\s+)?(?:\*\*)?Files to (?:Modify|Update|Change):?(?:\*\*)?:?\s*$/i;

/** Every existing file the task doc plans to change, in document order. */
export function filesToModify(doc: DocumentModel): FileToModify[] {
  const inCode = codeLines(doc);
  const found: FileToModify[] = [];
  const add = (written: string, range: Range, line: number) => {
    const path = looksLikeFilePath(written) ? normalizePath(doc, written) : null;
    if (path) found.push({ path, range, feature: featureOf(doc, enclosingHeading(doc, line)) });
  };
  for (let line = 0; line < doc.lines.lineCount; line++) {
    if (inCode.has(line)) continue;
    const text = doc.lines.lineText(line);
    const field = FILE_FIELD.exec(text);
    if (field) add(field[1], doc.lines.lineRange(line), line);
    if (FILES_TO_MODIFY.test(text)) {
      const block = doc.codeBlocks.find((b) => b.range.start.line > line && onlyBlankBetween(doc, line, b.range.start.line));
      if (block) for (const entry of treeEntries(block.value)) add(entry.path, doc.lines.lineRange(block.contentStartLine + entry.line), line);
    }
  }
  return found;
}

function parseDeliverables(doc: DocumentModel): Deliverable[] {
  const inCode = codeLines(doc);
  const headings = doc.headings;
  const enclosing = (line: number) => enclosingHeading(doc, line);
  const featureAt = (heading: Heading | undefined) => featureOf(doc, heading);
  const found: (Deliverable & { sectionLine: number })[] = [];
  const add = (written: string, range: Range, form: Deliverable['form'], heading: Heading | undefined, title: string | null) => {
    const path = looksLikeFilePath(written) ? normalizePath(doc, written) : null;
    if (!path) return;
    found.push({ path, range, form, feature: featureAt(heading), title, sections: [], sectionLine: heading?.range.start.line ?? -1 });
  };

  for (const heading of headings) {
    const line = doc.lines.lineText(heading.range.start.line);
    const written = /\(\s*`([^`]+)`\s*\)/.exec(line)?.[1];
    if (written && looksLikeFilePath(written)) {
      const title = heading.text.replace(/\([^)]*\)\s*$/, '').replace(FEATURE_ID, '').trim() || null;
      add(written, heading.range, 'heading', heading, title);
    }
  }
  for (let line = 0; line < doc.lines.lineCount; line++) {
    if (inCode.has(line)) continue;
    const text = doc.lines.lineText(line);
    if (!text.includes('**') && !/files to create/i.test(text)) continue;
    const field = FIELD.exec(text);
    if (field) add(field[1], doc.lines.lineRange(line), 'field', enclosing(line), null);
    if (REQUIRED_SECTIONS.test(text)) attachSections(doc, line, found, enclosing(line));
    if (FILES_TO_CREATE.test(text)) {
      const block = doc.codeBlocks.find((b) => b.range.start.line > line && onlyBlankBetween(doc, line, b.range.start.line));
      if (block) for (const entry of treeEntries(block.value)) add(entry.path, doc.lines.lineRange(block.contentStartLine + entry.line), 'tree', enclosing(line), null);
    }
  }
  found.sort((a, b) => a.range.start.line - b.range.start.line);
  return found.map(({ sectionLine: _, ...deliverable }) => deliverable);
}

function onlyBlankBetween(doc: DocumentModel, from: number, to: number): boolean {
  for (let line = from + 1; line < to; line++) if (doc.lines.lineText(line).trim()) return false;
  return true;
}

function parentHeading(headings: readonly Heading[], heading: Heading): Heading | undefined {
  const index = headings.indexOf(heading);
  for (let i = index - 1; i >= 0; i--) if (headings[i].depth < heading.depth) return headings[i];
  return undefined;
}

/** Attaches a `**Required Sections:**` list to the last deliverable declared before it in the same section. */
function attachSections(doc: DocumentModel, markerLine: number, found: (Deliverable & { sectionLine: number })[], heading: Heading | undefined) {
  const sectionLine = heading?.range.start.line ?? -1;
  const owner = [...found].reverse().find((d) => d.range.start.line < markerLine && d.sectionLine === sectionLine);
  if (!owner) return;
  const nextHeading = doc.headings.find((h) => h.range.start.line > markerLine)?.range.start.line ?? doc.lines.lineCount;
  let end = nextHeading;
  for (let line = markerLine + 1; line < nextHeading; line++) {
    if (/^\*\*[^*]+:\*\*\s*$/.test(doc.lines.lineText(line))) {
      end = line;
      break;
    }
  }
  const items = doc.listItems.filter((item) => item.range.start.line > markerLine && item.range.start.line < end);
  const top = items.filter((item) => item.ordered && item.depth === Math.min(...items.map((i) => i.depth)));
  const sections: { section: RequiredSection; under: string | null }[] = [];
  for (const item of top) {
    const match = NUMBERED_BOLD.exec(doc.lines.lineText(item.range.start.line));
    const name = (match ? match[1] : item.text.split(/\s[-\u2013(:]/)[0]).replace(/:$/, '').trim();
    if (!name) continue;
    const under = UNDER.exec(match ? match[2] : item.text)?.[1] ?? null;
    const expected = items
      .filter((child) => child.depth > item.depth && child.range.start.line > item.range.start.line && child.range.end.line <= item.range.end.line)
      .map((child) => child.text);
    sections.push({ section: { ...requiredSection(name, [], expected), line: item.range.start.line }, under });
  }
  const roots: RequiredSection[] = [];
  for (const { section, under } of sections) {
    const parent = under ? sections.find((s) => s.section !== section && s.section.name.toLowerCase() === under.toLowerCase())?.section : undefined;
    (parent ? parent.children : roots).push(section);
  }
  owner.sections = roots;
}

function codeLines(doc: DocumentModel): Set<number> {
  const lines = new Set<number>();
  for (const block of doc.codeBlocks) for (let l = block.range.start.line; l <= block.range.end.line; l++) lines.add(l);
  return lines;
}

/**
 * Reads a directory tree as people draw it:
 * ```
 * docs/RUNBOOKS/
 * ├── deploy.md
 * └── rollback.md
 * ```
 * Parenthesised notes and comments are not entries.
 */
export function treeEntries(tree: string): { path: string; line: number }[] {
  const entries: { path: string; line: number }[] = [];
  const stack: { level: number; dir: string }[] = [];
  tree.split('\n').forEach((raw, line) => {
    // Box-drawing branches (\u2502 vertical, \u251C and \u2514 junctions, \u2500 horizontal) or their ASCII spellings.
    const branch = /^((?:[\u2502|]\s{0,3}|\s{1,4})*)(?:[\u251C\u2514]\u2500\u2500|[|`]--|[+\\]--)\s*(.*)$/.exec(raw);
    const level = branch ? Math.round(branch[1].replace(/\t/g, '    ').length / 4) + 1 : 0;
    let name = (branch ? branch[2] : raw).replace(/\s+#.*$/, '').replace(/\s+\(.*\)\s*$/, '').replace(/\s+(?:\u2190|<-).*$/, '').trim();
    if (!name || name.startsWith('(') || name.startsWith('#') || name === '...') return;
    while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
    const prefix = stack.map((s) => s.dir).join('');
    if (name.endsWith('/')) {
      stack.push({ level, dir: name });
      return;
    }
    name = name.replace(/^\.\//, '');
    if (/\s/.test(name)) return;
    entries.push({ path: prefix + name, line });
  });
  return entries;
}
