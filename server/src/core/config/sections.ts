import { archiveSchema } from './archive';
import { staleReferencesSchema, validateStaleReferences } from './staleReferences';
import { CROSS_REFERENCES_SECTION, crossReferencesSchema } from '../xref/config';
import { structureConfigSchema } from '../structure/config';

/**
 * JSON Schemas of the config's feature sections, keyed by top-level key. Each
 * feature module owns its section's shape; the full config schema is built
 * from these plus the rules' option schemas (see `schema.ts`).
 */
export type JsonSchema = Record<string, unknown>;

const globList: JsonSchema = { type: 'array', items: { type: 'string', minLength: 1 } };

export const configSections: Record<string, JsonSchema> = {
  kinds: {
    description: 'Globs that assign a document kind; they win over the built-in path defaults.',
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(
      ['adr', 'concept', 'runbook', 'task', 'guide', 'archived', 'other'].map((kind) => [kind, globList]),
    ),
  },
  staleReferences: staleReferencesSchema,
  archive: archiveSchema,
  [CROSS_REFERENCES_SECTION]: crossReferencesSchema,
  structure: structureConfigSchema,
};

/**
 * Checks that JSON Schema cannot express (a regular expression that compiles,
 * a glob that is not absolute). A problem drops the value at `path`.
 */
export type SectionValidator = (
  value: unknown,
  report: (path: (string | number)[], message: string) => void,
) => void;

export const sectionValidators: Record<string, SectionValidator> = {
  staleReferences: validateStaleReferences,
};
