import { code } from '../../../messages';

/**
 * Where `JSON.parse` stops. V8 names the position for most errors but not
 * for "Unexpected token" or "Unexpected end", so a small validating scanner
 * that follows RFC 8259 finds the offending offset instead.
 */
export interface SyntaxProblem {
  offset: number;
  /** Length of the offending text; 0 at the end of input. */
  length: number;
  message: string;
}

export function jsonProblem(text: string): SyntaxProblem | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const stated = /at position (\d+)/.exec(raw);
    const offset = stated ? Number(stated[1]) : scanForError(text);
    const message = stated ? raw.replace(/\s*in JSON at position \d+.*$/s, '') : unexpectedAt(text, offset);
    return { offset, length: offset < text.length ? 1 : 0, message };
  }
}

function unexpectedAt(text: string, offset: number): string {
  if (offset >= text.length) return 'Unexpected end of input';
  const token = /^[\w$.+-]+/.exec(text.slice(offset, offset + 40))?.[0] ?? text[offset];
  return `Unexpected ${code(token)}`;
}

class Stop {
  constructor(readonly offset: number) {}
}

function scanForError(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw new Stop(i);
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const expect = (ch: string) => (text[i] === ch ? i++ : fail());
  const string = () => {
    expect('"');
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    expect('"');
  };
  const value = (): void => {
    space();
    const ch = text[i];
    if (ch === '{') {
      i++;
      space();
      if (text[i] === '}') return void i++;
      for (;;) {
        space();
        string();
        space();
        expect(':');
        value();
        space();
        if (text[i] === ',') i++;
        else return void expect('}');
      }
    }
    if (ch === '[') {
      i++;
      space();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        space();
        if (text[i] === ',') i++;
        else return void expect(']');
      }
    }
    if (ch === '"') return string();
    const literal = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!literal) fail();
    i += literal![0].length;
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return text.length;
  } catch (stop) {
    if (stop instanceof Stop) return Math.min(stop.offset, text.length);
    throw stop;
  }
}
