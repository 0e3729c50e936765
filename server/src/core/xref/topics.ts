import { matchesAny, type ResolvedConfig } from '../config/resolved';
import type { DocKind } from '../config/types';
import type { DocumentModel, Link, Table, TableCell } from '../document';
import { posixBasename, resolveLinkPath } from '../paths';
import { isExternal, parseDestination } from '../rules/links/broken/rule';
import { rangeContains } from '../text';
import type { Topic, WorkspaceView } from '../rule';
import type { Range } from '../types';
import { crossReferencesConfig } from './config';
import { linkedPaths } from './links';

/**
 * One name in a matrix cell (`ADR-0031`, `All concept docs`) and where it is
 * written. In a `Matrix` of the topic, ranges count lines from the table's
 * first line (so typing Enter above a table changes nothing other documents
 * depend on); `placeMatrix` turns them into document positions.
 */
export interface CellItem {
  text: string;
  range: Range;
  /** Workspace path of a relative link written around the name, which then wins over its text. */
  link?: string;
}

export interface MatrixRow {
  /** The whole table row. */
  range: Range;
  doc: CellItem[];
  targets: CellItem[];
}

export interface Matrix {
  /** Path of the document holding the table, or null for rows from the config. */
  path: string | null;
  /** Which of its document's matrix tables this is (0 for the first), to find where it starts. */
  ordinal: number;
  range: Range;
  rows: MatrixRow[];
  /** `.md` paths named in code spans of the same document: where documents that do not exist yet belong. */
  deliverables: string[];
}

interface MatrixContribution {
  matrices: Omit<Matrix, 'path' | 'ordinal' | 'deliverables'>[];
  deliverables: string[];
}

const MAX_DELIVERABLES = 200;
const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Answers per header array: every edit asks again for every table of the document. */
const matrixHeaders = new WeakMap<readonly TableCell[], boolean>();

export function isMatrixHeader(header: readonly TableCell[]): boolean {
  let answer = matrixHeaders.get(header);
  if (answer === undefined) {
    const norm = (cell: TableCell | undefined) => (cell?.text ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
    answer = norm(header[0]) === 'document' && norm(header[1]) === 'must link to';
    matrixHeaders.set(header, answer);
  }
  return answer;
}

/** The document's tables that are cross-reference matrices, in document order. */
export function matrixTables(doc: DocumentModel, config: ResolvedConfig): Table[] {
  const settings = crossReferencesConfig(config);
  const everyTable = matchesAny(settings.matrixFiles ?? [], doc.path);
  return doc.tables.filter((table) => (settings.discover !== false && isMatrixHeader(table.header)) || (everyTable && table.header.length >= 2));
}

/** Splits a cell into its names, each with its own range when it can be found in the source. */
export function splitCell(doc: DocumentModel, cell: TableCell, links: readonly Link[] = doc.links): CellItem[] {
  const start = doc.lines.offsetAt(cell.range.start);
  const source = doc.text.slice(start, doc.lines.offsetAt(cell.range.end));
  const items: CellItem[] = [];
  let cursor = 0;
  for (const piece of cell.text.split(/\s*(?:[,;]|<br\s*\/?>)\s*/i)) {
    const text = piece.trim().replace(/^[`"']+|[`"']+$/g, '').trim();
    if (text === '') continue;
    const at = source.indexOf(text, cursor);
    if (at === -1) {
      items.push({ text, range: cell.range });
      continue;
    }
    cursor = at + text.length;
    const range = doc.lines.range(start + at, start + cursor);
    const link = links.find((l) => l.kind === 'inline' && rangeContains(l.range, range) && !isExternal(l.url));
    const linked = link ? resolveLinkPath(doc.path, parseDestination(link.url).path) : null;
    if (!linked) {
      items.push({ text, range });
      continue;
    }
    items.push({ text, range: link!.range, link: linked });
    cursor = doc.lines.offsetAt(link!.range.end) - start;
  }
  return items;
}

function shiftRange(range: Range, lines: number): Range {
  return lines === 0
    ? range
    : { start: { line: range.start.line + lines, character: range.start.character }, end: { line: range.end.line + lines, character: range.end.character } };
}

const shiftItem = (lines: number) => (item: CellItem): CellItem => ({ ...item, range: shiftRange(item.range, lines) });

/**
 * A matrix table's rows with ranges relative to the table's first line,
 * memoised per table: an incremental re-parse keeps the tables an edit did
 * not touch as the very same objects, so typing elsewhere does not split
 * every cell of a large document again.
 */
const relativeRows = new WeakMap<Table, { path: string; rows: MatrixRow[] }>();

function rowsOf(doc: DocumentModel, table: Table): MatrixRow[] {
  const known = relativeRows.get(table);
  if (known?.path === doc.path) return known.rows;
  const links = doc.links.filter((l) => rangeContains(table.range, l.range));
  const up = shiftItem(-table.range.start.line);
  const rows = table.rows
    .filter((row) => row.length >= 2)
    .map((row) => ({
      range: shiftRange({ start: row[0].range.start, end: row[row.length - 1].range.end }, -table.range.start.line),
      doc: splitCell(doc, row[0], links).map(up),
      targets: splitCell(doc, row[1], links).map(up),
    }))
    .filter((row) => row.doc.length > 0);
  relativeRows.set(table, { path: doc.path, rows });
  return rows;
}

/** The last contribution of a document, kept while its matrix tables and deliverables stay the same objects and values. */
const lastContributions = new WeakMap<Table, { path: string; tables: Table[]; deliverables: string[]; contribution: MatrixContribution }>();

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Where each matrix table of each document starts: the one absolute position matrices depend on. */
export const matrixStartsTopic: Topic<number[], Map<string, number[]>> = {
  name: 'xref/matrix-starts',
  contribute(doc, _info, config) {
    const tables = matrixTables(doc, config);
    return tables.length ? tables.map((table) => table.range.start.line) : undefined;
  },
  aggregate(contributions) {
    return new Map(contributions);
  },
};

const placed = new WeakMap<Matrix, { start: number; matrix: Matrix }>();

/**
 * `matrix` with document positions: reads where its table starts, so only
 * the runs that show a matrix position depend on it (a line typed above a
 * table moves the table, not what its cells require).
 */
export function placeMatrix(ws: WorkspaceView, matrix: Matrix): Matrix {
  if (matrix.path === null) return matrix;
  const start = ws.topic(matrixStartsTopic).get(matrix.path)?.[matrix.ordinal] ?? 0;
  const known = placed.get(matrix);
  if (known?.start === start) return known.matrix;
  const at = shiftItem(start);
  const result: Matrix = {
    ...matrix,
    range: shiftRange(matrix.range, start),
    rows: matrix.rows.map((row) => ({ range: shiftRange(row.range, start), doc: row.doc.map(at), targets: row.targets.map(at) })),
  };
  placed.set(matrix, { start, matrix: result });
  return result;
}

/** Where a row of `matrix` is written, in document positions. */
export function placeRow(ws: WorkspaceView, matrix: Matrix, row: MatrixRow): MatrixRow {
  const index = matrix.rows.indexOf(row);
  return index === -1 ? row : placeMatrix(ws, matrix).rows[index];
}

export function deliverablesOf(doc: DocumentModel): string[] {
  const paths = new Set<string>();
  for (const span of doc.inlineCode) {
    const value = span.value.trim().replace(/^\.?\//, '');
    if (/^[\w.@/-]+\.md$/i.test(value) && !value.includes('..')) paths.add(value);
    if (paths.size >= MAX_DELIVERABLES) break;
  }
  return [...paths];
}

/** Every cross-reference matrix of the workspace: tables in the docs plus rows from the config. */
export const matricesTopic: Topic<MatrixContribution, Matrix[]> = {
  name: 'xref/matrices',
  contribute(doc, _info, config) {
    const tables = matrixTables(doc, config);
    if (tables.length === 0) return undefined;
    const deliverables = deliverablesOf(doc);
    const last = lastContributions.get(tables[0]);
    if (last?.path === doc.path && sameItems(last.tables, tables) && sameItems(last.deliverables, deliverables)) return last.contribution;
    const contribution: MatrixContribution = {
      matrices: tables.map((table) => ({ range: shiftRange(table.range, -table.range.start.line), rows: rowsOf(doc, table) })),
      deliverables,
    };
    lastContributions.set(tables[0], { path: doc.path, tables, deliverables, contribution });
    return contribution;
  },
  aggregate(contributions, config) {
    const matrices: Matrix[] = [];
    for (const path of [...contributions.keys()].sort()) {
      const contribution = contributions.get(path)!;
      contribution.matrices.forEach((matrix, ordinal) => matrices.push({ ...matrix, path, ordinal, deliverables: contribution.deliverables }));
    }
    const rows = crossReferencesConfig(config).rows ?? [];
    if (rows.length) {
      const item = (text: string): CellItem => ({ text, range: ZERO });
      matrices.push({
        path: null,
        ordinal: 0,
        range: ZERO,
        deliverables: [],
        rows: rows.map((row) => ({ range: ZERO, doc: [item(row.document)], targets: row.mustLinkTo.map(item) })),
      });
    }
    return matrices;
  },
};

export interface CatalogEntry {
  path: string;
  kind: DocKind;
  /** Front-matter `id`. */
  id?: string;
  title?: string;
}

const ADR_NUMBER_IN_NAME = /(?:^|[^a-z])adr[-_ ]?0*(\d+)/i;
const LEADING_NUMBER = /^0*(\d+)[-_ ]/;

/** The number an ADR carries in its file name (`ADR-0031-x.md`, `0031-x.md`) or else its title (`ADR 31: ...`). */
export function adrNumberOf(path: string, title: string | undefined): number | null {
  const name = posixBasename(path);
  const match = ADR_NUMBER_IN_NAME.exec(name) ?? LEADING_NUMBER.exec(name) ?? (title ? /ADR[-_ ]?0*(\d+)/i.exec(title) : null);
  return match ? Number(match[1]) : null;
}

/** The leading letters and digits of a file name, lower-cased: `P5T2_DONE.md` -> `p5t2`. */
export function fileNameToken(path: string): string {
  return /^[a-z0-9]*/i.exec(posixBasename(path))![0].toLowerCase();
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Every document's kind, id and title, indexed for the lookups cell resolution makes on every rule run. */
export class Catalog {
  private readonly byKind = new Map<DocKind, CatalogEntry[]>();
  private readonly byAdrNumber = new Map<number, CatalogEntry[]>();
  private readonly byId = new Map<string, CatalogEntry[]>();
  private readonly byNameToken = new Map<string, CatalogEntry[]>();

  constructor(readonly entries: readonly CatalogEntry[]) {
    for (const entry of entries) {
      push(this.byKind, entry.kind, entry);
      if (entry.kind === 'adr') {
        const number = adrNumberOf(entry.path, entry.title);
        if (number !== null) push(this.byAdrNumber, number, entry);
      }
      if (entry.id !== undefined) push(this.byId, entry.id.toLowerCase(), entry);
      else push(this.byNameToken, fileNameToken(entry.path), entry);
    }
  }

  ofKind(kind: DocKind): readonly CatalogEntry[] {
    return this.byKind.get(kind) ?? [];
  }

  adrsNumbered(number: number): readonly CatalogEntry[] {
    return this.byAdrNumber.get(number) ?? [];
  }

  /** Documents whose front-matter `id` is `id` (any case). */
  withId(id: string): readonly CatalogEntry[] {
    return this.byId.get(id.toLowerCase()) ?? [];
  }

  /** Documents without a front-matter id whose file name starts with `id` (`P5T2_DONE.md` for `P5T2`). */
  namedAfterId(id: string): readonly CatalogEntry[] {
    return this.byNameToken.get(id.toLowerCase()) ?? [];
  }
}

/** Kind, id and title of every document, for resolving `ADR-0031`, `P5T2` and groups. */
export const catalogTopic: Topic<Omit<CatalogEntry, 'path'>, Catalog> = {
  name: 'xref/catalog',
  contribute(doc, info) {
    const id = doc.frontMatter?.data?.id;
    return {
      kind: info.kind,
      ...(typeof id === 'string' || typeof id === 'number' ? { id: String(id) } : {}),
      ...(info.kind === 'adr' && doc.title ? { title: doc.title } : {}),
    };
  },
  aggregate(contributions) {
    return new Catalog([...contributions].map(([path, entry]) => ({ path, ...entry })).sort((a, b) => a.path.localeCompare(b.path)));
  },
};

export const DEFAULT_INDEX_FILES = ['docs/INDEX.md', 'docs/README.md'];

export function indexFiles(config: Parameters<typeof crossReferencesConfig>[0]): string[] {
  return crossReferencesConfig(config).indexFiles ?? DEFAULT_INDEX_FILES;
}

/** Which documents each index file and each folder README links to (sets: the index links to every document). */
export const indexLinksTopic: Topic<string[], Map<string, ReadonlySet<string>>> = {
  name: 'xref/index-links',
  contribute(doc, _info, config) {
    if (!/^(readme|index)\.md$/i.test(posixBasename(doc.path)) && !indexFiles(config).includes(doc.path)) return undefined;
    return [...linkedPaths(doc)].sort();
  },
  aggregate(contributions) {
    return new Map([...contributions].map(([path, links]) => [path, new Set(links)]));
  },
};
