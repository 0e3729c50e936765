import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { loadConfig, type LoadedConfig } from '../core/config/load';
import { CONFIG_FILE_NAMES } from '../core/config/defaults';
import { ResolvedConfig } from '../core/config/resolved';
import { Engine } from '../core/engine';
import type { Rule } from '../core/rule';
import type { Finding } from '../core/types';
import { readDocument, scanFiles, toWorkspacePath } from './files';

export interface HostOptions {
  root: string;
  rules: readonly Rule[];
  /** An explicit config file (absolute); otherwise `.adrift.yaml` at the root is used when present. */
  configFile?: string;
  log?: (message: string) => void;
  /** Extra documents to index even when outside the configured scope (explicit CLI arguments). */
  forceInclude?: (relPath: string) => boolean;
}

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

  constructor(private readonly options: HostOptions) {
    this.root = path.resolve(options.root);
    this.engine = new Engine({ rules: options.rules, log: options.log });
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
    let done = 0;
    for (const rel of documents) {
      await this.indexFile(rel);
      onProgress?.(++done, documents.length);
    }
  }

  /** (Re)reads one file from disk into the index. */
  async indexFile(rel: string): Promise<void> {
    if (!this.isDocument(rel)) {
      this.engine.addFile(rel);
      return;
    }
    const outcome = await readDocument(path.join(this.root, rel), this.engine.config.raw.maxFileSize);
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
