import type { DocumentModel } from '../../document';
import { noticeInsertOffset } from '../../skeletons/deprecationNotice';

/** One labelled line of a deprecation notice (`**Archived:** 2025-01-31`). */
export interface NoticeField {
  line: number;
  /** Offset of the value (after the label) in the document text. */
  valueFrom: number;
  value: string;
}

/** What a document's leading deprecation notice contains; null fields are missing. */
export interface ParsedNotice {
  /** Lines the notice block spans: `[firstLine, lastLine]`. */
  firstLine: number;
  lastLine: number;
  banner: NoticeField | null;
  archived: NoticeField | null;
  reason: NoticeField | null;
  replacement: NoticeField | null;
  rollback: NoticeField | null;
}

const LABELS = {
  banner: /^\s*(?:\*\*|__)DEPRECATED:?(?:\*\*|__):?\s*/i,
  archived: /^\s*(?:\*\*|__)Archived:?(?:\*\*|__):?\s*/i,
  reason: /^\s*(?:\*\*|__)Reason:?(?:\*\*|__):?\s*/i,
  replacement: /^\s*(?:\*\*|__)Replacement:?(?:\*\*|__):?\s*/i,
  rollback: /^\s*(?:for\s+)?rollback\b[^:]*?(?:,|:)?\s*(?:see\s+)?/i,
} as const;

/** How far into a document its notice may reach: the template is ten lines. */
const NOTICE_WINDOW = 16;

/**
 * Reads the deprecation notice at the top of a document (after front matter):
 * the lines up to the `---` that closes it, the first heading, or sixteen
 * lines, whichever comes first. Null when there is no DEPRECATED line there.
 */
export function parseNotice(doc: DocumentModel): ParsedNotice | null {
  const start = doc.lines.positionAt(noticeInsertOffset(doc.text)).line;
  const headingLines = new Set(doc.headings.map((h) => h.range.start.line));
  const notice: ParsedNotice = { firstLine: start, lastLine: start, banner: null, archived: null, reason: null, replacement: null, rollback: null };
  for (let line = start; line < Math.min(doc.lines.lineCount, start + NOTICE_WINDOW); line++) {
    const text = doc.lines.lineText(line);
    if (line === start && /^-{3,}\s*$/.test(text)) continue;
    if (/^-{3,}\s*$/.test(text) && notice.banner) {
      notice.lastLine = line;
      break;
    }
    if (headingLines.has(line)) break;
    for (const key of Object.keys(LABELS) as (keyof typeof LABELS)[]) {
      if (notice[key]) continue;
      const match = LABELS[key].exec(text);
      if (!match) continue;
      if (key === 'rollback' && !notice.banner) continue;
      notice[key] = { line, valueFrom: doc.lines.lineStart(line) + match[0].length, value: text.slice(match[0].length).trim() };
      notice.lastLine = line;
      break;
    }
    if (!notice.banner && text.trim() !== '') break;
  }
  return notice.banner ? notice : null;
}
