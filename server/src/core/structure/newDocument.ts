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
export function newDeliverableContent(deliverable: Deliverable, config: ResolvedConfig, today: string, spelledIn = ''): string | null {
  const path = deliverable.path;
  if (!path.toLowerCase().endsWith('.md')) return null;
  const kind = kindOfPath(path, config);
  const fileTitle = respell(titleFromFileName(path), spelledIn);
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

/**
 * A title made from a file name capitalises each word (`nicegui` -> `Nicegui`);
 * where the task doc spells a word with inner capitals (`NiceGUI`) or as a
 * short acronym (`API`), that spelling is used instead.
 */
export function respell(title: string, text: string): string {
  if (!text) return title;
  return title
    .split(' ')
    .map((word) => {
      const counts = new Map<string, number>();
      const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      for (const match of text.matchAll(new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`, 'gi'))) {
        const variant = match[0];
        const innerCapitals = /[a-z]/.test(variant) && /[A-Z]/.test(variant.slice(1));
        const acronym = variant.length <= 4 && variant === variant.toUpperCase() && /[A-Z]/.test(variant);
        if (innerCapitals || acronym) counts.set(variant, (counts.get(variant) ?? 0) + 1);
      }
      const best = [...counts].sort((a, b) => b[1] - a[1])[0];
      return best ? best[0] : word;
    })
    .join(' ');
}
