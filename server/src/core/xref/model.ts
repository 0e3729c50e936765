import type { DocumentModel } from '../document';
import { code } from '../messages';
import type { WorkspaceView } from '../rule';
import type { Range } from '../types';
import { linkedPaths } from './links';
import { kindOfPath } from '../kinds';
import { matrixIndex } from './matrixIndex';
import { CellResolver, type CellResolution, type DocumentFacts } from './resolve';
import type { CellItem, Matrix, MatrixRow } from './topics';

/** One required link: `row document -> target`, and the matrix cell that asks for it. */
export interface Requirement {
  target: string;
  targetExists: boolean;
  cell: CellItem;
  row: MatrixRow;
  matrix: Matrix;
}

/** Where a requirement comes from, as Markdown for messages: `` `plan.md:12` `` or the config's rows. */
export function matrixLocation(matrix: Matrix, row: MatrixRow, configFile: string | null): string {
  return matrix.path === null
    ? `the ${code('crossReferences.rows')} of ${configFile ? code(configFile) : 'the config'}`
    : code(`${matrix.path}:${row.range.start.line + 1}`);
}

/** The resolved documents a row's first cell names. */
export function rowDocuments(resolver: CellResolver, matrix: Matrix, row: MatrixRow): string[] {
  const paths: string[] = [];
  for (const item of row.doc) {
    const resolution = resolver.resolveItem(item, matrix);
    if (resolution.status === 'resolved') for (const t of resolution.targets) if (!paths.includes(t.path)) paths.push(t.path);
  }
  return paths;
}

/** Every required link of the document at `path`, first matrix row first, one per target. */
export function requirementsFor(ws: WorkspaceView, resolver: CellResolver, path: string): Requirement[] {
  const requirements: Requirement[] = [];
  const seen = new Set<string>();
  const index = matrixIndex(ws);
  if (index.matrices.length === 0) return requirements;
  const summary = ws.getDocument(path);
  const id = summary?.model.frontMatter?.data?.id;
  const facts: DocumentFacts = {
    path,
    kind: summary?.info.kind ?? kindOfPath(path, ws.config),
    ...(typeof id === 'string' || typeof id === 'number' ? { id: String(id) } : {}),
  };
  for (const { matrix, row } of index.rowsThatMightName(facts)) {
    if (!rowDocuments(resolver, matrix, row).includes(path)) continue;
    for (const cell of row.targets) {
      const resolution = resolver.resolveItem(cell, matrix);
      if (resolution.status !== 'resolved') continue;
      for (const target of resolution.targets) {
        if (target.path === path || seen.has(target.path)) continue;
        seen.add(target.path);
        requirements.push({ target: target.path, targetExists: target.exists, cell, row, matrix });
      }
    }
  }
  return requirements;
}

export interface CellOccurrence {
  item: CellItem;
  role: 'document' | 'target';
  row: MatrixRow;
  matrix: Matrix;
  resolution: CellResolution;
}

/** Every cell name of the matrices written in the document at `path`, resolved. */
export function cellsOf(ws: WorkspaceView, resolver: CellResolver, path: string): CellOccurrence[] {
  const cells: CellOccurrence[] = [];
  for (const matrix of matrixIndex(ws).matricesIn(path)) {
    for (const row of matrix.rows) {
      for (const item of row.doc) cells.push({ item, role: 'document', row, matrix, resolution: resolver.resolveItem(item, matrix) });
      for (const item of row.targets) cells.push({ item, role: 'target', row, matrix, resolution: resolver.resolveItem(item, matrix) });
    }
  }
  return cells;
}

const RELATED_HEADING = /^(?:related(?:\s+(?:documents?|docs|reading|links))?|references?|see\s+also|cross[-\s]?references)$/i;

/** The document's "Related Documents" / "References" / "See also" heading, if it has one. */
export function relatedSectionHeading(doc: DocumentModel) {
  return doc.headings.find((h) => RELATED_HEADING.test(h.text.trim().replace(/:$/, ''))) ?? null;
}

/** Where findings about a document as a whole go: its related-documents heading, else its title, else the first line. */
export function anchorRange(doc: DocumentModel): Range {
  const heading = relatedSectionHeading(doc) ?? doc.headings.find((h) => h.depth === 1) ?? null;
  return heading ? heading.range : doc.lines.lineRange(0);
}

/** The linked paths of an indexed document (empty when it is not indexed). */
export function linksOfPath(ws: WorkspaceView, path: string): Set<string> {
  const summary = ws.getDocument(path);
  return summary ? linkedPaths(summary.model) : new Set();
}
