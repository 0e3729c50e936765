import type { FormatInput } from './shared';

/**
 * The JSON contract for CI integrations: an array of findings with 1-based
 * lines and columns (columns in UTF-16 code units). Documented in the README.
 */
export function formatJson({ findings, displayPath }: FormatInput): string {
  const rows = findings.map((f) => ({
    file: displayPath(f.path),
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    severity: f.severity,
    ruleId: f.ruleId,
    message: f.message,
    fixes: f.fixes.map((fix) => ({ title: fix.title, safe: fix.safe })),
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}
