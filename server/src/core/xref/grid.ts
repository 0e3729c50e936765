import { code } from '../messages';
import { posixBasename } from '../paths';
import type { WorkspaceView } from '../rule';
import { comparePositions, rangeContains } from '../text';
import type { Position, Range } from '../types';
import { linksOfPath, requirementsFor, rowDocuments } from './model';
import { CellResolver, type CellResolution } from './resolve';
import { matricesTopic, placeMatrix, type Matrix } from './topics';

/**
 * The whole-matrix views for hosts: the grid (`adrift matrix`, the editor's
 * matrix view), code lenses and cell hovers. They read other documents' links
 * through `WorkspaceView.getDocument`, which is fine outside rule runs (a
 * rule must not: a document's links are not part of what invalidates it).
 */

export type CellState = 'present' | 'missing' | 'unresolved';

export interface GridColumn {
  /** Workspace path, or null for a cell that did not resolve. */
  path: string | null;
  label: string;
  exists: boolean;
}

export interface GridRow {
  /** Workspace path of the row document, or null when the row's document cell did not resolve. */
  path: string | null;
  label: string;
  exists: boolean;
  /** Cell per column: undefined where the row requires nothing. */
  cells: (CellState | undefined)[];
}

export interface MatrixGrid {
  /** Document holding the table (null: the config's rows). */
  path: string | null;
  /** 0-based line of the table. */
  line: number;
  columns: GridColumn[];
  rows: GridRow[];
  required: number;
  present: number;
}

/** One grid per matrix: rows are documents, columns their required targets. */
export function buildMatrixGrids(ws: WorkspaceView): MatrixGrid[] {
  const resolver = new CellResolver(ws);
  return ws.topic(matricesTopic).map((matrix) => gridOf(ws, resolver, matrix));
}

function gridOf(ws: WorkspaceView, resolver: CellResolver, matrix: Matrix): MatrixGrid {
  const columns: GridColumn[] = [];
  const columnOf = (path: string | null, label: string, exists: boolean) => {
    let index = columns.findIndex((c) => (path === null ? c.path === null && c.label === label : c.path === path));
    if (index === -1) index = columns.push({ path, label: path ? posixBasename(path) : label, exists }) - 1;
    return index;
  };
  const rows: GridRow[] = [];
  for (const row of matrix.rows) {
    const docs = rowDocuments(resolver, matrix, row);
    const rowLabel = row.doc.map((d) => d.text).join(', ');
    const required = new Map<number, CellState>();
    for (const cell of row.targets) {
      const resolution = resolver.resolveItem(cell, matrix);
      if (resolution.status !== 'resolved') required.set(columnOf(null, cell.text, false), 'unresolved');
      else for (const t of resolution.targets) required.set(columnOf(t.path, cell.text, t.exists), 'missing');
    }
    const rowPaths: (string | null)[] = docs.length ? docs : [null];
    for (const path of rowPaths) {
      const exists = path !== null && ws.fileExists(path);
      const links = path !== null ? linksOfPath(ws, path) : new Set<string>();
      const existing = rows.find((r) => r.path !== null && r.path === path);
      const target = existing ?? { path, label: path ? posixBasename(path) : rowLabel, exists, cells: [] };
      for (const [index, state] of required) {
        if (columns[index].path === path) continue;
        target.cells[index] = state === 'unresolved' || path === null ? 'unresolved' : links.has(columns[index].path!) ? 'present' : 'missing';
      }
      if (!existing) rows.push(target);
    }
  }
  for (const row of rows) row.cells.length = columns.length;
  const states = rows.flatMap((r) => [...r.cells]).filter((s): s is CellState => s !== undefined);
  return {
    path: matrix.path,
    line: placeMatrix(ws, matrix).range.start.line,
    columns,
    rows,
    required: states.length,
    present: states.filter((s) => s === 'present').length,
  };
}

export interface CodeLensData {
  range: Range;
  title: string;
}

/** Code lenses for a document: a summary above each matrix it holds, and its own cross-reference count on its title. */
export function matrixCodeLenses(ws: WorkspaceView, path: string): CodeLensData[] {
  const lenses: CodeLensData[] = [];
  const resolver = new CellResolver(ws);
  for (const matrix of ws.topic(matricesTopic)) {
    if (matrix.path !== path) continue;
    const grid = gridOf(ws, resolver, matrix);
    lenses.push({ range: placeMatrix(ws, matrix).range, title: `${grid.rows.length} rows, ${grid.required} required links, ${grid.present} present` });
  }
  const requirements = requirementsFor(ws, resolver, path);
  const summary = ws.getDocument(path);
  if (requirements.length && summary) {
    const links = linksOfPath(ws, path);
    const missing = requirements.filter((r) => !links.has(r.target)).map((r) => posixBasename(r.target));
    const present = requirements.length - missing.length;
    const title = summary.model.headings.find((h) => h.depth === 1);
    lenses.push({
      range: title?.range ?? summary.model.lines.lineRange(0),
      title: `Cross-references ${present}/${requirements.length}${missing.length ? ` (missing: ${missing.join(', ')})` : ''}`,
    });
  }
  return lenses;
}

function describeResolution(text: string, resolution: CellResolution): string {
  if (resolution.status === 'unresolved') {
    return `${code(text)} does not resolve to a document.\n\nTried: ${resolution.tried.join('; ')}.\n\nAdd an alias under \`crossReferences.aliases\` in \`.adrift.yaml\`.`;
  }
  if (resolution.status === 'ambiguous') {
    return `${code(text)} is ambiguous (${resolution.how}):\n\n${resolution.candidates.map((c) => `- ${code(c)}`).join('\n')}`;
  }
  const lines = resolution.targets.map((t) => `- ${code(t.path)} — ${t.exists ? 'exists' : '**does not exist**'}`);
  return `${code(text)} → ${resolution.how}:\n\n${lines.join('\n')}`;
}

/** Hover Markdown for the matrix cell name at `position` in the document at `path`; null when not on one. */
export function describeMatrixCell(ws: WorkspaceView, path: string, position: Position): string | null {
  const resolver = new CellResolver(ws);
  const at: Range = { start: position, end: position };
  for (const matrix of ws.topic(matricesTopic)) {
    if (matrix.path !== path) continue;
    const placed = placeMatrix(ws, matrix);
    if (!rangeContains(placed.range, at)) continue;
    for (const row of placed.rows) {
      for (const item of [...row.doc, ...row.targets]) {
        if (comparePositions(item.range.start, position) <= 0 && comparePositions(position, item.range.end) <= 0) {
          return describeResolution(item.text, resolver.resolveItem(item, matrix));
        }
      }
    }
  }
  return null;
}
