import type { DocumentModel } from './document';

/**
 * Keeps a model out of memory in a compact form while its document is
 * unchanged. Hosts provide it (the Node host serializes with V8); the engine
 * itself does no encoding.
 */
export interface ModelStore {
  /** A compact copy of the model, its text included. */
  freeze(model: DocumentModel): unknown;
  /** The model again, from what `freeze` gave. */
  thaw(frozen: unknown): DocumentModel;
}

/** The part of an index entry whose model may leave memory. */
export interface ModelHolder {
  /** The model, while in memory. */
  live?: DocumentModel;
  /** Gives the model again once it left memory (a frozen copy, or a persistent cache's loader). */
  reload?: () => DocumentModel;
  /** Length of the document's text: what the budget counts. */
  readonly size: number;
  /** Never sent out of memory (an open document: its next keystroke re-parses only the blocks it touches, from the live model). */
  pinned?: boolean;
}

/** Models frozen to make room for one coming in: bulk indexing stays within the budget, an edit pays for little. */
const FREEZES_PER_ADOPT = 2;

/**
 * The models in memory, least recently used first, within a
 * budget of text length. A model coming in sends the oldest out: those that
 * can be reloaded at once, and a few that must first be frozen (fresh from a
 * parse); `release`, which a host calls when idle, freezes the rest over
 * budget. Without a budget (the default) every model stays in memory.
 */
export class LiveModels {
  /** Insertion order is recency: a Set re-adds a holder at the end. */
  private readonly resident = new Set<ModelHolder>();
  private residentSize = 0;
  private budget = Infinity;

  constructor(private readonly store: ModelStore | undefined) {}

  /** The holder's model, reloaded into memory when it had left; either way it becomes the most recently used. */
  modelOf(holder: ModelHolder): DocumentModel {
    if (holder.live) {
      // Re-added at the end: the document being edited or checked is the last to leave.
      if (this.budget !== Infinity && this.resident.delete(holder)) this.resident.add(holder);
      return holder.live;
    }
    if (!holder.reload) throw new Error('a document model left memory without a way back');
    const model = holder.reload();
    this.adopt(holder, model);
    return model;
  }

  /** Records that `holder` now keeps `model` in memory (fresh from a parse, or reloaded). */
  adopt(holder: ModelHolder, model: DocumentModel): void {
    this.forget(holder);
    holder.live = model;
    this.resident.add(holder);
    this.residentSize += holder.size;
    this.makeRoom(holder, FREEZES_PER_ADOPT);
  }

  /** The holder leaves the index (its document changed or was removed). */
  forget(holder: ModelHolder): void {
    if (!this.resident.delete(holder)) return;
    this.residentSize -= holder.size;
  }

  /** Text length of the models in memory. */
  get size(): number {
    return this.residentSize;
  }

  /** A host with a `ModelStore` sets a budget once it has done its bulk work; undefined lifts it. */
  setBudget(chars: number | undefined): void {
    this.budget = chars ?? Infinity;
    this.makeRoom(undefined, 0);
  }

  /**
   * Freezes and drops models over the budget, least recently used first,
   * until within it or `stop()` says so; false when stopped before done
   * (done: within the budget, or only pinned models left in memory).
   */
  release(stop: () => boolean = () => false): boolean {
    if (!this.store) return true;
    for (const holder of this.resident) {
      if (this.residentSize <= this.budget) return true;
      if (holder.pinned) continue;
      if (stop()) return false;
      if (!holder.reload) holder.reload = frozenReload(this.store, holder.live!);
      this.drop(holder);
    }
    return true;
  }

  /** Drops models over the budget, oldest first, but not `keep`: those that can come back, and up to `freezes` that must be frozen first. */
  private makeRoom(keep: ModelHolder | undefined, freezes: number): void {
    if (this.residentSize <= this.budget) return;
    for (const holder of this.resident) {
      if (this.residentSize <= this.budget) return;
      if (holder === keep || holder.pinned) continue;
      if (!holder.reload && this.store && freezes-- > 0) holder.reload = frozenReload(this.store, holder.live!);
      if (holder.reload) this.drop(holder);
      else if (freezes <= 0) return;
    }
  }

  private drop(holder: ModelHolder): void {
    this.resident.delete(holder);
    this.residentSize -= holder.size;
    holder.live = undefined;
  }
}

function frozenReload(store: ModelStore, model: DocumentModel): () => DocumentModel {
  const frozen = store.freeze(model);
  return () => store.thaw(frozen);
}
