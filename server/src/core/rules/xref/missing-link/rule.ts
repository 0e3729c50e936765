import { code } from '../../../messages';
import { encodeLinkPath, posixBasename, relativeLink } from '../../../paths';
import type { Rule, RuleContext } from '../../../rule';
import type { Fix } from '../../../types';
import { appendToSection } from '../../../xref/edits';
import { linkedPaths } from '../../../xref/links';
import { MentionFinder, type Mention } from '../../../xref/mentions';
import { anchorRange, matrixLocation, requiringRow, relatedSectionHeading, requirementsFor, type Requirement } from '../../../xref/model';
import { CellResolver } from '../../../xref/resolve';

export const RELATED_SECTION_TITLE = 'Related Documents';

/** A required link the document names (in prose or a code span) but does not link. */
export interface MentionedRequirement {
  requirement: Requirement;
  mention: Mention;
}

/** The required links of this document that are neither linked nor mentioned (mentions are `xref/mentioned-not-linked`'s). */
export function unlinkedRequirements(ctx: RuleContext): { missing: Requirement[]; mentioned: MentionedRequirement[] } {
  const requirements = requirementsFor(ctx.ws, new CellResolver(ctx.ws), ctx.doc.path);
  if (requirements.length === 0) return { missing: [], mentioned: [] };
  const linked = linkedPaths(ctx.doc);
  const mentions = new MentionFinder(ctx.doc);
  const missing: Requirement[] = [];
  const mentioned: MentionedRequirement[] = [];
  for (const requirement of requirements) {
    if (linked.has(requirement.target)) continue;
    const mention = mentions.find(requirement.target);
    if (mention) mentioned.push({ requirement, mention });
    else missing.push(requirement);
  }
  return { missing, mentioned };
}

function addLinksFix(ctx: RuleContext, targets: readonly string[], title: string, safe: boolean): Fix {
  const lines = targets.map((t) => `- [${posixBasename(t)}](${encodeLinkPath(relativeLink(ctx.doc.path, t))})`);
  const edit = appendToSection(ctx.doc, relatedSectionHeading(ctx.doc), RELATED_SECTION_TITLE, lines);
  return { title, safe, changes: [{ kind: 'edit', path: ctx.doc.path, edits: [edit] }] };
}

export const xrefMissingLink: Rule = {
  id: 'xref/missing-link',
  description: 'Every document in a cross-reference matrix must link to each document its row requires.',
  defaultSeverity: 'warning',
  check(ctx) {
    const { missing } = unlinkedRequirements(ctx);
    if (missing.length === 0) return;
    const range = anchorRange(ctx.doc);
    const section = relatedSectionHeading(ctx.doc)?.text ?? RELATED_SECTION_TITLE;
    const existing = missing.filter((r) => r.targetExists).map((r) => r.target);
    for (const requirement of missing) {
      const where = matrixLocation(ctx.ws, requirement.matrix, requirement.row);
      const notYet = requirement.targetExists ? '' : ` (it does not exist yet; see ${code('xref/missing-document')})`;
      const fixes = [
        addLinksFix(ctx, [requirement.target], `Add a link to ${posixBasename(requirement.target)} under "${section}"`, requirement.targetExists),
      ];
      if (existing.length > 1 && requirement.targetExists) {
        fixes.unshift(addLinksFix(ctx, existing, `Add links to all ${existing.length} required documents under "${section}"`, true));
      }
      ctx.report({
        range,
        message: `Missing required link to ${code(requirement.target)}${notYet}: the cross-reference matrix at ${where} requires it (cell ${code(requirement.cell.text)}).`,
        fixes,
        ...requiringRow(ctx.ws, requirement.matrix, requirement.row),
      });
    }
  },
};
