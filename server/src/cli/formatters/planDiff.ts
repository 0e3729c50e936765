import { formatPatch, structuredPatch, type StructuredPatch } from 'diff';
import type { ArchivePlan } from '../../core/archive/plan';
import { applyTextEdits } from '../../core/fixes';
import { splitBom } from '../../core/text';

/**
 * An archive plan as a Git-style unified diff: each move is a rename whose
 * hunks show the notice and the re-aimed links, each other file an edit.
 * `git apply` accepts it, so a reviewer can apply exactly what was shown.
 */
export function formatPlanDiff(plan: ArchivePlan, readRaw: (path: string) => string): string {
  const patches: StructuredPatch[] = [];
  for (const move of plan.moves) {
    const created = plan.changes.find((c) => c.kind === 'create' && c.path === move.to);
    if (!created || created.kind !== 'create') continue;
    patches.push(gitPatch(move.from, move.to, readRaw(move.from), created.content, true));
  }
  for (const change of plan.changes) {
    if (change.kind !== 'edit') continue;
    const before = readRaw(change.path);
    const { text, bom } = splitBom(before);
    patches.push(gitPatch(change.path, change.path, before, (bom ? '\uFEFF' : '') + applyTextEdits(text, change.edits), false));
  }
  return patches.length ? `${formatPatch(patches)}\n` : '';
}

function gitPatch(from: string, to: string, before: string, after: string, isRename: boolean): StructuredPatch {
  return { ...structuredPatch(`a/${from}`, `b/${to}`, before, after, undefined, undefined, { context: 3 }), isGit: true, isRename };
}
