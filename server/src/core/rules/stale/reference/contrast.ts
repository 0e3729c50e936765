import type { DocumentModel } from '../../../document';
import type { Range } from '../../../types';
import type { Span } from '../../../regions';

function containsLine(range: Range, line: number): boolean {
  return range.start.line <= line && line <= range.end.line;
}

function rangeSize(range: Range): number {
  return (range.end.line - range.start.line) * 100_000 + (range.end.character - range.start.character);
}

/**
 * The smallest block a reader takes in at once around `offset`: the table
 * row, else the innermost list item, else the paragraph (the run of non-blank
 * lines, kept on its side of a code fence).
 */
export function enclosingBlock(doc: DocumentModel, offset: number): Span {
  const { lines } = doc;
  const line = lines.positionAt(offset).line;
  const lineSpan = (from: number, to: number): Span => ({ from: lines.lineStart(from), to: lines.lineContentEnd(to) });
  if (doc.tables.some((t) => containsLine(t.range, line))) return lineSpan(line, line);
  const items = doc.listItems.filter((item) => containsLine(item.range, line)).sort((a, b) => rangeSize(a.range) - rangeSize(b.range));
  if (items.length) return { from: lines.offsetAt(items[0].range.start), to: lines.offsetAt(items[0].range.end) };
  const block = doc.codeBlocks.find((b) => containsLine(b.range, line));
  const first = block ? block.range.start.line : 0;
  const last = block ? block.range.end.line : lines.lineCount - 1;
  const sameSide = (l: number) => block !== undefined || !doc.codeBlocks.some((b) => containsLine(b.range, l));
  const filled = (l: number) => lines.lineText(l).trim() !== '' && sameSide(l);
  let from = line;
  let to = line;
  while (from > first && filled(from - 1)) from--;
  while (to < last && filled(to + 1)) to++;
  return lineSpan(from, to);
}

/**
 * True when the block around a stale term also names its replacement: the
 * text contrasts the old and the new on purpose ("use `ui.aggrid` instead of
 * `st.dataframe`", a before/after table row), so it is not a stale reference.
 */
export function contrastsWithReplacement(doc: DocumentModel, hit: Span, replacement: string): boolean {
  const block = enclosingBlock(doc, hit.from);
  const around = doc.text.slice(block.from, hit.from) + '\n' + doc.text.slice(hit.to, block.to);
  return around.includes(replacement);
}

/** Words that say a term is gone: the text mentions it to announce that, not to use it. */
const RETIREMENT = /\b(?:(?:is|are|was|were|been|being)\s+(?:now\s+)?(?:replaced|removed|deleted|dropped|retired|deprecated|superseded)|no longer)\b/i;

/**
 * True when the block around a stale term announces its retirement ("the
 * `USE_NEW_PANEL1` flag has been removed", "`streamlit_helpers.py` is
 * replaced by the middleware").
 */
export function announcesRetirement(doc: DocumentModel, hit: Span): boolean {
  const block = enclosingBlock(doc, hit.from);
  return RETIREMENT.test(doc.text.slice(block.from, block.to));
}
