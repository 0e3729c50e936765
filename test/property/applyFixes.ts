import { applyTextEdits, mergeChanges } from '../../server/src/core/fixes';
import { splitBom } from '../../server/src/core/text';
import type { Fix } from '../../server/src/core/types';

/**
 * Applies fixes chosen together as `--fix` does: all edits of a document at
 * once (their ranges refer to the same text), creations first.
 */
export function applyFixes(files: Record<string, string>, fixes: Fix[]): Record<string, string> {
  const next = { ...files };
  for (const change of mergeChanges(fixes)) {
    if (change.kind === 'create' && next[change.path] === undefined) next[change.path] = change.content;
    if (change.kind === 'edit' && next[change.path] !== undefined) {
      const { text, bom } = splitBom(next[change.path]);
      next[change.path] = (bom ? '\uFEFF' : '') + applyTextEdits(text, change.edits);
    }
    if (change.kind === 'rename' && next[change.from] !== undefined && next[change.to] === undefined) {
      next[change.to] = next[change.from];
      delete next[change.from];
    }
    if (change.kind === 'delete') delete next[change.path];
  }
  return next;
}
