import type { ResolvedConfig } from '../config/resolved';
import { matchesAny } from '../config/resolved';
import type { JsonSchema } from '../config/sections';
import type { DocKind } from '../config/types';
import { BUILT_IN_SCHEMAS } from './requirements';

/** The `structure` section of `.adrift.yaml`. */
export interface StructureConfig {
  /** Built-in schemas assigned to globs; the first matching entry wins. `none` turns the built-in default off. */
  schemas?: { files: string[]; schema: string }[];
  /** A template document per kind, whose headings are the required set. */
  templates?: Partial<Record<DocKind, string>>;
}

export const structureConfigSchema: JsonSchema = {
  description: 'Where required document structure comes from, besides task-doc deliverable specs and templates found next to the documents.',
  type: 'object',
  additionalProperties: false,
  properties: {
    schemas: {
      description: 'Assign a built-in schema to the files matching `files` (first match wins); `none` disables the default schema of the kind.',
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['files', 'schema'],
        properties: {
          files: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
          schema: { enum: [...BUILT_IN_SCHEMAS, 'none'] },
        },
      },
    },
    templates: {
      description: 'Workspace-relative path of a template document per kind; its headings become the required sections.',
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(['adr', 'concept', 'runbook', 'task', 'guide', 'other'].map((kind) => [kind, { type: 'string', minLength: 1 }])),
    },
  },
};

export function structureConfig(config: ResolvedConfig): StructureConfig {
  return config.section<StructureConfig>('structure') ?? {};
}

/** Built-in schemas that apply without configuration. Runbooks are left to `runbook/structure`. */
const DEFAULT_SCHEMAS: Partial<Record<DocKind, string>> = { adr: 'adr', concept: 'concept' };

export function assignedSchema(config: ResolvedConfig, path: string): { schema: string; configured: boolean } | null {
  const entry = structureConfig(config).schemas?.find((s) => matchesAny(s.files, path));
  return entry ? { schema: entry.schema, configured: true } : null;
}

export function defaultSchema(kind: DocKind): string | null {
  return DEFAULT_SCHEMAS[kind] ?? null;
}
