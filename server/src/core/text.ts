import type { Position, Range } from './types';

const BOM = '\uFEFF';

/** What a file's raw text looks like apart from its content, so writes can keep it. */
export interface TextShape {
  bom: boolean;
  eol: '\n' | '\r\n';
  finalNewline: boolean;
}

/** Splits a decoded file into the text editors see (no BOM) and its shape. */
export function splitBom(raw: string): { text: string; bom: boolean } {
  return raw.startsWith(BOM) ? { text: raw.slice(1), bom: true } : { text: raw, bom: false };
}

export function detectShape(raw: string): TextShape {
  const { text, bom } = splitBom(raw);
  const firstLf = text.indexOf('\n');
  const eol = firstLf > 0 && text[firstLf - 1] === '\r' ? '\r\n' : '\n';
  return { bom, eol, finalNewline: text.endsWith('\n') };
}

/** Re-applies a shape to text that was written with `\n` line ends. */
export function applyEol(text: string, eol: '\n' | '\r\n'): string {
  return eol === '\n' ? text : text.replace(/\r?\n/g, '\r\n');
}

/**
 * Maps string offsets (UTF-16 code units, as JavaScript strings index) to LSP
 * positions and back. A line ends after `\n`; a `\r` before it is not part of
 * the line's content, so CRLF and LF documents give the same columns.
 */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    const lineEnd = this.lineContentEnd(low);
    return { line: low, character: Math.min(clamped, lineEnd) - this.starts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineContentEnd(position.line));
  }

  range(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset just past the line's last content character (before `\r\n` / `\n`). */
  lineContentEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.text.length;
    return next > this.starts[line] && this.text[next - 1] === '\r' && next < this.text.length ? next - 1 : next;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineContentEnd(line));
  }

  lineRange(line: number): Range {
    return this.range(this.lineStart(line), this.lineContentEnd(line));
  }
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}
