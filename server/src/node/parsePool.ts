import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DocumentModel } from '../core/document';
import { parseDocument } from '../core/parse';
import type { ParseRequest, ParseResponse } from './parseWorker';
import { restoreModel } from './storedModel';

export interface SourceDocument {
  path: string;
  raw: string;
}

/** Batches of about this many characters keep message overhead low and the workers evenly busy. */
const BATCH_CHARS = 128 * 1024;

/** Batches each worker has queued at once, so it never waits for the calling thread to hand out the next. */
const BATCHES_IN_FLIGHT = 2;

/**
 * Parses documents on worker threads and on the calling thread at once (so
 * one worker per spare core keeps every core busy), handing each model back
 * as soon as it is done. The core stays single-threaded and pure: the engine
 * only ever receives finished models (`engine.setModel`). A worker that fails
 * does not lose work: its batch is parsed on the calling thread.
 */
export class ParsePool {
  private readonly workers: Worker[] = [];
  /** Requests each worker has not answered yet. */
  private readonly pending = new Map<Worker, number>();
  private nextId = 0;

  constructor(readonly size: number = defaultWorkerCount()) {}

  async parseEach(documents: readonly SourceDocument[], onModel: (model: DocumentModel) => void): Promise<void> {
    const batches = toBatches(documents);
    let next = 0;
    const parseHere = async (batch: SourceDocument[]) => {
      for (const doc of batch) {
        onModel(parseDocument(doc.path, doc.raw));
        // Between documents, worker results come in and workers get their next batch.
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const runWorker = async (slot: number) => {
      for (let batch = batches[next++]; batch; batch = batches[next++]) {
        let models: DocumentModel[];
        try {
          models = await this.run(slot, batch);
        } catch {
          models = batch.map((doc) => parseDocument(doc.path, doc.raw));
        }
        models.forEach(onModel);
      }
    };
    const runHere = async () => {
      for (let batch = batches[next++]; batch; batch = batches[next++]) await parseHere(batch);
    };
    const feeders = Math.min(this.size * BATCHES_IN_FLIGHT, Math.max(0, batches.length - 1));
    await Promise.all([...Array.from({ length: feeders }, (_, i) => runWorker(i % this.size)), runHere()]);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((worker) => worker.terminate()));
  }

  private run(slot: number, documents: SourceDocument[]): Promise<DocumentModel[]> {
    const worker = (this.workers[slot] ??= startWorker());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        const left = (this.pending.get(worker) ?? 1) - 1;
        this.pending.set(worker, left);
        if (left === 0) worker.unref();
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (response: ParseResponse) => {
        if (response.id !== id) return;
        cleanup();
        resolve(response.models.map((stored, i) => restoreModel(stored, documents[i].raw)));
      };
      const onError = (error: Error) => {
        cleanup();
        if (this.workers[slot] === worker) delete this.workers[slot];
        reject(error);
      };
      const onExit = (code: number) => onError(new Error(`parse worker exited with code ${code}`));
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      // Referenced only while busy: an idle pool never keeps the process alive.
      this.pending.set(worker, (this.pending.get(worker) ?? 0) + 1);
      worker.ref();
      worker.postMessage({ id, documents } satisfies ParseRequest);
    });
  }
}

/** One worker per core beyond the calling thread's. */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(availableParallelism() - 1, 7));
}

function toBatches(documents: readonly SourceDocument[]): SourceDocument[][] {
  const batches: SourceDocument[][] = [];
  let current: SourceDocument[] = [];
  let chars = 0;
  for (const doc of documents) {
    current.push(doc);
    chars += doc.raw.length;
    if (chars >= BATCH_CHARS) {
      batches.push(current);
      current = [];
      chars = 0;
    }
  }
  if (current.length) batches.push(current);
  return batches;
}

/**
 * The bundles ship `parseWorker.cjs` beside `cli.cjs` and `server.cjs`. From
 * source (tests, tsx) the TypeScript entry is loaded through tsx's API: on
 * Node 20 a worker's `--import tsx` hooks are not ready for its main module.
 */
function startWorker(): Worker {
  const here = import.meta.url;
  let worker: Worker;
  if (here.endsWith('.cjs')) worker = new Worker(new URL('./parseWorker.cjs', here));
  else {
    const entry = JSON.stringify(new URL('./parseWorker.ts', here).href);
    worker = new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${entry}); });`, { eval: true });
  }
  worker.unref();
  return worker;
}
