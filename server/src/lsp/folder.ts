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
/** Longest stretch of background findings work between two turns of the event loop. */
const RESULTS_SLICE_MS = 20;

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

  constructor(
    readonly uri: string,
    rules: readonly Rule[],
    private readonly hooks: FolderHooks,
    /** Where this folder's parse cache lives (the editor's storage); none without. */
    cacheDirectory?: string,
  ) {
    this.root = path.resolve(fileURLToPath(uri));
    this.host = new NodeHost({ root: this.root, rules, log: hooks.log, ...(cacheDirectory ? { cache: { directory: cacheDirectory, version: cacheVersion(VERSION) } } : {}) });
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
    this.hooks.changed(this);
  }

  /** An open document's text changed (or it was opened). */
  async documentText(rel: string, text: string): Promise<void> {
    await this.scanned;
    if (this.host.isDocument(rel)) this.engine.upsertDocument(rel, text);
    else this.engine.addFile(rel);
    this.hooks.changed(this);
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
    const applied = this.engine.applyEdits(rel, changes) && this.engine.getDocument(rel)?.model.text === splitBom(text).text;
    if (!applied) this.engine.upsertDocument(rel, text);
    this.hooks.changed(this);
  }

  /** A document was closed: what is on disk counts again. */
  async documentClosed(rel: string): Promise<void> {
    await this.scanned;
    await this.host.indexFile(rel);
    this.reapplyOpenText(rel);
    this.hooks.changed(this);
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
    if (this.host.cache) void this.persistResults(generation);
  }

  /**
   * Computes every document's findings a slice at a time (editor requests get
   * in between; publishing them reuses the same results), then saves the cache
   * again with the rule results, which the next start reuses.
   */
  private async persistResults(generation: number): Promise<void> {
    let sliceStart = performance.now();
    for (const rel of this.engine.documentPaths()) {
      if (generation !== this.generation) return;
      this.engine.findings(rel);
      if (performance.now() - sliceStart >= RESULTS_SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    if (generation !== this.generation) return;
    await this.host.saveCache().catch((error) => this.hooks.log(`adrift: could not save the cache: ${String(error)}`));
  }
}
