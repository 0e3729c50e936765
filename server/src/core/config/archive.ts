import { matchesAny, type ResolvedConfig } from './resolved';
import type { JsonSchema } from './sections';

/**
 * The `archive` section: where archived documents live and what their
 * deprecation notice says by default. Read by the archive rules and by the
 * archive command.
 */
export interface ArchiveSettings {
  /** Workspace-relative folder archived documents are moved to. */
  folder: string;
  /** Globs of documents that count as archived (and must carry the notice). Default: everything under `folder`. */
  include: string[];
  /** What the archived documents described, completing "This document describes ...". */
  subject: string;
  /** The default `Reason:` text; naming an ADR (`ADR-0031`) lets fixes link it as the replacement. */
  reason: string;
  /** Workspace-relative path of the rollback runbook the notice points to; null for none. */
  rollback: string | null;
  /** Workspace-relative path (or glob) of the default replacement, when nothing more specific is known. */
  replacement: string | null;
}

export const DEFAULT_ARCHIVE_SETTINGS: ArchiveSettings = {
  folder: 'docs/ARCHIVE/streamlit',
  include: ['docs/ARCHIVE/**'],
  subject: 'the legacy Streamlit web console',
  reason: 'Replaced by NiceGUI implementation (see ADR-0031)',
  rollback: 'docs/RUNBOOKS/nicegui-rollback.md',
  replacement: null,
};

const relativePath: JsonSchema = { type: 'string', minLength: 1, pattern: '^(?![/\\\\])(?![A-Za-z]:)' };

export const archiveSchema: JsonSchema = {
  description: 'Where archived documents live and the defaults of their deprecation notice.',
  type: 'object',
  additionalProperties: false,
  properties: {
    folder: { ...relativePath, description: 'Folder archived documents are moved to (default `docs/ARCHIVE/streamlit`).' },
    include: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Globs of archived documents (default: everything under `docs/ARCHIVE`, or under `folder` when it is set).' },
    subject: { type: 'string', minLength: 1, description: 'What archived documents described: "This document describes <subject>."' },
    reason: { type: 'string', minLength: 1, description: 'Default `Reason:` of the notice.' },
    rollback: { anyOf: [relativePath, { type: 'null' }], description: 'Path of the rollback runbook the notice points to; `null` for none.' },
    replacement: { anyOf: [relativePath, { type: 'null' }], description: 'Default replacement path or glob when none can be inferred.' },
  },
};

/**
 * The effective archive settings. By default archived docs go to
 * `docs/ARCHIVE/streamlit` and everything under `docs/ARCHIVE` counts as
 * archived; a configured `folder` alone defines the archive unless `include` is set.
 */
export function archiveSettings(config: ResolvedConfig): ArchiveSettings {
  const raw = config.section<Partial<ArchiveSettings>>('archive') ?? {};
  const folder = (raw.folder ?? DEFAULT_ARCHIVE_SETTINGS.folder).replace(/\/+$/, '');
  return {
    ...DEFAULT_ARCHIVE_SETTINGS,
    ...raw,
    folder,
    include: raw.include ?? (raw.folder ? [`${folder}/**`] : DEFAULT_ARCHIVE_SETTINGS.include),
  };
}

/** Whether a document lies in the archive (the `archive` section's `include` globs). */
export function isArchivedPath(config: ResolvedConfig, path: string): boolean {
  return matchesAny(archiveSettings(config).include, path);
}
