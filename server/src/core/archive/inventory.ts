import { globMatcher } from '../config/resolved';
import type { DocumentModel, TableCell } from '../document';
import { inventoryRows, isGlob, type InventoryRow } from '../rules/archive/inventory';

/** An inventory row (`Current Path | Archive Path`) with the document it is written in. */
export interface PlacedInventoryRow extends InventoryRow {
  doc: string;
}

/** One row of an `Old Link | New Link` mapping table. */
export interface MappingRow {
  doc: string;
  old: string;
  new: string;
}

export function placedInventoryRows(doc: DocumentModel): PlacedInventoryRow[] {
  return inventoryRows(doc).map((row) => ({ ...row, doc: doc.path }));
}

/** The inventory row for a document: an exact path wins over a glob. */
export function inventoryRowFor<T extends InventoryRow>(rows: readonly T[], path: string): T | undefined {
  return rows.find((row) => row.current === path) ?? rows.find((row) => isGlob(row.current) && globMatcher(row.current)(path));
}

/** The path a cell names: its first code span, else its first word when that looks like a path. */
function pathInCell(doc: DocumentModel, cell: TableCell | undefined): string | null {
  if (!cell) return null;
  const source = doc.text.slice(doc.lines.offsetAt(cell.range.start), doc.lines.offsetAt(cell.range.end));
  const candidate = /`([^`]+)`/.exec(source)?.[1]?.trim() ?? cell.text.split(/\s+/)[0] ?? '';
  const path = candidate.replace(/^\.?\//, '');
  return /[/.]/.test(path) && !/\s/.test(path) && !/^[a-z][a-z0-9+.-]*:/i.test(path) ? path : null;
}

export function mappingRows(doc: DocumentModel): MappingRow[] {
  const rows: MappingRow[] = [];
  for (const table of doc.tables) {
    const oldColumn = table.header.findIndex((cell) => /^old\s+(link|path)$/i.test(cell.text));
    const newColumn = table.header.findIndex((cell) => /^new\s+(link|path)$/i.test(cell.text));
    if (oldColumn === -1 || newColumn === -1) continue;
    for (const row of table.rows) {
      const oldPath = pathInCell(doc, row[oldColumn]);
      const newPath = pathInCell(doc, row[newColumn]);
      if (oldPath && newPath) rows.push({ doc: doc.path, old: oldPath, new: newPath });
    }
  }
  return rows;
}
