import type { DocumentModel } from '../../document';

/**
 * A task plan with an id in its front matter (`id: P5T2`), moved to the
 * archive when the task was done (`P5T2_DONE.md`): a record of finished work,
 * not deprecated behaviour, so it needs no deprecation notice and links to
 * it (cross-reference matrices require them) are not links to stale text.
 */
export function isTaskRecord(doc: DocumentModel): boolean {
  const id = doc.frontMatter?.data?.id;
  return typeof id === 'string' || typeof id === 'number';
}
