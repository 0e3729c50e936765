import { createHash } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DocumentModel } from '../core/document';
import { parseStoredResults, serializeStoredResults, type SerializedResults, type StoredResults, type StoredSummary } from '../core/storedResults';
import { writeFileAtomic } from './atomicWrite';
import type { FileStamp } from './files';
import { decodeShard, encodeShard, type ShardContent, type ShardEntry } from './shardFile';
import { serializedModelStore } from './storedModel';

/** Bumped whenever what is stored changes shape. */
const FORMAT = 13;
/** Entries are spread over this many files so a run that changed a few documents rewrites a few files. */
const SHARDS = 64;
/** Longest stretch of exporting results between two turns of the event loop. */
const SAVE_SLICE_MS = 10;
/**
 * A file's stamp is kept only once the file has been still this long when
 * read: a write within the same tick of the file system's clock as the read
 * would leave the stamp unchanged (git's "racily clean" entries).
 */
const STAMP_SETTLE_MS = 2000;
/** The temporary name `writeFileAtomic` gives a shard while writing it. */
const ABANDONED_WRITE = /^\.documents-\d+\.bin\.adrift-[0-9a-f]+\.tmp$/;
/** A shard write takes well under a second: a temporary file this old was abandoned. */
const ABANDONED_WRITE_MS = 10 * 60 * 1000;

export interface CacheKey {
  /** The adrift version: a new release may parse or check differently. */
  version: string;
  /** `ResolvedConfig.hash`: findings depend on the config. */
  configHash: string;
  /** The day findings were computed on, for rules that read `ctx.today()`. */
  today: string;
}

/**
 * A document as the cache keeps it (`ShardEntry`). `model` is the model with its
 * text, frozen (`serializedModelStore`): only documents whose model is needed
 * pay for thawing it, and the engine keeps the very same bytes for a model
 * that leaves memory. `summary` is what the engine needs to index the document
 * without its model (`Engine.exportSummary`), as JSON in UTF-8; `results` its
 * rule results with fingerprints of what they read (`Engine.exportResults`),
 * as text (`SerializedResults`) in UTF-8. `stamp` is the `FileStamp.key` of
 * the file the entry was made from, when it had settled (`STAMP_SETTLE_MS`).
 */
type Entry = ShardEntry;

/** A cache hit: the content hash, the model on demand and, under the same key, what was computed from it. */
export interface CachedDocument {
  hash: string;
  load(): DocumentModel;
  summary?: StoredSummary;
  /** Parsed when called (for the engine's `offerResults`), so that results not yet needed stay one string. */
  results?: () => StoredResults;
}

interface Shard {
  format: number;
  version: string;
  findingsKey: string;
  /** Undefined once written: the entries are then those in the shard's file, read again when needed. */
  entries: Map<string, Entry> | undefined;
}

/** What `saveComputed` stores for a document. */
export interface ComputedDocument {
  /** Absent when the summary the cache holds for the document stands (`Engine.keepsStoredSummary`). */
  summary?: StoredSummary;
  /** Absent when the results the cache holds for the document stand (`Engine.keepsOfferedResults`). */
  results?: StoredResults;
}

export interface CacheStats {
  hits: number;
  /** Hits taken by the file's stamp alone, without reading the file. */
  unread: number;
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
 *
 * Entries stay in memory only until their shard is written (`save`): a
 * long-running language server needs them at start-up and when it saves, and
 * keeping them would hold a second copy of every model and result.
 */
export class DocumentCache {
  readonly stats: CacheStats = { hits: 0, unread: 0, misses: 0, restored: 0 };
  private readonly shards: Shard[] = [];
  private readonly dirty = new Set<number>();
  private readonly seen = new Set<string>();

  private constructor(
    readonly directory: string,
    private readonly key: CacheKey,
    private readonly stampSettleMs: number,
    private readonly copyModels: boolean,
  ) {}

  /**
   * Opens (reads) the cache in `directory`; never throws. `copyModels: false`
   * suits a process that ends after one run: it keeps each model as a view
   * into its shard's bytes instead of copying it out (see `adoptShard`).
   */
  static async open(
    directory: string,
    key: CacheKey,
    { stampSettleMs = STAMP_SETTLE_MS, copyModels = true }: { stampSettleMs?: number; copyModels?: boolean } = {},
  ): Promise<DocumentCache> {
    const cache = new DocumentCache(directory, key, stampSettleMs, copyModels);
    await Promise.all(Array.from({ length: SHARDS }, (_, i) => cache.loadShard(i)));
    return cache;
  }

  static hashOf(raw: string): string {
    return createHash('sha1').update(raw).digest('hex');
  }

  /** The cached document `path` when it was parsed from exactly `raw`, with its summary and rule results under this key. */
  get(path: string, raw: string): CachedDocument | undefined {
    this.seen.add(path);
    const entry = this.entriesOf(shardIndex(path)).get(path);
    const hash = DocumentCache.hashOf(raw);
    if (!entry || entry.hash !== hash) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    return this.hit(entry);
  }

  /** The cached document `path` when it was made from the file with this stamp (`FileStamp.key`), which then need not be read. */
  getStamped(path: string, stampKey: string): CachedDocument | undefined {
    const entry = this.entriesOf(shardIndex(path)).get(path);
    if (entry?.stamp !== stampKey) return undefined;
    this.seen.add(path);
    this.stats.hits++;
    this.stats.unread++;
    return this.hit(entry);
  }

  private hit(entry: Entry): CachedDocument {
    let summary: StoredSummary | undefined;
    try {
      summary = entry.summary && (JSON.parse(textOf(entry.summary)) as StoredSummary);
    } catch {
      // Damaged: the document is indexed from its model, and its rules run.
      return { hash: entry.hash, load: loader(entry.model, this.stats) };
    }
    // Each closure is made apart: the engine keeps `load` for as long as the document is indexed,
    // and closures made in one scope keep everything any of them reads.
    return {
      hash: entry.hash,
      load: loader(entry.model, this.stats),
      ...(summary ? { summary } : {}),
      ...(entry.results ? { results: parser(entry.results) } : {}),
    };
  }

  /**
   * Records a freshly parsed model (and, optionally, its rule results) for
   * `raw`; returns the content hash and the model frozen, which gives it back
   * (`serializedModelStore.thaw`).
   */
  set(model: DocumentModel, raw: string, results?: StoredResults, stamp?: FileStamp): { hash: string; frozen: Uint8Array } {
    this.seen.add(model.path);
    const index = shardIndex(model.path);
    const hash = DocumentCache.hashOf(raw);
    const entries = this.entriesOf(index);
    const previous = entries.get(model.path);
    const entry: Entry = {
      hash,
      model: previous?.hash === hash ? previous.model : (serializedModelStore.freeze(model) as Uint8Array),
      ...(stamp && Date.now() - stamp.changedAtMs >= this.stampSettleMs ? { stamp: stamp.key } : {}),
      ...(results ? { results: bytesOfResults(serializeStoredResults(results)) } : {}),
    };
    entries.set(model.path, entry);
    this.dirty.add(index);
    return { hash, frozen: entry.model };
  }

  /** The frozen model of whatever version of `path` the cache holds (`thawTracked` gives it back), for re-parsing a new version as an edit of it. */
  earlierModel(path: string): Uint8Array | undefined {
    return this.entriesOf(shardIndex(path)).get(path)?.model;
  }

  /** Whether the entry of `path` was made from content with this sha1 (`hashOf`). */
  holds(path: string, hash: string): boolean {
    return this.entriesOf(shardIndex(path)).get(path)?.hash === hash;
  }

  /** Stores the summary and rule results of a document already in the cache, when they differ from what is stored. */
  setComputed(path: string, summary: StoredSummary, results: StoredResults): void {
    const index = shardIndex(path);
    const entry = this.entriesOf(index).get(path);
    if (entry) this.storeComputed(index, entry, summary, results);
  }

  private storeComputed(index: number, entry: Entry, summary: StoredSummary | undefined, results: StoredResults | undefined): void {
    const summaryJson = summary && bytesOf(JSON.stringify(summary));
    if (summaryJson !== undefined && !sameBytes(entry.summary, summaryJson)) {
      entry.summary = summaryJson;
      this.dirty.add(index);
    }
    if (!results) return;
    const serialized = bytesOfResults(serializeStoredResults(results));
    if (sameBytes(entry.results?.head, serialized.head) && sameBytes(entry.results?.findings, serialized.findings)) return;
    entry.results = serialized;
    this.dirty.add(index);
  }

  /**
   * Writes the shards that changed. With `prune`, entries of documents not
   * looked up or stored since the cache was opened (deleted files) are dropped.
   */
  save({ prune = false }: { prune?: boolean } = {}): Promise<void> {
    return this.saveComputed(new Map(), () => undefined, { prune });
  }

  /**
   * `setComputed` for every document in `hashes` whose entry was made from
   * content with that hash, with what `compute` gives for it (nothing when it
   * gives undefined), then `save`; done a shard at a time, so that only one
   * shard's entries are in memory at once however large the workspace, and in
   * short slices, so that other work gets in between (`compute` may then find
   * a document changed).
   */
  async saveComputed(
    hashes: ReadonlyMap<string, string>,
    compute: (path: string) => ComputedDocument | undefined,
    { prune = false }: { prune?: boolean } = {},
  ): Promise<void> {
    const byShard = new Map<number, string[]>();
    for (const file of hashes.keys()) {
      const index = shardIndex(file);
      const files = byShard.get(index);
      if (files) files.push(file);
      else byShard.set(index, [file]);
    }
    let madeDirectory = false;
    for (let index = 0; index < SHARDS; index++) {
      const files = byShard.get(index);
      if (!files && !prune && !this.dirty.has(index)) continue;
      const entries = this.shards[index].entries ?? (await this.readEntries(index));
      let sliceStart = performance.now();
      for (const file of files ?? []) {
        const entry = entries.get(file);
        if (!entry || entry.hash !== hashes.get(file)) continue;
        const computed = compute(file);
        if (computed) this.storeComputed(index, entry, computed.summary, computed.results);
        // A server saves while the user may type: a keystroke waits for one slice at most.
        if (performance.now() - sliceStart >= SAVE_SLICE_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          sliceStart = performance.now();
        }
      }
      if (prune) {
        for (const file of entries.keys()) {
          if (!this.seen.has(file)) {
            entries.delete(file);
            this.dirty.add(index);
          }
        }
      }
      if (this.dirty.has(index)) {
        if (!madeDirectory) await fs.mkdir(this.directory, { recursive: true });
        madeDirectory = true;
        const { format, version, findingsKey } = this.shards[index];
        // Cleared before writing: a document stored meanwhile makes the shard dirty again.
        this.dirty.delete(index);
        await writeFileAtomic(this.fileOf(index), encodeShard({ format, version, findingsKey, entries: [...entries] }));
      }
      // Written now or before: the entries are read back from the file when needed.
      if (!this.dirty.has(index)) this.shards[index].entries = undefined;
    }
    if (prune) await this.removeAbandonedWrites();
  }

  /**
   * Temporary files of shard writes that never finished (the process was
   * killed mid-write). Only old ones: a younger one may be another process's
   * write in progress (two CI jobs sharing a cache location).
   */
  private async removeAbandonedWrites(): Promise<void> {
    const names = await fs.readdir(this.directory).catch(() => [] as string[]);
    const cutoff = Date.now() - ABANDONED_WRITE_MS;
    for (const name of names) {
      if (!ABANDONED_WRITE.test(name)) continue;
      const file = path.join(this.directory, name);
      const stat = await fs.lstat(file).catch(() => undefined);
      if (stat?.isFile() && stat.mtimeMs < cutoff) await fs.rm(file, { force: true }).catch(() => undefined);
    }
  }

  /** The entries of a shard, read back from its file once written. */
  private entriesOf(index: number): Map<string, Entry> {
    const entries = this.shards[index].entries;
    if (entries) return entries;
    let bytes: Buffer | undefined;
    try {
      bytes = readFileSync(this.fileOf(index));
    } catch {
      bytes = undefined;
    }
    return this.adoptShard(index, bytes);
  }

  private async readEntries(index: number): Promise<Map<string, Entry>> {
    return this.adoptShard(index, await fs.readFile(this.fileOf(index)).catch(() => undefined));
  }

  private fileOf(index: number): string {
    return path.join(this.directory, `documents-${String(index).padStart(2, '0')}.bin`);
  }

  private async loadShard(index: number): Promise<void> {
    this.adoptShard(index, await fs.readFile(this.fileOf(index)).catch(() => undefined));
  }

  /** Makes a shard's entries those in `bytes` (its file's content) when stored in this format and version. */
  private adoptShard(index: number, bytes: Buffer | undefined): Map<string, Entry> {
    const findingsKey = findingsKeyOf(this.key);
    const entries = new Map<string, Entry>();
    this.shards[index] = { format: FORMAT, version: this.key.version, findingsKey, entries };
    if (!bytes) return entries;
    let stored: ShardContent | undefined;
    try {
      stored = decodeShard(bytes);
    } catch {
      stored = undefined;
    }
    if (stored?.format !== FORMAT || stored.version !== this.key.version) {
      this.dirty.add(index);
      return entries;
    }
    for (const [file, entry] of stored.entries) {
      // Decoded parts are views into `bytes`: the engine keeps each model's bytes while its document is indexed,
      // and a view would keep the whole file (its results and summaries too, two thirds of it) in memory.
      if (this.copyModels) entry.model = entry.model.slice();
      if (stored.findingsKey !== findingsKey) {
        delete entry.results;
        delete entry.summary;
      }
      entries.set(file, entry);
    }
    if (stored.findingsKey !== findingsKey) this.dirty.add(index);
    return entries;
  }
}

function loader(frozen: Uint8Array, stats: CacheStats): () => DocumentModel {
  return () => {
    stats.restored++;
    return serializedModelStore.thaw(frozen);
  };
}

function parser(results: { head: Uint8Array; findings: Uint8Array }): () => StoredResults {
  return () => parseStoredResults({ head: textOf(results.head), findings: textOf(results.findings) });
}

/*
 * Summaries and results are kept as bytes rather than strings. Deserialized,
 * strings land on the young heap, where every collection copies them until
 * they are promoted (50 ms for the 6 MB of a 1,000-document cache); bytes are
 * views into the file read, outside the heap. Each becomes text when used,
 * and that text dies young.
 */
function bytesOf(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}

function textOf(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

function bytesOfResults({ head, findings }: SerializedResults): { head: Uint8Array; findings: Uint8Array } {
  return { head: bytesOf(head), findings: bytesOf(findings) };
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && Buffer.compare(a, b) === 0;
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
