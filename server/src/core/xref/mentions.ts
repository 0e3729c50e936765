import type { DocumentModel } from '../document';
import { encodeLinkPath, posixBasename, relativeLink, resolveLinkPath } from '../paths';
import { comparePositions, rangeContains } from '../text';
import type { Fix, Range } from '../types';
import { isMatrixHeader } from './topics';

/** A place where a document names a file (in prose or a code span) without linking it. */
export interface Mention {
  range: Range;
  /** The text as written, without backticks. */
  written: string;
  inCode: boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether `written` (a bare file name, a workspace path or a path relative to the document) names `target`. */
function namesTarget(doc: DocumentModel, written: string, target: string): boolean {
  const clean = written.trim().replace(/^\.\//, '');
  if (posixBasename(clean).toLowerCase() !== posixBasename(target).toLowerCase()) return false;
  if (!clean.includes('/')) return true;
  return clean.replace(/^\//, '') === target || resolveLinkPath(doc.path, clean) === target || target.endsWith(`/${clean}`);
}

/**
 * Finds the first mention of a target in one document outside links, code
 * blocks and cross-reference matrix tables (a matrix names documents on
 * purpose). What every target shares is computed once, on the first query.
 */
export class MentionFinder {
  private excluded: Range[] | undefined;
  private lowerText: string | undefined;

  constructor(private readonly doc: DocumentModel) {}

  find(target: string): Mention | null {
    const doc = this.doc;
    const excluded = (this.excluded ??= [...doc.links.map((l) => l.range), ...doc.tables.filter((t) => isMatrixHeader(t.header)).map((t) => t.range)]);
    const outside = (range: Range) => !excluded.some((r) => rangeContains(r, range));
    const found: Mention[] = [];
    for (const span of doc.inlineCode) {
      if (outside(span.range) && namesTarget(doc, span.value, target)) found.push({ range: span.range, written: span.value, inCode: true });
    }
    const baseName = posixBasename(target);
    if (!this.mayContain(baseName)) return firstOf(found);
    const name = escapeRegExp(baseName);
    const pattern = new RegExp(`(?<![\\w/.-])(?:[\\w.-]+/)*${name}(?![\\w/-])`, 'gi');
    // The full pattern backtracks through every word; most runs do not contain the name at all.
    const namedIn = new RegExp(name, 'i');
    for (const run of doc.textRuns) {
      if (!namedIn.test(run.value)) continue;
      for (const match of run.value.matchAll(pattern)) {
        const from = run.offset + (match.index ?? 0);
        const range = doc.lines.range(from, from + match[0].length);
        if (outside(range) && namesTarget(doc, match[0], target)) found.push({ range, written: match[0], inCode: false });
      }
    }
    return firstOf(found);
  }

  /**
   * False when the text cannot contain `name` in any letter case (text runs
   * are slices of it), checked with one plain search of the lower-cased text.
   * Only for ASCII names: the case-insensitive pattern then matches ASCII
   * letters only, whose lower case is what `toLowerCase` gives them.
   */
  private mayContain(name: string): boolean {
    if (!/^[\x00-\x7f]*$/.test(name)) return true;
    this.lowerText ??= this.doc.text.toLowerCase();
    return this.lowerText.includes(name.toLowerCase());
  }
}

function firstOf(mentions: Mention[]): Mention | null {
  mentions.sort((a, b) => comparePositions(a.range.start, b.range.start));
  return mentions[0] ?? null;
}

/** Turns the mention into a link to `target`, keeping a code span's formatting inside the link text. */
export function linkMentionFix(doc: DocumentModel, mention: Mention, target: string, targetExists: boolean): Fix {
  const destination = encodeLinkPath(relativeLink(doc.path, target));
  const written = doc.text.slice(doc.lines.offsetAt(mention.range.start), doc.lines.offsetAt(mention.range.end));
  return {
    title: `Link ${mention.written} to ${destination}`,
    // Linking a file that is not there yet would only trade this finding for a broken link.
    safe: targetExists,
    changes: [{ kind: 'edit', path: doc.path, edits: [{ range: mention.range, newText: `[${written}](${destination})` }] }],
  };
}
