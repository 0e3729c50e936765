import { LineIndex, comparePositions } from './text';
import type { Change, Finding, Fix, TextEdit } from './types';

/**
 * Applies LSP text edits to a text (without BOM). `newText` is written with
 * `\n` line ends and converted to the document's own line ending. Overlapping
 * edits are rejected: the caller decides which one wins.
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const sorted = [...edits].sort((a, b) => comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end));
  let result = '';
  let cursor = 0;
  for (const edit of sorted) {
    const start = lines.offsetAt(edit.range.start);
    const end = lines.offsetAt(edit.range.end);
    if (start < cursor) throw new Error('overlapping edits');
    result += text.slice(cursor, start) + (eol === '\n' ? edit.newText : edit.newText.replace(/\r?\n/g, '\r\n'));
    cursor = end;
  }
  return result + text.slice(cursor);
}

function editsOverlap(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  return a.some((x) =>
    b.some(
      (y) =>
        comparePositions(x.range.start, y.range.end) < 0 && comparePositions(y.range.start, x.range.end) < 0 ||
        (comparePositions(x.range.start, y.range.start) === 0 && comparePositions(x.range.end, y.range.end) === 0),
    ),
  );
}

/**
 * Picks, from the findings of one pass, the safe fixes that can be applied
 * together: the first safe fix of each finding, skipping any that overlap
 * one already chosen (the next pass picks them up).
 */
export function chooseSafeFixes(findings: readonly Finding[]): Fix[] {
  const chosen: Fix[] = [];
  const editsByPath = new Map<string, TextEdit[]>();
  const touchedPaths = new Set<string>();
  const seenTitles = new Set<string>();
  for (const finding of findings) {
    const fix = finding.fixes.find((f) => f.safe);
    if (!fix) continue;
    const identity = JSON.stringify(fix.changes);
    if (seenTitles.has(identity)) continue;
    const conflicts = fix.changes.some((change) => {
      if (change.kind === 'edit') return editsOverlap(editsByPath.get(change.path) ?? [], change.edits);
      const paths = change.kind === 'rename' ? [change.from, change.to] : [change.path];
      return paths.some((p) => touchedPaths.has(p) || editsByPath.has(p));
    });
    if (conflicts) continue;
    seenTitles.add(identity);
    chosen.push(fix);
    for (const change of fix.changes) {
      if (change.kind === 'edit') editsByPath.set(change.path, [...(editsByPath.get(change.path) ?? []), ...change.edits]);
      else if (change.kind === 'rename') touchedPaths.add(change.from).add(change.to);
      else touchedPaths.add(change.path);
    }
  }
  return chosen;
}

/** Merges the changes of several compatible fixes into one ordered list (creations first). */
export function mergeChanges(fixes: readonly Fix[]): Change[] {
  const creates: Change[] = [];
  const edits = new Map<string, TextEdit[]>();
  const rest: Change[] = [];
  for (const fix of fixes) {
    for (const change of fix.changes) {
      if (change.kind === 'create') creates.push(change);
      else if (change.kind === 'edit') edits.set(change.path, [...(edits.get(change.path) ?? []), ...change.edits]);
      else rest.push(change);
    }
  }
  return [...creates, ...[...edits].map(([path, e]): Change => ({ kind: 'edit', path, edits: e })), ...rest];
}
