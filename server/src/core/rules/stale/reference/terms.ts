import { compileUserPattern, type StaleReferenceEntry } from '../../../config/staleReferences';
import type { ResolvedConfig } from '../../../config/resolved';
import type { DocumentModel, Table, TableCell } from '../../../document';
import type { Topic, WorkspaceView } from '../../../rule';
import { rangeContains } from '../../../text';

/** One retired term and what the migration put in its place. */
export interface StaleTermSource {
  /** Literal text or an RE2 pattern. */
  term: string;
  regex: boolean;
  /** Literal text that replaces the term one-to-one; null when there is none. */
  replacement: string | null;
  /** Prose advice when the successor is not a literal substitute ("return from the handler"). */
  advice?: string;
  note?: string;
  /** Where the mapping came from, as Markdown for messages. */
  origin: string;
}

/** The built-in presets: what a migration retired, from its plan. */
export const PRESETS: Record<string, Omit<StaleTermSource, 'origin'>[]> = {
  'streamlit-to-nicegui': [
    { term: 'st.session_state', regex: false, replacement: 'app.storage' },
    { term: 'streamlit_helpers.py', regex: false, replacement: 'auth/middleware.py' },
    { term: 'apps/web_console/README.md', regex: false, replacement: 'apps/web_console_ng/README.md' },
    { term: 'st.dataframe', regex: false, replacement: 'ui.aggrid' },
    { term: 'streamlit_autorefresh', regex: false, replacement: 'ui.timer' },
    { term: 'st.stop()', regex: false, replacement: null, advice: 'return from the event handler' },
    {
      term: '\\brequests\\.(?:get|post|put|patch|delete|request)\\(',
      regex: true,
      replacement: null,
      advice: 'async `httpx` calls (`await client.get(...)`) in the console',
    },
  ],
};

/** Table headers that declare a mapping from retired terms to their successors. */
const MAPPING_HEADERS = [
  ['old link', 'new link'],
  ['old', 'new'],
  ['deprecated', 'replacement'],
];

/** Answers per header array: every edit asks again for every table of the document. */
const mappingHeaders = new WeakMap<readonly TableCell[], boolean>();

export function isMappingTable(table: Table): boolean {
  let answer = mappingHeaders.get(table.header);
  if (answer === undefined) {
    const header = table.header.slice(0, 2).map((cell) => cell.text.trim().toLowerCase());
    answer = header.length === 2 && MAPPING_HEADERS.some(([a, b]) => header[0] === a && header[1] === b);
    mappingHeaders.set(table.header, answer);
  }
  return answer;
}

interface TableMapping {
  term: string;
  replacement: string | null;
  advice?: string;
  /** Which mapping table of its document (0 for the first). */
  table: number;
  /** The row's line, counted from the table's first line: typing above the table changes nothing here. */
  line: number;
}

/**
 * The term a cell names: its code span ("Any `st.session_state` references"),
 * else its link destination, else its text when that is a single token.
 */
function cellTerm(doc: Pick<DocumentModel, 'inlineCode' | 'links'>, cell: TableCell): { literal: string } | { prose: string } | null {
  const spans = doc.inlineCode.filter((c) => rangeContains(cell.range, c.range));
  if (spans.length === 1) return { literal: spans[0].value.trim() };
  const links = doc.links.filter((l) => rangeContains(cell.range, l.range) && l.url);
  if (links.length === 1) return { literal: links[0].url };
  const text = cell.text.trim();
  if (text === '' || /^[-\u2013\u2014]$/.test(text)) return null;
  return /\s/.test(text) ? { prose: text } : { literal: text };
}

/** A mapping table's rows, memoised per table: an incremental re-parse keeps untouched tables as the same objects. */
const tableMappings = new WeakMap<Table, { path: string; mappings: TableMapping[] }>();

function mappingsOf(doc: DocumentModel, table: Table, ordinal: number): TableMapping[] {
  const known = tableMappings.get(table);
  if (known?.path === doc.path && known.mappings.every((m) => m.table === ordinal)) return known.mappings;
  const inTable = {
    inlineCode: doc.inlineCode.filter((c) => rangeContains(table.range, c.range)),
    links: doc.links.filter((l) => rangeContains(table.range, l.range)),
  };
  const mappings: TableMapping[] = [];
  for (const row of table.rows) {
    if (row.length < 2) continue;
    const old = cellTerm(inTable, row[0]);
    if (!old || !('literal' in old)) continue;
    const next = cellTerm(inTable, row[1]);
    mappings.push({
      term: old.literal,
      replacement: next && 'literal' in next ? next.literal : null,
      ...(next && 'prose' in next ? { advice: next.prose } : {}),
      table: ordinal,
      line: row[0].range.start.line - table.range.start.line,
    });
  }
  tableMappings.set(table, { path: doc.path, mappings });
  return mappings;
}

/** Every document's mapping tables (`Old Link | New Link`, `Old | New`, `Deprecated | Replacement`). */
export const mappingTablesTopic: Topic<TableMapping[], Map<string, TableMapping[]>> = {
  name: 'stale/mapping-tables',
  contribute(doc) {
    const mappings = doc.tables.filter(isMappingTable).flatMap((table, ordinal) => mappingsOf(doc, table, ordinal));
    return mappings.length ? mappings : undefined;
  },
  aggregate(contributions) {
    return new Map([...contributions].sort(([a], [b]) => a.localeCompare(b)));
  },
};

/** Where each mapping table of each document starts: the one absolute position mappings depend on. */
export const mappingStartsTopic: Topic<number[], Map<string, number[]>> = {
  name: 'stale/mapping-starts',
  contribute(doc) {
    const starts = doc.tables.filter(isMappingTable).map((table) => table.range.start.line);
    return starts.length ? starts : undefined;
  },
  aggregate(contributions) {
    return new Map(contributions);
  },
};

/** Marks an origin that is a mapping table row, to be placed by `originText` when a message shows it. */
const ROW_ORIGIN = '\u0000';

function isRowOrigin(origin: string): boolean {
  return origin.startsWith(ROW_ORIGIN);
}

function rowOrigin(path: string, mapping: TableMapping): string {
  return [ROW_ORIGIN, path, mapping.table, mapping.line].join(ROW_ORIGIN);
}

/**
 * An origin as Markdown for messages: `` `plan.md:12` `` for a mapping table
 * row, which reads where the table starts (only the runs that report a term
 * depend on table positions).
 */
export function originText(ws: WorkspaceView, origin: string): string {
  if (!isRowOrigin(origin)) return origin;
  const [, path, table, line] = origin.slice(ROW_ORIGIN.length).split(ROW_ORIGIN);
  const start = ws.topic(mappingStartsTopic).get(path)?.[Number(table)] ?? 0;
  return `\`${path}:${start + Number(line) + 1}\``;
}

/** Table rows named in a message before the rest are only counted: a term mapped in every task doc would otherwise name them all. */
const ROWS_NAMED = 3;

/**
 * Where a term's mappings come from, for a message: the config and presets
 * always, the first few mapping table rows and how many more there are.
 */
export function originsText(ws: WorkspaceView, origins: readonly string[]): string {
  const rowCount = origins.filter(isRowOrigin).length;
  const texts: string[] = [];
  let rows = 0;
  for (const origin of origins) {
    if (!isRowOrigin(origin)) texts.push(originText(ws, origin));
    else if (rows++ < ROWS_NAMED) texts.push(originText(ws, origin));
    else if (rows === ROWS_NAMED + 1) texts.push(`${rowCount - ROWS_NAMED} more table ${rowCount - ROWS_NAMED === 1 ? 'row' : 'rows'}`);
  }
  return texts.join(', ');
}

/** A retired term with every mapping found for it, merged. */
export interface StaleTerm {
  term: string;
  regex: boolean;
  /** Distinct literal successors; exactly one means the replacement is one-to-one. */
  replacements: string[];
  advice: string[];
  notes: string[];
  origins: string[];
}

export interface MergeOptions {
  presets: string[];
  tables: boolean;
}

const mergedTerms = new WeakMap<ResolvedConfig, WeakMap<ReadonlyMap<string, TableMapping[]>, Map<string, StaleTerm[]>>>();

/**
 * `mergeStaleTerms`, computed once per config, mapping-tables aggregate and
 * options rather than once per checked document. The result is shared: never mutate it.
 */
export function staleTermsFor(config: ResolvedConfig, tables: ReadonlyMap<string, TableMapping[]>, options: MergeOptions): readonly StaleTerm[] {
  let byTables = mergedTerms.get(config);
  if (!byTables) {
    byTables = new WeakMap();
    mergedTerms.set(config, byTables);
  }
  let byOptions = byTables.get(tables);
  if (!byOptions) {
    byOptions = new Map();
    byTables.set(tables, byOptions);
  }
  const key = JSON.stringify([options.presets, options.tables]);
  let terms = byOptions.get(key);
  if (!terms) {
    terms = mergeStaleTerms(config, tables, options);
    byOptions.set(key, terms);
  }
  return terms;
}

/** Config first, then docs tables, then presets: the first origin named is the most specific. */
export function mergeStaleTerms(
  config: ResolvedConfig,
  tables: ReadonlyMap<string, TableMapping[]>,
  options: MergeOptions,
): StaleTerm[] {
  const sources: StaleTermSource[] = [];
  const configPath = config.sourcePath ?? '.adrift.yaml';
  for (const entry of config.section<StaleReferenceEntry[]>('staleReferences') ?? []) {
    if (typeof entry?.term !== 'string' || entry.term === '') continue;
    sources.push({
      term: entry.term,
      regex: entry.regex === true,
      replacement: entry.replacement ?? null,
      ...(entry.note ? { note: entry.note } : {}),
      origin: `\`${configPath}\``,
    });
  }
  if (options.tables) {
    for (const [path, mappings] of tables) {
      for (const m of mappings) {
        sources.push({ term: m.term, regex: false, replacement: m.replacement, ...(m.advice ? { advice: m.advice } : {}), origin: rowOrigin(path, m) });
      }
    }
  }
  for (const name of options.presets) {
    for (const entry of PRESETS[name] ?? []) sources.push({ ...entry, origin: `the built-in preset \`${name}\`` });
  }
  const merged = new Map<string, StaleTerm>();
  for (const source of sources) {
    if (source.regex && 'error' in compileUserPattern(source.term)) continue;
    const key = `${source.regex ? 're' : 'lit'}:${source.term}`;
    const term = merged.get(key) ?? { term: source.term, regex: source.regex, replacements: [], advice: [], notes: [], origins: [] };
    if (source.replacement !== null && !term.replacements.includes(source.replacement)) term.replacements.push(source.replacement);
    if (source.advice && !term.advice.includes(source.advice)) term.advice.push(source.advice);
    if (source.note && !term.notes.includes(source.note)) term.notes.push(source.note);
    if (!term.origins.includes(source.origin)) term.origins.push(source.origin);
    merged.set(key, term);
  }
  return [...merged.values()];
}
