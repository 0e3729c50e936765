import type { LineIndex } from './text';
import type { Range } from './types';

/**
 * What the engine keeps of one Markdown document after parsing: the facts
 * rules need, with LSP ranges. The syntax tree itself is dropped.
 */

export interface Heading {
  depth: number;
  text: string;
  slug: string;
  range: Range;
}

export type LinkKind = 'inline' | 'image' | 'reference' | 'imageReference' | 'definition' | 'autolink';

export interface Link {
  kind: LinkKind;
  /** The destination as written, after remark unescaping (angle brackets removed). */
  url: string;
  /** The whole construct, `[text](url)`. */
  range: Range;
  /** Only the destination text (inside `<>` when it has them); absent for autolinks and references. */
  urlRange?: Range;
  text: string;
  /** For references and definitions: the normalised label. */
  identifier?: string;
}

/** A `[text][label]` whose label has no definition: remark leaves it as text. */
export interface UndefinedReference {
  label: string;
  range: Range;
}

export interface CodeBlock {
  lang: string | null;
  meta: string | null;
  value: string;
  fenced: boolean;
  range: Range;
  /** Line of the first content line (after the opening fence). */
  contentStartLine: number;
}

export interface InlineCode {
  value: string;
  range: Range;
}

export interface TableCell {
  text: string;
  range: Range;
}

export interface Table {
  range: Range;
  header: TableCell[];
  rows: TableCell[][];
  /** Texts of the headings this table sits under, outermost first. */
  headingPath: string[];
}

export interface HtmlComment {
  value: string;
  range: Range;
}

export interface ListItem {
  checked: boolean | null;
  ordered: boolean;
  depth: number;
  text: string;
  range: Range;
}

/**
 * Plain prose text runs (not code, not HTML), for term scanning. There are
 * tens of thousands per thousand documents, so a run keeps no range of its
 * own: `lines.range(offset, offset + value.length)` gives it when needed.
 */
export interface TextRun {
  value: string;
  /** Offset of `value[0]` in the document text. */
  offset: number;
}

export interface FrontMatter {
  range: Range;
  /** Parsed data, or null when the YAML is broken. */
  data: Record<string, unknown> | null;
  error?: { message: string; range: Range };
}

export interface DocumentModel {
  path: string;
  /** Text without BOM, as editors see it. */
  text: string;
  lines: LineIndex;
  bom: boolean;
  frontMatter: FrontMatter | null;
  title: string | null;
  headings: Heading[];
  links: Link[];
  undefinedReferences: UndefinedReference[];
  codeBlocks: CodeBlock[];
  inlineCode: InlineCode[];
  tables: Table[];
  htmlComments: HtmlComment[];
  listItems: ListItem[];
  textRuns: TextRun[];
  /** Set when the document could not be parsed; rules see an empty model. */
  parseFailure?: string;
}
