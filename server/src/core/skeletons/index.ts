import type { DocKind } from '../config/types';
import { posixBasename } from '../paths';
import { ADR_SNIPPET_INPUT, adrSkeleton, type AdrInput } from './adr';
import { adrMigrationSkeleton } from './adrMigration';
import { CONCEPT_SNIPPET_INPUT, conceptSkeleton } from './concept';
import { deprecationNoticeSnippet } from './deprecationNotice';
import { deploymentRunbookSkeleton } from './runbookDeployment';
import { performanceRunbookSkeleton } from './runbookPerformance';
import { RUNBOOK_SNIPPET_INPUT, type RunbookInput } from './runbookParts';
import { rollbackRunbookSkeleton } from './runbookRollback';
import { renderSnippet, type Skeleton } from './skeleton';
import { troubleshootingRunbookSkeleton } from './runbookTroubleshooting';

const RUNBOOKS: [RegExp, (input: RunbookInput) => Skeleton][] = [
  [/rollback|revert/i, rollbackRunbookSkeleton],
  [/troubleshoot|debug|incident/i, troubleshootingRunbookSkeleton],
  [/perf|load|capacity|scal/i, performanceRunbookSkeleton],
  [/deploy|release|install|rollout/i, deploymentRunbookSkeleton],
];

/** What makes the runbook skeleton whose purpose a name (file or title) suggests; deployment when nothing matches. */
export function runbookSkeletonMakerFor(name: string): (input: RunbookInput) => Skeleton {
  return RUNBOOKS.find(([pattern]) => pattern.test(name))?.[1] ?? deploymentRunbookSkeleton;
}

/** The runbook skeleton whose purpose a name (file or title) suggests; deployment when nothing matches. */
export function runbookSkeletonFor(name: string, input: RunbookInput): Skeleton {
  return runbookSkeletonMakerFor(name)(input);
}

/** `nicegui-rollback.md` -> `Nicegui Rollback`. */
export function titleFromFileName(path: string): string {
  const stem = posixBasename(path).replace(/\.md$/i, '');
  return stem
    .replace(/^(?:adr[-_ ]?)?\d+[-_ ]?/i, '')
    .split(/[-_ ]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ');
}

/** `ADR-0031-web-stack.md` -> `0031`; null when the name has no number. */
export function adrNumberFromFileName(path: string): string | null {
  return /^(?:adr[-_ ]?)?(\d+)/i.exec(posixBasename(path))?.[1] ?? null;
}

export interface NewDocumentInput {
  path: string;
  kind: DocKind;
  /** A title to use instead of one derived from the file name. */
  title?: string;
  /** ISO date for ADRs. */
  date: string;
  /** Built-in schema name the new file will be held to, when one is assigned. */
  schema?: string;
}

/** The skeleton a new document at `path` starts from: ADR, concept doc or the matching runbook; null for other kinds. */
export function skeletonForNewDocument(input: NewDocumentInput): Skeleton | null {
  const title = input.title ?? titleFromFileName(input.path);
  if (input.kind === 'adr') {
    const adr: AdrInput = { number: adrNumberFromFileName(input.path) ?? '0000', title, date: input.date };
    return input.schema === 'adr-migration' ? adrMigrationSkeleton(adr) : adrSkeleton(adr);
  }
  if (input.kind === 'concept') return conceptSkeleton({ title });
  if (input.kind === 'runbook') {
    const service = title.replace(/\b(runbook|deploy(?:ment)?|troubleshoot(?:ing)?|perf(?:ormance)?|rollback)\b/gi, '').replace(/\s+/g, ' ').trim();
    return runbookSkeletonFor(`${posixBasename(input.path)} ${title}`, { service: service || title });
  }
  return null;
}

/** Every skeleton in its snippet form, in the order the snippets file lists them. */
export function snippetSkeletons(): Skeleton[] {
  return [
    adrSkeleton(ADR_SNIPPET_INPUT),
    adrMigrationSkeleton(ADR_SNIPPET_INPUT),
    conceptSkeleton(CONCEPT_SNIPPET_INPUT),
    deploymentRunbookSkeleton(RUNBOOK_SNIPPET_INPUT),
    troubleshootingRunbookSkeleton(RUNBOOK_SNIPPET_INPUT),
    performanceRunbookSkeleton(RUNBOOK_SNIPPET_INPUT),
    rollbackRunbookSkeleton(RUNBOOK_SNIPPET_INPUT),
  ];
}

export interface VsCodeSnippet {
  prefix: string;
  description: string;
  body: string[];
}

/** The content of `snippets/markdown.json`, generated from the skeletons by `npm run gen`. */
export function markdownSnippets(): Record<string, VsCodeSnippet> {
  const snippets: Record<string, VsCodeSnippet> = {};
  for (const skeleton of snippetSkeletons()) {
    snippets[`adrift: ${skeleton.id}`] = { prefix: `adrift-${skeleton.id}`, description: skeleton.description, body: renderSnippet(skeleton) };
  }
  snippets['adrift: deprecation-notice'] = {
    prefix: 'adrift-deprecation-notice',
    description: 'Deprecation notice for an archived document',
    body: deprecationNoticeSnippet(),
  };
  return snippets;
}
