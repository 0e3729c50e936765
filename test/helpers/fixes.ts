import { applyTextEdits } from '../../server/src/core/fixes';
import type { Fix } from '../../server/src/core/types';

/** The text of `path` after applying the edits of `fix` to it (`files[path]` before). */
export function textAfterFix(files: Record<string, string>, fix: Fix, path: string): string {
  let text = files[path] ?? '';
  for (const change of fix.changes) {
    if (change.kind === 'edit' && change.path === path) text = applyTextEdits(text, change.edits);
    if (change.kind === 'create' && change.path === path) text = change.content;
  }
  return text;
}
