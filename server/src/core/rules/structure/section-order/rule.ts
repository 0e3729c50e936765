import { code } from '../../../messages';
import type { Rule } from '../../../rule';
import { matchRequirement, outOfOrder } from '../../../structure/match';
import { requirementFor } from '../../../structure/resolve';

export const structureSectionOrder: Rule = {
  id: 'structure/section-order',
  description: 'Required sections should appear in the order their spec, template or schema lists them.',
  defaultSeverity: 'info',
  check(ctx) {
    const requirement = requirementFor(ctx.doc, ctx.info, ctx.ws);
    if (!requirement) return;
    const result = matchRequirement(ctx.doc, requirement.sections);
    for (const { section, after, before } of outOfOrder(result.matched, requirement.sections)) {
      const place =
        after && before
          ? `between ${code(after.requirement.name)} and ${code(before.requirement.name)}`
          : after
            ? `after ${code(after.requirement.name)}`
            : before
              ? `before ${code(before.requirement.name)}`
              : 'elsewhere';
      ctx.report({
        range: section.occurrence.range,
        message: `Section ${code(section.requirement.name)} is out of order: ${requirement.source.label} lists it ${place}.`,
        related: after ? [{ path: ctx.doc.path, range: after.occurrence.range, message: `The ${after.requirement.name} section.` }] : undefined,
      });
    }
  },
};
