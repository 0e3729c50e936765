import { dequal } from 'dequal/lite';
import { ResolvedConfig } from './config/resolved';
import { Suppressions } from './controlComments';
import type { DocumentModel } from './document';
import { outlineOf, signatureOf, storedContribution, storedEntry, type DocEntry } from './docEntry';
import { FileIndex } from './fileIndex';
import { applyContentChanges, reparse, type ContentChange } from './incrementalParse';
import { classify } from './kinds';
import { LiveModels, type ModelStore } from './liveModels';
import { fieldChanged, recordingFieldReads } from './modelFields';
import { posixBasename } from './paths';
import type { DocumentSummary, Rule, Topic, WorkspaceView } from './rule';
import { CLEAN_RESULT, compactFindings, compareFindings, findingsOf, NO_DEPS, NO_FINDINGS, type RuleResult } from './ruleResult';
import { hashString, type StoredFinding, type StoredResults, type StoredSummary } from './storedResults';
import { splitBom } from './text';
import type { Finding } from './types';
import { ZERO_RANGE } from './types';

export const SKIPPED_RULE = 'adrift/skipped';
export const RULE_FAILED_RULE = 'adrift/rule-failed';

/**
 * A dependency key some result read or some cache checked: the key itself
 * (shared by the results' `deps`), its fingerprint once computed, and the
 * documents with results that read it. Dropped as a whole when the key is
 * invalidated.
 */
interface DependencyKey {
  readonly key: string;
  print?: string;
  /**
   * Documents that had a result reading the key since it was last
   * invalidated: one entry per document rather than per result keeps taking
   * up cached results cheap. A document whose results stopped reading the key
   * stays listed until then, which costs a look at its results.
   */
  dependents?: Set<string>;
}

interface TopicState {
  topic: Topic<unknown, unknown>;
  contributions: Map<string, unknown>;
  value?: unknown;
  valid: boolean;
}

export interface EngineOptions {
  rules: readonly Rule[];
  config?: ResolvedConfig;
  /** Where rule failures and other diagnostics of the engine itself go. */
  log?: (message: string) => void;
  /** The clock rules read through `ctx.today()`; the real one by default. */
  clock?: () => Date;
  /** Lets models of documents not worked on leave memory (see `setModelBudget`); without it every model stays. */
  modelStore?: ModelStore;
  /**
   * Topics to gather from the start (e.g. `WORKSPACE_TOPICS`), as each
   * document is indexed; others are gathered from every document when first read.
   */
  topics?: readonly Topic<any, unknown>[];
  /**
   * Whether results keep their findings as one JSON string each (the
   * default: a fraction of the memory, for a long-running host) or as the
   * objects (for a process that reports once and ends: no string to make and
   * parse again).
   */
  compactFindings?: boolean;
}

/**
 * The workspace index and rule runner. It holds one parsed model per included
 * document plus the set of all files, runs rules lazily, and records what each
 * rule run read so that a change recomputes only the findings that depend on it.
 * It does no I/O: hosts (CLI, language server) feed it files and texts.
 */
export class Engine {
  readonly rules: readonly Rule[];
  private configValue: ResolvedConfig;
  private readonly log: (message: string) => void;
  private readonly clock: () => Date;
  private readonly docs = new Map<string, DocEntry>();
  private readonly liveModels: LiveModels;
  private readonly pinnedPaths = new Set<string>();
  private readonly skipped = new Map<string, string>();
  private readonly files = new FileIndex();
  /** Rule results by document, each array indexed like `rules`. */
  private readonly results = new Map<string, (RuleResult | undefined)[]>();
  private readonly ruleIndexes: ReadonlyMap<string, number>;
  /** The fields sets of results, one per distinct content, and the empty results made with each. */
  private readonly sharedFields = new Map<string, { fields: ReadonlySet<string>; empty: RuleResult }>();
  private readonly dependencyKeys = new Map<string, DependencyKey>();
  private readonly topics = new Map<string, TopicState>();
  private readonly declaredTopics: readonly Topic<unknown, unknown>[];
  private readonly changedPaths = new Set<string>();
  /** Results a persistent cache offered, by path, taken up when the document's findings are first needed (`adoptOffered`). */
  private readonly offered = new Map<string, () => StoredResults>();
  /**
   * Documents whose taken-up results are not yet listed as dependents of the
   * keys they read: that waits for the first invalidation, which a run that
   * reports once and exits never makes.
   */
  private unlistedDependents: string[] = [];
  /** Documents offered results on which no rule ran since (see `keepsOfferedResults`). */
  private readonly untouchedOffers = new Set<string>();
  /** How many rule runs the engine made and how many offered results it reused instead. */
  readonly stats = { ruleRuns: 0, reusedResults: 0 };
  private readonly compact: boolean;

  constructor(options: EngineOptions) {
    this.rules = options.rules;
    this.ruleIndexes = new Map(options.rules.map((rule, index) => [rule.id, index]));
    this.configValue = options.config ?? new ResolvedConfig();
    this.log = options.log ?? (() => undefined);
    this.clock = options.clock ?? (() => new Date());
    this.liveModels = new LiveModels(options.modelStore);
    this.declaredTopics = options.topics ?? [];
    this.compact = options.compactFindings ?? true;
    this.declareTopics();
  }

  private declareTopics(): void {
    for (const topic of this.declaredTopics) {
      this.topics.set(topic.name, { topic: topic as Topic<unknown, unknown>, contributions: new Map(), valid: false });
    }
  }

  get config(): ResolvedConfig {
    return this.configValue;
  }

  // ---- feeding the index -------------------------------------------------

  /** Replaces the config: every document is re-classified and every finding recomputed. */
  setConfig(config: ResolvedConfig): void {
    this.configValue = config;
    this.results.clear();
    this.dependencyKeys.clear();
    this.offered.clear();
    this.untouchedOffers.clear();
    // Contributions depend on the config (and on kinds): declared topics are gathered again below, others when next read.
    this.topics.clear();
    this.declareTopics();
    for (const [path, entry] of this.docs) {
      const model = this.modelOf(entry);
      this.liveModels.forget(entry);
      // The same model: what brought it back into memory still does.
      const next = this.entryFor(model, entry.reload);
      this.docs.set(path, next);
      for (const state of this.topics.values()) this.contribute(state, path, next);
      this.changedPaths.add(path);
    }
  }

  isIncluded(path: string): boolean {
    return this.configValue.isIncluded(path);
  }

  addFile(path: string): void {
    const newFolders = this.files.add(path);
    if (newFolders) this.invalidateFileKeys(path, newFolders);
  }

  removeFile(path: string): void {
    this.removeDocument(path);
    this.skipped.delete(path);
    const emptiedFolders = this.files.remove(path);
    if (emptiedFolders) this.invalidateFileKeys(path, emptiedFolders);
  }

  hasFile(path: string): boolean {
    return this.files.has(path);
  }

  allFiles(): IterableIterator<string> {
    return this.files.values();
  }

  /**
   * Adds or updates an included document. Text identical to what is indexed
   * is not parsed again.
   */
  upsertDocument(path: string, text: string): void {
    this.skipped.delete(path);
    this.addFile(path);
    const previous = this.docs.get(path);
    if (previous && this.textOf(previous) === splitBom(text).text) return;
    this.setModel(reparse(path, text, previous && this.modelOf(previous)));
  }

  /**
   * Applies editor changes (LSP `contentChanges`, in order) to an indexed
   * document, re-parsing only the top-level blocks they touch where that is
   * sound (see `incrementalParse.ts`). Returns false, changing nothing, when
   * the document is not indexed: the host then calls `upsertDocument`.
   */
  applyEdits(path: string, changes: readonly ContentChange[]): boolean {
    const entry = this.docs.get(path);
    if (!entry || this.skipped.has(path)) return false;
    this.setModel(applyContentChanges(this.modelOf(entry), changes).model);
    return true;
  }

  /**
   * Indexes an already-parsed model (e.g. from a cache or a parse worker);
   * `reload`, when the host already keeps a copy, gives it again should it leave memory.
   */
  setModel(model: DocumentModel, reload?: () => DocumentModel): void {
    const path = model.path;
    this.offered.delete(path);
    this.untouchedOffers.delete(path);
    this.addFile(path);
    const previous = this.docs.get(path);
    const entry = this.entryFor(model, reload);
    if (previous?.live && previous.signature === entry.signature) this.invalidateResultsReading(path, previous.live, model);
    else this.invalidateOwnResults(path);
    this.replaceEntry(path, previous, entry);
  }

  /**
   * Indexes a document from the summary a persistent cache kept of it
   * (`exportSummary`), made from the very same text under the same config and
   * rules, without parsing or restoring its model: `load` gives the model the
   * first time something reads it (a rule recomputed on the document, another
   * document's rule looking into it, an edit).
   */
  setStoredDocument(path: string, summary: StoredSummary, load: () => DocumentModel): void {
    this.offered.delete(path);
    this.untouchedOffers.delete(path);
    this.addFile(path);
    const previous = this.docs.get(path);
    const entry = storedEntry(summary, load);
    if (this.pinnedPaths.has(path)) entry.pinned = true;
    this.invalidateOwnResults(path);
    this.replaceEntry(path, previous, entry);
  }

  /** Puts a new entry for a document in place, invalidating what others read of the one it replaces. */
  private replaceEntry(path: string, previous: DocEntry | undefined, entry: DocEntry): void {
    if (previous) this.liveModels.forget(previous);
    this.docs.set(path, entry);
    if (!previous || previous.signature !== entry.signature) this.invalidate(`doc:${path}`);
    this.invalidate(`model:${path}`);
    if (!previous || previous.info.kind !== entry.info.kind) this.invalidate('docs');
    this.updateContributions(path, entry);
  }

  /**
   * What `setStoredDocument` needs to index `path` again without its model:
   * its kind, signature, control comments and topic contributions (those of
   * every topic asked for so far, and those its own summary knew).
   */
  exportSummary(path: string): StoredSummary | undefined {
    const entry = this.docs.get(path);
    if (!entry) return undefined;
    const contributions = new Map<string, string>();
    const topics = new Set<string>();
    if (entry.stored) {
      for (const topic of entry.stored.topics) topics.add(topic);
      for (const [topic, serialized] of entry.stored.contributions) contributions.set(topic, serialized);
    }
    for (const [topic, state] of this.topics) {
      topics.add(topic);
      const serialized = serializedContribution(state, path);
      if (serialized === undefined) contributions.delete(topic);
      else contributions.set(topic, serialized);
    }
    return {
      info: entry.info,
      signature: entry.signature,
      signatureHash: (entry.signatureHash ??= hashString(entry.signature)),
      ...(entry.parseFailure ? { parseFailure: entry.parseFailure } : {}),
      size: entry.size,
      htmlComments: entry.stored?.htmlComments ?? this.modelOf(entry).htmlComments,
      topics: [...topics].sort(),
      contributions: [...contributions].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    };
  }

  /**
   * True when `exportSummary(path)` would give back the very summary the
   * document was indexed from (`setStoredDocument`): no topic was asked for
   * since that the summary did not know, so a cache holding it need not
   * export and compare it again.
   */
  keepsStoredSummary(path: string): boolean {
    const stored = this.docs.get(path)?.stored;
    if (!stored) return false;
    for (const topic of this.topics.keys()) if (storedContribution(stored, topic) === undefined) return false;
    return true;
  }

  removeDocument(path: string): void {
    const previous = this.docs.get(path);
    if (!previous) return;
    this.liveModels.forget(previous);
    this.docs.delete(path);
    this.offered.delete(path);
    this.untouchedOffers.delete(path);
    this.invalidateOwnResults(path);
    this.invalidate(`doc:${path}`);
    this.invalidate(`model:${path}`);
    this.invalidate('docs');
    this.updateContributions(path, undefined);
    this.changedPaths.add(path);
  }

  /** Records that a file was not indexed (too large, binary, not UTF-8, unreadable) and why. */
  markSkipped(path: string, reason: string): void {
    this.removeDocument(path);
    this.addFile(path);
    this.skipped.set(path, reason);
    this.changedPaths.add(path);
  }

  getDocument(path: string): DocumentSummary | undefined {
    const entry = this.docs.get(path);
    return entry && this.summaryOf(entry);
  }

  /** The indexed text of `path` (without BOM). */
  documentText(path: string): string | undefined {
    const entry = this.docs.get(path);
    return entry && this.textOf(entry);
  }

  /**
   * From now on, keeps in memory only the models of the documents most
   * recently indexed or read, up to `chars` of their text; the others stay
   * as the engine's `ModelStore` keeps them, and come back when read.
   * Models fresh from a parse are frozen by `releaseModels`. Undefined keeps
   * every model. Without a `ModelStore`, only models a cache can give again leave.
   */
  setModelBudget(chars: number | undefined): void {
    this.liveModels.setBudget(chars);
  }

  /**
   * Freezes models over the budget, least recently used first, until within
   * it or `stop()` (checked between models) says to stop; true once done
   * (within the budget, or nothing but pinned models left to freeze).
   */
  releaseModels(stop?: () => boolean): boolean {
    return this.liveModels.release(stop);
  }

  /**
   * Keeps the document's model in memory whatever the budget (hosts pin the
   * documents open in an editor: an edit re-parses only the blocks it
   * touches, which needs the live model), or lets it go again.
   */
  pinModel(path: string, pinned: boolean): void {
    if (pinned) this.pinnedPaths.add(path);
    else this.pinnedPaths.delete(path);
    const entry = this.docs.get(path);
    if (entry) entry.pinned = pinned;
  }

  /** How much text the models in memory were parsed from (for logs and the benchmark). */
  liveModelSize(): number {
    return this.liveModels.size;
  }

  private modelOf(entry: DocEntry): DocumentModel {
    return this.liveModels.modelOf(entry);
  }

  private textOf(entry: DocEntry): string {
    return this.modelOf(entry).text;
  }

  private summaryOf(entry: DocEntry): DocumentSummary {
    const engine = this;
    return {
      get model() {
        return engine.modelOf(entry);
      },
      info: entry.info,
      get outline() {
        return (entry.outline ??= outlineOf(entry.signature));
      },
    };
  }

  /** An object standing for what is indexed as `path`: any change to the document replaces it. */
  documentToken(path: string): object | undefined {
    return this.docs.get(path);
  }

  documentPaths(): string[] {
    return [...this.docs.keys()];
  }

  skippedFiles(): ReadonlyMap<string, string> {
    return this.skipped;
  }

  // ---- findings ----------------------------------------------------------

  /** Paths whose findings may have changed since the last call. */
  takeChangedPaths(): string[] {
    const paths = [...this.changedPaths];
    this.changedPaths.clear();
    return paths;
  }

  findings(path: string): Finding[] {
    const skippedReason = this.skipped.get(path);
    if (skippedReason !== undefined) {
      return [
        { path, range: ZERO_RANGE, severity: 'info', ruleId: SKIPPED_RULE, message: `Not checked: ${skippedReason}.`, fixes: [] },
      ];
    }
    const entry = this.docs.get(path);
    if (!entry) return [];
    const all: Finding[] = [];
    if (entry.parseFailure) {
      all.push({
        path,
        range: ZERO_RANGE,
        severity: 'info',
        ruleId: SKIPPED_RULE,
        message: `Not checked: ${entry.parseFailure}.`,
        fixes: [],
      });
    }
    for (let index = 0; index < this.rules.length; index++) {
      for (const finding of this.ruleFindings(path, entry, index)) {
        if (!entry.suppressions.suppresses(finding)) all.push(finding);
      }
    }
    return all.sort(compareFindings);
  }

  /**
   * Runs the rules on `path` that have no current result, one at a time,
   * until all have or `stop()` (checked between rules) says to stop; true
   * once `findings(path)` has nothing left to run. A host doing background
   * work in slices uses it so that one large document does not hold a slice
   * for all its rules.
   */
  computeFindings(path: string, stop: () => boolean): boolean {
    const entry = this.docs.get(path);
    if (!entry || this.skipped.has(path)) return true;
    const results = this.results.get(path);
    for (let index = 0; index < this.rules.length; index++) {
      if (results?.[index]) continue;
      if (stop()) return false;
      this.ruleFindings(path, entry, index);
    }
    return true;
  }

  /** Findings of every document and skipped file, keyed by path. */
  allFindings(): Map<string, Finding[]> {
    const result = new Map<string, Finding[]>();
    for (const path of [...this.docs.keys(), ...this.skipped.keys()].sort()) result.set(path, this.findings(path));
    return result;
  }

  private ruleFindings(path: string, entry: DocEntry, ruleIndex: number): Finding[] {
    if (this.offered.has(path)) this.adoptOffered(path);
    const cached = this.results.get(path)?.[ruleIndex];
    const reported = cached && this.readFindings(cached, path, ruleIndex);
    if (reported) return reported;
    const rule = this.rules[ruleIndex];
    this.stats.ruleRuns++;
    this.untouchedOffers.delete(path);
    const setting = this.configValue.ruleSetting(rule, path);
    const deps = new Set<string>();
    const fields = new Set<string>();
    let findings: Finding[] = [];
    if (setting.severity !== 'off' && !entry.parseFailure) {
      const severity = setting.severity;
      try {
        rule.check({
          doc: recordingFieldReads(this.modelOf(entry), fields),
          info: entry.info,
          ws: this.viewRecordingInto(deps),
          options: setting.options,
          today: () => this.clock().toISOString().slice(0, 10),
          report: (report) =>
            findings.push({
              path,
              range: report.range,
              severity: report.severity ?? severity,
              ruleId: rule.id,
              message: report.message,
              fixes: report.fixes ?? [],
              ...(report.related ? { related: report.related } : {}),
              ...(report.tags ? { tags: report.tags } : {}),
            }),
        });
      } catch (error) {
        this.log(`rule ${rule.id} failed on ${path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        findings = [
          {
            path,
            range: ZERO_RANGE,
            severity: 'warning',
            ruleId: RULE_FAILED_RULE,
            message: `Rule \`${rule.id}\` failed on this document; details are in the output.`,
            fixes: [],
          },
        ];
      }
    }
    this.setResult(path, ruleIndex, this.resultOf(path, ruleIndex, findings, deps, fields));
    return findings;
  }

  /**
   * The workspace as rules see it, for hosts that compute something outside a
   * rule run (hover, code lens, the matrix grid); nothing is recorded.
   */
  view(): WorkspaceView {
    return this.viewRecordingInto(new Set());
  }

  /**
   * The computed results of every rule on `path`, each with a fingerprint of
   * every dependency it read, for a persistent cache to keep (`offerResults`),
   * plus the offers not yet taken up, which stay as good as they were.
   * Rule failures are left out, so a later run logs them again.
   */
  exportResults(path: string): StoredResults {
    // Nothing ran on the document since the offer (`ruleFindings` takes it up first): it stands as it came.
    const offered = this.offered.has(path) ? this.readOffer(path) : undefined;
    if (offered) return offered;
    const exported: StoredResults = { clean: [], deps: [], fingerprints: [], results: [] };
    const depIndexes = new Map<string, number>();
    const indexOf = (dep: string, print: string) => {
      const key = `${print}\u0000${dep}`;
      let index = depIndexes.get(key);
      if (index === undefined) {
        index = exported.deps.push(dep) - 1;
        exported.fingerprints.push(print);
        depIndexes.set(key, index);
      }
      return index;
    };
    const results = this.results.get(path);
    for (const [index, rule] of this.rules.entries()) {
      const result = results?.[index];
      if (!result) continue;
      const findings = compactFindings(result.findings);
      // Parsed only when the rule's id is in there at all: most results are kept without a look inside.
      if (findings.includes(RULE_FAILED_RULE) && findingsOf(result, path).some((f) => f.ruleId === RULE_FAILED_RULE)) continue;
      const fingerprints = result.deps.map((dep) => this.fingerprint(dep));
      if (fingerprints.some((print) => print === undefined)) continue;
      if (findings === '[]' && result.deps.length === 0) exported.clean.push(rule.id);
      else exported.results.push([rule.id, findings, result.deps.map((dep, i) => indexOf(dep, fingerprints[i]!))]);
    }
    return exported;
  }

  /**
   * Offers results `exportResults` gave for a document indexed from the very
   * same text, under the same config, rules and day. Each is reused, instead of
   * running its rule, when first needed and only if every dependency's
   * fingerprint still matches then; otherwise the rule runs as usual. A new
   * model or config for the document withdraws the offer. `results` may be
   * a function that gives them when first needed: a cache then keeps them in
   * its compact form until then.
   */
  offerResults(path: string, results: StoredResults | (() => StoredResults)): void {
    if (!this.docs.has(path)) return;
    this.offered.set(path, typeof results === 'function' ? results : () => results);
    this.untouchedOffers.add(path);
  }

  /**
   * True while no rule ran on `path` since the cache offered its results:
   * every result is an offer taken or still open, so what the cache holds for
   * the document stands and need not be exported again. (An offer dropped
   * since stays good as stored: its fingerprints say when it no longer holds.)
   */
  keepsOfferedResults(path: string): boolean {
    return this.untouchedOffers.has(path);
  }

  /**
   * Takes up every offered result on `path` at once, before any rule runs on
   * it: each dependency key the document's results read is checked once, and
   * a result stands when all of its keys still match; the others' rules run
   * as usual when needed.
   */
  private adoptOffered(path: string): void {
    const stored = this.readOffer(path);
    this.offered.delete(path);
    if (!stored) return;
    // Each key once for the document, rather than once for every result that read it.
    const keys = stored.deps.map((dep, i) => {
      const dependencyKey = this.dependencyKey(dep);
      return this.fingerprintOf(dependencyKey) === stored.fingerprints[i] ? dependencyKey : undefined;
    });
    for (const ruleId of stored.clean) {
      const index = this.ruleIndexes.get(ruleId);
      if (index === undefined) continue;
      this.setResult(path, index, CLEAN_RESULT);
      this.stats.reusedResults++;
    }
    for (const [ruleId, findings, indexes] of stored.results) {
      const index = this.ruleIndexes.get(ruleId);
      if (index === undefined || !indexes.every((i) => keys[i] !== undefined)) continue;
      const deps = indexes.length ? indexes.map((i) => keys[i]!.key) : NO_DEPS;
      const kept = this.keptFindings(findings, path);
      this.setResult(path, index, kept === NO_FINDINGS && deps === NO_DEPS ? CLEAN_RESULT : { findings: kept, deps });
      this.stats.reusedResults++;
    }
    this.unlistedDependents.push(path);
  }

  /** Lists the documents of taken-up results as dependents of every key their results read now (see `unlistedDependents`). */
  private listDependents(): void {
    const paths = this.unlistedDependents;
    this.unlistedDependents = [];
    for (const path of paths) {
      for (const result of this.results.get(path) ?? []) {
        for (const dep of result?.deps ?? NO_DEPS) (this.dependencyKey(dep).dependents ??= new Set()).add(path);
      }
    }
  }

  /**
   * The findings of a result; undefined, and the result dropped, when they
   * cannot be read: findings taken up from a cache stay JSON until needed,
   * so a damaged cache may only show here. The rule then runs again.
   */
  private readFindings(result: RuleResult, path: string, ruleIndex: number): Finding[] | undefined {
    try {
      return findingsOf(result, path);
    } catch (error) {
      this.results.get(path)![ruleIndex] = undefined;
      this.log(`cached findings of ${this.rules[ruleIndex].id} on ${path} unreadable, checking again: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /** The results offered for `path`; undefined, and the offer withdrawn, when they cannot be read (a damaged cache): the rules then run. */
  private readOffer(path: string): StoredResults | undefined {
    try {
      return this.offered.get(path)?.();
    } catch (error) {
      this.offered.delete(path);
      this.log(`cached results of ${path} unreadable, checking it again: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /** A result for a finished rule run, sharing what equal results share. */
  private resultOf(path: string, ruleIndex: number, findings: readonly Finding[] | string, depsRead: Iterable<string>, fieldsRead: ReadonlySet<string> | undefined): RuleResult {
    let shared: { fields: ReadonlySet<string>; empty: RuleResult } | undefined;
    if (fieldsRead) {
      const fieldsKey = [...fieldsRead].sort().join('\n');
      shared = this.sharedFields.get(fieldsKey);
      if (!shared) {
        const fields: ReadonlySet<string> = new Set(fieldsRead);
        shared = { fields, empty: Object.freeze({ findings: NO_FINDINGS, deps: NO_DEPS, fields }) };
        this.sharedFields.set(fieldsKey, shared);
      }
    }
    // The same keys are read by many results: each is kept once, as the dependency index's own.
    const deps = Array.from(depsRead, (dep) => {
      const dependencyKey = this.dependencyKey(dep);
      (dependencyKey.dependents ??= new Set()).add(path);
      return dependencyKey.key;
    });
    const kept = this.keptFindings(findings, path);
    if (kept === NO_FINDINGS && deps.length === 0) return shared ? shared.empty : CLEAN_RESULT;
    const fields = shared ? { fields: shared.fields } : {};
    return { findings: kept, deps: deps.length ? deps : NO_DEPS, ...fields };
  }

  /**
   * Findings as a result keeps them (`compactFindings` option): one JSON
   * string without their path (holding the objects took three times the
   * memory at 10k documents), or the objects, with their path.
   */
  private keptFindings(findings: string | readonly StoredFinding[] | readonly Finding[], path: string): string | Finding[] {
    if (findings === '[]' || findings.length === 0) return NO_FINDINGS;
    if (this.compact || typeof findings === 'string') return compactFindings(findings);
    for (const finding of findings as Finding[]) finding.path = path;
    return findings as Finding[];
  }

  private dependencyKey(dep: string): DependencyKey {
    let dependencyKey = this.dependencyKeys.get(dep);
    if (!dependencyKey) {
      dependencyKey = { key: dep };
      this.dependencyKeys.set(dep, dependencyKey);
    }
    return dependencyKey;
  }

  private setResult(path: string, ruleIndex: number, result: RuleResult): void {
    let results = this.results.get(path);
    if (!results) {
      results = new Array<RuleResult | undefined>(this.rules.length).fill(undefined);
      this.results.set(path, results);
    }
    results[ruleIndex] = result;
  }

  /**
   * A fingerprint of what a dependency key currently stands for, equal across
   * runs exactly when a rule reading it would see the same; undefined for a
   * topic no rule has asked for yet in this engine (its contributions are not
   * known, so results reading it are recomputed).
   */
  private fingerprint(dep: string): string | undefined {
    return this.fingerprintOf(this.dependencyKey(dep));
  }

  private fingerprintOf(dependencyKey: DependencyKey): string | undefined {
    return (dependencyKey.print ??= this.computeFingerprint(dependencyKey.key));
  }

  /** Every change to what a key stands for invalidates the key, which drops its memoized fingerprint. */
  private computeFingerprint(dep: string): string | undefined {
    const colon = dep.indexOf(':');
    const kind = colon < 0 ? dep : dep.slice(0, colon);
    const arg = dep.slice(colon + 1);
    switch (kind) {
      case 'doc': {
        const entry = this.docs.get(arg);
        return entry ? (entry.signatureHash ??= hashString(entry.signature)) : '-';
      }
      case 'file':
        return this.files.has(arg) ? '1' : '0';
      case 'dir':
        return this.files.directoryExists(arg) ? '1' : '0';
      case 'ci':
        return hashString(this.files.withLowerPath(arg).join('\n'));
      case 'name':
        return hashString(this.files.withLowerName(arg).join('\n'));
      case 'docs':
        return hashString([...this.docs].map(([path, entry]) => `${path}\u0000${entry.info.kind}`).sort().join('\n'));
      case 'topic': {
        const state = this.topics.get(arg);
        if (!state) return undefined;
        return hashString(JSON.stringify([...state.contributions].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
      }
      default:
        return undefined;
    }
  }

  // ---- the view rules get ------------------------------------------------

  private viewRecordingInto(deps: Set<string>): WorkspaceView {
    const engine = this;
    return {
      get config() {
        return engine.configValue;
      },
      getDocument(path) {
        deps.add(`doc:${path}`);
        const summary = engine.getDocument(path);
        if (!summary) return undefined;
        // The outline is what `doc:` stands for; a rule reading the whole model (another document's
        // links, its notice) depends on every change to it.
        return {
          get model() {
            deps.add(`model:${path}`);
            return summary.model;
          },
          info: summary.info,
          get outline() {
            return summary.outline;
          },
        };
      },
      fileExists(path) {
        deps.add(`file:${path}`);
        return engine.files.has(path);
      },
      directoryExists(path) {
        deps.add(`dir:${path}`);
        return engine.files.directoryExists(path);
      },
      filesIgnoringCase(path) {
        deps.add(`ci:${path.toLowerCase()}`);
        return engine.files.withLowerPath(path.toLowerCase());
      },
      filesNamed(name) {
        deps.add(`name:${name.toLowerCase()}`);
        return engine.files.withLowerName(name.toLowerCase());
      },
      documentPaths() {
        deps.add('docs');
        return [...engine.docs.keys()].sort();
      },
      topic<C, T>(topic: Topic<C, T>): T {
        deps.add(`topic:${topic.name}`);
        return engine.topicValue(topic);
      },
    };
  }

  private topicValue<C, T>(topic: Topic<C, T>): T {
    let state = this.topics.get(topic.name);
    if (!state) {
      state = { topic: topic as Topic<unknown, unknown>, contributions: new Map(), valid: false };
      this.topics.set(topic.name, state);
      for (const [path, entry] of this.docs) this.contribute(state, path, entry);
    }
    if (!state.valid) {
      state.value = state.topic.aggregate(state.contributions, this.configValue);
      state.valid = true;
    }
    return state.value as T;
  }

  // ---- invalidation ------------------------------------------------------

  /** A new entry for a model, in memory; `reload` gives it again should it leave (as already frozen). */
  private entryFor(model: DocumentModel, reload?: () => DocumentModel): DocEntry {
    const info = classify(model, this.configValue);
    const entry: DocEntry = {
      size: model.text.length,
      ...(reload ? { reload } : {}),
      ...(this.pinnedPaths.has(model.path) ? { pinned: true } : {}),
      info,
      signature: signatureOf(model, info),
      suppressions: new Suppressions(model),
      ...(model.parseFailure ? { parseFailure: model.parseFailure } : {}),
    };
    this.liveModels.adopt(entry, model);
    return entry;
  }

  private contribute(state: TopicState, path: string, entry: DocEntry | undefined): boolean {
    const stored = entry?.stored ? storedContribution(entry.stored, state.topic.name) : undefined;
    let value: unknown;
    if (stored !== undefined) {
      // What the document contributed when its summary was made, without loading its model.
      const serialized = stored ?? undefined;
      if (serialized === serializedContribution(state, path)) return false;
      value = serialized === undefined ? undefined : JSON.parse(serialized);
    } else {
      value = entry ? state.topic.contribute(this.modelOf(entry), entry.info, this.configValue) : undefined;
      // A topic may hand back the very value it gave before (it memoises per unchanged table); else the values are compared
      // in place: serialising both, on every keystroke in a large document, cost more than the topic itself.
      const previous = state.contributions.get(path);
      if (value === previous || (value !== undefined && previous !== undefined && dequal(value, previous))) return false;
    }
    if (value === undefined) {
      state.contributions.delete(path);
    } else {
      state.contributions.set(path, value);
    }
    state.valid = false;
    return true;
  }

  private updateContributions(path: string, next: DocEntry | undefined): void {
    for (const state of this.topics.values()) {
      if (this.contribute(state, path, next)) this.invalidate(`topic:${state.topic.name}`);
    }
  }

  /**
   * After an edit that left what other documents see unchanged, keeps the
   * results of rules that read only model fields the edit did not change (an
   * incremental re-parse reuses the facts outside the edited blocks, so e.g.
   * the code blocks are the very same objects after typing in prose).
   */
  private invalidateResultsReading(path: string, before: DocumentModel, after: DocumentModel): void {
    const changedFields = new Map<string, boolean>();
    const changed = (field: string) => {
      let answer = changedFields.get(field);
      if (answer === undefined) {
        answer = fieldChanged(before, after, field);
        changedFields.set(field, answer);
      }
      return answer;
    };
    const results = this.results.get(path);
    for (let index = 0; index < this.rules.length; index++) {
      const result = results?.[index];
      if (result && (!result.fields || [...result.fields].some(changed))) this.dropResult(path, index);
    }
    this.changedPaths.add(path);
  }

  private invalidateOwnResults(path: string): void {
    const results = this.results.get(path);
    if (results) for (let index = 0; index < this.rules.length; index++) this.dropResult(path, index);
    this.results.delete(path);
    this.changedPaths.add(path);
  }

  /** After a file was added or removed: the keys of its lookups, and of the folders it made appear or disappear. */
  private invalidateFileKeys(path: string, folders: readonly string[]): void {
    for (const folder of folders) this.invalidate(`dir:${folder}`);
    this.invalidate(`file:${path}`);
    this.invalidate(`ci:${path.toLowerCase()}`);
    this.invalidate(`name:${posixBasename(path).toLowerCase()}`);
  }

  private invalidate(dep: string): void {
    if (this.unlistedDependents.length) this.listDependents();
    const dependencyKey = this.dependencyKeys.get(dep);
    if (!dependencyKey) return;
    this.dependencyKeys.delete(dep);
    for (const path of dependencyKey.dependents ?? []) {
      const results = this.results.get(path);
      if (!results) continue;
      for (let index = 0; index < results.length; index++) {
        const deps = results[index]?.deps;
        if (deps && deps.length && deps.includes(dep)) this.dropResult(path, index);
      }
    }
  }

  private dropResult(path: string, ruleIndex: number): void {
    const results = this.results.get(path);
    if (!results?.[ruleIndex]) return;
    results[ruleIndex] = undefined;
    this.changedPaths.add(path);
  }
}

/** A document's contribution to a topic as JSON, made when needed: keeping it would double what topics hold. */
function serializedContribution(state: TopicState, path: string): string | undefined {
  const value = state.contributions.get(path);
  return value === undefined ? undefined : JSON.stringify(value);
}
