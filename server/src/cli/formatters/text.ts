import type { FormatInput } from './shared';

/** `path:line:col severity rule-id message`, one finding a line, 1-based positions. */
export function formatText({ findings, displayPath }: FormatInput): string {
  return findings
    .map((f) => `${displayPath(f.path)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.ruleId} ${f.message}`)
    .map((line) => `${line}\n`)
    .join('');
}
