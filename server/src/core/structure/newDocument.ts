import type { ResolvedConfig } from '../config/resolved';
import { kindOfPath } from '../kinds';
import { adrNumberFromFileName, skeletonForNewDocument, titleFromFileName } from '../skeletons';
import { adrDateSection, adrStatusSection } from '../skeletons/adr';
import { findSection, renderSection, renderSkeleton, plain } from '../skeletons/skeleton';
import { sameSection } from './names';
import { assignedSchema } from './config';
import { insertionSkeletons, renderRequired } from './insert';
import type { Deliverable } from './taskSpecs';

/**
 * The content a declared deliverable starts from: its spec's required
 * sections when the task doc lists them, otherwise the skeleton of its kind.
 * Null for files that are not Markdown documents.
 */
export function newDeliverableContent(deliverable: Deliverable, config: ResolvedConfig, today: string): string | null {
  const path = deliverable.path;
  if (!path.toLowerCase().endsWith('.md')) return null;
  const kind = kindOfPath(path, config);
  const fileTitle = titleFromFileName(path);
  const title = kind === 'adr' ? fileTitle : (deliverable.title ?? fileTitle);
  const schema = assignedSchema(config, path)?.schema;
  if (deliverable.sections.length > 0 && kind === 'runbook') {
    // A runbook needs more than the spec lists (prerequisites, verified steps, escalation):
    // start from its skeleton so the new file is a complete runbook, then add what the spec adds.
    const skeleton = skeletonForNewDocument({ path, kind, title, date: today, schema })!;
    const skeletons = insertionSkeletons(path, title, kind);
    const extra = deliverable.sections.filter((s) => !s.title && !findSection(skeleton.sections, (name) => sameSection(name, s.name)));
    return [renderSkeleton(skeleton).trimEnd(), ...extra.map((section) => renderRequired(section, 2, skeletons).trimEnd())].join('\n\n') + '\n';
  }
  if (deliverable.sections.length > 0) {
    const heading = kind === 'adr' ? `ADR-${adrNumberFromFileName(path) ?? '0000'}: ${title}` : title;
    const parts = [`# ${heading}`, ''];
    const sections = deliverable.sections.filter((s) => !s.title);
    if (kind === 'adr' && !sections.some((s) => s.metadata)) {
      parts.push(plain(renderSection(adrStatusSection(), 2)), plain(renderSection(adrDateSection(today), 2)));
    }
    const skeletons = insertionSkeletons(path, title, kind);
    for (const section of sections) parts.push(renderRequired(section, 2, skeletons));
    return `${parts.join('\n').trimEnd()}\n`;
  }
  const skeleton = skeletonForNewDocument({ path, kind, title, date: today, schema });
  return skeleton ? renderSkeleton(skeleton) : `# ${title}\n\nTODO: write this document.\n`;
}
