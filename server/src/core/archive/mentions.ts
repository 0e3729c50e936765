import type { DocumentModel } from '../document';
import { posixBasename, resolveLinkPath } from '../paths';
import { rangeContains } from '../text';
import type { Range } from '../types';
import type { PlacedInventoryRow } from './inventory';

export interface Mention {
  path: string;
  range: Range;
  /** The line the mention is on, trimmed, for display. */
  text: string;
}

export interface MentionQuery {
  docs: readonly DocumentModel[];
  /** Archived paths; a bare file name counts as a mention only when it is distinctive (not `README.md`). */
  archived: readonly { path: string; bareNameCounts: boolean }[];
  /** Link destinations the plan rewrites: the links holding them are handled, not mentions. */
  rewritten: readonly { path: string; range: Range }[];
  /** Inventory rows listing the archived documents: naming the old path there is the point. */
  inventory: readonly PlacedInventoryRow[];
}

const PATH_CHAR = /[A-Za-z0-9_.\/~%-]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/**
 * Plain-text mentions of archived paths (prose, code spans, code blocks,
 * URLs) that the plan does not rewrite: a mention may mean the old place on
 * purpose, so the user decides.
 */
export function findMentions(query: MentionQuery): Mention[] {
  const mentions: Mention[] = [];
  for (const doc of query.docs) {
    const handled = handledRanges(doc, query);
    for (const archived of query.archived) {
      const name = posixBasename(archived.path);
      for (let at = doc.text.indexOf(name); at !== -1; at = doc.text.indexOf(name, at + 1)) {
        const end = at + name.length;
        if (end < doc.text.length && NAME_CHAR.test(doc.text[end])) continue;
        let start = at;
        while (start > 0 && PATH_CHAR.test(doc.text[start - 1])) start--;
        const token = doc.text.slice(start, end);
        if (!namesPath(doc.path, token, archived.path, archived.bareNameCounts)) continue;
        const range = doc.lines.range(start, end);
        if (handled.some((outer) => rangeContains(outer, range))) continue;
        mentions.push({ path: doc.path, range, text: doc.lines.lineText(range.start.line).trim() });
      }
    }
  }
  return mentions.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
}

function namesPath(fromDoc: string, token: string, path: string, bareNameCounts: boolean): boolean {
  const cleaned = token.replace(/^\.\//, '');
  if (cleaned === path || cleaned.endsWith(`/${path}`)) return true;
  if (cleaned === posixBasename(path)) return bareNameCounts || resolveLinkPath(fromDoc, cleaned) === path;
  return !cleaned.startsWith('/') && resolveLinkPath(fromDoc, cleaned) === path;
}

function handledRanges(doc: DocumentModel, query: MentionQuery): Range[] {
  const rewrittenHere = query.rewritten.filter((r) => r.path === doc.path).map((r) => r.range);
  const links = doc.links.filter((link) => link.urlRange && rewrittenHere.some((r) => rangeContains(link.urlRange!, r))).map((link) => link.range);
  const rows = query.inventory.filter((row) => row.doc === doc.path).map((row) => row.currentRange);
  return [...links, ...rows];
}
