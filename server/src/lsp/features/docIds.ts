import type { Engine } from '../../core/engine';
import type { DocumentModel } from '../../core/document';
import { posixBasename } from '../../core/paths';

/** Ids that name documents in prose: ADR numbers and task ids such as `P5T2`. */
export const DOC_ID_PATTERN = /\b(ADR-\d{1,5}|P\d+T\d+)\b/g;

const FILE_NAME_ID = /^(ADR-\d{1,5}|P\d+T\d+)(?=[-_.\s])/i;

/** The id a document is known by: its front matter `id`, else the id its file name starts with. */
export function documentId(model: DocumentModel): string | null {
  const declared = model.frontMatter?.data?.id;
  if (typeof declared === 'string' && declared.trim() !== '') return declared.trim().toUpperCase();
  const match = FILE_NAME_ID.exec(posixBasename(model.path));
  return match ? match[1].toUpperCase() : null;
}

/** Every document id of the index, mapped to its path (the first path wins on duplicates). */
export function documentIds(engine: Engine): Map<string, string> {
  const ids = new Map<string, string>();
  for (const path of engine.documentPaths().sort()) {
    const model = engine.getDocument(path)?.model;
    const id = model && documentId(model);
    if (id && !ids.has(id)) ids.set(id, path);
  }
  return ids;
}
