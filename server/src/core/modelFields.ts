import type { DocumentModel } from './document';

/** The model as a rule sees it, noting which of its top-level fields the rule reads. */
export function recordingFieldReads(model: DocumentModel, fields: Set<string>): DocumentModel {
  return new Proxy(model, {
    get(target, field, receiver) {
      if (typeof field === 'string') fields.add(field);
      return Reflect.get(target, field, receiver);
    },
  });
}

/**
 * Whether a model field differs between two versions of a document: arrays
 * compare item by item by identity (unchanged facts are shared objects), the
 * text and line index always count as changed when the text did.
 */
export function fieldChanged(before: DocumentModel, after: DocumentModel, field: string): boolean {
  const a = (before as unknown as Record<string, unknown>)[field];
  const b = (after as unknown as Record<string, unknown>)[field];
  if (a === b) return false;
  if (field === 'lines') return before.text !== after.text;
  if (Array.isArray(a) && Array.isArray(b)) return a.length !== b.length || a.some((item, i) => item !== b[i]);
  return true;
}
