import type { DocumentModel, Heading } from './document';
import type { Range } from './types';

/** Half-open offset interval `[from, to)` of a document's text. */
export interface Span {
  from: number;
  to: number;
}

export function spanOf(doc: DocumentModel, range: Range): Span {
  return { from: doc.lines.offsetAt(range.start), to: doc.lines.offsetAt(range.end) };
}

export function insideAny(spans: readonly Span[], from: number, to: number): boolean {
  return spans.some((s) => s.from <= from && to <= s.to);
}

export function overlapsAny(spans: readonly Span[], from: number, to: number): boolean {
  return spans.some((s) => from < s.to && s.from < to);
}

/** A heading's section: from the heading to the next heading of the same or a higher level. */
export interface Section extends Span {
  heading: Heading;
}

export function sectionsOf(doc: DocumentModel): Section[] {
  return doc.headings.map((heading, i) => {
    const next = doc.headings.slice(i + 1).find((h) => h.depth <= heading.depth);
    return {
      heading,
      from: doc.lines.offsetAt(heading.range.start),
      to: next ? doc.lines.offsetAt(next.range.start) : doc.text.length,
    };
  });
}

/** Where the front matter and HTML comments are: never prose, never code. */
export function metadataSpans(doc: DocumentModel): Span[] {
  return [...(doc.frontMatter ? [spanOf(doc, doc.frontMatter.range)] : []), ...doc.htmlComments.map((c) => spanOf(doc, c.range))];
}

const IDENTIFIER_CHAR = /[\p{L}\p{N}_]/u;

/**
 * True when `text[from, to)` is not part of a longer identifier: a term that
 * starts (or ends) with an identifier character must not be preceded (or
 * followed) by one, so `st.session_state` is not found in `test_st.session_state`
 * or `st.session_state_helper`.
 */
export function atIdentifierBoundaries(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  const startsWord = IDENTIFIER_CHAR.test(text[from]);
  const endsWord = IDENTIFIER_CHAR.test(text[to - 1]);
  if (startsWord && from > 0 && IDENTIFIER_CHAR.test(text[from - 1])) return false;
  if (endsWord && to < text.length && IDENTIFIER_CHAR.test(text[to])) return false;
  return true;
}
