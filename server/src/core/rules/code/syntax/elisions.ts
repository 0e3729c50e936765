import type { Language, SyntaxProblem } from './languages';

export interface Span {
  start: number;
  end: number;
}

/** Comments that only elide (`// ...`, `# … more fields`): JSON has no comments, so they are elisions there. */
const COMMENT_ELISION = /(?:\/\/|#)[ \t]*(?:\.{3,}|\u2026)[^\n]*/g;
const ELISION = /\.{3,}|\u2026/g;

export function findElisions(text: string, commentsToo: boolean): Span[] {
  const spans: Span[] = [];
  if (commentsToo) for (const m of text.matchAll(COMMENT_ELISION)) spans.push({ start: m.index!, end: m.index! + m[0].length });
  for (const m of text.matchAll(ELISION)) {
    const start = m.index!;
    if (!spans.some((s) => start >= s.start && start < s.end)) spans.push({ start, end: start + m[0].length });
  }
  return spans.sort((a, b) => a.start - b.start);
}

function nextNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

/**
 * Whether a parser error at `offset` may be the parser tripping over the
 * elision: on its line (YAML reports indentation errors at the line start) or
 * at the first token after it.
 */
function caused(text: string, offset: number, span: Span): boolean {
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  return offset >= lineStart && offset <= nextNonSpace(text, span.end);
}

const MAX_REPAIRS = 25;

/**
 * The first syntax problem that is not an elision. An elision the parser
 * trips over is replaced, in turn, by the language's same-length stand-ins
 * (so every other offset stays put) until one makes the parser go past it.
 */
export function firstRealProblem(language: Language, text: string, elisions: Span[]): SyntaxProblem | null {
  let current = text;
  const remaining = [...elisions];
  for (let repairs = 0; ; repairs++) {
    // A block that needs this many repairs is more elision than code: not worth the parse time.
    if (repairs > MAX_REPAIRS) return null;
    const problem = language.problem(current);
    if (!problem) return null;
    const index = remaining.findIndex((span) => caused(current, problem.offset, span));
    if (index === -1) return problem;
    const span = remaining[index];
    let repaired: string | null = null;
    for (const standIn of language.standIns) {
      const trial = standIn(current, span.start, span.end);
      if (trial === null) continue;
      const after = language.problem(trial);
      if (!after || !caused(trial, after.offset, span)) {
        repaired = trial;
        break;
      }
    }
    if (repaired === null) return problem;
    current = repaired;
    remaining.splice(index, 1);
  }
}
