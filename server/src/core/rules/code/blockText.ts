import type { CodeBlock, DocumentModel } from '../../document';
import type { Position, Range } from '../../types';

/**
 * Maps offsets in a code block's `value` (indentation of list items and
 * blockquote markers removed by the parser) back to document positions, so
 * findings land on the exact characters inside the block.
 */
export class BlockText {
  private readonly lineStarts: number[] = [0];
  private readonly columns: number[] = [];

  constructor(
    readonly doc: DocumentModel,
    readonly block: CodeBlock,
  ) {
    const value = block.value;
    for (let i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    for (let line = 0; line < this.lineStarts.length; line++) {
      const written = this.valueLine(line).replace(/\r$/, '');
      const inDocument = doc.lines.lineText(block.contentStartLine + line);
      this.columns.push(inDocument.endsWith(written) ? inDocument.length - written.length : 0);
    }
  }

  get value(): string {
    return this.block.value;
  }

  valueLine(line: number): string {
    const end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] - 1 : this.block.value.length;
    return this.block.value.slice(this.lineStarts[line], end);
  }

  /** Value offset just past the line's content (before `\r\n` / `\n`). */
  lineContentEnd(line: number): number {
    return this.lineStarts[line] + this.valueLine(line).replace(/\r$/, '').length;
  }

  /** Line inside the block (0-based) of a value offset. */
  lineOf(offset: number): number {
    let line = 0;
    while (line + 1 < this.lineStarts.length && this.lineStarts[line + 1] <= offset) line++;
    return line;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.block.value.length));
    const line = this.lineOf(clamped);
    return { line: this.block.contentStartLine + line, character: this.columns[line] + clamped - this.lineStarts[line] };
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(Math.max(start, end)) };
  }
}

/** Words of a fence's info string after the language (`python skip-check` -> `skip-check`). */
export function infoFlags(block: CodeBlock): string[] {
  return (block.meta ?? '').split(/[\s,{}]+/).filter(Boolean);
}
