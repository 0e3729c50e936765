import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { loadConfig, type LoadedConfig } from '../core/config/load';
import { CONFIG_FILE_NAMES } from '../core/config/defaults';
import { ResolvedConfig } from '../core/config/resolved';
import { Engine } from '../core/engine';
import type { Rule } from '../core/rule';
import type { Finding } from '../core/types';
import { type FileStamp, readWorkspaceDocument, readWorkspaceDocumentIfChanged, scanFiles, toWorkspacePath } from './files';
import { withTestFault } from './testFault';
import type { DocumentModel } from '../core/document';
import { parseDocument } from '../core/parse';
import { splitBom } from '../core/text';
import { type CachedDocument, DocumentCache } from './documentCache';
import { serializedModelStore, thawTracked } from './storedModel';
import { reparse } from '../core/incrementalParse';
import { WORKSPACE_TOPICS } from '../core/workspaceTopics';
import { defaultWorkerCount, ParsePool, type SourceDocument } from './parsePool';

export interface HostOptions {
  root: string;
  rules: readonly Rule[];
  /** An explicit config file (absolute); otherwise `.adrift.yaml` at the root is used when present. */
  configFile?: string;
  log?: (message: string) => void;
  /** Extra documents to index even when outside the configured scope (explicit CLI arguments). */
  forceInclude?: (relPath: string) => boolean;
  /** A persistent cache of parsed documents and local findings (`adrift check --cache`, the server's storage folder). */
  /** `stampSettleMs`: how long a file must have been still for its stamp to stand in for its content (tests shorten it). */
  cache?: { directory: string; version: string; stampSettleMs?: number };
  /**
   * The process ends after one run (the CLI): findings stay objects rather
   * than compact strings, and the cache does not copy what it read out of the
   * buffers it read, as a long-running server must to keep its memory small.
   */
  oneRun?: boolean;
  /**
   * Parse worker processes for bulk indexing; 0 parses on the calling thread.
   * Default: one per core, used only when there is enough text to parse.
   */
  workers?: number;
  /** The clock rules read through `ctx.today()` and the cache's day comes from; the real one by default. */
  clock?: () => Date;
}

/**
 * Below this much text to parse, starting worker processes costs more than it
 * saves: the calling process's garbage collector already keeps the second of
 * two cores busy. Measured on 2 cores: 3.8 MB parsed 6% faster on one thread
 * (4.76 against 5.06 s), 37.8 MB 20% faster with a worker.
 */
const WORKER_THRESHOLD_CHARS = 8 * 1024 * 1024;
/** Longest stretch of reading files between two turns of the event loop. */
const READ_SLICE_MS = 10;

export interface ConfigState extends LoadedConfig {
  /** Workspace-relative (or absolute, when outside) path of the config file; null without one. */
  file: string | null;
  /** Set when an explicitly named config file could not be read at all. */
  missing?: string;
}

/**
 * Feeds an engine from the real file system: finds and validates the config,
 * scans the workspace, reads and indexes every included document.
 */
export class NodeHost {
  readonly engine: Engine;
  configState: ConfigState = { config: new ResolvedConfig(), problems: [], unreadable: false, file: null };
  scanNotes: { path: string; reason: string }[] = [];
  readonly root: string;
  /** The persistent cache, once indexing opened it (see `HostOptions.cache`). */
  cache: DocumentCache | undefined;
  private cacheKey: unknown;
  /**
   * Content hashes of the documents indexed from a file through the cache, by
   * the engine's token for what it indexed: an editor text or a re-read file
   * replaces the token.
   */
  private readonly cachedDocuments = new WeakMap<object, string>();

  constructor(private readonly options: HostOptions) {
    this.root = path.resolve(options.root);
    this.engine = new Engine({
      rules: withTestFault(options.rules),
      log: options.log,
      clock: options.clock,
      modelStore: serializedModelStore,
      topics: WORKSPACE_TOPICS,
      compactFindings: !options.oneRun,
    });
  }

  async loadConfig(): Promise<ConfigState> {
    const candidates = this.options.configFile
      ? [this.options.configFile]
      : CONFIG_FILE_NAMES.map((name) => path.join(this.root, name));
    for (const candidate of candidates) {
      let text: string;
      try {
        text = await fs.readFile(candidate, 'utf8');
      } catch (error) {
        if (this.options.configFile) {
          const reason = (error as NodeJS.ErrnoException).code ?? String(error);
          this.configState = { config: new ResolvedConfig(), problems: [], unreadable: true, file: candidate, missing: `${candidate} (${reason})` };
          return this.configState;
        }
        continue;
      }
      const rel = toWorkspacePath(this.root, candidate);
      const file = rel.startsWith('..') ? candidate : rel;
      this.configState = { ...loadConfig(text, file, this.options.rules), file };
      this.engine.setConfig(this.configState.config);
      return this.configState;
    }
    this.configState = { config: new ResolvedConfig(), problems: [], unreadable: false, file: null };
    this.engine.setConfig(this.configState.config);
    return this.configState;
  }

  isDocument(rel: string): boolean {
    return rel.toLowerCase().endsWith('.md') && (this.engine.isIncluded(rel) || (this.options.forceInclude?.(rel) ?? false));
  }

  /** Scans the workspace and indexes every document; `onProgress` is called as documents are read. */
  async indexAll(onProgress?: (done: number, total: number) => void): Promise<void> {
    const scan = await scanFiles(this.root, this.engine.config);
    this.scanNotes = scan.notes;
    for (const file of scan.files) this.engine.addFile(file);
    const documents = scan.files.filter((rel) => this.isDocument(rel));
    await this.indexDocuments(documents, onProgress);
  }

  /**
   * (Re)reads many files into the index: documents found in the cache are not
   * parsed again, the rest are parsed in worker processes when there is enough
   * text to make that worthwhile. Same outcome as `indexFile` on each.
   */
  async indexDocuments(rels: readonly string[], onProgress?: (done: number, total: number) => void): Promise<void> {
    const cache = await this.openCache();
    const realRoot = await fs.realpath(this.root).catch(() => this.root);
    const toParse: SourceDocument[] = [];
    const stamps = new Map<string, FileStamp>();
    let done = 0;
    let charsToParse = 0;
    let sliceStart = performance.now();
    for (const rel of rels) {
      // Reads block, so a server answering requests meanwhile gets a turn between slices.
      if (performance.now() - sliceStart >= READ_SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
      if (!this.isDocument(rel)) {
        this.engine.addFile(rel);
        onProgress?.(++done, rels.length);
        continue;
      }
      // A file the cache knows by its stamp is not read, unless the index already holds a text for it to compare with.
      let stamped: CachedDocument | undefined;
      const known = (stampKey: string) => cache !== undefined && this.engine.documentToken(rel) === undefined && (stamped = cache.getStamped(rel, stampKey)) !== undefined;
      const outcome = readWorkspaceDocumentIfChanged(this.root, rel, this.engine.config.raw.maxFileSize, realRoot, known);
      if (!outcome.ok) {
        if (outcome.vanished) this.engine.removeFile(rel);
        else this.engine.markSkipped(rel, outcome.reason);
        onProgress?.(++done, rels.length);
        continue;
      }
      if (!('unchanged' in outcome) && this.engine.documentText(rel) === splitBom(outcome.raw).text) {
        onProgress?.(++done, rels.length);
        continue;
      }
      const cached = 'unchanged' in outcome ? stamped : cache?.get(rel, outcome.raw);
      if (cached) {
        if (this.engine.skippedFiles().has(rel)) this.engine.removeFile(rel);
        if (cached.summary) this.engine.setStoredDocument(rel, cached.summary, cached.load);
        else this.engine.setModel(cached.load(), cached.load);
        this.cachedDocuments.set(this.engine.documentToken(rel)!, cached.hash);
        if (cached.results) this.engine.offerResults(rel, cached.results);
        onProgress?.(++done, rels.length);
      } else if (!('unchanged' in outcome)) {
        toParse.push({ path: rel, raw: outcome.raw });
        stamps.set(rel, outcome.stamp);
        charsToParse += outcome.raw.length;
      }
    }
    const parsed = (model: DocumentModel, raw: string) => {
      if (!cache) {
        this.indexModel(model);
      } else {
        // The cache freezes the model anyway: the engine keeps that same copy should the model leave memory.
        const { hash, frozen } = cache.set(model, raw, undefined, stamps.get(model.path));
        this.indexModel(model, thawing(frozen));
        this.cachedDocuments.set(this.engine.documentToken(model.path)!, hash);
      }
      onProgress?.(++done, rels.length);
    };
    const workers = this.options.workers ?? defaultWorkerCount();
    const worthIt = this.options.workers !== undefined || charsToParse >= WORKER_THRESHOLD_CHARS;
    if (workers > 0 && worthIt && toParse.length > 1) {
      const rawByPath = new Map(toParse.map((doc) => [doc.path, doc.raw]));
      const pool = new ParsePool(workers);
      try {
        await pool.parseEach(toParse, (model) => parsed(model, rawByPath.get(model.path)!));
      } finally {
        await pool.close();
      }
    } else {
      for (const doc of toParse) parsed(cache ? this.reparseCached(cache, doc) : parseDocument(doc.path, doc.raw), doc.raw);
    }
  }

  /**
   * Stores what the cache should keep from this run (the rule results of
   * every document indexed from its file on disk, with what they read) and
   * writes it. Documents not seen since the cache was opened are dropped.
   * A no-op without a cache.
   */
  async saveCache(): Promise<void> {
    const cache = this.cache;
    if (!cache) return;
    const hashes = new Map<string, string>();
    for (const rel of this.engine.documentPaths()) {
      // Not the results on an open document's editor text, nor on a file re-read since (`indexFile`).
      const hash = this.cachedDocuments.get(this.engine.documentToken(rel)!);
      if (hash !== undefined) hashes.set(rel, hash);
    }
    await cache.saveComputed(
      hashes,
      // Saving yields to other work: a document edited or re-read meanwhile is no longer what its hash says.
      (rel) =>
        this.cachedDocuments.get(this.engine.documentToken(rel) ?? {}) !== hashes.get(rel)
          ? undefined
          : {
              ...(this.engine.keepsStoredSummary(rel) ? {} : { summary: this.engine.exportSummary(rel)! }),
              ...(this.engine.keepsOfferedResults(rel) ? {} : { results: this.engine.exportResults(rel) }),
            },
      { prune: true },
    );
  }

  /**
   * A changed document parsed as an edit of the version the cache holds, so
   * that only the top-level blocks that changed are parsed again (see
   * `reparse`); the new model's blocks go into the cache for the next run.
   */
  private reparseCached(cache: DocumentCache, doc: SourceDocument): DocumentModel {
    const earlier = cache.earlierModel(doc.path);
    let previous: DocumentModel | undefined;
    try {
      previous = earlier && thawTracked(earlier);
    } catch {
      // A damaged entry: the document is parsed whole.
    }
    return reparse(doc.path, doc.raw, previous);
  }

  /** Indexes a model from the cache or a worker as `upsertDocument` would have. */
  private indexModel(model: DocumentModel, reload?: () => DocumentModel): void {
    if (this.engine.skippedFiles().has(model.path)) this.engine.removeFile(model.path);
    this.engine.setModel(model, reload);
  }

  private async openCache(): Promise<DocumentCache | undefined> {
    const options = this.options.cache;
    if (!options) return undefined;
    const key = { version: options.version, configHash: this.engine.config.hash, today: (this.options.clock?.() ?? new Date()).toISOString().slice(0, 10) };
    if (!this.cache || JSON.stringify(this.cacheKey) !== JSON.stringify(key)) {
      this.cache = await DocumentCache.open(options.directory, key, { stampSettleMs: options.stampSettleMs, copyModels: !this.options.oneRun });
      this.cacheKey = key;
    }
    return this.cache;
  }

  /** (Re)reads one file from disk into the index. */
  async indexFile(rel: string): Promise<void> {
    if (!this.isDocument(rel)) {
      this.engine.addFile(rel);
      return;
    }
    const outcome = readWorkspaceDocument(this.root, rel, this.engine.config.raw.maxFileSize);
    if (outcome.ok) this.engine.upsertDocument(rel, outcome.raw);
    else if (outcome.vanished) this.engine.removeFile(rel);
    else this.engine.markSkipped(rel, outcome.reason);
  }

  /** Findings of every document plus the config file's own problems. */
  allFindings(): Map<string, Finding[]> {
    const all = this.engine.allFindings();
    if (this.configState.file && this.configState.problems.length) {
      all.set(this.configState.file, [...(all.get(this.configState.file) ?? []), ...this.configState.problems]);
    }
    return all;
  }
}

/**
 * A model's way back from its frozen bytes, made outside any function that
 * holds the documents being read: a closure made there keeps that function's
 * scope, and with it the text of every document of the batch, alive.
 */
function thawing(frozen: Uint8Array): () => DocumentModel {
  return () => serializedModelStore.thaw(frozen);
}
