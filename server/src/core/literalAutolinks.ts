import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import type { Processor } from 'unified';

/**
 * GitHub Flavored Markdown minus literal autolinks (`www.x.com`, `https://x`,
 * `a@b.co` without angle brackets). micromark's literal-autolink extension
 * looks at every word character and then rewrites every text node, which
 * doubles the cost of parsing; no rule checks external URLs, so the parser
 * leaves them in the text and `splitLiteralAutolinks` finds them afterwards
 * in the text runs only, at a fraction of the cost.
 */
export function remarkGfmWithoutLiteralAutolinks(this: Processor): void {
  const data = this.data() as {
    micromarkExtensions?: unknown[];
    fromMarkdownExtensions?: unknown[];
  };
  (data.micromarkExtensions ??= []).push(gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(
    gfmFootnoteFromMarkdown(),
    gfmStrikethroughFromMarkdown(),
    gfmTableFromMarkdown(),
    gfmTaskListItemFromMarkdown(),
  );
}

export interface TextPiece {
  start: number;
  end: number;
  /** Set for a literal autolink: the URL it links to. */
  url?: string;
}

const MIGHT_HOLD_AUTOLINK = /:\/\/|www\.|@/i;
/**
 * GFM's three literal forms with the characters each may not follow: `www.`
 * after a line start, whitespace or `*_~(`; `http(s)://` after anything but a
 * letter; an e-mail address after anything that cannot be part of it.
 */
const LITERAL_AUTOLINK =
  /(?<=^|[\s*_~(])www\.[^\s<]+|(?<![A-Za-z])https?:\/\/[^\s<]+|(?<![\w+.\-/])[\w+.-]+@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+/gi;
const TRAILING_PUNCTUATION = /[?!.,:*_~'"]$/;

/**
 * Splits prose into plain pieces and literal autolinks the way GFM delimits
 * them: trailing punctuation and unbalanced closing parentheses stay outside,
 * an address must have a dot in its domain, and a host needs a character after
 * the scheme. Positions are offsets into `value`.
 */
export function splitLiteralAutolinks(value: string): TextPiece[] {
  if (!MIGHT_HOLD_AUTOLINK.test(value)) return [{ start: 0, end: value.length }];
  const pieces: TextPiece[] = [];
  let plainFrom = 0;
  for (const match of value.matchAll(LITERAL_AUTOLINK)) {
    const start = match.index ?? 0;
    const literal = trimTrail(match[0]);
    if (!isValidLiteral(literal)) continue;
    if (start > plainFrom) pieces.push({ start: plainFrom, end: start });
    const url = literal.includes('@') && !literal.includes('://') && !/^www\./i.test(literal)
      ? `mailto:${literal}`
      : /^www\./i.test(literal) ? `http://${literal}` : literal;
    pieces.push({ start, end: start + literal.length, url });
    plainFrom = start + literal.length;
  }
  if (plainFrom < value.length || pieces.length === 0) pieces.push({ start: plainFrom, end: value.length });
  return pieces;
}

function trimTrail(literal: string): string {
  let end = literal.length;
  for (;;) {
    const head = literal.slice(0, end);
    if (TRAILING_PUNCTUATION.test(head)) end--;
    else if (head.endsWith(')') && count(head, ')') > count(head, '(')) end--;
    else if (/&[A-Za-z0-9]+;$/.test(head)) end = head.lastIndexOf('&');
    else return head;
  }
}

function isValidLiteral(literal: string): boolean {
  if (/^https?:\/\/$/i.test(literal) || /^www\.$/i.test(literal)) return false;
  if (/^https?:\/\//i.test(literal) || /^www\./i.test(literal)) return true;
  // An address ends in a letter or digit and has a dotted domain.
  return /@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.[A-Za-z0-9_-]*[A-Za-z0-9]$/.test(literal);
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}
