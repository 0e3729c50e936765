import { matchesAny } from './config/resolved';
import type { ResolvedConfig } from './config/resolved';
import { DOC_KINDS, type DocKind } from './config/types';
import type { DocumentModel } from './document';
import type { DocInfo } from './rule';

/** Built-in path conventions, checked after config globs and front matter. */
const DEFAULT_KIND_GLOBS: [DocKind, string[]][] = [
  ['archived', ['**/ARCHIVE/**', '**/archive/**']],
  ['adr', ['**/ADRs/**', '**/adr/**', '**/adrs/**', '**/decisions/**']],
  ['concept', ['**/CONCEPTS/**', '**/concepts/**']],
  ['runbook', ['**/RUNBOOKS/**', '**/runbooks/**']],
  ['task', ['**/TASKS/**', '**/tasks/**']],
];

const GUIDE_NAMES = /^(CLAUDE|AGENTS|INDEX|README|REPO_MAP|PROJECT_STATUS|CONTRIBUTING|GETTING_STARTED)\.md$/i;

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Decides a document's kind, most specific first: a `kind:` front-matter
 * field, the config's `kinds` globs, then the path conventions.
 */
export function classify(doc: DocumentModel, config: ResolvedConfig): DocInfo {
  const declared = doc.frontMatter?.data?.kind;
  if (typeof declared === 'string' && (DOC_KINDS as readonly string[]).includes(declared)) {
    return { kind: declared as DocKind, kindSource: 'front matter `kind:`' };
  }
  const configured = config.raw.kinds;
  for (const kind of DOC_KINDS) {
    const globs = configured[kind];
    if (globs && matchesAny(globs, doc.path)) return { kind, kindSource: `\`kinds.${kind}\` in ${config.sourcePath ?? 'the config'}` };
  }
  for (const [kind, globs] of DEFAULT_KIND_GLOBS) {
    if (!matchesAny(globs, doc.path)) continue;
    if (kind === 'task' && !hasTaskId(doc)) continue;
    return { kind, kindSource: `path convention \`${globs[0]}\`` };
  }
  if (GUIDE_NAMES.test(baseName(doc.path))) return { kind: 'guide', kindSource: 'file name (guide documents)' };
  return { kind: 'other', kindSource: 'no convention matched' };
}

/**
 * The kind a document at `path` would get from its path alone (config globs,
 * then conventions): for documents that do not exist yet. Task folders need
 * no front-matter id here.
 */
export function kindOfPath(path: string, config: ResolvedConfig): DocKind {
  const configured = config.raw.kinds;
  for (const kind of DOC_KINDS) {
    const globs = configured[kind];
    if (globs && matchesAny(globs, path)) return kind;
  }
  for (const [kind, globs] of DEFAULT_KIND_GLOBS) if (matchesAny(globs, path)) return kind;
  return GUIDE_NAMES.test(baseName(path)) ? 'guide' : 'other';
}

function hasTaskId(doc: DocumentModel): boolean {
  const id = doc.frontMatter?.data?.id;
  return typeof id === 'string' || typeof id === 'number';
}
