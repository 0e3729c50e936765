import { archiveSettings, isArchivedPath } from '../../config/archive';
import { globMatcher } from '../../config/resolved';
import type { DocumentModel, Table, TableCell } from '../../document';
import { posixBasename, relativeLink, resolveLinkPath } from '../../paths';
import type { Topic, WorkspaceView } from '../../rule';
import { rangeContains } from '../../text';
import type { Range } from '../../types';
import { staleReference } from '../stale/reference/rule';
import { mappingTablesTopic, staleTermsFor } from '../stale/reference/terms';

/** One row of a `Current Path | Archive Path` table: a planned move, or a file kept in place. */
export interface InventoryRow {
  /** Workspace path or glob (`docs/CONCEPTS/streamlit-*`). */
  current: string;
  /** Where it goes; a path ending in `/` is a folder. Null for "keep but mark deprecated". */
  archive: string | null;
  currentRange: Range;
  archiveRange: Range;
}

export function isInventoryTable(table: Table): boolean {
  const header = table.header.slice(0, 2).map((c) => c.text.trim().toLowerCase());
  return header[0] === 'current path' && header[1] === 'archive path';
}

/** The path a cell names, with where it is written: its code span, else its link. */
function cellPath(doc: DocumentModel, cell: TableCell): { path: string; range: Range } | null {
  const span = doc.inlineCode.find((c) => rangeContains(cell.range, c.range));
  if (span) return { path: span.value.trim(), range: span.range };
  const link = doc.links.find((l) => rangeContains(cell.range, l.range) && l.url);
  if (link) return { path: link.url, range: link.range };
  return null;
}

function normalize(docPath: string, path: string): string | null {
  if (path.startsWith('./') || path.startsWith('../')) return resolveLinkPath(docPath, path);
  const trailing = path.endsWith('/') ? '/' : '';
  const resolved = resolveLinkPath('', path.replace(/^\/+/, ''));
  return resolved === null ? null : `${resolved}${trailing && resolved ? trailing : ''}`;
}

export function inventoryRows(doc: DocumentModel): InventoryRow[] {
  const rows: InventoryRow[] = [];
  for (const table of doc.tables.filter(isInventoryTable)) {
    for (const row of table.rows) {
      if (row.length < 2) continue;
      const current = cellPath(doc, row[0]);
      const currentPath = current && normalize(doc.path, current.path);
      if (!current || !currentPath) continue;
      const archive = cellPath(doc, row[1]);
      const keep = archive === null && /\bkeep\b/i.test(row[1].text);
      if (archive === null && !keep) continue;
      const archivePath = archive === null ? null : normalize(doc.path, archive.path);
      if (archive !== null && archivePath === null) continue;
      rows.push({ current: currentPath, archive: archivePath, currentRange: current.range, archiveRange: archive?.range ?? row[1].range });
    }
  }
  return rows;
}

export const inventoryTopic: Topic<InventoryRow[], Map<string, InventoryRow[]>> = {
  name: 'archive/inventory-tables',
  contribute(doc) {
    const rows = inventoryRows(doc);
    return rows.length ? rows : undefined;
  },
  aggregate(contributions) {
    return new Map([...contributions].sort(([a], [b]) => a.localeCompare(b)));
  },
};

/**
 * True when an inventory plans to move `path` to the archive: creating it
 * fresh (a safe "create from skeleton" fix) would contradict the plan.
 */
export function plannedForArchive(path: string, ws: WorkspaceView): boolean {
  return [...ws.topic(inventoryTopic).values()].flat().some((row) => row.archive !== null && (isGlob(row.current) ? globMatcher(row.current)(path) : row.current === path));
}

export function isGlob(path: string): boolean {
  return /[*?[\]{}]/.test(path);
}

/** A planned move for one file: a wildcard row expands to one move per matching document. */
export interface PlannedMove {
  current: string;
  archive: string | null;
}

export function expandRow(row: InventoryRow, ws: WorkspaceView): PlannedMove[] {
  const targetFor = (current: string) => {
    if (row.archive === null) return null;
    return row.archive.endsWith('/') || (isGlob(row.current) && !/\.[A-Za-z0-9]+$/.test(row.archive))
      ? `${row.archive.replace(/\/$/, '')}/${posixBasename(current)}`
      : row.archive;
  };
  if (!isGlob(row.current)) return [{ current: row.current, archive: targetFor(row.current) }];
  const matches = globMatcher(row.current);
  return ws
    .documentPaths()
    .filter((path) => matches(path))
    .map((current) => ({ current, archive: targetFor(current) }));
}

/**
 * What replaces an archived document, as a workspace path or glob: the
 * successor its original path maps to (inventory + mapping tables), else the
 * ADR its reason names, else the configured default.
 */
export function inferReplacement(docPath: string, reason: string | null, ws: WorkspaceView): string | null {
  const rows = [...ws.topic(inventoryTopic).values()].flat();
  const staleOptions = ws.config.ruleSetting(staleReference, docPath).options;
  const terms = staleTermsFor(ws.config, ws.topic(mappingTablesTopic), {
    presets: (staleOptions.presets as string[]) ?? [],
    tables: staleOptions.tables !== false,
  });
  for (const row of rows) {
    for (const move of expandRow(row, ws)) {
      if (move.archive !== docPath) continue;
      const mapped = terms.find((t) => !t.regex && t.term === move.current && t.replacements.length === 1);
      if (mapped && ws.fileExists(mapped.replacements[0])) return mapped.replacements[0];
    }
  }
  const adr = adrNamedIn(reason ?? archiveSettings(ws.config).reason, ws);
  if (adr) return adr;
  return archiveSettings(ws.config).replacement;
}

export function adrNamedIn(text: string, ws: WorkspaceView): string | null {
  const match = /\bADR[-_ ]?0*(\d+)\b/i.exec(text);
  if (!match) return null;
  const number = Number(match[1]);
  const named = ws.documentPaths().filter((path) => {
    const m = /ADR[-_ ]?0*(\d+)/i.exec(posixBasename(path));
    return m !== null && Number(m[1]) === number;
  });
  return named[0] ?? null;
}

/** Markdown for a workspace path or glob as seen from `fromPath`. */
export function markdownPointer(fromPath: string, target: string): string {
  if (isGlob(target)) return `\`${target}\``;
  const rel = relativeLink(fromPath, target);
  return `[${posixBasename(target)}](${rel.replace(/[ ()<>]/g, (ch) => encodeURIComponent(ch))})`;
}

export function isArchived(path: string, ws: WorkspaceView): boolean {
  return isArchivedPath(ws.config, path);
}
