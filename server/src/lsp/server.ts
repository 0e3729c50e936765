import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type InitializeResult,
  type WorkDoneProgressServerReporter,
  type WorkspaceDocumentDiagnosticReport,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ContentChange } from '../core/incrementalParse';
import { allRules } from '../core/rules';
import { isInside } from '../node/files';
import { FIX_ALL_KIND, toDiagnostic, toWorkspaceEdit, type EditTarget } from './convert';
import { codeActions } from './features/codeActions';
import { codeLenses } from './features/codeLens';
import { completionsAt } from './features/completion';
import { documentLinks } from './features/documentLinks';
import { hoverAt } from './features/hover';
import { Folder } from './folder';
import { favourMemoryOnceIndexed } from './memoryMode';
import { PublishQueue } from './publishQueue';
import { linkUpdatesForMoves, type Move } from './renameLinks';
import { parseSettings } from './settings';
import { registerCustomRequests } from './requests';
import { FindingTally } from './findingTally';
import { PullResults } from './pullResults';

/**
 * How long a change waits before the engine takes it in: long enough for the
 * changes already received to go in together (the JSON-RPC layer hands over
 * one message per event-loop turn), far too short to be felt.
 */
export const DEBOUNCE_MS = 2;
/** Publishing runs in slices of about this long, so a keystroke never waits behind a long queue. */
const PUBLISH_SLICE_MS = 5;
/**
 * While the user types, only open documents are published; documents an edit
 * affected wait until typing pauses this long (each keystroke may change their
 * findings again, and their work would delay the next keystroke's).
 */
const TYPING_PAUSE_MS = 250;

/** Options a client may pass in `initializationOptions`. */
export interface InitializationOptions {
  /** Used when the client cannot answer `workspace/configuration`. */
  settings?: unknown;
  /** A folder the server may keep its parse cache in (VS Code: the extension's workspace storage). */
  cacheDirectory?: string;
  /** Test hook: after the scan and the open documents, wait for `adrift/resumeIndexing`. */
  pauseIndexingAfterScan?: boolean;
}

export interface StatusParams {
  state: 'indexing' | 'ready';
  done: number;
  total: number;
  errors: number;
  warnings: number;
}

interface ClientSupport {
  pull: boolean;
  refresh: boolean;
  progress: boolean;
  configuration: boolean;
  workspaceFolders: boolean;
  watchRegistration: boolean;
  documentChanges: boolean;
  resourceOperations: boolean;
}

/** The file path of a `file:` URI, as `Folder.root` spells paths; null for other schemes. */
function filePathOf(uri: string): string | null {
  return uri.startsWith('file:') ? path.resolve(fileURLToPath(uri)) : null;
}

function clientSupport(capabilities: ClientCapabilities): ClientSupport {
  const operations = capabilities.workspace?.workspaceEdit?.resourceOperations ?? [];
  return {
    pull: Boolean(capabilities.textDocument?.diagnostic),
    refresh: Boolean(capabilities.workspace?.diagnostics?.refreshSupport),
    progress: Boolean(capabilities.window?.workDoneProgress),
    configuration: Boolean(capabilities.workspace?.configuration),
    workspaceFolders: Boolean(capabilities.workspace?.workspaceFolders),
    watchRegistration: Boolean(capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration),
    documentChanges: Boolean(capabilities.workspace?.workspaceEdit?.documentChanges),
    resourceOperations: ['create', 'rename', 'delete'].every((op) => operations.includes(op as never)),
  };
}

/** Wires the engine to an LSP connection. Handlers stay small: find the folder, ask the engine, convert. */
export class AdriftServer {
  /**
   * Editor changes not yet given to the engine, by URI, so it re-parses only
   * what they touch; null when it needs the whole text (just opened).
   */
  private readonly pendingEdits = new Map<string, ContentChange[] | null>();
  readonly documents = new TextDocuments<TextDocument>({
    create: (uri, languageId, version, text) => TextDocument.create(uri, languageId, version, text),
    update: (document, changes, version) => {
      const pending = this.pendingEdits.get(document.uri);
      if (pending) pending.push(...changes);
      else if (pending === undefined) this.pendingEdits.set(document.uri, [...changes]);
      return TextDocument.update(document, changes, version);
    },
  });
  /** Open documents' URIs by absolute file path: finding a workspace path's editor document is a lookup. */
  private readonly openUris = new Map<string, string>();
  folders: Folder[] = [];
  private support!: ClientSupport;
  private options: InitializationOptions = {};
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly flushes = new Map<string, Promise<void>>();
  /** Diagnostic pulls waiting for a document's debounce to run out, by URI. */
  private readonly settleWaiters = new Map<string, (() => void)[]>();
  /** The document version the engine last saw, by URI. */
  private readonly indexedVersions = new Map<string, number>();
  private readonly pullResults = new PullResults<Folder>();
  private readonly published = new Map<Folder, Set<string>>();
  private readonly deferred = new Map<Folder, Set<string>>();
  /** Push clients only: documents whose diagnostics are to be published. */
  private readonly due = new PublishQueue<Folder>();
  private pumpScheduled = false;
  private lastChangeAt = Number.NEGATIVE_INFINITY;
  private restTimer: NodeJS.Timeout | undefined;
  /** Set once the pass after (re)indexing is published: the follow-up work of typing keeps the status ready. */
  private passPublished = false;
  private readonly counts = new FindingTally<Folder>();
  private readonly progress = new Map<Folder, Promise<WorkDoneProgressServerReporter | null>>();
  private readonly indexProgress = new Map<Folder, { done: number; total: number }>();
  private readonly scheduled = new Set<Folder>();
  private refreshPending = false;
  private readonly configKeys = new Map<Folder, string>();
  private readonly configFiles = new Map<Folder, string | null>();
  private workspaceWaiters: (() => void)[] = [];
  private resumeIndexing: () => void = () => undefined;
  private readonly indexingResumed = new Promise<void>((resolve) => (this.resumeIndexing = resolve));
  readonly documentedRules = new Set(allRules.map((rule) => rule.id));

  constructor(readonly connection: Connection) {
    connection.onInitialize((params) => {
      this.support = clientSupport(params.capabilities);
      this.options = (params.initializationOptions ?? {}) as InitializationOptions;
      if (!this.options.pauseIndexingAfterScan) this.resumeIndexing();
      const folders: WorkspaceFolder[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
      this.folders = folders.map((folder) => this.createFolder(folder.uri));
      return this.capabilities();
    });
    connection.onInitialized(() => void this.initialized());
    connection.onShutdown(() => {
      clearTimeout(this.restTimer);
      for (const timer of this.timers.values()) clearTimeout(timer);
    });
    this.documents.onDidOpen((event) => {
      this.pendingEdits.set(event.document.uri, null);
      const file = filePathOf(event.document.uri);
      if (file !== null) this.openUris.set(file, event.document.uri);
    });
    this.documents.onDidChangeContent((event) => {
      this.lastChangeAt = performance.now();
      this.schedule(event.document.uri, DEBOUNCE_MS);
    });
    this.documents.onDidClose((event) => {
      this.pendingEdits.delete(event.document.uri);
      this.flushes.delete(event.document.uri);
      const file = filePathOf(event.document.uri);
      if (file !== null && this.openUris.get(file) === event.document.uri) this.openUris.delete(file);
      clearTimeout(this.timers.get(event.document.uri));
      this.timers.delete(event.document.uri);
      for (const wake of this.settleWaiters.get(event.document.uri) ?? []) wake();
      this.settleWaiters.delete(event.document.uri);
      this.indexedVersions.delete(event.document.uri);
      if (this.due.size) this.schedulePump();
      const located = this.locate(event.document.uri);
      if (located) void located.folder.documentClosed(located.rel);
    });
    this.registerHandlers();
    registerCustomRequests(this);
    this.documents.listen(connection);
  }

  private capabilities(): InitializeResult {
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['(', '/', '#', '-'] },
        documentLinkProvider: { resolveProvider: false },
        codeLensProvider: { resolveProvider: false },
        ...(this.support.pull ? { diagnosticProvider: { identifier: 'adrift', interFileDependencies: true, workspaceDiagnostics: true } } : {}),
        workspace: {
          workspaceFolders: { supported: true, changeNotifications: true },
          fileOperations: { willRename: { filters: [{ scheme: 'file', pattern: { glob: '**/*' } }] } },
        },
      },
      serverInfo: { name: 'adrift' },
    };
  }

  private async initialized(): Promise<void> {
    if (this.support.watchRegistration) {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
    }
    if (this.support.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((event) => {
        for (const removed of event.removed) {
          const folder = this.folders.find((f) => f.uri === removed.uri);
          if (!folder) continue;
          this.folders = this.folders.filter((f) => f !== folder);
          this.due.dropOwner(folder);
          for (const rel of this.published.get(folder) ?? []) this.connection.sendDiagnostics({ uri: folder.uriOf(rel), diagnostics: [] });
          this.published.delete(folder);
          this.pullResults.forget(folder);
        }
        const added = event.added.map((f) => this.createFolder(f.uri));
        this.folders.push(...added);
        void Promise.all(added.map((folder) => this.startFolder(folder)));
      });
    }
    await Promise.all(this.folders.map((folder) => this.startFolder(folder)));
  }

  private async startFolder(folder: Folder): Promise<void> {
    folder.settings = await this.fetchSettings(folder);
    await folder.start();
  }

  private createFolder(uri: string): Folder {
    const cacheDirectory = this.options.cacheDirectory
      ? path.join(this.options.cacheDirectory, createHash('sha256').update(uri).digest('hex').slice(0, 16))
      : undefined;
    const folder: Folder = new Folder(uri, allRules, {
      log: (message) => this.connection.console.log(message),
      openText: (rel) => this.documents.get(folder.uriOf(rel))?.getText() ?? this.openDocumentAt(folder, rel)?.getText(),
      openPaths: () => this.documents.all().flatMap((doc) => (this.locate(doc.uri)?.folder === folder ? [folder.relPath(doc.uri)!] : [])),
      changed: (changedFolder) => this.scheduleDrain(changedFolder),
      progress: (changedFolder, done, total) => this.reportProgress(changedFolder, done, total),
      mayIndexRest: () => this.indexingResumed,
    }, cacheDirectory);
    return folder;
  }

  private openDocumentAt(folder: Folder, rel: string): TextDocument | undefined {
    const uri = this.openUris.get(path.join(folder.root, rel));
    const document = uri === undefined ? undefined : this.documents.get(uri);
    return document && this.locate(document.uri)?.folder === folder ? document : undefined;
  }

  /** The innermost workspace folder holding a URI (nested folders own their own files). */
  locate(uri: string): { folder: Folder; rel: string } | null {
    let best: { folder: Folder; rel: string } | null = null;
    for (const folder of this.folders) {
      const rel = folder.relPath(uri);
      if (rel !== null && (!best || folder.root.length > best.folder.root.length)) best = { folder, rel };
    }
    return best;
  }

  private owns(folder: Folder, rel: string): boolean {
    const nested = this.folders.filter((other) => other !== folder && other.root.length > folder.root.length);
    if (nested.length === 0) return true;
    const absolute = path.join(folder.root, rel);
    return !nested.some((other) => isInside(other.root, absolute));
  }

  editTarget(folder: Folder): EditTarget {
    return {
      uriOf: (rel) => this.openDocumentAt(folder, rel)?.uri ?? folder.uriOf(rel),
      versionOf: (rel) => {
        const doc = this.openDocumentAt(folder, rel);
        return doc ? (this.indexedVersions.get(doc.uri) ?? doc.version) : null;
      },
      eolOf: (rel) => {
        const text = this.openDocumentAt(folder, rel)?.getText() ?? folder.engine.documentText(rel) ?? '';
        return /\r\n/.test(text) ? '\r\n' : '\n';
      },
    };
  }

  get clientEdits() {
    return { documentChanges: this.support.documentChanges, resourceOperations: this.support.resourceOperations };
  }

  // ---- text sync -----------------------------------------------------------

  private schedule(uri: string, delay: number): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(uri, setTimeout(() => void this.flush(uri), delay));
  }

  /** Applies an open document's pending change to the engine now. */
  flush(uri: string): Promise<void> {
    const timer = this.timers.get(uri);
    if (timer === undefined) return this.flushes.get(uri) ?? Promise.resolve();
    clearTimeout(timer);
    this.timers.delete(uri);
    const located = this.locate(uri);
    const run = located && this.documents.get(uri) ? this.takeIn(uri, located.folder, located.rel) : Promise.resolve();
    this.flushes.set(uri, run);
    const waiters = this.settleWaiters.get(uri) ?? [];
    this.settleWaiters.delete(uri);
    void run.finally(() => {
      waiters.forEach((wake) => wake());
      // Publishing paused for this change (see `pump`); it goes on whatever became of the change.
      if (this.due.size) this.schedulePump();
    });
    return run;
  }

  /** Gives the engine an open document's changes since the last time (or its whole text), then publishes. */
  private async takeIn(uri: string, folder: Folder, rel: string): Promise<void> {
    await folder.scanned;
    const current = this.documents.get(uri);
    if (!current) return;
    this.indexedVersions.set(uri, current.version);
    const edits = this.pendingEdits.get(uri);
    this.pendingEdits.set(uri, []);
    if (edits?.length) await folder.documentEdited(rel, edits, current.getText());
    else await folder.documentText(rel, current.getText());
    // Publish this document now rather than after a turn of the event loop.
    this.drain(folder);
  }

  /** Resolves once the document's pending change (if any) is in the engine, keeping the debounce. */
  private settled(uri: string): Promise<void> {
    if (!this.timers.has(uri)) return this.flushes.get(uri) ?? Promise.resolve();
    return new Promise((resolve) => this.settleWaiters.set(uri, [...(this.settleWaiters.get(uri) ?? []), resolve]));
  }

  flushAll(): Promise<void> {
    return Promise.all([...this.timers.keys()].map((uri) => this.flush(uri))).then(() => undefined);
  }

  // ---- diagnostics -----------------------------------------------------------

  private scheduleDrain(folder: Folder): void {
    if (this.scheduled.has(folder)) return;
    this.scheduled.add(folder);
    setImmediate(() => {
      this.scheduled.delete(folder);
      this.drain(folder);
    });
  }

  /** Takes the engine's changed paths and queues them for publishing (push) or announces them (pull). */
  drain(folder: Folder): void {
    if (!this.folders.includes(folder)) return;
    const changed = folder.engine.takeChangedPaths();
    // The config file is no document: its problems count as changed when they (or its path) differ.
    const { file: configFile, problems } = folder.host.configState;
    const configKey = JSON.stringify([configFile, problems]);
    if (configFile && !path.isAbsolute(configFile) && this.configKeys.get(folder) !== configKey) changed.push(configFile);
    const previousConfigFile = this.configFiles.get(folder);
    if (previousConfigFile && previousConfigFile !== configFile) changed.push(previousConfigFile);
    this.configKeys.set(folder, configKey);
    this.configFiles.set(folder, configFile);
    for (const rel of changed) this.pullResults.bump(folder, rel);
    // Until the index is complete only open documents are checked; the rest wait, then go out at once.
    const deferred = this.deferred.get(folder) ?? new Set<string>();
    this.deferred.set(folder, deferred);
    let paths: Iterable<string> = changed;
    if (folder.state === 'ready') {
      paths = new Set([...deferred, ...changed]);
      deferred.clear();
    }
    for (const rel of paths) {
      if (!this.owns(folder, rel)) continue;
      const open = this.openDocumentAt(folder, rel) !== undefined;
      if (folder.state !== 'ready' && !open) deferred.add(rel);
      else if (!this.support.pull) this.due.add(folder, rel, open);
    }
    if (this.support.pull && changed.length) {
      this.requestRefresh();
      const waiters = this.workspaceWaiters;
      this.workspaceWaiters = [];
      for (const wake of waiters) wake();
    }
    if (this.due.size) this.pump();
    else this.sendStatus();
  }

  /**
   * Publishes due diagnostics, open documents first, for one time slice, then
   * yields to the event loop so the next keystroke is taken in before the rest
   * (whose findings it may change anyway) is computed; while the user types,
   * the rest waits for a pause.
   */
  private pump(): void {
    // A change waiting for its debounce goes first: its flush publishes and resumes the queue.
    if (this.timers.size > 0) return;
    const now = performance.now();
    const deadline = now + PUBLISH_SLICE_MS;
    const typing = now - this.lastChangeAt < TYPING_PAUSE_MS;
    const pastDeadline = () => performance.now() >= deadline;
    for (let next = this.due.take(typing); next; next = this.due.take(typing)) {
      if (!this.folders.includes(next.owner)) continue;
      // The rest is checked a rule at a time: a large document re-checked in the background would hold the next keystroke for all its rules.
      if (!next.urgent && next.owner.settings.enable && !next.owner.engine.computeFindings(next.path, pastDeadline)) {
        this.due.putBack(next.owner, next.path);
        break;
      }
      this.publish(next.owner, next.path, this.diagnosticsFor(next.owner, next.path));
      if (pastDeadline()) break;
    }
    if (!this.due.hasUrgent) this.sendStatus();
    if (this.due.size === 0) return;
    if (!typing || this.due.hasUrgent) this.schedulePump();
    else this.resumeAfterTyping();
  }

  private resumeAfterTyping(): void {
    clearTimeout(this.restTimer);
    const wait = Math.max(0, this.lastChangeAt + TYPING_PAUSE_MS - performance.now());
    this.restTimer = setTimeout(() => this.schedulePump(), wait);
  }

  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  diagnosticsFor(folder: Folder, rel: string): Diagnostic[] {
    const findings = folder.settings.enable ? folder.findings(rel) : [];
    let errors = 0;
    let warnings = 0;
    for (const finding of findings) {
      if (finding.severity === 'error') errors++;
      else if (finding.severity === 'warning') warnings++;
    }
    this.counts.set(folder, rel, errors, warnings);
    const target = this.editTarget(folder);
    // Every finding is on `rel`: look its version up once, not once per finding.
    const version = target.versionOf(rel);
    const targetOfRel: EditTarget = { ...target, versionOf: (of) => (of === rel ? version : target.versionOf(of)) };
    return findings.map((finding) => toDiagnostic(finding, targetOfRel, this.documentedRules));
  }

  private publish(folder: Folder, rel: string, diagnostics: Diagnostic[]): void {
    const published = this.published.get(folder) ?? new Set<string>();
    this.published.set(folder, published);
    if (diagnostics.length === 0 && !published.has(rel)) return;
    if (diagnostics.length) published.add(rel);
    else published.delete(rel);
    const open = this.openDocumentAt(folder, rel);
    this.connection.sendDiagnostics({ uri: open?.uri ?? folder.uriOf(rel), ...(open ? { version: this.indexedVersions.get(open.uri) } : {}), diagnostics });
  }

  private requestRefresh(): void {
    if (!this.support.refresh || this.refreshPending) return;
    this.refreshPending = true;
    setImmediate(() => {
      this.refreshPending = false;
      void this.connection.languages.diagnostics.refresh();
    });
  }

  private pullReport(folder: Folder, rel: string, previousResultId: string | undefined) {
    return this.pullResults.report(folder, rel, folder.settings.enable, previousResultId, () => this.diagnosticsFor(folder, rel));
  }

  private registerHandlers(): void {
    const connection = this.connection;
    connection.languages.diagnostics.on(async (params) => {
      const uri = params.textDocument.uri;
      await this.settled(uri);
      const located = this.locate(uri);
      if (!located) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      await located.folder.scanned;
      this.drain(located.folder);
      return this.pullReport(located.folder, located.rel, params.previousResultId);
    });
    connection.languages.diagnostics.onWorkspace(async (params, token) => {
      const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
      // Long poll: the client asks again as soon as this returns, so answer only once something is new.
      for (;;) {
        await this.flushAll();
        await Promise.all(this.folders.map((folder) => folder.whenIdle()));
        const items = this.workspaceReports(previous);
        if (items.some((item) => item.kind === DocumentDiagnosticReportKind.Full) || token.isCancellationRequested) return { items };
        await new Promise<void>((resolve) => {
          this.workspaceWaiters.push(resolve);
          token.onCancellationRequested(() => resolve());
        });
      }
    });

    connection.onDidChangeWatchedFiles(async (params) => {
      for (const change of params.changes) {
        const located = this.locate(change.uri);
        if (!located) continue;
        const kind = change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed';
        await located.folder.fileChanged(located.rel, kind);
      }
    });

    connection.onDidChangeConfiguration(async (params) => {
      const fallback = (params.settings as { adrift?: unknown } | null)?.adrift;
      for (const folder of this.folders) await folder.applySettings(await this.fetchSettings(folder, fallback));
    });

    connection.workspace.onWillRenameFiles(async (params) => {
      await this.flushAll();
      const edits = [];
      for (const folder of this.folders) {
        const moves: Move[] = [];
        for (const file of params.files) {
          const from = folder.relPath(file.oldUri);
          const to = folder.relPath(file.newUri);
          if (from !== null && to !== null) moves.push({ from, to });
        }
        if (moves.length === 0) continue;
        const changes = linkUpdatesForMoves(folder.engine, moves);
        const edit = changes.length ? toWorkspaceEdit(changes, this.editTarget(folder), this.clientEdits) : null;
        if (edit) edits.push(edit);
      }
      if (edits.length === 0) return null;
      return edits.length === 1 ? edits[0] : { documentChanges: edits.flatMap((edit) => edit.documentChanges ?? []) };
    });

    connection.onCodeAction(async (params) => {
      const uri = params.textDocument.uri;
      await this.flush(uri);
      const located = this.locate(uri);
      if (!located) return [];
      const { folder, rel } = located;
      return codeActions(params, {
        path: rel,
        model: folder.engine.getDocument(rel)?.model,
        target: this.editTarget(folder),
        client: this.clientEdits,
        suppressibleRules: this.documentedRules,
        findings: () => (folder.settings.enable ? folder.findings(rel) : []),
      });
    });

    connection.onHover(async (params) => {
      const located = await this.ready(params.textDocument.uri);
      return located && hoverAt(located.folder.engine, located.rel, params.position, located.folder.settings.enable ? located.folder.findings(located.rel) : []);
    });

    connection.onCompletion(async (params) => {
      const located = await this.ready(params.textDocument.uri);
      const document = this.documents.get(params.textDocument.uri);
      if (!located || !document) return [];
      const lineText = document.getText({ start: { line: params.position.line, character: 0 }, end: { line: params.position.line + 1, character: 0 } });
      return completionsAt(located.folder.engine, located.rel, lineText.replace(/\r?\n$/, ''), params.position);
    });

    connection.onDocumentLinks(async (params) => {
      const located = await this.ready(params.textDocument.uri);
      return located ? documentLinks(located.folder.engine, located.rel, (rel) => located.folder.uriOf(rel)) : [];
    });

    connection.onCodeLens(async (params) => {
      const located = await this.ready(params.textDocument.uri);
      return located ? codeLenses(located.folder.engine, located.rel) : [];
    });
  }

  /** The folder and path of a document whose latest text the engine has. */
  async ready(uri: string): Promise<{ folder: Folder; rel: string } | null> {
    await this.flush(uri);
    const located = this.locate(uri);
    if (!located) return null;
    await located.folder.scanned;
    return located;
  }

  private workspaceReports(previous: Map<string, string>): WorkspaceDocumentDiagnosticReport[] {
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    for (const folder of this.folders) {
      this.drain(folder);
      for (const rel of folder.reportablePaths()) {
        if (!this.owns(folder, rel)) continue;
        const open = this.openDocumentAt(folder, rel);
        const uri = open?.uri ?? folder.uriOf(rel);
        const version = open ? (this.indexedVersions.get(open.uri) ?? null) : null;
        items.push({ ...this.pullReport(folder, rel, previous.get(uri)), uri, version });
      }
    }
    this.sendStatus();
    return items;
  }

  // ---- settings, progress, status -------------------------------------------

  private async fetchSettings(folder: Folder, fallback?: unknown) {
    let value: unknown = fallback ?? this.options.settings;
    if (this.support.configuration) {
      value = await this.connection.workspace.getConfiguration({ scopeUri: folder.uri, section: 'adrift' }).catch(() => value);
    }
    const { settings, warnings } = parseSettings(value, allRules);
    for (const warning of warnings) {
      this.connection.console.warn(`adrift: ${warning}`);
      void this.connection.window.showWarningMessage(`adrift: ${warning}`);
    }
    return settings;
  }

  private reportProgress(folder: Folder, done: number, total: number): void {
    this.indexProgress.set(folder, { done, total });
    const message = `indexing docs ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`;
    const percentage = total === 0 ? 100 : Math.floor((done / total) * 100);
    const finished = folder.state === 'ready';
    if (finished) {
      favourMemoryOnceIndexed();
      // The last documents' changes are still to be taken: the status turns ready once they are published.
      this.scheduleDrain(folder);
    }
    let reporter = this.progress.get(folder);
    if (!reporter && !finished) {
      reporter = this.support.progress
        ? this.connection.window.createWorkDoneProgress().then(
            (created) => {
              created.begin('adrift', 0, message, false);
              return created;
            },
            () => null,
          )
        : Promise.resolve(null);
      this.progress.set(folder, reporter);
    }
    if (reporter) {
      void reporter.then((created) => {
        if (!created) return;
        if (finished) created.done();
        else created.report(percentage, message);
      });
    }
    if (finished) this.progress.delete(folder);
    this.sendStatus();
  }

  sendStatus(): void {
    const { errors, warnings } = this.counts.sum(this.folders);
    let done = 0;
    let total = 0;
    for (const folder of this.folders) {
      const progress = this.indexProgress.get(folder);
      done += progress?.done ?? 0;
      total += progress?.total ?? 0;
    }
    // Ready means every diagnostic of the pass after indexing is out, not only that the index is built.
    if (!this.folders.every((folder) => folder.state === 'ready')) this.passPublished = false;
    else if (this.due.size === 0 && this.scheduled.size === 0 && this.folders.every((folder) => !this.deferred.get(folder)?.size)) this.passPublished = true;
    const state = this.passPublished ? 'ready' : 'indexing';
    const status: StatusParams = { state, done, total, errors, warnings };
    void this.connection.sendNotification('adrift/status', status);
  }

  /** Lets indexing continue past the open documents (the test hook's counterpart). */
  resume(): void {
    this.resumeIndexing();
  }
}
