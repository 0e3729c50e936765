import type { RE2JS } from 're2js';
import { compileUserPattern } from '../../../config/staleReferences';
import { atIdentifierBoundaries, type Span } from '../../../regions';
import type { StaleTerm } from './terms';

const compiledPatterns = new Map<string, RE2JS | null>();

function patternOf(term: string): RE2JS | null {
  if (!compiledPatterns.has(term)) {
    const result = compileUserPattern(term);
    compiledPatterns.set(term, 'regex' in result ? result.regex : null);
  }
  return compiledPatterns.get(term)!;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Finds every term of one term list in a text. The literal terms are found in
 * one pass: a native regular expression of all of them stops wherever one
 * starts (one pass instead of one `indexOf` pass per term), then the terms that
 * begin with that character are compared there.
 */
class TermScanner {
  private readonly literals: RegExp | null;
  /** Indexes (into the term list) of the literal terms, by the code of their first character. */
  private readonly literalsByFirstChar = new Map<number, number[]>();

  constructor(private readonly terms: readonly StaleTerm[]) {
    const alternatives: string[] = [];
    terms.forEach((term, index) => {
      // An empty term has no occurrence (and would stop the search at every character).
      if (term.regex || term.term === '') return;
      alternatives.push(escapeRegExp(term.term));
      const first = term.term.charCodeAt(0);
      const list = this.literalsByFirstChar.get(first);
      if (list) list.push(index);
      else this.literalsByFirstChar.set(first, [index]);
    });
    this.literals = alternatives.length ? new RegExp(alternatives.join('|'), 'g') : null;
  }

  /** Offsets of each term's occurrences at identifier boundaries, by term index, in text order. */
  scan(text: string): Span[][] {
    const found: Span[][] = this.terms.map(() => []);
    if (this.literals) {
      const literals = new RegExp(this.literals);
      for (let match = literals.exec(text); match !== null; match = literals.exec(text)) {
        const at = match.index;
        for (const index of this.literalsByFirstChar.get(text.charCodeAt(at)) ?? []) {
          const end = at + this.terms[index].term.length;
          if (text.startsWith(this.terms[index].term, at) && atIdentifierBoundaries(text, at, end)) found[index].push({ from: at, to: end });
        }
        // Occurrences may overlap (of one term, or of two): look again one character further.
        literals.lastIndex = at + 1;
      }
    }
    this.terms.forEach((term, index) => {
      if (term.regex) found[index] = patternOccurrences(text, term.term);
    });
    return found;
  }
}

function patternOccurrences(text: string, term: string): Span[] {
  const found: Span[] = [];
  const pattern = patternOf(term);
  if (!pattern) return found;
  const matcher = pattern.matcher(text);
  let from = 0;
  while (from <= text.length && matcher.find(from)) {
    const start = matcher.start();
    const end = matcher.end();
    if (end > start && atIdentifierBoundaries(text, start, end)) found.push({ from: start, to: end });
    from = Math.max(end, start + 1);
  }
  return found;
}

const scanners = new WeakMap<readonly StaleTerm[], TermScanner>();

/** The occurrences of each of `terms` in `text`, at identifier boundaries, by term index. */
export function termOccurrences(text: string, terms: readonly StaleTerm[]): Span[][] {
  let scanner = scanners.get(terms);
  if (!scanner) {
    scanner = new TermScanner(terms);
    scanners.set(terms, scanner);
  }
  return scanner.scan(text);
}
