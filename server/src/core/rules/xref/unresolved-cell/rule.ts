import { code } from '../../../messages';
import { encodeLinkPath, relativeLink } from '../../../paths';
import type { Rule } from '../../../rule';
import { cellsOf } from '../../../xref/model';
import { aliasHint, CellResolver } from '../../../xref/resolve';

export const xrefUnresolvedCell: Rule = {
  id: 'xref/unresolved-cell',
  description: 'Every name in a cross-reference matrix must resolve to exactly one document (or group of documents).',
  defaultSeverity: 'warning',
  check(ctx) {
    for (const cell of cellsOf(ctx.ws, new CellResolver(ctx.ws), ctx.doc.path)) {
      const { item, resolution } = cell;
      if (resolution.status === 'unresolved') {
        ctx.report({
          range: item.range,
          message: `Cannot tell which document ${code(item.text)} names; tried ${resolution.tried.join('; ')}. Write a path, or add an alias to .adrift.yaml: ${code(aliasHint(item.text))}.`,
        });
      } else if (resolution.status === 'ambiguous') {
        ctx.report({
          range: item.range,
          message: `${code(item.text)} is ambiguous: ${resolution.how} match ${resolution.candidates.map(code).join(', ')}. Write the path, or add an alias: ${code(aliasHint(item.text, resolution.candidates[0]))}.`,
          fixes: resolution.candidates.map((candidate) => {
            const link = `[${item.text}](${encodeLinkPath(relativeLink(ctx.doc.path, candidate))})`;
            return {
              title: `Link the cell to ${candidate}`,
              safe: false,
              changes: [{ kind: 'edit', path: ctx.doc.path, edits: [{ range: item.range, newText: link }] }],
            };
          }),
        });
      }
    }
  },
};
