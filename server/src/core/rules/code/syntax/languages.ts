import { parser as pythonParser } from '@lezer/python';
import { parseAllDocuments } from 'yaml';
import { code } from '../../../messages';
import { jsonProblem, type SyntaxProblem } from './jsonErrors';

export type { SyntaxProblem };

/**
 * A checked language: its parser (first problem or null) and the same-length
 * stand-ins tried in turn for an elision (`...`) the parser trips over.
 */
export interface Language {
  name: string;
  problem(text: string): SyntaxProblem | null;
  /** Stand-ins for an elision at `[start, end)`; each returns text of the same length. */
  standIns: ((text: string, start: number, end: number) => string | null)[];
}

const pad = (prefix: string, length: number) => (length >= prefix.length ? prefix + ' '.repeat(length - prefix.length) : null);
const replaceWith = (prefix: string) => (text: string, start: number, end: number) => {
  const stand = pad(prefix, end - start);
  return stand === null ? null : text.slice(0, start) + stand + text.slice(end);
};

const fillWith = (ch: string) => (text: string, start: number, end: number) => text.slice(0, start) + ch.repeat(end - start) + text.slice(end);

/** Blanks the elision and the comma on one side of it, so `{"a": 1, ...}` reads `{"a": 1     }`. */
const blankWithComma = (side: 'before' | 'after') => (text: string, start: number, end: number) => {
  let i = side === 'before' ? start - 1 : end;
  while (i >= 0 && i < text.length && /\s/.test(text[i])) i += side === 'before' ? -1 : 1;
  if (text[i] !== ',') return null;
  const blanked = text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
  return blanked.slice(0, i) + ' ' + blanked.slice(i + 1);
};

/**
 * JSON Lines (one value per line, as in log samples) is tagged `json` too:
 * when the first line is a complete value, each line is checked on its own.
 */
function jsonLinesProblem(text: string): SyntaxProblem | null | undefined {
  const lines = [...text.matchAll(/[^\n]+/g)].filter((m) => m[0].trim() !== '');
  if (lines.length < 2 || jsonProblem(lines[0][0]) !== null) return undefined;
  for (const line of lines) {
    const problem = jsonProblem(line[0]);
    if (problem) return { ...problem, offset: line.index! + problem.offset };
  }
  return null;
}

export const json: Language = {
  name: 'JSON',
  problem(text) {
    if (text.trim() === '') return null;
    const problem = jsonProblem(text);
    if (!problem) return null;
    const asLines = jsonLinesProblem(text);
    return asLines === undefined ? problem : asLines;
  },
  standIns: [replaceWith('0'), replaceWith(''), blankWithComma('before'), blankWithComma('after')],
};

export const yaml: Language = {
  name: 'YAML',
  problem(text) {
    for (const document of parseAllDocuments(text)) {
      const [error] = document.errors;
      if (error) {
        const [start, end] = error.pos;
        return { offset: start, length: Math.max(0, end - start), message: error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '') };
      }
    }
    return null;
  },
  standIns: [replaceWith('#'), replaceWith('x')],
};

export const python: Language = {
  name: 'Python',
  problem(text) {
    const tree = pythonParser.parse(text);
    let found: SyntaxProblem | null = null;
    tree.iterate({
      enter(node) {
        if (found) return false;
        if (!node.type.isError) return undefined;
        const near = text.slice(node.from, node.to > node.from ? node.to : node.from + 1).replace(/\s+$/, '');
        found = {
          offset: node.from,
          length: near.length,
          message: near === '' ? 'unexpected end of line or input' : `unexpected ${code(near.length > 20 ? `${near.slice(0, 20)}…` : near)}`,
        };
        return false;
      },
    });
    return found;
  },
  standIns: [fillWith('_'), replaceWith('**_'), replaceWith('0'), replaceWith('#')],
};
