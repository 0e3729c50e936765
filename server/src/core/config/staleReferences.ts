import { RE2JS } from 're2js';
import type { JsonSchema, SectionValidator } from './sections';

/** One `staleReferences` entry of `.adrift.yaml`. */
export interface StaleReferenceEntry {
  term: string;
  /** What replaces the term; absent means the thing was removed without a successor. */
  replacement?: string;
  /** `term` is a regular expression (RE2 syntax: linear time, no backreferences or lookaround). */
  regex?: boolean;
  /** Shown in the message, e.g. why it was removed. */
  note?: string;
}

export const staleReferencesSchema: JsonSchema = {
  description:
    'Terms a migration retired. Each is reported in living documents with its replacement; an entry without `replacement` was removed.',
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['term'],
    properties: {
      term: { type: 'string', minLength: 1, description: 'The retired term: literal text, or an RE2 regular expression with `regex: true`.' },
      replacement: { type: 'string', minLength: 1, description: 'What replaces it; omit when it was removed without a successor.' },
      regex: { type: 'boolean', description: 'Treat `term` as a regular expression (RE2 syntax, run in linear time).' },
      note: { type: 'string', description: 'Shown in the message.' },
    },
  },
};

/** Compiles a user pattern with the linear-time engine; returns the error text when RE2 rejects it. */
export function compileUserPattern(pattern: string): { regex: RE2JS } | { error: string } {
  try {
    return { regex: RE2JS.compile(pattern) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

export const validateStaleReferences: SectionValidator = (value, report) => {
  if (!Array.isArray(value)) return;
  value.forEach((entry, index) => {
    if (typeof entry !== 'object' || entry === null) return;
    const { term, regex } = entry as StaleReferenceEntry;
    if (regex !== true || typeof term !== 'string') return;
    const compiled = compileUserPattern(term);
    if ('error' in compiled) {
      report([index, 'term'], `\`staleReferences[${index}].term\` is not a valid RE2 regular expression (${compiled.error}); the entry is ignored. RE2 has no backreferences or lookaround.`);
    } else if (compiled.regex.matches('')) {
      report([index, 'term'], `\`staleReferences[${index}].term\` matches the empty string; the entry is ignored.`);
    }
  });
};
