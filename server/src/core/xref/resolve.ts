import type { DocKind } from '../config/types';
import { kindOfPath } from '../kinds';
import { code } from '../messages';
import { posixBasename, resolveLinkPath } from '../paths';
import type { WorkspaceView } from '../rule';
import { aliasMap, normalizeCellText } from './config';
import { adrNumberOf, catalogTopic, fileNameToken, type Catalog, type CellItem, type Matrix } from './topics';

export interface ResolvedTarget {
  path: string;
  exists: boolean;
}

export type CellResolution =
  | { status: 'resolved'; how: string; targets: ResolvedTarget[] }
  | { status: 'ambiguous'; how: string; candidates: string[] }
  | { status: 'unresolved'; tried: string[] };

const GROUPS: [RegExp, DocKind, string][] = [
  [/^concept\s*(?:docs|documents)$|^concepts$/i, 'concept', 'concept docs'],
  [/^runbooks$/i, 'runbook', 'runbooks'],
  [/^(?:adrs|decision records|architecture decision records)$/i, 'adr', 'ADRs'],
  [/^(?:tasks|task\s*(?:docs|documents))$/i, 'task', 'tasks'],
];
const GROUP_PREFIX = /^(?:all\s+)?(?:the\s+)?(?:(\d+)\s+)?/i;
const RANGE = /^([A-Za-z][A-Za-z0-9]*?[A-Za-z])(\d+)\s*(?:-|\u2013|\u2014|\.\.|to)\s*(?:\1)?(\d+)(?:\s+(?:tasks?|task\s+docs?))?$/i;
const ADR_ID = /^ADR[-_ ]?0*(\d+)$/i;
const TASK_ID = /^([A-Za-z]+\d+[A-Za-z]+\d+)(?:[_-][\w-]*)?(?:\.md)?$/i;
const DESCRIPTIVE = /^(.+?)\s+(runbook|concept(?:\s+doc(?:ument)?)?|adr|task(?:\s+doc)?)$/i;
const DESCRIPTIVE_KINDS: Record<string, DocKind> = { runbook: 'runbook', concept: 'concept', adr: 'adr', task: 'task' };
const MAX_RANGE = 100;

/**
 * Resolves matrix cells the way a person reading the table would: paths, file
 * names, `ADR-0031`, `P5T2`, `All concept docs`, `P5T4-P5T7 tasks`,
 * `Rollback runbook`, config aliases. Results are memoised for the lifetime
 * of one resolver (one rule run, one command), never across them, so every
 * workspace query is recorded as a dependency of the run that needs it.
 */
export class CellResolver {
  private catalogValue: Catalog | undefined;
  private aliases: Map<string, string[]> | undefined;
  private readonly memo = new Map<string, CellResolution>();
  private readonly matrixIds = new Map<Matrix, number>();

  constructor(private readonly ws: WorkspaceView) {}

  /** Resolves a cell name; a relative link written around it wins over its text. */
  resolveItem(item: CellItem, matrix: Matrix): CellResolution {
    if (item.link) return { status: 'resolved', how: "the cell's link", targets: [this.target(item.link)] };
    return this.resolve(item.text, matrix);
  }

  resolve(text: string, matrix: Matrix): CellResolution {
    if (!this.matrixIds.has(matrix)) this.matrixIds.set(matrix, this.matrixIds.size);
    const key = `${this.matrixIds.get(matrix)}\u0000${text}`;
    let result = this.memo.get(key);
    if (!result) {
      result = this.resolveUncached(text.trim(), matrix, true);
      this.memo.set(key, result);
    }
    return result;
  }

  /** The kind of a path: the indexed document's kind, else what its path would give it. */
  kindOf(path: string): DocKind {
    return this.ws.getDocument(path)?.info.kind ?? kindOfPath(path, this.ws.config);
  }

  private get catalog(): Catalog {
    this.catalogValue ??= this.ws.topic(catalogTopic);
    return this.catalogValue;
  }

  private target(path: string): ResolvedTarget {
    return { path, exists: this.ws.fileExists(path) };
  }

  private resolveUncached(text: string, matrix: Matrix, allowGroups: boolean): CellResolution {
    const tried: string[] = [];
    this.aliases ??= aliasMap(this.ws.config);
    const alias = this.aliases.get(normalizeCellText(text));
    if (alias) return { status: 'resolved', how: 'alias in the config', targets: alias.map((p) => this.target(p.replace(/^\.?\//, ''))) };
    tried.push('config aliases');

    const range = RANGE.exec(text);
    if (range && allowGroups) {
      const [, prefix, fromText, toText] = range;
      const from = Number(fromText);
      const to = Number(toText);
      if (to >= from && to - from < MAX_RANGE) return this.resolveRange(prefix, from, to, matrix);
    }

    const groupResult = allowGroups ? this.resolveGroup(text, matrix) : null;
    if (groupResult) return groupResult;

    const adr = ADR_ID.exec(text);
    if (adr) return this.resolveAdr(Number(adr[1]), matrix);

    if (/\.md$/i.test(text) || text.includes('/')) {
      const byName = this.resolveFileName(text, matrix, tried);
      if (byName) return byName;
    }

    const task = TASK_ID.exec(text);
    if (task) {
      const byId = this.resolveTaskId(task[1], matrix, tried);
      if (byId) return byId;
    }

    if (/^[\w.-]+$/.test(text) && !/\.md$/i.test(text)) {
      const withExtension = this.resolveFileName(`${text}.md`, matrix, tried);
      if (withExtension) return withExtension;
    }

    const descriptive = DESCRIPTIVE.exec(text);
    if (descriptive) {
      const kind = DESCRIPTIVE_KINDS[descriptive[2].toLowerCase().split(/\s+/)[0]];
      const result = this.resolveDescriptive(descriptive[1], kind, matrix, tried);
      if (result) return result;
    }
    if (tried.length === 1) tried.push(`every known form (a path or ${code('name.md')}, ${code('ADR-0031')}, ${code('P5T2')}, ${code('All concept docs')}, ${code('P5T4-P5T7 tasks')}, ${code('Rollback runbook')}); none matches`);
    return { status: 'unresolved', tried };
  }

  private resolveRange(prefix: string, from: number, to: number, matrix: Matrix): CellResolution {
    const targets: ResolvedTarget[] = [];
    const missing: string[] = [];
    for (let n = from; n <= to; n++) {
      const id = `${prefix}${n}`;
      const resolved = this.resolveTaskId(id, matrix, []);
      if (resolved?.status === 'resolved') targets.push(...resolved.targets);
      else missing.push(id);
    }
    if (missing.length) {
      return { status: 'unresolved', tried: [`the range ${prefix}${from}..${prefix}${to}: no task doc with id ${missing.map(code).join(', ')} (front matter \`id\` or file name)`] };
    }
    return { status: 'resolved', how: `the task range ${prefix}${from}..${prefix}${to}`, targets };
  }

  private resolveGroup(text: string, matrix: Matrix): CellResolution | null {
    const prefix = GROUP_PREFIX.exec(text)!;
    const rest = text.slice(prefix[0].length);
    const group = GROUPS.find(([pattern]) => pattern.test(rest));
    if (!group || (prefix[0] === '' && !/s$/i.test(rest))) return null;
    const [, kind, label] = group;
    const count = prefix[1] === undefined ? null : Number(prefix[1]);
    const note = (n: number) => (count !== null && count !== n ? ` (the cell says ${count}, found ${n})` : '');

    const rowPaths = new Set<string>();
    if (matrix.path !== null) {
      for (const row of matrix.rows) {
        for (const item of row.doc) {
          const resolved = item.link ? this.resolveItem(item, matrix) : this.resolveUncached(item.text, matrix, false);
          if (resolved.status === 'resolved') for (const t of resolved.targets) if (this.kindOf(t.path) === kind) rowPaths.add(t.path);
        }
      }
      if (rowPaths.size) {
        return { status: 'resolved', how: `the matrix's own ${label} (its rows)${note(rowPaths.size)}`, targets: [...rowPaths].sort().map((p) => this.target(p)) };
      }
      const delivered = matrix.deliverables.filter((p) => kindOfPath(p, this.ws.config) === kind);
      if (delivered.length) {
        return { status: 'resolved', how: `the ${label} named in this document's deliverables${note(delivered.length)}`, targets: delivered.map((p) => this.target(p)) };
      }
      return { status: 'unresolved', tried: [`${label} among the matrix's row documents`, `${label} named in code spans of the same document`] };
    }
    const all = this.catalog.ofKind(kind).map((entry) => entry.path);
    if (all.length) return { status: 'resolved', how: `every ${label.replace(/s$/, '')} in the workspace${note(all.length)}`, targets: all.map((p) => this.target(p)) };
    return { status: 'unresolved', tried: [`${label} in the workspace`] };
  }

  private resolveAdr(number: number, matrix: Matrix): CellResolution {
    const found = this.catalog.adrsNumbered(number).map((e) => e.path);
    const how = `the ADR numbered ${number} (file name or title)`;
    if (found.length === 1) return { status: 'resolved', how, targets: [this.target(found[0])] };
    if (found.length > 1) return { status: 'ambiguous', how, candidates: found };
    const delivered = matrix.deliverables.filter((p) => adrNumberOf(p, undefined) === number);
    if (delivered.length === 1) return { status: 'resolved', how: `${how}, named in this document's deliverables`, targets: [this.target(delivered[0])] };
    return { status: 'unresolved', tried: [`an ADR whose file name or title carries number ${number}`, 'ADR paths named in code spans of the same document'] };
  }

  private resolveFileName(text: string, matrix: Matrix, tried: string[]): CellResolution | null {
    const clean = text.replace(/^\.?\//, '');
    if (clean.includes('/')) {
      const relative = matrix.path !== null ? resolveLinkPath(matrix.path, text) : null;
      const rootFirst = !/^\.\.?\//.test(text);
      const candidates = (rootFirst ? [clean, relative] : [relative]).filter((p): p is string => !!p && !p.startsWith('../'));
      if (candidates.length === 0) return null;
      const existing = candidates.find((p) => this.ws.fileExists(p));
      tried.push(`the path ${code(clean)}`);
      if (existing) return { status: 'resolved', how: 'the path', targets: [this.target(existing)] };
      const delivered = matrix.deliverables.find((p) => candidates.includes(p));
      return { status: 'resolved', how: 'the path, not created yet', targets: [this.target(delivered ?? candidates[0])] };
    }
    const named = this.ws.filesNamed(clean).filter((p) => /\.md$/i.test(p));
    tried.push(`files named ${code(clean)}`);
    if (named.length === 1) return { status: 'resolved', how: 'the only file with that name', targets: [this.target(named[0])] };
    if (named.length > 1) {
      const delivered = named.filter((p) => matrix.deliverables.includes(p));
      if (delivered.length === 1) return { status: 'resolved', how: "the file with that name named in this document's deliverables", targets: [this.target(delivered[0])] };
      return { status: 'ambiguous', how: `files named ${code(clean)}`, candidates: named };
    }
    const delivered = matrix.deliverables.filter((p) => posixBasename(p).toLowerCase() === clean.toLowerCase());
    tried.push(`deliverable paths named ${code(clean)} in the same document`);
    if (delivered.length === 1) return { status: 'resolved', how: "the path named in this document's deliverables, not created yet", targets: [this.target(delivered[0])] };
    if (delivered.length > 1) return { status: 'ambiguous', how: "deliverable paths named in this document", candidates: delivered };
    return null;
  }

  private resolveTaskId(id: string, matrix: Matrix, tried: string[]): CellResolution | null {
    const lower = id.toLowerCase();
    const startsWithId = (path: string) => fileNameToken(path) === lower;
    const byFrontMatter = this.catalog.withId(id);
    const byName = this.catalog.namedAfterId(id);
    let found = byFrontMatter.length ? byFrontMatter : byName;
    if (found.length > 1) {
      const live = found.filter((e) => e.kind !== 'archived');
      if (live.length === 1) found = live;
    }
    tried.push(`a task doc with id ${code(id)} (front matter \`id\` or file name, archived ones included)`);
    const how = `the task doc with id ${id}`;
    if (found.length === 1) return { status: 'resolved', how: `${how}${found[0].kind === 'archived' ? ' (archived)' : ''}`, targets: [this.target(found[0].path)] };
    if (found.length > 1) return { status: 'ambiguous', how, candidates: found.map((e) => e.path) };
    const delivered = matrix.deliverables.filter(startsWithId);
    if (delivered.length === 1) return { status: 'resolved', how: `${how}, named in this document's deliverables`, targets: [this.target(delivered[0])] };
    return null;
  }

  private resolveDescriptive(words: string, kind: DocKind, matrix: Matrix, tried: string[]): CellResolution | null {
    const slug = words.trim().toLowerCase().replace(/\s+/g, '-');
    const matches = (path: string) => posixBasename(path).toLowerCase().includes(slug);
    const inMatrix = new Set<string>();
    for (const row of matrix.rows) {
      for (const item of [...row.doc, ...row.targets]) {
        if (!item.link && !/\.md$/i.test(item.text) && !item.text.includes('/')) continue;
        const resolved = item.link ? this.resolveItem(item, matrix) : this.resolveUncached(item.text, matrix, false);
        if (resolved.status === 'resolved') for (const t of resolved.targets) if (matches(t.path) && this.kindOf(t.path) === kind) inMatrix.add(t.path);
      }
    }
    for (const p of matrix.deliverables) if (matches(p) && kindOfPath(p, this.ws.config) === kind) inMatrix.add(p);
    tried.push(`a ${kind} in the matrix or its deliverables whose file name contains ${code(slug)}`);
    let found = [...inMatrix].sort();
    let how = `the ${kind} in the matrix whose file name contains ${code(slug)}`;
    if (found.length === 0) {
      found = this.catalog.ofKind(kind).filter((e) => matches(e.path)).map((e) => e.path);
      how = `the ${kind} in the workspace whose file name contains ${code(slug)}`;
      tried.push(`any ${kind} whose file name contains ${code(slug)}`);
    }
    if (found.length === 1) return { status: 'resolved', how, targets: [this.target(found[0])] };
    if (found.length > 1) return { status: 'ambiguous', how, candidates: found };
    return null;
  }
}

/** Resolves one cell name of `matrix` (a convenience over `CellResolver` for single lookups). */
export function resolveCell(ws: WorkspaceView, text: string, matrix: Matrix): CellResolution {
  return new CellResolver(ws).resolve(text, matrix);
}

/** The `.adrift.yaml` snippet that maps a cell text to a path. */
export function aliasHint(text: string, examplePath = 'docs/path/to/document.md'): string {
  return `crossReferences: { aliases: { ${JSON.stringify(text)}: ${examplePath} } }`;
}

/** What `documentNameKeys` needs to know of a document. */
export interface DocumentFacts {
  path: string;
  kind: DocKind;
  /** Front-matter `id`. */
  id?: string;
}

/**
 * A cheap, conservative pre-check of what a row-document cell can name, as
 * keys to compare with `documentNameKeys`: a cell cannot resolve to a document
 * that shares none of its keys, so documents in no matrix row skip resolution
 * (and record no dependencies) on every rule run, and the rows a document
 * might be in are found by key rather than by trying every row. Null when the
 * cell might name any document (an alias, a range, a group, free text).
 */
export function cellNameKeys(item: CellItem, aliases: ReadonlyMap<string, string[]>): string[] | null {
  if (item.link) return [`path:${item.link}`];
  const text = item.text.trim();
  if (aliases.has(normalizeCellText(text)) || RANGE.test(text)) return null;
  const rest = text.slice(GROUP_PREFIX.exec(text)![0].length);
  if (GROUPS.some(([pattern]) => pattern.test(rest))) return null;
  const adr = ADR_ID.exec(text);
  // `ADR-0031` may name any ADR through its title, and a non-ADR through its file name.
  if (adr) return ['kind:adr', `adr:${Number(adr[1])}`];
  const taskToken = TASK_ID.exec(text)?.[1].toLowerCase();
  const taskKeys = taskToken === undefined ? [] : [`token:${taskToken}`, `id:${taskToken}`];
  if (/\.md$/i.test(text) || text.includes('/')) return [`name:${posixBasename(text).toLowerCase()}`, ...taskKeys];
  if (/^[\w.-]+$/.test(text)) return [`name:${text.toLowerCase()}.md`, ...taskKeys];
  return null;
}

/** The keys of `cellNameKeys` under which a cell might name this document. */
export function documentNameKeys(doc: DocumentFacts): string[] {
  const keys = [`path:${doc.path}`, `kind:${doc.kind}`, `name:${posixBasename(doc.path).toLowerCase()}`, `token:${fileNameToken(doc.path)}`];
  const adrNumber = adrNumberOf(doc.path, undefined);
  if (adrNumber !== null) keys.push(`adr:${adrNumber}`);
  if (doc.id !== undefined) keys.push(`id:${doc.id.toLowerCase()}`);
  return keys;
}
