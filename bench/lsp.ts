import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { typingSession } from './corpus';
import { percentile } from './measure';

export interface LspStartup {
  /**
   * From sending `initialize` to the last diagnostics of the first complete
   * pass: the server reports `ready` once that pass is published; the quiet
   * period catches any stragglers.
   */
  readySeconds: number;
  /** Resident memory when ready: it still holds what indexing left for the collector. */
  rssMb: number | null;
  /** The most the process was resident at any time until ready (`VmHWM`). */
  peakRssMb: number | null;
  /** Resident memory after the server sat idle with everything indexed (`idleRss`), once measured. */
  idleRssMb?: number | null;
  publishedDocuments: number;
}

export interface Latency {
  p50: number;
  p95: number;
  max: number;
  samples: number;
}

/** Publishing is taken as finished once no diagnostics arrived for this long after `ready`. */
const QUIET_MS = 1500;
const READY_TIMEOUT_MS = 20 * 60 * 1000;
/** Quiet time after opening a document before typing into it. */
const OPEN_SETTLE_MS = 1000;

/**
 * Drives the bundled language server over stdio like an editor: initialize,
 * wait for full workspace diagnostics, then optionally type into documents and
 * time each keystroke until its diagnostics are published.
 */
export class LspSession {
  private readonly child;
  private readonly connection;
  private readonly publishes: { uri: string; version: number | undefined; at: number }[] = [];
  private readyAt: number | null = null;
  private waiters: (() => void)[] = [];
  private readonly versions = new Map<string, number>();

  /** `nodeArgs` go to the server's Node process (e.g. `--cpu-prof` to profile it while typing). */
  constructor(serverBundle: string, nodeArgs: readonly string[] = []) {
    this.child = spawn(process.execPath, [...nodeArgs, serverBundle, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params: PublishDiagnosticsParams) => {
      this.publishes.push({ uri: params.uri, version: params.version, at: performance.now() });
      this.wake();
    });
    this.connection.onNotification('adrift/status', (status: { state: string }) => {
      if (status.state === 'ready' && this.readyAt === null) this.readyAt = performance.now();
      this.wake();
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  /** `cacheDirectory` is the storage folder an editor hands the server (VS Code: the extension's workspace storage). */
  async start(root: string, { cacheDirectory }: { cacheDirectory?: string } = {}): Promise<LspStartup> {
    const started = performance.now();
    const rootUri = pathToFileURL(root).href;
    await this.connection.sendRequest(InitializeRequest.type, {
      ...(cacheDirectory ? { initializationOptions: { cacheDirectory } } : {}),
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: path.basename(root) }],
      capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true, workspaceFolders: true } },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    const deadline = started + READY_TIMEOUT_MS;
    for (;;) {
      const lastPublish = this.publishes.length ? this.publishes[this.publishes.length - 1].at : 0;
      if (this.readyAt !== null && performance.now() - Math.max(lastPublish, this.readyAt) >= QUIET_MS) break;
      if (performance.now() > deadline) throw new Error('the language server did not become ready in time');
      await this.next(200);
    }
    const lastPublish = this.publishes.length ? this.publishes[this.publishes.length - 1].at : this.readyAt!;
    return {
      readySeconds: (Math.max(lastPublish, this.readyAt!) - started) / 1000,
      rssMb: await this.rssMb(),
      peakRssMb: await this.rssMb('VmHWM'),
      publishedDocuments: new Set(this.publishes.map((p) => p.uri)).size,
    };
  }

  /**
   * Opens `file` and types `keystrokes` characters into the destination of a
   * broken link in a paragraph near its middle, one change per keystroke; each
   * keystroke changes the finding's message, so the server must publish.
   */
  async typeInto(root: string, file: string, keystrokes: number): Promise<Latency> {
    const uri = pathToFileURL(path.join(root, file)).href;
    const original = await fs.readFile(path.join(root, file), 'utf8');
    const { text, offset } = typingSession(original);
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    let character = before.length - before.lastIndexOf('\n') - 1;
    this.versions.set(uri, 1);
    let seen = this.publishes.length;
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    await this.publishedFor(uri, 1, seen);
    // A user reads before typing: the documents the opened text affects are re-checked meanwhile.
    await this.quiet(OPEN_SETTLE_MS);
    const samples: number[] = [];
    for (let i = 0; i < keystrokes; i++) {
      const version = this.versions.get(uri)! + 1;
      this.versions.set(uri, version);
      seen = this.publishes.length;
      const sent = performance.now();
      await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'abcdefghij'[i % 10] }],
      });
      character++;
      const at = await this.publishedFor(uri, version, seen);
      samples.push(at - sent);
      // A pause between keystrokes, as a fast typist leaves.
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    return {
      p50: percentile(samples, 50),
      p95: percentile(samples, 95),
      max: Math.max(...samples),
      samples: samples.length,
      ...(process.env.SHOW_SAMPLES ? { all: samples.map(Math.round) } : {}),
    };
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((resolve) => setTimeout(resolve, 5000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // The server may already be gone.
    }
    setTimeout(() => this.child.kill(), 2000).unref();
    this.connection.dispose();
  }

  /** When diagnostics computed on `version` (or a later one) of the open document arrived. */
  private async publishedFor(uri: string, version: number, after: number): Promise<number> {
    const deadline = performance.now() + 60_000;
    for (;;) {
      const hit = this.publishes.slice(after).find((p) => p.uri === uri && p.version !== undefined && p.version >= version);
      if (hit) return hit.at;
      if (performance.now() > deadline) throw new Error(`no diagnostics published for ${uri}`);
      await this.next(1000);
    }
  }

  /** Resolves once no diagnostics have arrived for `quietMs` (at most a minute). */
  private async quiet(quietMs: number): Promise<void> {
    const deadline = performance.now() + 60_000;
    while (performance.now() < deadline) {
      const last = this.publishes.length ? this.publishes[this.publishes.length - 1].at : 0;
      const wait = last + quietMs - performance.now();
      if (wait <= 0) return;
      await this.next(wait);
    }
  }

  /**
   * Resident memory after `seconds` without requests: what the server holds
   * while the user reads, once V8 has compacted the heap indexing grew (its
   * memory reducer runs when the process is idle).
   */
  async idleRss(seconds: number): Promise<number | null> {
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    return this.rssMb();
  }

  private async rssMb(field: 'VmRSS' | 'VmHWM' = 'VmRSS'): Promise<number | null> {
    const status = await fs.readFile(`/proc/${this.child.pid}/status`, 'utf8').catch(() => '');
    const match = new RegExp(`${field}:\\s+(\\d+)\\s+kB`).exec(status);
    return match ? Number(match[1]) / 1024 : null;
  }

  private next(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
