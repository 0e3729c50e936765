import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { DocumentModel } from '../core/document';
import type { StoredResult, StoredSummary } from '../core/storedResults';
import { writeFileAtomic } from './atomicWrite';
import { restoreModel, storeModel, type StoredModel } from './storedModel';

/** Bumped whenever what is stored changes shape. */
const FORMAT = 5;
/** Entries are spread over this many files so a run that changed a few documents rewrites a few files. */
const SHARDS = 64;

export interface CacheKey {
  /** The adrift version: a new release may parse or check differently. */
  version: string;
  /** `ResolvedConfig.hash`: findings depend on the config. */
  configHash: string;
  /** The day findings were computed on, for rules that read `ctx.today()`. */
  today: string;
}

interface Entry {
  /** sha1 of the raw file content. */
  hash: string;
  /**
   * The `StoredModel`, v8-serialized on its own: opening the cache copies these
   * bytes, and only documents whose model is needed pay for restoring it.
   */
  model: Uint8Array;
  /** What the engine needs to index the document without its model (`Engine.exportSummary`), as JSON. */
  summary?: string;
  /**
   * Rule results on the document with fingerprints of what they read
   * (`Engine.exportResults`), as JSON: one string deserializes far faster
   * than tens of thousands of small objects, and compares in one step.
   */
  results?: string;
  /** `results` as last handed out or stored in this process, to tell unchanged results without serializing. */
  parsedResults?: StoredResult[];
}

/** A cache hit: the content hash, the model on demand and, under the same key, what was computed from it. */
export interface CachedDocument {
  hash: string;
  load(): DocumentModel;
  summary?: StoredSummary;
  results?: StoredResult[];
}

interface Shard {
  format: number;
  version: string;
  findingsKey: string;
  entries: Map<string, Entry>;
}

export interface CacheStats {
  hits: number;
  misses: number;
  /** Hits whose model was restored (`CachedDocument.load`); the others were checked from their summary alone. */
  restored: number;
}

/**
 * A persistent cache of parsed documents and of rule results, for
 * `adrift check --cache` and for the language server across restarts.
 *
 * An entry is used only when the file's content hash matches. Parsed models are
 * kept across config changes (parsing does not read the config) but not across
 * adrift versions; cached results also need the same config hash and day, and
 * the engine reuses one only while everything it read is unchanged.
 * A missing, corrupt or foreign cache is simply empty: the cache can only make a
 * run faster, never change its result.
 */
export class DocumentCache {
  readonly stats: CacheStats = { hits: 0, misses: 0, restored: 0 };
  private readonly shards: Shard[] = [];
  private readonly dirty = new Set<number>();
  private readonly seen = new Set<string>();

  private constructor(
    readonly directory: string,
    private readonly key: CacheKey,
  ) {}

  /** Opens (reads) the cache in `directory`; never throws. */
  static async open(directory: string, key: CacheKey): Promise<DocumentCache> {
    const cache = new DocumentCache(directory, key);
    await Promise.all(Array.from({ length: SHARDS }, (_, i) => cache.loadShard(i)));
    return cache;
  }

  static hashOf(raw: string): string {
    return createHash('sha1').update(raw).digest('hex');
  }

  /** The cached document `path` when it was parsed from exactly `raw`, with its summary and rule results under this key. */
  get(path: string, raw: string): CachedDocument | undefined {
    this.seen.add(path);
    const entry = this.shardOf(path).entries.get(path);
    const hash = DocumentCache.hashOf(raw);
    if (!entry || entry.hash !== hash) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    if (entry.results && !entry.parsedResults) entry.parsedResults = JSON.parse(entry.results) as StoredResult[];
    const bytes = entry.model;
    return {
      hash,
      load: () => {
        this.stats.restored++;
        return restoreModel(deserialize(bytes) as StoredModel, raw);
      },
      ...(entry.summary ? { summary: JSON.parse(entry.summary) as StoredSummary } : {}),
      ...(entry.parsedResults ? { results: entry.parsedResults } : {}),
    };
  }

  /** Records a freshly parsed model (and, optionally, its rule results) for `raw`; returns the content hash. */
  set(model: DocumentModel, raw: string, results?: StoredResult[]): string {
    this.seen.add(model.path);
    const index = shardIndex(model.path);
    const hash = DocumentCache.hashOf(raw);
    const previous = this.shards[index].entries.get(model.path);
    const entry: Entry = {
      hash,
      model: previous?.hash === hash ? previous.model : serialize(storeModel(model)),
      ...(results ? { results: JSON.stringify(results), parsedResults: results } : {}),
    };
    this.shards[index].entries.set(model.path, entry);
    this.dirty.add(index);
    return hash;
  }

  /** Whether the entry of `path` was made from content with this sha1 (`hashOf`). */
  holds(path: string, hash: string): boolean {
    return this.shardOf(path).entries.get(path)?.hash === hash;
  }

  /** Stores the summary and rule results of a document already in the cache, when they differ from what is stored. */
  setComputed(path: string, summary: StoredSummary, results: StoredResult[]): void {
    const index = shardIndex(path);
    const entry = this.shards[index].entries.get(path);
    if (!entry) return;
    const summaryJson = JSON.stringify(summary);
    if (entry.summary !== summaryJson) {
      entry.summary = summaryJson;
      this.dirty.add(index);
    }
    const stored = entry.parsedResults;
    // Results reused from the cache come back as the very objects handed out.
    if (stored && stored.length === results.length && stored.every((result, i) => result === results[i])) return;
    const json = JSON.stringify(results);
    entry.parsedResults = results;
    if (entry.results === json) return;
    entry.results = json;
    this.dirty.add(index);
  }

  /**
   * Writes the shards that changed. With `prune`, entries of documents not
   * looked up or stored since the cache was opened (deleted files) are dropped.
   */
  async save({ prune = false }: { prune?: boolean } = {}): Promise<void> {
    if (prune) {
      this.shards.forEach((shard, index) => {
        for (const file of shard.entries.keys()) {
          if (!this.seen.has(file)) {
            shard.entries.delete(file);
            this.dirty.add(index);
          }
        }
      });
    }
    if (this.dirty.size === 0) return;
    await fs.mkdir(this.directory, { recursive: true });
    const indexes = [...this.dirty];
    this.dirty.clear();
    await Promise.all(
      indexes.map((index) => {
        const shard = this.shards[index];
        const entries = [...shard.entries].map(([file, { hash, model, summary, results }]) => [
          file,
          { hash, model, ...(summary ? { summary } : {}), ...(results ? { results } : {}) },
        ]);
        return writeFileAtomic(this.fileOf(index), serialize({ ...shard, entries }));
      }),
    );
  }

  private shardOf(file: string): Shard {
    return this.shards[shardIndex(file)];
  }

  private fileOf(index: number): string {
    return path.join(this.directory, `documents-${String(index).padStart(2, '0')}.bin`);
  }

  private async loadShard(index: number): Promise<void> {
    const findingsKey = findingsKeyOf(this.key);
    const empty: Shard = { format: FORMAT, version: this.key.version, findingsKey, entries: new Map() };
    this.shards[index] = empty;
    let stored: { format?: number; version?: string; findingsKey?: string; entries?: [string, Entry][] };
    try {
      stored = deserialize(await fs.readFile(this.fileOf(index)));
    } catch {
      return;
    }
    if (stored?.format !== FORMAT || stored.version !== this.key.version || !Array.isArray(stored.entries)) {
      this.dirty.add(index);
      return;
    }
    const entries = new Map(stored.entries);
    if (stored.findingsKey !== findingsKey) {
      for (const entry of entries.values()) {
        delete entry.results;
        delete entry.summary;
      }
      this.dirty.add(index);
    }
    this.shards[index] = { format: FORMAT, version: this.key.version, findingsKey, entries };
  }
}

function findingsKeyOf(key: CacheKey): string {
  return createHash('sha1').update(JSON.stringify([key.version, key.configHash, key.today])).digest('hex');
}

/** FNV-1a: a stable, cheap spread of paths over shards. */
function shardIndex(file: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < file.length; i++) {
    hash ^= file.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % SHARDS;
}
