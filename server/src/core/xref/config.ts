import type { ResolvedConfig } from '../config/resolved';
import type { JsonSchema } from '../config/sections';

/** The `crossReferences` section of `.adrift.yaml`. */
export interface CrossReferencesConfig {
  /** Find `Document | Must Link To` tables in the scanned docs (default true). */
  discover?: boolean;
  /** Documents whose two-column tables are all matrices, whatever their header says. */
  matrixFiles?: string[];
  /** Extra rows, as if written in a matrix. */
  rows?: { document: string; mustLinkTo: string[] }[];
  /** Cell text -> workspace path(s), for names adrift cannot resolve by itself. */
  aliases?: Record<string, string | string[]>;
  /** Index documents for `xref/index-coverage` (default `docs/INDEX.md`, `docs/README.md`). */
  indexFiles?: string[];
}

export const CROSS_REFERENCES_SECTION = 'crossReferences';

const stringList: JsonSchema = { type: 'array', items: { type: 'string', minLength: 1 } };

export const crossReferencesSchema: JsonSchema = {
  description: 'Cross-reference matrices: which document must link to which (see the README, "Cross-reference matrices").',
  type: 'object',
  additionalProperties: false,
  properties: {
    discover: { type: 'boolean', description: 'Treat every `Document | Must Link To` table in the scanned docs as a matrix (default true).' },
    matrixFiles: { ...stringList, description: 'Globs of documents whose two-column tables are all matrices, whatever their header says.' },
    rows: {
      description: 'Extra matrix rows: `document` must link to each of `mustLinkTo` (cells written as in a matrix).',
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['document', 'mustLinkTo'],
        properties: { document: { type: 'string', minLength: 1 }, mustLinkTo: stringList },
      },
    },
    aliases: {
      description: 'Cell text (case-insensitive) -> workspace-relative path or paths, for names adrift cannot resolve by itself.',
      type: 'object',
      additionalProperties: { anyOf: [{ type: 'string', minLength: 1 }, stringList] },
    },
    indexFiles: { ...stringList, description: 'Index documents every ADR, concept doc and runbook must be linked from (default `docs/INDEX.md`, `docs/README.md`).' },
  },
};

export function crossReferencesConfig(config: ResolvedConfig): CrossReferencesConfig {
  return config.section<CrossReferencesConfig>(CROSS_REFERENCES_SECTION) ?? {};
}

/** Aliases with lower-cased keys and list values. */
export function aliasMap(config: ResolvedConfig): Map<string, string[]> {
  const aliases = crossReferencesConfig(config).aliases ?? {};
  return new Map(Object.entries(aliases).map(([key, value]) => [normalizeCellText(key), typeof value === 'string' ? [value] : value]));
}

export function normalizeCellText(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}
