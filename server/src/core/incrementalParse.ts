import GithubSlugger from 'github-slugger';
import type { DocumentModel, Heading, Table, TableCell, TextRun } from './document';
import { parseWithBlocks, type TopLevelBlock } from './parse';
import { LineIndex, splitBom } from './text';
import type { Range } from './types';

/** One editor change, as LSP `contentChanges` carry them: a range and its new text, or the whole text. */
export interface ContentChange {
  range?: Range;
  text: string;
}

/** How a change was taken in: only the touched top-level blocks re-parsed, or the whole document. */
export type ReparseKind = 'blocks' | 'full';

export interface ReparseResult {
  model: DocumentModel;
  kinds: ReparseKind[];
}

/**
 * Top-level blocks of the models this module produced. Only documents being
 * edited get an entry, and the entry goes with the model it describes.
 */
const blocksByModel = new WeakMap<DocumentModel, TopLevelBlock[]>();

/** Blocks that never open a container and end by themselves: safe to cut around. */
const SELF_CONTAINED = new Set(['paragraph', 'heading', 'thematicBreak']);
/** Blocks after which a blank line and an indented line may still belong to them. */
const OPEN_AFTER_BLANK_LINE = new Set(['list', 'footnoteDefinition']);

/**
 * Applies editor changes (in order, each relative to the text the previous
 * one produced) to a parsed document. Where it is sound, only the top-level
 * blocks a change touches are parsed again and spliced into the model; an edit
 * that touches or creates a fence, list, blockquote, table, HTML block, front
 * matter or a link definition parses the whole document. Either way the result
 * equals `parseDocument(path, newText)`.
 */
export function applyContentChanges(model: DocumentModel, changes: readonly ContentChange[]): ReparseResult {
  const kinds: ReparseKind[] = [];
  let current = model;
  for (const change of changes) {
    const next = change.range ? reparseRange(current, change.range, change.text) : undefined;
    if (next) {
      current = next;
      kinds.push('blocks');
      continue;
    }
    const text = change.range ? spliceText(current, change.range, change.text) : change.text;
    current = parseTracked(current.path, (current.bom ? '\uFEFF' : '') + text);
    kinds.push('full');
  }
  return { model: current, kinds };
}

/** A full parse whose blocks are remembered, so the next edit of this document can be incremental. */
export function parseTracked(path: string, raw: string): DocumentModel {
  const { model, blocks } = parseWithBlocks(path, raw);
  blocksByModel.set(model, blocks);
  return model;
}

/**
 * The model of `raw` (BOM allowed) for a host that knows only the whole new
 * text and, maybe, the model of an earlier version (a debounced editor, a fix
 * pass, a persistent cache): the one changed span between their common prefix
 * and suffix is taken in as an edit, so only the blocks it touches are parsed
 * again when `previous` is tracked. Equals `parseDocument(path, raw)`.
 */
export function reparse(path: string, raw: string, previous: DocumentModel | undefined): DocumentModel {
  const { text, bom } = splitBom(raw);
  if (previous && previous.path === path && previous.bom === bom && !previous.parseFailure && blocksByModel.has(previous)) {
    return applyContentChanges(previous, [changedSpan(previous, text)]).model;
  }
  return parseTracked(path, raw);
}

/** The top-level blocks of a model parsed or re-parsed here, for a store to keep with it. */
export function trackedBlocks(model: DocumentModel): readonly TopLevelBlock[] | undefined {
  return blocksByModel.get(model);
}

/** Lets a model restored from a store be edited incrementally, with the blocks `trackedBlocks` gave for it. */
export function trackBlocks(model: DocumentModel, blocks: TopLevelBlock[]): void {
  blocksByModel.set(model, blocks);
}

function spliceText(model: DocumentModel, range: Range, insert: string): string {
  const from = model.lines.offsetAt(range.start);
  const to = Math.max(from, model.lines.offsetAt(range.end));
  return model.text.slice(0, from) + insert + model.text.slice(to);
}

function reparseRange(model: DocumentModel, range: Range, insert: string): DocumentModel | undefined {
  const blocks = blocksByModel.get(model);
  if (!blocks || blocks.length === 0 || model.parseFailure) return undefined;
  const old = model.text;
  const lines = model.lines;
  const from = lines.offsetAt(range.start);
  const to = Math.max(from, lines.offsetAt(range.end));
  const newText = old.slice(0, from) + insert + old.slice(to);
  // Link definitions and footnotes act across the whole document.
  if (old.includes(']:') || newText.slice(Math.max(0, from - 1), from + insert.length + 1).includes(']:')) return undefined;

  const spanStart = (k: number) => (k === 0 ? 0 : lines.lineStart(lines.positionAt(blocks[k].start).line));
  const spanEnd = (k: number) => (k === blocks.length - 1 ? old.length : spanStart(k + 1));
  let first = 0;
  while (first < blocks.length - 1 && spanEnd(first) < from) first++;
  let last = first;
  while (last < blocks.length - 1 && spanStart(last + 1) <= to) last++;
  const delta = insert.length - (to - from);
  // The cut must fall on blank lines, so nothing outside can join what is re-parsed.
  while (first > 0 && !previousLineIsBlank(old, spanStart(first))) first--;
  while (last < blocks.length - 1 && !previousLineIsBlank(newText, spanEnd(last) + delta)) last++;
  for (let k = first; k <= last; k++) if (!SELF_CONTAINED.has(blocks[k].type)) return undefined;
  // After a list, an indented line may continue its last item; a line starting at column 0 closes it.
  if (first > 0 && OPEN_AFTER_BLANK_LINE.has(blocks[first - 1].type) && !/^\S/.test(newText.slice(spanStart(first), spanStart(first) + 1))) {
    return undefined;
  }

  const start = spanStart(first);
  const oldEnd = spanEnd(last);
  const newEnd = oldEnd + delta;
  if (start === 0 && (/^\s*---/.test(newText) || /^\s*---/.test(old))) return undefined;
  if (newEnd !== newText.length && !previousLineIsBlank(newText, newEnd)) return undefined;

  const fragment = parseWithBlocks(model.path, newText.slice(start, newEnd), { frontMatter: false });
  if (fragment.model.parseFailure || !fragment.blocks.every((b) => SELF_CONTAINED.has(b.type))) return undefined;

  const startLine = lines.positionAt(start).line;
  const oldEndLine = oldEnd === old.length ? Number.POSITIVE_INFINITY : lines.positionAt(oldEnd).line;
  const lineDelta = countNewlines(insert) - countNewlines(old.slice(from, to));
  const next = spliceModel(model, fragment.model, { newText, start, startLine, oldEndLine, delta, lineDelta });
  blocksByModel.set(next, [
    ...blocks.slice(0, first),
    ...fragment.blocks.map((b) => ({ type: b.type, start: b.start + start, end: b.end + start })),
    ...blocks.slice(last + 1).map((b) => ({ type: b.type, start: b.start + delta, end: b.end + delta })),
  ]);
  return next;
}

interface Splice {
  newText: string;
  /** Offset and line where the re-parsed fragment starts (a line start; the same in old and new text). */
  start: number;
  startLine: number;
  /** First line after the replaced blocks in the old text (Infinity when they ran to the end). */
  oldEndLine: number;
  delta: number;
  lineDelta: number;
}

/** The old model's facts before the fragment, the fragment's (moved into place), the old ones after it (shifted). */
function spliceModel(old: DocumentModel, fragment: DocumentModel, s: Splice): DocumentModel {
  const moveIn = (r: Range): Range => ({
    start: { line: r.start.line + s.startLine, character: r.start.character },
    end: { line: r.end.line + s.startLine, character: r.end.character },
  });
  const shift = (r: Range): Range =>
    s.lineDelta === 0
      ? r
      : {
          start: { line: r.start.line + s.lineDelta, character: r.start.character },
          end: { line: r.end.line + s.lineDelta, character: r.end.character },
        };
  function splice<T extends { range: Range }>(before: readonly T[], inFragment: readonly T[], move: (item: T) => T, shiftAfter: (item: T) => T): T[] {
    const out: T[] = [];
    for (const item of before) if (item.range.start.line < s.startLine) out.push(item);
    for (const item of inFragment) out.push(move(item));
    for (const item of before) if (item.range.start.line >= s.oldEndLine) out.push(shiftAfter(item));
    return out;
  }
  const plain = <T extends { range: Range }>(before: readonly T[], inFragment: readonly T[]) =>
    splice(before, inFragment, (item) => ({ ...item, range: moveIn(item.range) }), (item) => (s.lineDelta === 0 ? item : { ...item, range: shift(item.range) }));
  const withLinkRanges = <T extends { range: Range; urlRange?: Range }>(before: readonly T[], inFragment: readonly T[]) =>
    splice(
      before,
      inFragment,
      (item) => ({ ...item, range: moveIn(item.range), ...(item.urlRange ? { urlRange: moveIn(item.urlRange) } : {}) }),
      (item) => (s.lineDelta === 0 ? item : { ...item, range: shift(item.range), ...(item.urlRange ? { urlRange: shift(item.urlRange) } : {}) }),
    );

  const model: DocumentModel = {
    ...old,
    text: s.newText,
    lines: new LineIndex(s.newText),
    headings: plain(old.headings, fragment.headings),
    links: withLinkRanges(old.links, fragment.links),
    undefinedReferences: plain(old.undefinedReferences, fragment.undefinedReferences),
    codeBlocks: splice(
      old.codeBlocks,
      fragment.codeBlocks,
      (c) => ({ ...c, range: moveIn(c.range), contentStartLine: c.contentStartLine + s.startLine }),
      (c) => (s.lineDelta === 0 ? c : { ...c, range: shift(c.range), contentStartLine: c.contentStartLine + s.lineDelta }),
    ),
    inlineCode: plain(old.inlineCode, fragment.inlineCode),
    tables: splice(
      old.tables,
      fragment.tables,
      (t) => ({ ...t, range: moveIn(t.range), header: t.header.map(cellMoved(moveIn)), rows: t.rows.map((row) => row.map(cellMoved(moveIn))) }),
      (t) => (s.lineDelta === 0 ? t : { ...t, range: shift(t.range), header: t.header.map(cellMoved(shift)), rows: t.rows.map((row) => row.map(cellMoved(shift))) }),
    ),
    htmlComments: plain(old.htmlComments, fragment.htmlComments),
    listItems: plain(old.listItems, fragment.listItems),
    textRuns: spliceTextRuns(old, fragment.textRuns, s),
  };
  // Typing in prose leaves every heading as it was (only moved): slugs and table heading paths then stand.
  const headingsChanged = fragment.headings.length > 0 || old.headings.some((h) => h.range.start.line >= s.startLine && h.range.start.line < s.oldEndLine);
  if (headingsChanged) model.headings = reslug(model.headings);
  if (headingsChanged || fragment.tables.length > 0) model.tables = withHeadingPaths(model.tables, model.headings);
  const firstH1 = model.headings.find((h) => h.depth === 1);
  const fmTitle = model.frontMatter?.data?.title;
  model.title = firstH1?.text ?? (typeof fmTitle === 'string' ? fmTitle : null);
  return model;
}

/** Text runs carry offsets, not ranges: the same splice, by offset. */
function spliceTextRuns(old: DocumentModel, inFragment: readonly TextRun[], s: Splice): TextRun[] {
  const oldEnd = s.oldEndLine < old.lines.lineCount ? old.lines.lineStart(s.oldEndLine) : old.text.length;
  const runs = old.textRuns;
  const out = runs.slice(0, firstRunFrom(runs, s.start));
  for (const run of inFragment) out.push({ value: run.value, offset: run.offset + s.start });
  for (let i = firstRunFrom(runs, oldEnd); i < runs.length; i++) {
    const run = runs[i];
    out.push(s.delta === 0 ? run : { value: run.value, offset: run.offset + s.delta });
  }
  return out;
}

/** Index of the first run at or after `offset` (runs are in document order). */
function firstRunFrom(runs: readonly TextRun[], offset: number): number {
  let low = 0;
  let high = runs.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (runs[middle].offset < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

function cellMoved(move: (r: Range) => Range) {
  return (cell: TableCell): TableCell => ({ ...cell, range: move(cell.range) });
}

/** Slugs depend on every earlier heading (duplicates get `-1`, `-2`, ...), so they are recomputed in order. */
function reslug(headings: Heading[]): Heading[] {
  const slugger = new GithubSlugger();
  return headings.map((h) => {
    const slug = slugger.slug(h.text);
    return slug === h.slug ? h : { ...h, slug };
  });
}

/** A table's heading path is the stack of headings open where it starts, as the parser's walk builds it. */
function withHeadingPaths(tables: Table[], headings: readonly Heading[]): Table[] {
  const stack: Heading[] = [];
  let next = 0;
  return tables.map((table) => {
    while (next < headings.length && comparePosition(headings[next].range.start, table.range.start) < 0) {
      const heading = headings[next++];
      while (stack.length && stack[stack.length - 1].depth >= heading.depth) stack.pop();
      stack.push(heading);
    }
    const headingPath = stack.map((h) => h.text);
    return sameStrings(headingPath, table.headingPath) ? table : { ...table, headingPath };
  });
}

function comparePosition(a: Range['start'], b: Range['start']): number {
  return a.line - b.line || a.character - b.character;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function previousLineIsBlank(text: string, lineStart: number): boolean {
  if (lineStart === 0 || text[lineStart - 1] !== '\n') return false;
  const previousStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  return /^[ \t]*\r?$/.test(text.slice(previousStart, lineStart - 1));
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** The smallest single change that turns the model's text into `next`. */
function changedSpan(model: DocumentModel, next: string): ContentChange {
  const before = model.text;
  const limit = Math.min(before.length, next.length);
  let start = 0;
  while (start < limit && before.charCodeAt(start) === next.charCodeAt(start)) start++;
  // Never split a CRLF pair or a surrogate pair: positions must land on whole characters.
  while (start > 0 && (before[start - 1] === '\r' || isHighSurrogate(before.charCodeAt(start - 1)))) start--;
  let endBefore = before.length;
  let endNext = next.length;
  while (endBefore > start && endNext > start && before.charCodeAt(endBefore - 1) === next.charCodeAt(endNext - 1)) {
    endBefore--;
    endNext--;
  }
  while (endBefore < before.length && (before[endBefore] === '\n' && before[endBefore - 1] === '\r' || isLowSurrogate(before.charCodeAt(endBefore)))) {
    endBefore++;
    endNext++;
  }
  return { range: model.lines.range(start, endBefore), text: next.slice(start, endNext) };
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
