import { adrSkeleton } from '../skeletons/adr';
import { adrMigrationSkeleton } from '../skeletons/adrMigration';
import { conceptSkeleton } from '../skeletons/concept';
import { deploymentRunbookSkeleton } from '../skeletons/runbookDeployment';
import type { Skeleton, SkeletonSection } from '../skeletons/skeleton';
import type { Range } from '../types';
import { isMetadataName, isTitleName } from './names';

/** One section a document must have. Plain JSON: requirements travel through topics. */
export interface RequiredSection {
  name: string;
  children: RequiredSection[];
  /** What the section should cover (a task doc's nested checklist); shown on hover, never required as headings. */
  expected: string[];
  /** Satisfied by a bold field or front matter key as well as a heading. */
  metadata: boolean;
  /** Satisfied by the document's title heading. */
  title: boolean;
  /** Line of the task doc that lists this section. */
  line?: number;
}

export type RequirementSourceKind = 'task' | 'template' | 'schema';

export interface RequirementSource {
  kind: RequirementSourceKind;
  /** For messages: `docs/TASKS/P5T8_TASK.md T8.1`, `the template docs/ADRs/template.md`, `the built-in adr schema`. */
  label: string;
  /** The task doc or template the requirement is written in. */
  path?: string;
  range?: Range;
  schema?: string;
}

export interface StructureRequirement {
  source: RequirementSource;
  sections: readonly RequiredSection[];
}

export function requiredSection(name: string, children: RequiredSection[] = [], expected: string[] = []): RequiredSection {
  return { name, children, expected, metadata: isMetadataName(name), title: isTitleName(name) };
}

const RUNBOOK_SCHEMA: Skeleton = (() => {
  const deployment = deploymentRunbookSkeleton({ service: 'Service' });
  return { ...deployment, id: 'runbook', sections: deployment.sections.filter((s) => ['Prerequisites', 'Escalation'].includes(s.title)) };
})();

/** The built-in schemas: each is the required (non-optional) part of a skeleton. */
const SCHEMA_SKELETONS: Record<string, () => Skeleton> = {
  adr: () => adrSkeleton({ number: '0000', title: 'Title', date: 'YYYY-MM-DD' }),
  'adr-migration': () => adrMigrationSkeleton({ number: '0000', title: 'Title', date: 'YYYY-MM-DD' }),
  concept: () => conceptSkeleton({ title: 'Title' }),
  runbook: () => RUNBOOK_SCHEMA,
};

export const BUILT_IN_SCHEMAS = Object.keys(SCHEMA_SKELETONS);

function fromSkeleton(sections: readonly SkeletonSection[]): RequiredSection[] {
  return sections
    .filter((section) => !section.optional)
    .map((section) => ({ ...requiredSection(section.title, fromSkeleton(section.children ?? [])), metadata: Boolean(section.metadata) || isMetadataName(section.title) }));
}

const schemaCache = new Map<string, RequiredSection[]>();

/** The named built-in schema; the same (shared, not to be mutated) array on every call, so results can be cached by identity. */
export function builtInSchema(name: string): readonly RequiredSection[] | null {
  const make = SCHEMA_SKELETONS[name];
  if (!make) return null;
  let sections = schemaCache.get(name);
  if (!sections) {
    sections = fromSkeleton(make().sections);
    schemaCache.set(name, sections);
  }
  return sections;
}

/** Flattens a requirement tree into `[section, parent]` pairs, parents first. */
export function walkRequirements(sections: readonly RequiredSection[], parent: RequiredSection | null = null): [RequiredSection, RequiredSection | null][] {
  return sections.flatMap((section) => [[section, parent] as [RequiredSection, RequiredSection | null], ...walkRequirements(section.children, section)]);
}
