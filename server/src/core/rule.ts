import type { DocKind } from './config/types';
import type { ResolvedConfig } from './config/resolved';
import type { JsonSchema } from './config/sections';
import type { DocumentModel } from './document';
import type { Fix, FindingTag, Range, RelatedLocation, Severity, SeveritySetting } from './types';

/** How a document's kind was decided, for hover and messages. */
export interface DocInfo {
  kind: DocKind;
  kindSource: string;
}

/** A heading as other documents see it: what its anchor and outline need. */
export interface OutlineHeading {
  depth: number;
  text: string;
  slug: string;
}

/**
 * What other documents see of a document without reading its model (which
 * may be out of memory): exactly what a change to invalidates `doc:` dependents.
 */
export interface Outline {
  title: string | null;
  headings: readonly OutlineHeading[];
  /** Parsed front matter as JSON data (dates become strings); null without it or when broken. */
  frontMatter: Record<string, unknown> | null;
}

/** What other documents may see of a document: its outline, and its whole model when really needed. */
export interface DocumentSummary {
  /** The parsed document; reading it may bring it back into memory, so prefer `outline`. */
  model: DocumentModel;
  info: DocInfo;
  outline: Outline;
}

/**
 * A workspace-wide aggregate (all matrices, all stale-term tables, ...) that
 * rules read. Each document contributes a small plain-JSON value (compared as
 * JSON, and kept as JSON by the persistent cache); the
 * aggregate is recomputed only when some document's contribution changes, and
 * only the rule runs that read the topic are invalidated.
 */
export interface Topic<C, T> {
  name: string;
  contribute(doc: DocumentModel, info: DocInfo, config: ResolvedConfig): C | undefined;
  aggregate(contributions: ReadonlyMap<string, C>, config: ResolvedConfig): T;
}

/**
 * The read-only view of the workspace a rule gets. Every query records a
 * dependency, so the engine knows which findings to recompute when something
 * changes.
 */
export interface WorkspaceView {
  readonly config: ResolvedConfig;
  /** A parsed, included document. */
  getDocument(path: string): DocumentSummary | undefined;
  /** Whether a file (any type, included or not) exists with exactly this path. */
  fileExists(path: string): boolean;
  /** Whether a folder with this path exists (some file lies below it). */
  directoryExists(path: string): boolean;
  /** Existing paths equal to `path` ignoring case. */
  filesIgnoringCase(path: string): string[];
  /** Existing paths whose file name equals `name` ignoring case. */
  filesNamed(name: string): string[];
  /** All included documents' paths (records a dependency on the set and on kinds). */
  documentPaths(): string[];
  topic<C, T>(topic: Topic<C, T>): T;
}

export interface Report {
  range: Range;
  message: string;
  fixes?: Fix[];
  related?: RelatedLocation[];
  tags?: FindingTag[];
  /** Overrides the configured severity for this one finding (e.g. a lower-severity variant). */
  severity?: Severity;
}

export interface RuleContext {
  doc: DocumentModel;
  info: DocInfo;
  ws: WorkspaceView;
  /** The rule's options for this document: defaults merged with config. */
  options: Record<string, unknown>;
  /** Today's date as `YYYY-MM-DD` (UTC), from the host's clock; injectable for tests. */
  today(): string;
  report(report: Report): void;
}

export interface Rule {
  /** Kebab-case with a family prefix, e.g. `links/broken`; never reused. */
  id: string;
  description: string;
  defaultSeverity: SeveritySetting;
  /** JSON Schema `properties` of the rule's options (besides `severity`). */
  optionsSchema?: Record<string, JsonSchema>;
  defaultOptions?: Record<string, unknown>;
  check(ctx: RuleContext): void;
}

export const DOCS_BASE_URL = 'https://github.com/adrift-dev/adrift/blob/main/docs/rules/';

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
