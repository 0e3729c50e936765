import GithubSlugger from 'github-slugger';
import matter from 'gray-matter';
import type { Nodes, Parent, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type {
  CodeBlock,
  DocumentModel,
  FrontMatter,
  Heading,
  HtmlComment,
  InlineCode,
  Link,
  ListItem,
  Table,
  TextRun,
  UndefinedReference,
} from './document';
import { remarkGfmWithoutLiteralAutolinks, splitLiteralAutolinks } from './literalAutolinks';
import { LineIndex, splitBom } from './text';

const withFrontMatter = unified().use(remarkParse).use(remarkGfmWithoutLiteralAutolinks).use(remarkFrontmatter, ['yaml']);
const withoutFrontMatter = unified().use(remarkParse).use(remarkGfmWithoutLiteralAutolinks);

/** Counts real parses, so tests can prove that incremental updates re-parse only what changed. */
export const parseStats = { count: 0, chars: 0 };

/** Parses a document's text (BOM allowed) into the model rules work on. Never throws. */
export function parseDocument(path: string, raw: string): DocumentModel {
  return parseWithBlocks(path, raw).model;
}

/**
 * A top-level block of the syntax tree as offsets into the text, kept only for
 * incremental re-parsing (`incrementalParse.ts`). Fenced and indented code are
 * told apart (`code:fenced`, `code:indented`) because only one of them can swallow
 * what follows a blank line.
 */
export interface TopLevelBlock {
  type: string;
  start: number;
  end: number;
}

/**
 * `parseDocument`, also returning the top-level blocks. `frontMatter: false`
 * parses a fragment cut from the middle of a document, where a leading `---`
 * is a thematic break, never front matter.
 */
export function parseWithBlocks(
  path: string,
  raw: string,
  options: { frontMatter?: boolean } = {},
): { model: DocumentModel; blocks: TopLevelBlock[] } {
  const { text, bom } = splitBom(raw);
  const lines = new LineIndex(text);
  parseStats.count++;
  parseStats.chars += text.length;
  const depth = containerDepth(text);
  if (depth > MAX_CONTAINER_DEPTH) {
    const model = emptyModel(path, text, bom, lines);
    model.parseFailure = `the document nests block quotes or lists at least ${depth} levels deep, over the limit of ${MAX_CONTAINER_DEPTH}`;
    return { model, blocks: [] };
  }
  try {
    const frontMatterLooksLikeMarkdown = startsWithMarkdownBetweenRules(text);
    const processor = frontMatterLooksLikeMarkdown || options.frontMatter === false ? withoutFrontMatter : withFrontMatter;
    const tree = processor.parse(text) as Root;
    return { model: new Extractor(path, text, bom, lines).run(tree), blocks: topLevelBlocks(tree, text) };
  } catch (error) {
    const model = emptyModel(path, text, bom, lines);
    model.parseFailure = error instanceof RangeError ? 'the document is nested too deeply to parse' : String(error);
    return { model, blocks: [] };
  }
}

function topLevelBlocks(tree: Root, text: string): TopLevelBlock[] {
  return tree.children.map((node) => {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? 0;
    let type: string = node.type;
    if (node.type === 'code') {
      const opening = text.slice(start, start + 8).trimStart();
      type = opening.startsWith('```') || opening.startsWith('~~~') ? 'code:fenced' : 'code:indented';
    }
    return { type, start, end };
  });
}

export function emptyModel(path: string, text: string, bom: boolean, lines = new LineIndex(text)): DocumentModel {
  return {
    path,
    text,
    lines,
    bom,
    frontMatter: null,
    title: null,
    headings: [],
    links: [],
    undefinedReferences: [],
    codeBlocks: [],
    inlineCode: [],
    tables: [],
    htmlComments: [],
    listItems: [],
    textRuns: [],
  };
}

/** Deeper nesting makes the parser's work grow quadratically; no real document comes close. */
export const MAX_CONTAINER_DEPTH = 100;
const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]?)+/;

/**
 * A cheap upper estimate of block-container nesting: the markers (`>`, list
 * bullets) opening a line plus, for a line that starts a list item, its
 * indentation in two-space steps.
 */
export function containerDepth(text: string): number {
  let max = 0;
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, Math.min(end, start + 4096));
    const prefix = CONTAINER_PREFIX.exec(line);
    if (prefix) {
      const markers = prefix[0].match(/>|[-*+]|\d{1,9}[.)]/g)?.length ?? 0;
      const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
      max = Math.max(max, markers + Math.floor(indent / 2));
    }
    start = end + 1;
  }
  return max;
}

/**
 * A document may open with a `---` rule followed by Markdown (the deprecation
 * notice of archived docs does exactly that). That is not YAML front matter.
 */
function startsWithMarkdownBetweenRules(text: string): boolean {
  const match = /^---\r?\n(?:[ \t]*\r?\n)*([^\r\n]*)/.exec(text);
  if (!match) return false;
  return /^(\*\*|__|#{1,6}\s|>|\[!|!\[)/.test(match[1]);
}

const REFERENCE_IN_TEXT = /(?<![\\!\]])\[((?:[^\[\]\\]|\\.)+)\]\[((?:[^\[\]\\]|\\.)*)\]/g;

class Extractor {
  private readonly model: DocumentModel;
  private readonly slugger = new GithubSlugger();
  private readonly headingStack: { depth: number; text: string }[] = [];
  /** Where the innermost link being walked ends: its text is never split into literal autolinks. */
  private linkEnd = -1;

  constructor(
    path: string,
    private readonly text: string,
    bom: boolean,
    private readonly lines: LineIndex,
  ) {
    this.model = emptyModel(path, text, bom, lines);
  }

  run(tree: Root): DocumentModel {
    // Iterative walk: documents nested thousands deep must not overflow the stack.
    const stack: { node: Nodes; listDepth: number; ordered: boolean }[] = [{ node: tree, listDepth: 0, ordered: false }];
    while (stack.length > 0) {
      const { node, listDepth, ordered } = stack.pop()!;
      const descend = this.visit(node, listDepth, ordered);
      if (descend && 'children' in node) {
        const isList = node.type === 'list';
        const childDepth = isList ? listDepth + 1 : listDepth;
        const childOrdered = isList ? Boolean(node.ordered) : ordered;
        const children = (node as Parent).children as Nodes[];
        for (let i = children.length - 1; i >= 0; i--) {
          stack.push({ node: children[i], listDepth: childDepth, ordered: childOrdered });
        }
      }
    }
    const firstH1 = this.model.headings.find((h) => h.depth === 1);
    const fmTitle = this.model.frontMatter?.data?.title;
    this.model.title = firstH1?.text ?? (typeof fmTitle === 'string' ? fmTitle : null);
    return this.model;
  }

  private rangeOf(node: Nodes) {
    return this.lines.range(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
  }

  private sourceOf(node: Nodes): string {
    return this.text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
  }

  /** Returns whether to descend into the node's children. */
  private visit(node: Nodes, listDepth: number, ordered: boolean): boolean {
    switch (node.type) {
      case 'yaml':
        this.model.frontMatter = this.frontMatter(node);
        return false;
      case 'heading': {
        const text = toString(node).trim();
        const heading: Heading = { depth: node.depth, text, slug: this.slugger.slug(text), range: this.rangeOf(node) };
        this.model.headings.push(heading);
        while (this.headingStack.length && this.headingStack[this.headingStack.length - 1].depth >= node.depth) {
          this.headingStack.pop();
        }
        this.headingStack.push({ depth: node.depth, text });
        return true;
      }
      case 'link':
      case 'image':
      case 'linkReference':
        this.linkEnd = Math.max(this.linkEnd, node.position?.end.offset ?? 0);
        if (node.type === 'linkReference') {
          this.model.links.push(this.reference(node));
          return true;
        }
        this.model.links.push(this.link(node));
        return true;
      case 'imageReference':
        this.model.links.push(this.reference(node));
        return true;
      case 'definition':
        this.model.links.push({
          kind: 'definition',
          url: node.url,
          range: this.rangeOf(node),
          urlRange: this.definitionUrlRange(node),
          text: node.label ?? node.identifier,
          identifier: node.identifier,
        });
        return false;
      case 'code':
        this.model.codeBlocks.push(this.codeBlock(node));
        return false;
      case 'inlineCode':
        this.model.inlineCode.push({ value: node.value, range: this.rangeOf(node) } satisfies InlineCode);
        return false;
      case 'html':
        this.htmlComments(node);
        return false;
      case 'table':
        this.model.tables.push(this.table(node));
        return true;
      case 'listItem':
        this.model.listItems.push(this.listItem(node, listDepth, ordered));
        return true;
      case 'text':
        this.textRun(node);
        return false;
      default:
        return true;
    }
  }

  private frontMatter(node: Nodes): FrontMatter {
    const range = this.rangeOf(node);
    const source = this.sourceOf(node);
    try {
      // Passing options bypasses gray-matter's unbounded content cache.
      const parsed = matter(source, {});
      const data = parsed.data && typeof parsed.data === 'object' && !Array.isArray(parsed.data) ? parsed.data : {};
      return { range, data: data as Record<string, unknown> };
    } catch (error) {
      const mark = (error as { mark?: { line?: number; column?: number } }).mark;
      const reason = (error as { reason?: string }).reason ?? (error as Error).message ?? String(error);
      const line = range.start.line + 1 + (mark?.line ?? 0);
      const errorLine = Math.min(line, range.end.line);
      return { range, data: null, error: { message: reason, range: this.lines.lineRange(errorLine) } };
    }
  }

  private link(node: Extract<Nodes, { type: 'link' | 'image' }>): Link {
    const range = this.rangeOf(node);
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? 0;
    const source = this.text.slice(start, end);
    const isAutolink = node.type === 'link' && !source.startsWith('[');
    if (isAutolink) return { kind: 'autolink', url: node.url, range, text: toString(node) };
    const destination = findInlineDestination(source);
    return {
      kind: node.type === 'image' ? 'image' : 'inline',
      url: node.url,
      range,
      urlRange: destination ? this.lines.range(start + destination.start, start + destination.end) : undefined,
      text: node.type === 'image' ? (node.alt ?? '') : toString(node),
    };
  }

  private reference(node: Extract<Nodes, { type: 'linkReference' | 'imageReference' }>): Link {
    return {
      kind: node.type === 'linkReference' ? 'reference' : 'imageReference',
      url: '',
      range: this.rangeOf(node),
      text: node.type === 'linkReference' ? toString(node) : (node.alt ?? ''),
      identifier: node.identifier,
    };
  }

  private definitionUrlRange(node: Nodes) {
    const start = node.position?.start.offset ?? 0;
    const source = this.sourceOf(node);
    const match = /^\s*\[(?:[^\]\\]|\\.)*\]:\s*(<[^>\n]*>|\S+)/.exec(source);
    if (!match) return undefined;
    const raw = match[1];
    const rawStart = match[0].length - raw.length;
    const [from, to] = raw.startsWith('<') ? [rawStart + 1, rawStart + raw.length - 1] : [rawStart, rawStart + raw.length];
    return this.lines.range(start + from, start + to);
  }

  private codeBlock(node: Extract<Nodes, { type: 'code' }>): CodeBlock {
    const range = this.rangeOf(node);
    // From the node's own column: a fence inside a blockquote follows `> ` on its line.
    const firstLine = this.lines.lineText(range.start.line).slice(range.start.character).trimStart();
    const fenced = firstLine.startsWith('```') || firstLine.startsWith('~~~');
    return {
      lang: node.lang ?? null,
      meta: node.meta ?? null,
      value: node.value,
      fenced,
      range,
      contentStartLine: fenced ? range.start.line + 1 : range.start.line,
    };
  }

  private htmlComments(node: Nodes) {
    const start = node.position?.start.offset ?? 0;
    const source = this.sourceOf(node);
    for (const match of source.matchAll(/<!--([\s\S]*?)-->/g)) {
      const from = start + (match.index ?? 0);
      this.model.htmlComments.push({
        value: match[1].trim(),
        range: this.lines.range(from, from + match[0].length),
      } satisfies HtmlComment);
    }
  }

  private table(node: Extract<Nodes, { type: 'table' }>): Table {
    const cells = node.children.map((row) =>
      row.children.map((cell) => ({ text: toString(cell).trim(), range: this.rangeOf(cell) })),
    );
    return {
      range: this.rangeOf(node),
      header: cells[0] ?? [],
      rows: cells.slice(1),
      headingPath: this.headingStack.map((h) => h.text),
    };
  }

  private listItem(node: Extract<Nodes, { type: 'listItem' }>, listDepth: number, ordered: boolean): ListItem {
    const first = node.children[0];
    const text = first && first.type === 'paragraph' ? toString(first).trim() : '';
    return {
      checked: node.checked ?? null,
      ordered,
      depth: listDepth,
      text,
      range: this.rangeOf(node),
    };
  }

  private textRun(node: Nodes) {
    const offset = node.position?.start.offset ?? 0;
    const source = this.sourceOf(node);
    if (offset < this.linkEnd) {
      this.prose(source, offset);
      return;
    }
    for (const piece of splitLiteralAutolinks(source)) {
      const value = source.slice(piece.start, piece.end);
      const from = offset + piece.start;
      if (piece.url === undefined) this.prose(value, from);
      else this.model.links.push({ kind: 'autolink', url: piece.url, range: this.lines.range(from, from + value.length), text: value });
    }
  }

  private prose(value: string, offset: number) {
    this.model.textRuns.push({ value, offset } satisfies TextRun);
    for (const match of value.matchAll(REFERENCE_IN_TEXT)) {
      const label = (match[2] || match[1]).trim();
      const from = offset + (match.index ?? 0);
      this.model.undefinedReferences.push({
        label,
        range: this.lines.range(from, from + match[0].length),
      } satisfies UndefinedReference);
    }
  }
}

/**
 * Locates the destination inside the source of an inline link or image,
 * `[text](dest "title")`, by matching the brackets of the text part.
 */
export function findInlineDestination(source: string): { start: number; end: number } | null {
  let i = source.startsWith('!') ? 1 : 0;
  if (source[i] !== '[') return null;
  let depth = 0;
  for (; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '[') depth++;
    else if (ch === ']' && --depth === 0) break;
  }
  if (source[i + 1] !== '(') return null;
  let j = i + 2;
  while (j < source.length && /\s/.test(source[j])) j++;
  if (source[j] === '<') {
    const close = source.indexOf('>', j + 1);
    return close === -1 ? null : { start: j + 1, end: close };
  }
  const start = j;
  let parens = 0;
  for (; j < source.length; j++) {
    const ch = source[j];
    if (ch === '\\') {
      j++;
      continue;
    }
    if (/\s/.test(ch)) break;
    if (ch === '(') parens++;
    else if (ch === ')') {
      if (parens === 0) break;
      parens--;
    }
  }
  return { start, end: j };
}
