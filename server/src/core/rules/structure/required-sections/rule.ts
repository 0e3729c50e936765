import { code } from '../../../messages';
import type { Rule, RuleContext } from '../../../rule';
import type { Range, RelatedLocation } from '../../../types';
import { insertSectionFix } from '../../../structure/insert';
import { matchRequirement } from '../../../structure/match';
import { requirementFor } from '../../../structure/resolve';
import type { RequirementSource } from '../../../structure/requirements';

function requiredHere(source: RequirementSource, line?: number): RelatedLocation[] {
  if (!source.path) return [];
  const range: Range = line !== undefined ? { start: { line, character: 0 }, end: { line, character: 0 } } : (source.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  return [{ path: source.path, range, message: 'The requirement is written here.' }];
}

function titleRange(ctx: RuleContext): Range {
  const title = ctx.doc.headings.find((h) => h.depth === 1);
  if (title) return title.range;
  const line = ctx.doc.frontMatter ? Math.min(ctx.doc.frontMatter.range.end.line + 1, ctx.doc.lines.lineCount - 1) : 0;
  return ctx.doc.lines.lineRange(line);
}

export const structureRequiredSections: Rule = {
  id: 'structure/required-sections',
  description: 'Documents must have the sections their task-doc deliverable spec, template or schema requires, subsections under their parents.',
  defaultSeverity: 'warning',
  check(ctx) {
    const requirement = requirementFor(ctx.doc, ctx.info, ctx.ws);
    if (!requirement) return;
    const { source } = requirement;
    const result = matchRequirement(ctx.doc, requirement.sections);
    for (const missing of result.missing) {
      const { requirement: section, parent, parentOccurrence } = missing;
      // Status and Date of an ADR are `adr/metadata`'s to check, whatever form they take.
      if (section.metadata && ctx.info.kind === 'adr') continue;
      const where = section.title ? 'a title heading' : `section ${code(section.name)}`;
      const under = parent ? ` under ${code(parent.name)}` : '';
      ctx.report({
        range: parentOccurrence?.range ?? titleRange(ctx),
        message: `Missing ${where}${under} (required by ${source.label}).`,
        fixes: [insertSectionFix(ctx.doc, ctx.info.kind, missing)],
        related: requiredHere(source, section.line),
      });
    }
    for (const misplaced of result.misplaced) {
      ctx.report({
        range: misplaced.occurrence.range,
        message: `Section ${code(misplaced.requirement.name)} must sit under ${code(misplaced.parent.name)} (required by ${source.label}).`,
        related: [
          { path: ctx.doc.path, range: misplaced.parentOccurrence.range, message: `The ${misplaced.parent.name} section.` },
          ...requiredHere(source, misplaced.requirement.line),
        ],
      });
    }
  },
};
