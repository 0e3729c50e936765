import { kindOfPath } from '../../../kinds';
import { plannedForArchive } from '../../archive/inventory';
import { code } from '../../../messages';
import { posixBasename } from '../../../paths';
import type { Rule } from '../../../rule';
import { renderSkeleton } from '../../../skeletons/skeleton';
import { skeletonForNewDocument, titleFromFileName } from '../../../skeletons';
import type { Fix } from '../../../types';
import { cellsOf, type CellOccurrence } from '../../../xref/model';
import { CellResolver } from '../../../xref/resolve';

/** The content a missing document starts with: the skeleton of its kind, or just a title for kinds without one. */
export function newDocumentContent(path: string, kind: ReturnType<typeof kindOfPath>, today: string): string {
  const skeleton = skeletonForNewDocument({ path, kind, date: today });
  return skeleton ? renderSkeleton(skeleton) : `# ${titleFromFileName(path) || posixBasename(path)}\n`;
}

export const xrefMissingDocument: Rule = {
  id: 'xref/missing-document',
  description: 'Every document a cross-reference matrix names (as a row or a required target) must exist.',
  defaultSeverity: 'warning',
  check(ctx) {
    const byPath = new Map<string, CellOccurrence[]>();
    for (const cell of cellsOf(ctx.ws, new CellResolver(ctx.ws), ctx.doc.path)) {
      if (cell.resolution.status !== 'resolved') continue;
      for (const target of cell.resolution.targets) {
        if (target.exists) continue;
        byPath.set(target.path, [...(byPath.get(target.path) ?? []), cell]);
      }
    }
    for (const [path, [first, ...others]] of byPath) {
      const kind = kindOfPath(path, ctx.ws.config);
      const fix: Fix = {
        title: `Create ${path} from the ${kind} skeleton`,
        safe: !plannedForArchive(path, ctx.ws),
        changes: [{ kind: 'create', path, content: newDocumentContent(path, kind, ctx.today()) }],
      };
      const how = first.resolution.status === 'resolved' ? first.resolution.how : '';
      ctx.report({
        range: first.item.range,
        message: `${code(first.item.text)} names ${code(path)} (${how}), which does not exist; the matrix ${first.role === 'document' ? 'lists it as a row document' : 'requires links to it'}.`,
        fixes: [fix],
        related: others.map((cell) => ({ path: ctx.doc.path, range: cell.item.range, message: `also named here as ${code(cell.item.text)}` })),
      });
    }
  },
};
