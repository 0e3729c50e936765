import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CONFIG_FILE_NAMES } from '../core/config/defaults';
import type { ContentChange } from '../core/incrementalParse';
import type { Rule } from '../core/rule';
import { splitBom } from '../core/text';
import type { Finding } from '../core/types';
import { scanFiles, toWorkspacePath, isInside } from '../node/files';
import { cacheVersion } from '../node/cacheVersion';
import { NodeHost } from '../node/host';
import { VERSION } from '../cli/version';
import { DEFAULT_SETTINGS, mergeSettings, type AdriftSettings } from './settings';

export type IndexState = 'scanning' | 'indexing' | 'ready';

export interface FolderHooks {
  log(message: string): void;
  /** The editor's text of an open document of this folder, by workspace path. */
  openText(rel: string): string | undefined;
  /** Paths of this folder's open documents. */
  openPaths(): string[];
  /** Called whenever findings may have changed; the server decides what to publish. */
  changed(folder: Folder): void;
  progress(folder: Folder, done: number, total: number): void;
  /** Resolves when indexing may continue past the open documents (a test hook can hold it). */
  mayIndexRest(): Promise<void>;
}

const PROGRESS_EVERY = 100;
/** Longest stretch of background work (findings, freezing models) between two turns of the event loop. */
const BACKGROUND_SLICE_MS = 10;
/**
 * Text length of the document models kept in memory: the open documents and
 * those most recently indexed or re-checked. The rest are kept frozen (a
 * third of the size) and thawed in about 0.2 ms when read.
 */
const LIVE_MODEL_CHARS = 2_000_000;
/** Quiet time after a change before models over the budget are frozen. */
const RELEASE_DELAY_MS = 1000;

/**
 * One workspace folder: its config, its index and its indexing state. All
 * work on the index is queued so a config reload never races a scan.
 */
export class Folder {
  readonly host: NodeHost;
  readonly root: string;
  settings: AdriftSettings = DEFAULT_SETTINGS;
  state: IndexState = 'scanning';
  /** Resolved once the first scan listed every file, so open documents can be checked. */
  readonly scanned: Promise<void>;
  private markScanned!: () => void;
  private queue: Promise<void> = Promise.resolve();
  private idle!: Promise<void>;
  /** Bumped by every reconcile, so that a background save of an older one stops. */
  private generation = 0;
  private releaseTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly uri: string,
    rules: readonly Rule[],
    private readonly hooks: FolderHooks,
    /** Where this folder's parse cache lives (the editor's storage); none without. */
    cacheDirectory?: string,
  ) {
    this.root = path.resolve(fileURLToPath(uri));
    this.host = new NodeHost({ root: this.root, rules, log: hooks.log, ...(cacheDirectory ? { cache: { directory: cacheDirectory, version: cacheVersion(VERSION) } } : {}) });
    this.engine.setModelBudget(LIVE_MODEL_CHARS);
    this.scanned = new Promise((resolve) => (this.markScanned = resolve));
    this.idle = this.queue;
  }

  get engine() {
    return this.host.engine;
  }

  /** The workspace path of a file URI, or null when it is not inside this folder. */
  relPath(uri: string): string | null {
    if (!uri.startsWith('file:')) return null;
    const absolute = fileURLToPath(uri);
    return isInside(this.root, absolute) ? toWorkspacePath(this.root, absolute) : null;
  }

  uriOf(rel: string): string {
    return pathToFileURL(path.join(this.root, rel)).href;
  }

  isConfigFile(rel: string): boolean {
    return (CONFIG_FILE_NAMES as readonly string[]).includes(rel) || rel === this.host.configState.file;
  }

  /** Findings of a document plus, for the config file, its own problems. */
  findings(rel: string): Finding[] {
    const own = this.engine.findings(rel);
    const config = this.host.configState;
    return config.file === rel ? [...config.problems, ...own] : own;
  }

  /** Paths that can have findings: documents, skipped files and the config file. */
  reportablePaths(): string[] {
    const paths = new Set([...this.engine.documentPaths(), ...this.engine.skippedFiles().keys()]);
    if (this.host.configState.file && !path.isAbsolute(this.host.configState.file)) paths.add(this.host.configState.file);
    return [...paths].sort();
  }

  /** Resolves when everything queued so far (indexing, reloads) has finished. */
  whenIdle(): Promise<void> {
    return this.idle;
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    const run = this.queue.then(job).catch((error) => this.hooks.log(`adrift: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
    this.queue = run;
    this.idle = run;
    return run;
  }

  /** Loads the config, scans, checks the open documents, then indexes the rest with progress. */
  start(): Promise<void> {
    return this.enqueue(async () => {
      await this.host.loadConfig();
      this.applySettingsToEngine();
      await this.reconcile(false);
    });
  }

  /** Re-reads `.adrift.yaml` (created, changed or deleted) and re-checks everything. */
  reloadConfig(): Promise<void> {
    return this.enqueue(async () => {
      await this.host.loadConfig();
      this.applySettingsToEngine();
      await this.reconcile(false);
    });
  }

  /** New editor settings: re-checks everything when they differ. */
  applySettings(settings: AdriftSettings): Promise<void> {
    if (JSON.stringify(settings) === JSON.stringify(this.settings)) return this.idle;
    this.settings = settings;
    return this.enqueue(async () => {
      this.applySettingsToEngine();
      await this.reconcile(false);
    });
  }

  /** Rescans the disk and re-reads every closed document (the "Check all docs" command). */
  recheckAll(): Promise<void> {
    return this.enqueue(() => this.reconcile(true));
  }

  /** A file or folder created, changed or deleted on disk. */
  async fileChanged(rel: string, kind: 'created' | 'changed' | 'deleted'): Promise<void> {
    if (this.isConfigFile(rel)) return this.reloadConfig();
    await this.scanned;
    const folder = path.posix.dirname(rel);
    if (this.engine.config.isExcluded(rel) || (folder !== '.' && this.engine.config.isExcludedFolder(folder))) return;
    if (kind === 'deleted') {
      if (this.engine.hasFile(rel)) this.engine.removeFile(rel);
      else for (const file of [...this.engine.allFiles()].filter((f) => f.startsWith(`${rel}/`))) this.engine.removeFile(file);
    } else if (this.hooks.openText(rel) === undefined) {
      const isFolder = await fs.stat(path.join(this.root, rel)).then((stat) => stat.isDirectory(), () => false);
      if (isFolder) return this.enqueue(() => this.reconcile(false));
      await this.host.indexFile(rel);
      this.reapplyOpenText(rel);
    } else this.engine.addFile(rel);
    this.changed();
  }

  /** An open document's text changed (or it was opened). */
  async documentText(rel: string, text: string): Promise<void> {
    await this.scanned;
    this.engine.pinModel(rel, true);
    if (this.host.isDocument(rel)) this.engine.upsertDocument(rel, text);
    else this.engine.addFile(rel);
    this.changed();
  }

  /**
   * An open document changed by `changes` (LSP `contentChanges`, in order) to
   * `text`: the engine re-parses only the blocks they touch. Should the
   * engine's text not have been the one the changes apply to (indexing put the
   * editor's latest text in meanwhile), the whole text is taken instead.
   */
  async documentEdited(rel: string, changes: readonly ContentChange[], text: string): Promise<void> {
    await this.scanned;
    if (!this.host.isDocument(rel)) return this.documentText(rel, text);
    this.engine.pinModel(rel, true);
    const applied = this.engine.applyEdits(rel, changes) && this.engine.documentText(rel) === splitBom(text).text;
    if (!applied) this.engine.upsertDocument(rel, text);
    this.changed();
  }

  /** A document was closed: what is on disk counts again. */
  async documentClosed(rel: string): Promise<void> {
    await this.scanned;
    this.engine.pinModel(rel, false);
    await this.host.indexFile(rel);
    this.reapplyOpenText(rel);
    this.changed();
  }

  /** Tells the server findings may have changed, and frees the memory of models the change brought in, once quiet. */
  private changed(): void {
    this.hooks.changed(this);
    clearTimeout(this.releaseTimer);
    this.releaseTimer = setTimeout(() => void this.releaseModels(this.generation), RELEASE_DELAY_MS);
    this.releaseTimer.unref();
  }

  private applySettingsToEngine(): void {
    this.engine.setConfig(mergeSettings(this.host.configState.config, this.settings));
  }

  private reapplyOpenText(rel: string): void {
    const text = this.hooks.openText(rel);
    if (text !== undefined && this.host.isDocument(rel)) this.engine.upsertDocument(rel, text);
  }

  private async reconcile(rereadAll: boolean): Promise<void> {
    const engine = this.engine;
    const generation = ++this.generation;
    this.state = 'scanning';
    const scan = await scanFiles(this.root, engine.config);
    this.host.scanNotes = scan.notes;
    for (const note of scan.notes) this.hooks.log(`adrift: skipped ${note.path}: ${note.reason}`);
    const present = new Set(scan.files);
    const open = new Set(this.hooks.openPaths());
    for (const file of [...engine.allFiles()]) if (!present.has(file) && !open.has(file)) engine.removeFile(file);
    for (const file of scan.files) engine.addFile(file);
    for (const doc of engine.documentPaths()) if (!this.host.isDocument(doc)) engine.removeDocument(doc);
    for (const rel of open) this.reapplyOpenText(rel);
    this.state = 'indexing';
    this.markScanned();
    this.hooks.changed(this);

    await this.hooks.mayIndexRest();
    const toRead = scan.files.filter(
      (rel) => this.host.isDocument(rel) && !open.has(rel) && (rereadAll || (!engine.getDocument(rel) && !engine.skippedFiles().has(rel))),
    );
    this.hooks.progress(this, 0, toRead.length);
    // Bulk reads go through the host (concurrent reads, parse workers, the cache); the editor's text still wins.
    await this.host.indexDocuments(toRead, (done, total) => {
      if (done % PROGRESS_EVERY !== 0 && done !== total) return;
      for (const rel of this.hooks.openPaths()) this.reapplyOpenText(rel);
      this.hooks.progress(this, done, total);
      this.hooks.changed(this);
    });
    for (const rel of this.hooks.openPaths()) this.reapplyOpenText(rel);
    await this.host.saveCache().catch((error) => this.hooks.log(`adrift: could not save the cache: ${String(error)}`));
    this.state = 'ready';
    this.hooks.progress(this, toRead.length, toRead.length);
    this.hooks.changed(this);
    void this.settle(generation);
  }

  /**
   * Computes every document's findings a slice at a time (editor requests get
   * in between; publishing them reuses the same results), saves the cache
   * again with the rule results, which the next start reuses, then freezes
   * the models over the budget that indexing left in memory.
   */
  private async settle(generation: number): Promise<void> {
    const paths = this.engine.documentPaths();
    let next = 0;
    const checked = await this.inSlices(generation, (stop) => {
      while (next < paths.length && !stop()) this.engine.findings(paths[next++]);
      return next === paths.length;
    });
    if (!checked) return;
    if (this.host.cache) await this.host.saveCache().catch((error) => this.hooks.log(`adrift: could not save the cache: ${String(error)}`));
    if (!(await this.releaseModels(generation))) return;
    const memory = process.memoryUsage();
    const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
    this.hooks.log(
      `adrift: checked ${paths.length.toLocaleString('en-US')} documents; models of ${mb(this.engine.liveModelSize())} of text kept in memory, the rest frozen (heap ${mb(memory.heapUsed)} of ${mb(memory.heapTotal)}, outside the heap ${mb(memory.external)}, resident ${mb(memory.rss)})`,
    );
  }

  private releaseModels(generation: number): Promise<boolean> {
    return this.inSlices(generation, (stop) => this.engine.releaseModels(stop));
  }

  /** Runs `work` (true once done) in slices between turns of the event loop, until done or a newer reconcile started. */
  private async inSlices(generation: number, work: (stop: () => boolean) => boolean): Promise<boolean> {
    for (;;) {
      if (generation !== this.generation) return false;
      const deadline = performance.now() + BACKGROUND_SLICE_MS;
      if (work(() => performance.now() >= deadline)) return true;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
