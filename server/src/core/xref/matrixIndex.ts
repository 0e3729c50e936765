import type { ResolvedConfig } from '../config/resolved';
import type { WorkspaceView } from '../rule';
import { aliasMap } from './config';
import { cellNameKeys, documentNameKeys, type DocumentFacts } from './resolve';
import { matricesTopic, type Matrix, type MatrixRow } from './topics';

/** A matrix row and its place among all rows of the workspace, first matrix first. */
export interface IndexedRow {
  matrix: Matrix;
  row: MatrixRow;
  order: number;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The workspace's matrices indexed for the lookups every rule run makes: rows
 * by what their document cells can name (`cellNameKeys`), matrices by the
 * document they are written in. Built once per matrices aggregate, so one
 * document's rule run does not go through every row of the workspace.
 */
export class MatrixIndex {
  private readonly rowsNamingAnyDocument: IndexedRow[] = [];
  private readonly rowsByKey = new Map<string, IndexedRow[]>();
  private readonly matricesByPath = new Map<string, Matrix[]>();

  constructor(
    readonly matrices: readonly Matrix[],
    aliases: ReadonlyMap<string, string[]>,
  ) {
    let order = 0;
    for (const matrix of matrices) {
      if (matrix.path !== null) push(this.matricesByPath, matrix.path, matrix);
      for (const row of matrix.rows) {
        const indexed: IndexedRow = { matrix, row, order: order++ };
        const keys = new Set<string>();
        let namesAnyDocument = false;
        for (const item of row.doc) {
          const itemKeys = cellNameKeys(item, aliases);
          if (itemKeys === null) {
            namesAnyDocument = true;
            break;
          }
          for (const key of itemKeys) keys.add(key);
        }
        if (namesAnyDocument) this.rowsNamingAnyDocument.push(indexed);
        else for (const key of keys) push(this.rowsByKey, key, indexed);
      }
    }
  }

  /** The rows whose document cells might name this document, in matrix and row order; resolution decides. */
  rowsThatMightName(doc: DocumentFacts): IndexedRow[] {
    const found = new Set(this.rowsNamingAnyDocument);
    for (const key of documentNameKeys(doc)) for (const row of this.rowsByKey.get(key) ?? []) found.add(row);
    return [...found].sort((a, b) => a.order - b.order);
  }

  /** The matrices written in the document at `path`, in document order. */
  matricesIn(path: string): readonly Matrix[] {
    return this.matricesByPath.get(path) ?? [];
  }
}

const indexes = new WeakMap<readonly Matrix[], { config: ResolvedConfig; index: MatrixIndex }>();

/** The index of the workspace's matrices (reads, and so depends on, the matrices topic). */
export function matrixIndex(ws: WorkspaceView): MatrixIndex {
  const matrices = ws.topic(matricesTopic);
  const cached = indexes.get(matrices);
  if (cached && cached.config === ws.config) return cached.index;
  const index = new MatrixIndex(matrices, aliasMap(ws.config));
  indexes.set(matrices, { config: ws.config, index });
  return index;
}
