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

/**
 * Parses documents on worker threads, one per core, and hands each model back
 * as soon as its batch is done. The core stays single-threaded and pure: the
 * engine only ever receives finished models (`engine.setModel`). A worker that
 * fails does not lose work: its batch is parsed on the calling thread.
 */
export class ParsePool {
  private readonly workers: Worker[] = [];
  private nextId = 0;

  constructor(readonly size: number = defaultWorkerCount()) {}

  async parseEach(documents: readonly SourceDocument[], onModel: (model: DocumentModel) => void): Promise<void> {
    const batches = toBatches(documents);
    let next = 0;
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
    await Promise.all(Array.from({ length: Math.min(this.size, batches.length) }, (_, slot) => runWorker(slot)));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((worker) => worker.terminate()));
  }

  private run(slot: number, documents: SourceDocument[]): Promise<DocumentModel[]> {
    const worker = (this.workers[slot] ??= startWorker());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        worker.unref();
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
      worker.ref();
      worker.postMessage({ id, documents } satisfies ParseRequest);
    });
  }
}

export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(availableParallelism(), 8));
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
