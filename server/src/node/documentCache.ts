import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { DocumentModel } from '../core/document';
import type { Finding } from '../core/types';
import { writeFileAtomic } from './atomicWrite';
import { restoreModel, storeModel, type StoredModel } from './storedModel';

/** Bumped whenever what is stored changes shape. */
const FORMAT = 2;
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
  model: StoredModel;
  /** Findings of the rules that read nothing but the document, by rule id. */
  findings?: [string, Finding[]][];
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
}

/**
 * A persistent cache of parsed documents and of the findings of document-local
 * rules, for `adrift check --cache` and for the language server across restarts.
 *
 * An entry is used only when the file's content hash matches. Parsed models are
 * kept across config changes (parsing does not read the config) but not across
 * adrift versions; cached findings also need the same config hash and day.
 * A missing, corrupt or foreign cache is simply empty: the cache can only make a
 * run faster, never change its result.
 */
export class DocumentCache {
  readonly stats: CacheStats = { hits: 0, misses: 0 };
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

  /** The cached model of `path` when it was parsed from exactly `raw`, with its cached local findings if still valid. */
  get(path: string, raw: string): { model: DocumentModel; findings?: Map<string, Finding[]> } | undefined {
    this.seen.add(path);
    const entry = this.shardOf(path).entries.get(path);
    if (!entry || entry.hash !== DocumentCache.hashOf(raw)) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    return { model: restoreModel(entry.model, raw), findings: entry.findings && new Map(entry.findings) };
  }

  /** Records a freshly parsed model (and, later, its local findings) for `raw`. */
  set(model: DocumentModel, raw: string, findings?: ReadonlyMap<string, Finding[]>): void {
    this.seen.add(model.path);
    const index = shardIndex(model.path);
    const hash = DocumentCache.hashOf(raw);
    const previous = this.shards[index].entries.get(model.path);
    const entry: Entry = {
      hash,
      model: previous?.hash === hash ? previous.model : storeModel(model),
      ...(findings ? { findings: [...findings] } : {}),
    };
    this.shards[index].entries.set(model.path, entry);
    this.dirty.add(index);
  }

  /** Stores the local findings of a document already in the cache, when they differ from what is stored. */
  setFindings(path: string, findings: ReadonlyMap<string, Finding[]>): void {
    const index = shardIndex(path);
    const entry = this.shards[index].entries.get(path);
    if (!entry) return;
    const next: [string, Finding[]][] = [...findings];
    if (entry.findings && JSON.stringify(entry.findings) === JSON.stringify(next)) return;
    entry.findings = next;
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
        return writeFileAtomic(this.fileOf(index), serialize({ ...shard, entries: [...shard.entries] }));
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
      for (const entry of entries.values()) delete entry.findings;
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
