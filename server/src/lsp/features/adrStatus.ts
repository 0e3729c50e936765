import type { DocumentModel } from '../../core/document';

const STATUS_LINE = /^\s*(?:[-*]\s*)?\**Status\**\s*:\s*\**\s*([A-Za-z][\w -]*?)\s*\**\s*$/im;

/** An ADR's status: front matter `status`, a `Status:` line, or the first line under a `Status` heading. */
export function adrStatus(model: DocumentModel): string | null {
  const declared = model.frontMatter?.data?.status;
  if (typeof declared === 'string' && declared.trim()) return declared.trim();
  const line = STATUS_LINE.exec(model.text);
  if (line) return line[1];
  const heading = model.headings.find((h) => /^status$/i.test(h.text.trim()));
  if (!heading) return null;
  for (let n = heading.range.end.line + 1; n < model.lines.lineCount; n++) {
    const text = model.lines.lineText(n).trim();
    if (text.startsWith('#')) return null;
    if (text) return text.replace(/[*_`]/g, '');
  }
  return null;
}
