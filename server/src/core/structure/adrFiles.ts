import type { DocumentModel } from '../document';
import { posixBasename } from '../paths';
import type { DocInfo } from '../rule';

/** `ADR-0031-web-stack.md`, `0007-use-postgres.md`, `adr-12_x.md`: the number, or null. */
export function adrFileNumber(path: string): number | null {
  const digits = /^(?:adr[-_ ]?)?(\d+)(?=[-_. ])/i.exec(posixBasename(path))?.[1];
  return digits === undefined ? null : Number(digits);
}

/**
 * Whether a document is a decision record, not an index or readme that lives
 * in the ADR folder: its file name carries a number, or its kind was declared.
 */
export function isDecisionRecord(doc: DocumentModel, info: DocInfo): boolean {
  if (info.kind !== 'adr') return false;
  if (adrFileNumber(doc.path) !== null) return true;
  return !info.kindSource.startsWith('path convention');
}
