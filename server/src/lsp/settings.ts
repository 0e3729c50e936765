import { ResolvedConfig } from '../core/config/resolved';
import type { Rule } from '../core/rule';
import type { SeveritySetting } from '../core/types';

/** The editor settings under `adrift.*`; they apply over `.adrift.yaml`. */
export interface AdriftSettings {
  enable: boolean;
  /** When non-empty, replaces the config's `include`. */
  include: string[];
  /** Added to the config's `exclude`. */
  exclude: string[];
  /** Per-rule severity; wins over `rules:` of the config (not over its `overrides`). */
  rules: Record<string, SeveritySetting>;
}

export const DEFAULT_SETTINGS: AdriftSettings = { enable: true, include: [], exclude: [], rules: {} };

const SEVERITY_VALUES = new Set(['off', 'info', 'warning', 'error']);

/** Reads the settings object; never throws: bad values fall back to defaults and are named in `warnings`. */
export function parseSettings(value: unknown, rules: readonly Rule[]): { settings: AdriftSettings; warnings: string[] } {
  const warnings: string[] = [];
  const settings: AdriftSettings = { ...DEFAULT_SETTINGS, rules: {} };
  if (value === null || value === undefined) return { settings, warnings };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { settings, warnings: ['`adrift` settings must be an object; using the defaults.'] };
  }
  const raw = value as Record<string, unknown>;
  if (raw.enable !== undefined) {
    if (typeof raw.enable === 'boolean') settings.enable = raw.enable;
    else warnings.push('`adrift.enable` must be true or false; using true.');
  }
  for (const key of ['include', 'exclude'] as const) {
    const list = raw[key];
    if (list === undefined || list === null) continue;
    if (Array.isArray(list) && list.every((item) => typeof item === 'string')) settings[key] = list;
    else warnings.push(`\`adrift.${key}\` must be a list of glob patterns; ignoring it.`);
  }
  if (raw.rules !== undefined && raw.rules !== null) {
    if (typeof raw.rules !== 'object' || Array.isArray(raw.rules)) warnings.push('`adrift.rules` must map rule ids to severities; ignoring it.');
    else {
      const known = new Set(rules.map((rule) => rule.id));
      for (const [id, severity] of Object.entries(raw.rules as Record<string, unknown>)) {
        if (!known.has(id)) warnings.push(`\`adrift.rules\`: unknown rule \`${id}\`; ignoring it.`);
        else if (typeof severity !== 'string' || !SEVERITY_VALUES.has(severity)) {
          warnings.push(`\`adrift.rules.${id}\` must be one of off, info, warning, error; ignoring it.`);
        } else settings.rules[id] = severity as SeveritySetting;
      }
    }
  }
  return { settings, warnings };
}

/** The config file's settings with the editor settings applied over them. */
export function mergeSettings(fileConfig: ResolvedConfig, settings: AdriftSettings): ResolvedConfig {
  if (settings.include.length === 0 && settings.exclude.length === 0 && Object.keys(settings.rules).length === 0) return fileConfig;
  const raw = { ...fileConfig.raw, rules: { ...fileConfig.raw.rules } };
  if (settings.include.length) raw.include = [...settings.include];
  if (settings.exclude.length) raw.exclude = [...raw.exclude, ...settings.exclude];
  for (const [id, severity] of Object.entries(settings.rules)) {
    const current = raw.rules[id];
    raw.rules[id] = typeof current === 'object' && current !== null ? { ...current, severity } : severity;
  }
  return new ResolvedConfig(raw, fileConfig.sourcePath);
}
