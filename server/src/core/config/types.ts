import type { SeveritySetting } from '../types';

export type DocKind = 'adr' | 'concept' | 'runbook' | 'task' | 'guide' | 'archived' | 'other';
export const DOC_KINDS: readonly DocKind[] = ['adr', 'concept', 'runbook', 'task', 'guide', 'archived', 'other'];

/** `links/broken: warning` or `links/broken: { severity: warning, ...options }`. */
export type RuleSetting = SeveritySetting | ({ severity?: SeveritySetting } & Record<string, unknown>);

export interface Override {
  files: string[];
  rules: Record<string, RuleSetting>;
}

/**
 * The `.adrift.yaml` file after validation. Feature sections (stale references,
 * cross-references, archive, ...) are typed by the modules that own them and
 * read through `section()`; see `sections.ts`.
 */
export interface AdriftConfig {
  include: string[];
  exclude: string[];
  /** Documents larger than this many bytes are skipped with an info finding. */
  maxFileSize: number;
  rules: Record<string, RuleSetting>;
  overrides: Override[];
  kinds: Partial<Record<DocKind, string[]>>;
  [section: string]: unknown;
}
