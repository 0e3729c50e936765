import { code } from './messages';
import type { DocumentSummary, WorkspaceView } from './rule';
import { matchRequirement } from './structure/match';
import { requirementFor } from './structure/resolve';
import type { RequiredSection } from './structure/requirements';
import { taskDeliverables } from './structure/taskSpecs';
import { isTemplatePath } from './structure/templates';

function listSections(sections: readonly RequiredSection[], indent = ''): string[] {
  return sections.flatMap((section) => [
    `${indent}- ${section.title ? 'Title heading' : section.name}${section.metadata ? ' (heading, bold field or front matter)' : ''}`,
    ...section.expected.map((item) => `${indent}  - _${item}_`),
    ...listSections(section.children, `${indent}  `),
  ]);
}

function describeTask(summary: DocumentSummary, ws: WorkspaceView): string[] {
  const deliverables = taskDeliverables(summary.model);
  if (deliverables.length === 0) return [];
  const seen = new Set<string>();
  const lines = ['', 'Deliverables:', ''];
  for (const d of deliverables) {
    if (seen.has(d.path)) continue;
    seen.add(d.path);
    const state = ws.fileExists(d.path) ? 'exists' : 'missing';
    lines.push(`- ${code(d.path)}${d.feature ? ` (${d.feature})` : ''}: ${state}${d.sections.length ? `, ${d.sections.length} required sections` : ''}`);
  }
  return lines;
}

/**
 * Markdown for a hover on a document's first line: its kind, where the kind
 * came from, and what governs its structure (task-doc spec, template or
 * schema) with the required sections and their expected content. For task
 * docs, the deliverables they declare and whether each exists.
 */
export function describeDocument(summary: DocumentSummary, ws: WorkspaceView): string {
  const { model, info } = summary;
  const lines = [`**adrift** · kind \`${info.kind}\` (from ${info.kindSource})`];
  if (isTemplatePath(model.path, ws.config)) {
    lines.push('', 'This is a template: its headings are the required sections of the documents of its kind.');
    return lines.join('\n');
  }
  if (info.kind === 'task') lines.push(...describeTask(summary, ws));
  const requirement = requirementFor(model, info, ws);
  if (!requirement) {
    if (info.kind !== 'task') lines.push('', 'No required structure applies to this document.');
    return lines.join('\n');
  }
  const { source } = requirement;
  const origin = source.kind === 'task' ? `the deliverable spec in ${source.label}` : source.label;
  lines.push('', `Structure required by ${origin}:`, '', ...listSections(requirement.sections));
  return lines.join('\n');
}

/**
 * Markdown for a hover on a heading that a requirement names: where it is
 * required and the content the spec expects under it. Null for other lines.
 */
export function describeHeading(summary: DocumentSummary, ws: WorkspaceView, line: number): string | null {
  const requirement = requirementFor(summary.model, summary.info, ws);
  if (!requirement) return null;
  const stack = [...matchRequirement(summary.model, requirement.sections).matched];
  while (stack.length) {
    const matched = stack.pop()!;
    if (matched.occurrence.form === 'heading' && matched.occurrence.line === line) {
      const section = matched.requirement;
      const lines = [`**${section.name}**: required by ${requirement.source.label}`];
      if (section.expected.length) lines.push('', 'Expected content:', '', ...section.expected.map((item) => `- ${item}`));
      if (section.children.length) lines.push('', `Required subsections: ${section.children.map((c) => c.name).join(', ')}`);
      return lines.join('\n');
    }
    stack.push(...matched.children);
  }
  return null;
}
