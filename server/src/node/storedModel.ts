import type { DocumentModel } from '../core/document';
import { LineIndex, splitBom } from '../core/text';

/**
 * A parsed model without its text and line index: what crosses a worker
 * boundary and what the persistent cache keeps. The text is on disk (or in
 * the editor) anyway, and the line index is rebuilt from it in linear time.
 */
export type StoredModel = Omit<DocumentModel, 'text' | 'lines'>;

export function storeModel(model: DocumentModel): StoredModel {
  const { text: _text, lines: _lines, ...rest } = model;
  return rest;
}

/** Re-attaches the text (raw, BOM allowed) the model was parsed from. */
export function restoreModel(stored: StoredModel, raw: string): DocumentModel {
  const { text } = splitBom(raw);
  return { ...stored, text, lines: new LineIndex(text) };
}
