import { code } from '../../../messages';
import type { Rule } from '../../../rule';
import { linkMentionFix } from '../../../xref/mentions';
import { matrixLocation, requiringRow } from '../../../xref/model';
import { unlinkedRequirements } from '../missing-link/rule';

export const xrefMentionedNotLinked: Rule = {
  id: 'xref/mentioned-not-linked',
  description: 'A document that a cross-reference matrix says must be linked is only named (in prose or a code span), not linked.',
  defaultSeverity: 'warning',
  check(ctx) {
    for (const { requirement, mention } of unlinkedRequirements(ctx).mentioned) {
      const where = matrixLocation(ctx.ws, requirement.matrix, requirement.row);
      ctx.report({
        range: mention.range,
        message: `${code(mention.written)} is named here but not linked; the cross-reference matrix at ${where} requires a link to ${code(requirement.target)}.`,
        fixes: [linkMentionFix(ctx.doc, mention, requirement.target, requirement.targetExists)],
        ...requiringRow(ctx.ws, requirement.matrix, requirement.row),
      });
    }
  },
};
