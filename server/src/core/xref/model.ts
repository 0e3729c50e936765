import type { DocumentModel } from '../document';
import { code } from '../messages';
import type { WorkspaceView } from '../rule';
import type { Range, RelatedLocation } from '../types';
import { linkedPaths } from './links';
import { kindOfPath } from '../kinds';
import { matrixIndex } from './matrixIndex';
import { CellResolver, type CellResolution, type DocumentFacts } from './resolve';
import { placeMatrix, placeRow, type CellItem, type Matrix, type MatrixRow } from './topics';

/** One required link: `row document -> target`, and the matrix cell that asks for it. */
export interface Requirement {
  target: string;
  targetExists: boolean;
  cell: CellItem;
  row: MatrixRow;
  matrix: Matrix;
}

/** Where a requirement comes from, as Markdown for messages: `` `plan.md:12` `` or the config's rows. */
export function matrixLocation(ws: WorkspaceView, matrix: Matrix, row: MatrixRow): string {
  const configFile = ws.config.sourcePath;
  return matrix.path === null
    ? `the ${code('crossReferences.rows')} of ${configFile ? code(configFile) : 'the config'}`
    : code(`${matrix.path}:${placeRow(ws, matrix, row).range.start.line + 1}`);
}

/** The related location pointing at the matrix row behind a requirement (none for the config's rows). */
export function requiringRow(ws: WorkspaceView, matrix: Matrix, row: MatrixRow): { related?: RelatedLocation[] } {
  return matrix.path === null
    ? {}
    : { related: [{ path: matrix.path, range: placeRow(ws, matrix, row).range, message: 'the matrix row that requires this link' }] };
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
  const id = summary?.outline.frontMatter?.id;
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

/** Every cell name of the matrices written in the document at `path`, resolved, with document positions. */
export function cellsOf(ws: WorkspaceView, resolver: CellResolver, path: string): CellOccurrence[] {
  const cells: CellOccurrence[] = [];
  for (const matrix of matrixIndex(ws).matricesIn(path)) {
    const placed = placeMatrix(ws, matrix);
    matrix.rows.forEach((row, r) => {
      const at = placed.rows[r];
      row.doc.forEach((item, i) => cells.push({ item: at.doc[i], role: 'document', row: at, matrix, resolution: resolver.resolveItem(item, matrix) }));
      row.targets.forEach((item, i) => cells.push({ item: at.targets[i], role: 'target', row: at, matrix, resolution: resolver.resolveItem(item, matrix) }));
    });
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
