import type { DocumentModel } from '../../core/document';
import { metadataValues } from '../../core/rules/adr/metadata/rule';

const PLAIN_STATUS_LINE = /^\s*(?:[-*]\s*)?Status\s*:\s*([A-Za-z][\w -]*?)\s*$/im;

/** An ADR's status as `adr/metadata` reads it (section, bold field, front matter), else a plain `Status:` line. */
export function adrStatus(model: DocumentModel): string | null {
  const stated = metadataValues(model, 'Status').find((value) => value.text.trim() !== '');
  if (stated) return stated.text.trim();
  return PLAIN_STATUS_LINE.exec(model.text)?.[1] ?? null;
}
