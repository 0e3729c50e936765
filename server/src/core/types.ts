/**
 * The data the engine produces and consumes. Everything here is plain,
 * JSON-serialisable data so the LSP server, the CLI and the tests share it.
 *
 * Paths are workspace-relative with forward slashes (`docs/ADRs/ADR-0031.md`).
 * Positions are LSP positions: 0-based line, UTF-16 code-unit character.
 */

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** One step of a fix or plan; steps apply in order. */
export type Change =
  | { kind: 'edit'; path: string; edits: TextEdit[] }
  /** `modeFrom` names an existing file whose permission bits the new file takes. */
  | { kind: 'create'; path: string; content: string; modeFrom?: string }
  | { kind: 'rename'; from: string; to: string }
  | { kind: 'delete'; path: string };

export interface Fix {
  title: string;
  /** Safe fixes are applied by `--fix` and "fix all"; unsafe ones only on request. */
  safe: boolean;
  changes: Change[];
}

export interface RelatedLocation {
  path: string;
  range: Range;
  message: string;
}

export type FindingTag = 'deprecated' | 'unnecessary';

export interface Finding {
  path: string;
  range: Range;
  severity: Severity;
  ruleId: string;
  message: string;
  fixes: Fix[];
  related?: RelatedLocation[];
  tags?: FindingTag[];
}

export const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
