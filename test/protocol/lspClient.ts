import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type PublishDiagnosticsParams,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { scratchDir } from '../helpers/scratch';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVER_BUNDLE = path.join(REPO_ROOT, 'dist/server.cjs');

export interface ClientOptions {
  root: string;
  pull?: boolean;
  initializationOptions?: Record<string, unknown>;
  /** What `workspace/configuration` answers for the `adrift` section. */
  settings?: Record<string, unknown>;
  extraFolders?: string[];
  /** How to start the server (default: the bundle over stdio). */
  command?: string[];
  /** Extra process options for the server (environment, user). */
  spawn?: { env?: NodeJS.ProcessEnv; uid?: number; gid?: number };
  /** The `processId` sent in `initialize` (default: this process; null when the server cannot watch it, e.g. runs as another user). */
  processId?: number | null;
}

export async function writeWorkspace(files: Record<string, string>): Promise<string> {
  const root = scratchDir('adrift-lsp-');
  for (const [rel, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await fs.writeFile(path.join(root, rel), text);
  }
  return root;
}

/**
 * A small LSP client over the bundled server's stdio: it records every
 * notification and lets tests wait until a condition over what was received
 * holds (re-checked on each message; the mocha timeout catches a hang).
 */
export class TestClient {
  readonly child: ChildProcess;
  readonly connection: MessageConnection;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly publishLog: PublishDiagnosticsParams[] = [];
  readonly progress: { token: string | number; value: { kind: string; title?: string; message?: string; percentage?: number } }[] = [];
  readonly statuses: { state: string; errors: number; warnings: number }[] = [];
  readonly refreshes: number[] = [];
  readonly logs: string[] = [];
  readonly documents = new Map<string, TextDocument>();
  settings: Record<string, unknown>;
  stderr = '';
  private waiters: (() => void)[] = [];

  constructor(readonly options: ClientOptions) {
    this.settings = options.settings ?? {};
    this.child = spawn(process.execPath, options.command ?? [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], ...options.spawn });
    this.child.setMaxListeners(0);
    this.child.stderr!.on('data', (chunk) => (this.stderr += String(chunk)));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      this.publishLog.push(params);
      this.notify();
    });
    this.connection.onNotification('$/progress', (params) => {
      this.progress.push(params);
      this.notify();
    });
    this.connection.onNotification('adrift/status', (params) => {
      this.statuses.push(params);
      this.notify();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      this.notify();
    });
    this.connection.onNotification('window/showMessage', () => undefined);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.settings));
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes.push(Date.now());
      this.notify();
      return null;
    });
    this.connection.onRequest('workspace/applyEdit', async (params: { edit: WorkspaceEdit }) => {
      await this.applyEdit(params.edit);
      return { applied: true };
    });
    this.connection.listen();
  }

  uri(rel: string, root = this.options.root): string {
    return pathToFileURL(path.join(root, rel)).href;
  }

  async initialize(): Promise<InitializeResult> {
    const capabilities: ClientCapabilities = {
      window: { workDoneProgress: true },
      workspace: {
        configuration: true,
        workspaceFolders: true,
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
        ...(this.options.pull ? { diagnostics: { refreshSupport: true } } : {}),
      },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        publishDiagnostics: { relatedInformation: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
        ...(this.options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
    };
    const roots = [this.options.root, ...(this.options.extraFolders ?? [])];
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: this.options.processId === undefined ? process.pid : this.options.processId,
      rootUri: pathToFileURL(this.options.root).href,
      workspaceFolders: roots.map((root) => ({ uri: pathToFileURL(root).href, name: path.basename(root) })),
      capabilities,
      initializationOptions: this.options.initializationOptions ?? {},
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Resolves once `condition` holds, checking now and after every message from the server. */
  waitFor<T>(condition: () => T | undefined | false | null, what = 'condition'): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        let value: T | undefined | false | null;
        try {
          value = condition();
        } catch (error) {
          reject(error);
          return true;
        }
        if (value) {
          resolve(value);
          return true;
        }
        return false;
      };
      if (check()) return;
      const waiter = () => {
        if (check()) this.waiters = this.waiters.filter((w) => w !== waiter);
      };
      this.waiters.push(waiter);
      this.child.once('exit', () => reject(new Error(`server exited while waiting for ${what}\n${this.stderr}`)));
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  diagnosticsOf(rel: string): Diagnostic[] | undefined {
    return this.diagnostics.get(this.uri(rel));
  }

  /** Waits for published diagnostics of a document that satisfy `test`. */
  waitForDiagnostics(rel: string, test: (diagnostics: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    return this.waitFor(() => {
      const diagnostics = this.diagnosticsOf(rel);
      return diagnostics && test(diagnostics) ? diagnostics : undefined;
    }, `diagnostics of ${rel}`);
  }

  async open(rel: string): Promise<TextDocument> {
    const uri = this.uri(rel);
    const text = await fs.readFile(fileURLToPath(uri), 'utf8');
    const document = TextDocument.create(uri, 'markdown', 1, text);
    this.documents.set(uri, document);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    return document;
  }

  /** Applies edits to an open document and sends them as incremental changes. */
  async edit(uri: string, edits: TextEdit[]): Promise<void> {
    const document = this.documents.get(uri)!;
    const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    let current = document;
    for (const edit of sorted) current = TextDocument.update(current, [{ range: edit.range, text: edit.newText }], current.version + 1);
    this.documents.set(uri, current);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: current.version },
      contentChanges: sorted.map((edit) => ({ range: edit.range, text: edit.newText })),
    });
  }

  /** Applies a workspace edit as an editor would: open documents in memory, closed files on disk (then reports them as changed). */
  async applyEdit(edit: WorkspaceEdit): Promise<void> {
    const changed: { uri: string; type: number }[] = [];
    const editFile = async (uri: string, edits: TextEdit[]) => {
      if (this.documents.has(uri)) return this.edit(uri, edits);
      const file = fileURLToPath(uri);
      const before = await fs.readFile(file, 'utf8').catch(() => '');
      await fs.writeFile(file, TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 0, before), edits));
      changed.push({ uri, type: 2 });
    };
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) await editFile(uri, edits);
    for (const change of edit.documentChanges ?? []) {
      if ('textDocument' in change) await editFile(change.textDocument.uri, change.edits as TextEdit[]);
      else if (change.kind === 'create') {
        await fs.mkdir(path.dirname(fileURLToPath(change.uri)), { recursive: true });
        await fs.writeFile(fileURLToPath(change.uri), '');
        changed.push({ uri: change.uri, type: 1 });
      } else if (change.kind === 'rename') {
        await fs.mkdir(path.dirname(fileURLToPath(change.newUri)), { recursive: true });
        await fs.rename(fileURLToPath(change.oldUri), fileURLToPath(change.newUri));
        changed.push({ uri: change.oldUri, type: 3 }, { uri: change.newUri, type: 1 });
      } else if (change.kind === 'delete') {
        await fs.rm(fileURLToPath(change.uri), { force: true });
        changed.push({ uri: change.uri, type: 3 });
      }
    }
    if (changed.length) await this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: changed });
  }

  text(uri: string): string {
    return this.documents.get(uri)!.getText();
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      this.child.kill();
    }
    await exited;
    this.connection.dispose();
  }
}
