import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
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
 * Parses documents in worker processes and on the calling thread at once (so
 * one worker per spare core keeps every core busy), handing each model back
 * as soon as it is done. The core stays single-threaded and pure: the engine
 * only ever receives finished models (`engine.setModel`). A worker that fails
 * does not lose work: its batch is parsed on the calling thread.
 *
 * Workers are processes, not threads: memory a thread's allocator took for
 * parsing stays with the process after the thread ends (about 50 MB for
 * 10,000 documents), which a long-running language server would carry all
 * day; a process gives it all back when it exits.
 */
export class ParsePool {
  /** Running until `close`, which whoever made the pool calls when done. */
  private readonly workers: ChildProcess[] = [];
  private nextId = 0;

  constructor(readonly size: number = defaultWorkerCount()) {}

  async parseEach(documents: readonly SourceDocument[], onModel: (model: DocumentModel) => void): Promise<void> {
    // Loaded when first needed: most runs start no worker, and loading it cost every run 5 ms. (Not `import()`: the CLI
    // bundle may run as a script compiled with its code cache, where dynamic import is not available.)
    fork ??= (createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process')).fork;
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
    await Promise.all(this.workers.splice(0).map(stopWorker));
  }

  private run(slot: number, documents: SourceDocument[]): Promise<DocumentModel[]> {
    const worker = (this.workers[slot] ??= startWorker());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (message: unknown) => {
        const response = message as ParseResponse;
        if (response.id !== id) return;
        cleanup();
        resolve(response.models.map((stored, i) => restoreModel(stored, documents[i].raw)));
      };
      const onError = (error: Error) => {
        cleanup();
        if (this.workers[slot] === worker) delete this.workers[slot];
        // Out of the pool, so `close` would not stop it: a worker left running would keep this process alive.
        worker.kill();
        reject(error);
      };
      const onExit = (code: number | null, signal: string | null) => onError(new Error(`parse worker exited with ${signal ?? `code ${code}`}`));
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.send({ id, documents } satisfies ParseRequest, (error) => error && onError(error));
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
 * The bundles ship `parseWorker.cjs` beside `cli.cjs` and `server.cjs`; from
 * source (tests, tsx) the TypeScript entry runs through tsx. The worker's
 * output is not ours to pass on (a server over stdio speaks on stdout), and
 * it takes none of this process's Node options (`--inspect` would clash).
 *
 * The worker collects garbage on its own thread only: parsing makes so much
 * garbage that V8's helper threads already keep a second core busy for the
 * calling process, and a worker with helpers of its own competed with them
 * (1,000 documents on 2 cores: 5.1-5.3 s against 5.9-6.0 s).
 */
let fork: typeof import('node:child_process').fork | undefined;

function startWorker(): ChildProcess {
  const here = import.meta.url;
  const bundled = here.endsWith('.cjs');
  const entry = fileURLToPath(new URL(bundled ? './parseWorker.cjs' : './parseWorker.ts', here));
  const execArgv = ['--single-threaded-gc', ...(bundled ? [] : ['--import', 'tsx'])];
  return fork!(entry, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv });
}

function stopWorker(worker: ChildProcess): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    worker.once('exit', () => resolve());
    worker.kill();
  });
}
