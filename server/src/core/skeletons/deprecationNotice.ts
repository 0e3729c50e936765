/**
 * The deprecation notice archived documents start with (the migration plan's
 * template). One definition feeds the archive command, the
 * `archive/deprecation-notice` fix and the snippet.
 */
export interface DeprecationNoticeInput {
  /** What the document described, e.g. "the legacy Streamlit web console". */
  subject: string;
  /** ISO date, YYYY-MM-DD. */
  archivedDate: string;
  /** e.g. "Replaced by NiceGUI implementation (see ADR-0031)". */
  reason: string;
  /** Markdown for the replacement: a link such as `[nicegui-auth.md](../../CONCEPTS/nicegui-auth.md)`. */
  replacement: string;
  /** Markdown for the rollback pointer, a link to the rollback runbook; omitted when null. */
  rollback: string | null;
}

export const NOTICE_BANNER = '**DEPRECATED:**';

/** The notice text with `\n` line ends, ending in a blank line so the original content follows. */
export function renderDeprecationNotice(input: DeprecationNoticeInput): string {
  const lines = [
    '---',
    `${NOTICE_BANNER} This document describes ${input.subject}.`,
    '',
    `**Archived:** ${input.archivedDate}`,
    `**Reason:** ${input.reason}`,
    `**Replacement:** See ${input.replacement} for current documentation`,
    '',
    ...(input.rollback ? [`For rollback procedures, see ${input.rollback}`, ''] : []),
    '---',
    '',
    '',
  ];
  return lines.join('\n');
}

/**
 * The same notice as a VS Code snippet body: today's date from snippet
 * variables, tab stops for subject, reason, replacement and rollback.
 */
export function deprecationNoticeSnippet(): string[] {
  return renderDeprecationNotice({
    subject: '${1:the legacy Streamlit web console}',
    archivedDate: '${CURRENT_YEAR}-${CURRENT_MONTH}-${CURRENT_DATE}',
    reason: '${2:Replaced by NiceGUI implementation (see ADR-0031)}',
    replacement: '${3:[replacement](../../CONCEPTS/replacement.md)}',
    rollback: '${4:[the rollback runbook](../../RUNBOOKS/rollback.md)}',
  })
    .split('\n')
    .slice(0, -1);
}

/** Where a notice goes: after the front matter block, if the document has one. */
export function noticeInsertOffset(text: string): number {
  const match = /^---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) return 0;
  // A `---` block opening with Markdown is itself a notice or a rule, not front matter.
  return /^---\r?\n(?:[ \t]*\r?\n)*(\*\*|__|#{1,6}\s|>)/.test(text) ? 0 : match[0].length;
}
