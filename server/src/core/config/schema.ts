import type { Rule } from '../rule';
import { configSections, type JsonSchema } from './sections';

const SEVERITY: JsonSchema = { enum: ['off', 'info', 'warning', 'error'] };

export const SCHEMA_ID = 'https://adrift.dev/schemas/adrift.schema.json';

function ruleSettingSchema(rule: Rule): JsonSchema {
  const objectForm: JsonSchema = {
    type: 'object',
    additionalProperties: false,
    properties: { severity: SEVERITY, ...(rule.optionsSchema ?? {}) },
  };
  return { description: rule.description, anyOf: [SEVERITY, objectForm] };
}

/**
 * The JSON Schema of `.adrift.yaml`, generated from the rules' option schemas
 * and the feature sections so that code, schema and docs cannot disagree.
 * `schemas/adrift.schema.json` is this, written by `npm run gen`.
 */
export function buildConfigSchema(rules: readonly Rule[]): JsonSchema {
  const ruleProperties = Object.fromEntries(rules.map((rule) => [rule.id, ruleSettingSchema(rule)]));
  const rulesSchema: JsonSchema = { type: 'object', additionalProperties: false, properties: ruleProperties };
  const globs: JsonSchema = { type: 'array', items: { type: 'string', minLength: 1 } };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    title: 'adrift configuration (.adrift.yaml)',
    type: 'object',
    additionalProperties: false,
    properties: {
      include: { ...globs, description: 'Globs of documents to check (workspace-relative).' },
      exclude: { ...globs, description: 'Globs of files and folders to leave out.' },
      maxFileSize: {
        type: 'integer',
        minimum: 1,
        description: 'Documents larger than this many bytes are skipped with an info finding.',
      },
      rules: { ...rulesSchema, description: 'Per-rule severity (off, info, warning, error) and options.' },
      overrides: {
        description: 'Rule settings for the files matching `files`, applied in order after `rules`.',
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files', 'rules'],
          properties: { files: globs, rules: rulesSchema },
        },
      },
      ...configSections,
    },
  };
}
