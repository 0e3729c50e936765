/** Wraps a literal in a Markdown code span for messages, using a longer fence when it contains backticks. */
export function code(literal: string): string {
  const longest = Math.max(0, ...[...literal.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = literal.startsWith('`') || literal.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${literal}${pad}${fence}`;
}
