import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { Rule } from '../rule';
import { LineIndex } from '../text';
import type { Finding, Range } from '../types';
import { defaultConfig } from './defaults';
import { ResolvedConfig } from './resolved';
import { buildConfigSchema } from './schema';
import { sectionValidators } from './sections';
import type { AdriftConfig } from './types';

export const CONFIG_SYNTAX_RULE = 'config/syntax';
export const CONFIG_INVALID_RULE = 'config/invalid';

export interface LoadedConfig {
  config: ResolvedConfig;
  /** Findings located in the config file. */
  problems: Finding[];
  /** True when the file could not be read as YAML at all: hosts fall back to defaults. */
  unreadable: boolean;
}

const validators = new WeakMap<readonly Rule[], ValidateFunction>();

function validatorFor(rules: readonly Rule[]): ValidateFunction {
  let validate = validators.get(rules);
  if (!validate) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    validate = ajv.compile(buildConfigSchema(rules));
    validators.set(rules, validate);
  }
  return validate;
}

type PathSegment = string | number;

/**
 * Parses and validates `.adrift.yaml`. Never throws: whatever is wrong becomes
 * a finding on the offending line, the offending value is dropped, and the rest
 * of the config (or the defaults) stays in force.
 */
export function loadConfig(text: string, sourcePath: string, rules: readonly Rule[]): LoadedConfig {
  const lineCounter = new LineCounter();
  const lines = new LineIndex(text);
  const problems: Finding[] = [];
  const finding = (ruleId: string, range: Range, message: string, severity: 'error' | 'warning' = 'error') =>
    problems.push({ path: sourcePath, range, severity, ruleId, message, fixes: [] });

  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const [from, to] = error.pos;
      finding(CONFIG_SYNTAX_RULE, lines.range(from, Math.max(to, from)), `YAML syntax error: ${firstLine(error.message)}`);
    }
    return { config: new ResolvedConfig(defaultConfig(), sourcePath), problems, unreadable: true };
  }

  let data: unknown = doc.toJS({ maxAliasCount: 100 }) ?? {};
  if (typeof data !== 'object' || Array.isArray(data) || data === null) {
    finding(CONFIG_INVALID_RULE, lines.range(0, text.length), 'The config must be a mapping of settings; using the defaults.');
    return { config: new ResolvedConfig(defaultConfig(), sourcePath), problems, unreadable: false };
  }

  const rangeOf = (path: PathSegment[], key = false): Range => nodeRange(doc, lines, path, key);
  const validate = validatorFor(rules);
  const dropped = new Set<string>();
  for (let round = 0; round < 20 && !validate(data); round++) {
    const errors = mostSpecific(validate.errors ?? []);
    for (const error of errors) {
      const { path, message, isUnknownKey } = describe(error);
      const id = JSON.stringify(path);
      if (dropped.has(id)) continue;
      dropped.add(id);
      finding(CONFIG_INVALID_RULE, rangeOf(path, isUnknownKey), message, isUnknownKey ? 'warning' : 'error');
      data = removeAt(data, path);
    }
  }

  for (const [section, validator] of Object.entries(sectionValidators)) {
    const value = (data as Record<string, unknown>)[section];
    if (value === undefined) continue;
    validator(value, (path, message) => {
      const full = [section, ...path];
      finding(CONFIG_INVALID_RULE, rangeOf(full), message);
      data = removeAt(data, full);
    });
  }

  const merged: AdriftConfig = { ...defaultConfig(), ...(data as Partial<AdriftConfig>) };
  return { config: new ResolvedConfig(merged, sourcePath), problems, unreadable: false };
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

/** Ajv reports every branch of an `anyOf`; keep the deepest errors per path. */
function mostSpecific(errors: ErrorObject[]): ErrorObject[] {
  const relevant = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'if');
  const byPath = new Map<string, ErrorObject>();
  for (const error of relevant) {
    const key = error.instancePath + (error.keyword === 'additionalProperties' ? `/${String(error.params.additionalProperty)}` : '');
    const existing = byPath.get(key);
    // Prefer an unknown-key report (an object was meant) over a plain type error.
    if (!existing || error.keyword === 'additionalProperties' || error.keyword === 'enum') byPath.set(key, error);
  }
  return [...byPath.values()];
}

function describe(error: ErrorObject): { path: PathSegment[]; message: string; isUnknownKey: boolean } {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
  const where = path.length ? `\`${path.join('.')}\`` : 'the config';
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      return { path: [...path, key], message: `Unknown setting \`${[...path, key].join('.')}\`; it is ignored.`, isUnknownKey: true };
    }
    case 'enum':
      return {
        path,
        message: `${where} must be one of ${(error.params.allowedValues as unknown[]).map((v) => `\`${String(v)}\``).join(', ')}; the default is used.`,
        isUnknownKey: false,
      };
    default:
      return { path, message: `${where} ${error.message ?? 'is invalid'}; the default is used.`, isUnknownKey: false };
  }
}

function removeAt(data: unknown, path: PathSegment[]): unknown {
  if (path.length === 0) return {};
  const clone = structuredClone(data) as Record<PathSegment, unknown>;
  let parent: Record<PathSegment, unknown> | unknown[] = clone;
  for (const segment of path.slice(0, -1)) {
    const next = (parent as Record<PathSegment, unknown>)[segment];
    if (typeof next !== 'object' || next === null) return clone;
    parent = next as Record<PathSegment, unknown>;
  }
  const last = path[path.length - 1];
  if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else delete (parent as Record<PathSegment, unknown>)[last];
  return clone;
}

function nodeRange(doc: Document, lines: LineIndex, path: PathSegment[], key: boolean): Range {
  const fallback = lines.range(0, 0);
  if (path.length === 0) return fallback;
  if (key) {
    const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === String(path[path.length - 1]));
      const range = isScalar(pair?.key) ? pair.key.range : undefined;
      if (range) return lines.range(range[0], range[1]);
    }
  }
  for (let depth = path.length; depth > 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lines.range(node.range[0], node.range[1]);
  }
  return fallback;
}
