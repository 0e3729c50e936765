import type { DocumentModel, Heading } from '../document';
import type { TextEdit } from '../types';

const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s/;

/**
 * An edit that appends list lines at the end of the section under `heading`
 * (before the next heading of the same or a higher level), or, without a
 * heading, a new `## sectionTitle` section with them at the end of the document.
 */
export function appendToSection(doc: DocumentModel, heading: Heading | null, sectionTitle: string, lines: readonly string[]): TextEdit {
  const body = lines.join('\n');
  if (!heading) return appendAtEnd(doc, `## ${sectionTitle}\n\n${body}\n`);
  const next = doc.headings.find((h) => h.range.start.line > heading.range.start.line && h.depth <= heading.depth);
  const sectionEnd = next ? next.range.start.line : doc.lines.lineCount;
  let last = heading.range.end.line;
  for (let line = sectionEnd - 1; line > heading.range.end.line; line--) {
    if (doc.lines.lineText(line).trim() !== '') {
      last = line;
      break;
    }
  }
  // New entries extend the section's last top-level list, even when prose follows it.
  const items = doc.listItems.filter((item) => item.range.start.line > heading.range.end.line && item.range.start.line < sectionEnd);
  const topDepth = Math.min(...items.map((item) => item.depth));
  const lastItem = items.filter((item) => item.depth === topDepth).pop();
  if (lastItem && !lastItem.ordered) last = lastItem.range.end.line;
  if (!next && openFenceAtEnd(doc) && doc.codeBlocks[doc.codeBlocks.length - 1].range.start.line <= last) return appendAtEnd(doc, `${body}\n`);
  const at = { line: last, character: doc.lines.lineText(last).length };
  const separator = lastItem && !lastItem.ordered ? '\n' : last !== heading.range.end.line && LIST_ITEM.test(doc.lines.lineText(last)) ? '\n' : '\n\n';
  const followedByText = last + 1 < doc.lines.lineCount && doc.lines.lineText(last + 1).trim() !== '';
  const trailing = followedByText ? '\n' : '';
  return { range: { start: at, end: at }, newText: `${separator}${body}${trailing}` };
}

/**
 * An edit that appends a Markdown block at the end of the document, after one
 * blank line. A code fence left open at the end is closed first (it ends there
 * anyway), or the block would become part of the code.
 */
export function appendAtEnd(doc: DocumentModel, block: string): TextEdit {
  const text = doc.text;
  const end = doc.lines.positionAt(text.length);
  const fence = openFenceAtEnd(doc);
  const separator = text === '' ? '' : text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  if (fence) return { range: { start: end, end }, newText: `${text.endsWith('\n') ? '' : '\n'}${fence}\n\n${block}` };
  return { range: { start: end, end }, newText: `${separator}${block}` };
}

/** The fence to close a top-level fenced code block that runs to the end of the document unclosed; null when there is none. */
export function openFenceAtEnd(doc: DocumentModel): string | null {
  const last = doc.codeBlocks[doc.codeBlocks.length - 1];
  if (!last?.fenced) return null;
  let lastContentLine = doc.lines.lineCount - 1;
  while (lastContentLine > 0 && doc.lines.lineText(lastContentLine).trim() === '') lastContentLine--;
  if (last.range.end.line < lastContentLine) return null;
  const opening = /^ {0,3}(`{3,}|~{3,})/.exec(doc.lines.lineText(last.range.start.line));
  // Fences inside a list item or block quote end with their container at the blank line the append starts with.
  if (!opening || opening[0].length - opening[1].length !== last.range.start.character) return null;
  const marker = opening[1];
  const closing = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(doc.lines.lineText(last.range.end.line));
  const closed = last.range.end.line > last.range.start.line && closing !== null && closing[1][0] === marker[0] && closing[1].length >= marker.length;
  return closed ? null : marker;
}
