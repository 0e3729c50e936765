import { code } from '../../../messages';
import { metadataSpans, overlapsAny, spanOf } from '../../../regions';
import type { Rule } from '../../../rule';
import type { Fix } from '../../../types';
import { findDamagedRuns, findTruncatedRuns } from './detect';

/** A code block whose info string carries this word shows damaged text on purpose. */
const EXAMPLE_MARK = /(^|\s)mojibake(\s|$)/i;

export const contentMojibake: Rule = {
  id: 'content/mojibake',
  description: 'Text must not be UTF-8 that was decoded as Windows-1252 or Latin-1 (`âœ…` for ✅, `â”œâ”€â”€` for ├──).',
  defaultSeverity: 'warning',
  check(ctx) {
    const { doc } = ctx;
    const skipped = [
      ...metadataSpans(doc),
      ...doc.codeBlocks.filter((b) => EXAMPLE_MARK.test(`${b.lang ?? ''} ${b.meta ?? ''}`)).map((b) => spanOf(doc, b.range)),
    ];
    const allRuns = findDamagedRuns(doc.text);
    const runs = allRuns.filter((run) => !overlapsAny(skipped, run.from, run.to));
    const edit = (run: (typeof runs)[number]) => ({ range: doc.lines.range(run.from, run.to), newText: run.original });
    for (const run of runs) {
      const damaged = doc.text.slice(run.from, run.to);
      const fixes: Fix[] = [{ title: `Restore ${run.original}`, safe: true, changes: [{ kind: 'edit', path: doc.path, edits: [edit(run)] }] }];
      if (runs.length > 1) {
        fixes.push({
          title: `Restore all ${runs.length} damaged runs in this file`,
          safe: true,
          changes: [{ kind: 'edit', path: doc.path, edits: runs.map(edit) }],
        });
      }
      ctx.report({
        range: doc.lines.range(run.from, run.to),
        message: `Encoding damage: ${code(damaged)} is UTF-8 text decoded as Windows-1252; it should read ${code(run.original)}.`,
        fixes,
      });
    }
    for (const run of findTruncatedRuns(doc.text, allRuns).filter((r) => !overlapsAny(skipped, r.from, r.to))) {
      const damaged = doc.text.slice(run.from, run.to);
      const range = doc.lines.range(run.from, run.to);
      ctx.report({
        range,
        message:
          `Encoding damage: ${code(damaged)} is UTF-8 text decoded as Windows-1252 that lost a byte, so it cannot be restored exactly; ` +
          `it was probably ${run.candidates.map(code).join(' or ')}.`,
        // Offered only when the choice is small; otherwise the message lists the candidates.
        fixes: (run.candidates.length <= 3 ? run.candidates : []).map((candidate) => ({
          title: `Replace with ${candidate}`,
          safe: false,
          changes: [{ kind: 'edit', path: doc.path, edits: [{ range, newText: candidate }] }],
        })),
      });
    }
  },
};
