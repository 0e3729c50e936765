import type { DocKind } from '../config/types';
import type { DocumentModel } from '../document';
import { adrMigrationSkeleton } from '../skeletons/adrMigration';
import { conceptSkeleton } from '../skeletons/concept';
import { runbookSkeletonMakerFor, titleFromFileName } from '../skeletons';
import { deploymentRunbookSkeleton } from '../skeletons/runbookDeployment';
import { performanceRunbookSkeleton } from '../skeletons/runbookPerformance';
import { rollbackRunbookSkeleton } from '../skeletons/runbookRollback';
import { troubleshootingRunbookSkeleton } from '../skeletons/runbookTroubleshooting';
import { findSection, plain, type Skeleton, type SkeletonSection } from '../skeletons/skeleton';
import type { Fix, Position } from '../types';
import { openFenceAtEnd } from '../xref/edits';
import type { MissingSection } from './match';
import { sameSection } from './names';
import type { RequiredSection } from './requirements';

const blankSkeletons = new Map<(input: never) => Skeleton, Skeleton>();

/** A skeleton with blank inputs, made once: only section titles and bodies are read from it. */
function blank<I>(make: (input: I) => Skeleton, input: I): Skeleton {
  let skeleton = blankSkeletons.get(make);
  if (!skeleton) {
    skeleton = make(input);
    blankSkeletons.set(make, skeleton);
  }
  return skeleton;
}

/** The skeletons to take section bodies from, the document's own kind first. Shared: never mutate them. */
export function insertionSkeletons(path: string, title: string, kind: DocKind): Skeleton[] {
  const adr = blank(adrMigrationSkeleton, { number: '0000', title: '', date: 'YYYY-MM-DD' });
  const runbooks = [
    blank(runbookSkeletonMakerFor(`${path} ${title}`), { service: '' }),
    blank(deploymentRunbookSkeleton, { service: '' }),
    blank(rollbackRunbookSkeleton, { service: '' }),
    blank(troubleshootingRunbookSkeleton, { service: '' }),
    blank(performanceRunbookSkeleton, { service: '' }),
  ];
  const concept = blank(conceptSkeleton, { title: '' });
  if (kind === 'adr') return [adr, concept, ...runbooks];
  if (kind === 'runbook') return [...runbooks, concept, adr];
  return [concept, adr, ...runbooks];
}

function skeletonSection(skeletons: readonly Skeleton[], name: string): SkeletonSection | undefined {
  for (const skeleton of skeletons) {
    const found = findSection(skeleton.sections, (title) => sameSection(title, name));
    if (found) return found;
  }
  return undefined;
}

function fallbackBody(requirement: RequiredSection): string {
  if (requirement.expected.length === 0) return 'TODO: write this section.';
  return ['TODO: cover', '', ...requirement.expected.map((item) => `- ${item}`)].join('\n');
}

/** The Markdown of a required section with its required subsections, bodies from the skeletons. */
export function renderRequired(requirement: RequiredSection, depth: number, skeletons: readonly Skeleton[]): string {
  const skeleton = skeletonSection(skeletons, requirement.name);
  const body = skeleton?.body.trim() ? plain(skeleton.body.trimEnd()) : skeleton?.children?.length && !requirement.expected.length ? '' : fallbackBody(requirement);
  const parts = [`${'#'.repeat(depth)} ${requirement.name}`, ''];
  if (body) parts.push(body, '');
  const children: string[] = [];
  const used = new Set<RequiredSection>();
  for (const child of skeleton?.children ?? []) {
    const required = requirement.children.find((c) => sameSection(c.name, child.title));
    if (required) used.add(required);
    children.push(renderRequired(required ?? { name: child.title, children: [], expected: [], metadata: false, title: false }, depth + 1, skeletons));
  }
  for (const child of requirement.children) if (!used.has(child)) children.push(renderRequired(child, depth + 1, skeletons));
  return [...parts, ...children].join('\n');
}

/** The line of the first section heading below the title: where a document's opening section belongs. */
function firstSectionLine(doc: DocumentModel): number | null {
  const title = doc.headings.find((h) => h.depth === 1);
  const first = doc.headings.find((h) => h.depth > 1 && (!title || h.range.start.line > title.range.start.line));
  return first ? first.range.start.line : null;
}

function insertionLine(missing: MissingSection, lineCount: number, opening: number | null): number {
  const index = missing.siblings.indexOf(missing.requirement);
  const placed = missing.matchedSiblings.filter((m) => m.occurrence.form === 'heading' && !m.requirement.title);
  const before = placed.filter((m) => missing.siblings.indexOf(m.requirement) < index).sort((a, b) => b.occurrence.line - a.occurrence.line)[0];
  const after = placed.filter((m) => missing.siblings.indexOf(m.requirement) > index).sort((a, b) => a.occurrence.line - b.occurrence.line)[0];
  if (before && after) return before.occurrence.end;
  if (after) return after.occurrence.line;
  // Nothing required follows: the section closes its scope, after any sections the schema does not name.
  if (missing.parentOccurrence) return missing.parentOccurrence.end;
  if (before) return lineCount;
  // A section the schema puts first (Overview) opens the document even when none of its siblings is there to anchor it.
  const leads = missing.siblings.slice(0, index).every((r) => r.title || r.metadata);
  return leads && opening !== null ? opening : lineCount;
}

function depthFor(missing: MissingSection): number {
  if (missing.parentOccurrence) return Math.min(6, missing.parentOccurrence.depth + 1);
  const sibling = missing.matchedSiblings.find((m) => m.occurrence.form === 'heading' && !m.requirement.title);
  return sibling ? sibling.occurrence.depth : 2;
}

/** A fix that inserts the missing section at its place in the required order. */
export function insertSectionFix(doc: DocumentModel, kind: DocKind, missing: MissingSection): Fix {
  const skeletons = insertionSkeletons(doc.path, doc.title ?? '', kind);
  const { requirement } = missing;
  if (requirement.title) {
    const line = doc.frontMatter ? doc.frontMatter.range.end.line + 1 : 0;
    return insertAt(doc, line, `# ${titleFromFileName(doc.path)}\n`, 'Insert a title heading');
  }
  const section = renderRequired(requirement, depthFor(missing), skeletons);
  return insertAt(doc, insertionLine(missing, doc.lines.lineCount, firstSectionLine(doc)), section, `Insert section "${requirement.name}" from the skeleton`);
}

function insertAt(doc: DocumentModel, line: number, section: string, title: string): Fix {
  const lineCount = doc.lines.lineCount;
  const text = doc.text;
  let position: Position;
  let newText: string;
  const lastLineEmpty = doc.lines.lineText(lineCount - 1) === '';
  const openFence = openFenceAtEnd(doc);
  if (openFence && line > doc.codeBlocks[doc.codeBlocks.length - 1].range.start.line) {
    // Below an unclosed fence the section would be code: close the fence (it ends there anyway), then append.
    position = doc.lines.positionAt(text.length);
    newText = `${text.endsWith('\n') ? '' : '\n'}${openFence}\n\n${section.trimEnd()}\n`;
  } else if (line >= lineCount || (line === lineCount - 1 && lastLineEmpty)) {
    position = doc.lines.positionAt(text.length);
    const prefix = text.length === 0 ? '' : text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
    newText = `${prefix}${section.trimEnd()}\n`;
  } else {
    position = { line, character: 0 };
    const previousBlank = line === 0 || doc.lines.lineText(line - 1).trim() === '';
    newText = `${previousBlank ? '' : '\n'}${section.trimEnd()}\n\n`;
  }
  return { title, safe: true, changes: [{ kind: 'edit', path: doc.path, edits: [{ range: { start: position, end: position }, newText }] }] };
}
