import { strict as assert } from 'node:assert';
import type { Engine } from '../../server/src/core/engine';
import { createTestEngine, findingLines } from '../helpers/engine';

/**
 * Matrix and mapping tables reach other documents through topics. What those
 * documents depend on is what the cells say, not where the table sits: a line
 * typed above a table must re-check only the documents whose findings show a
 * matrix position, and the findings must still equal a fresh engine's.
 */

const PLAN = 'docs/plans/plan.md';
const PLAN_TEXT = [
  '# Plan',
  '',
  'Intro.',
  '',
  '| Document | Must Link To |',
  '| --- | --- |',
  '| queue.md | cache.md, [ADR-0007](../ADRs/ADR-0007-queue.md) |',
  '| nowhere-at-all | cache.md |',
  '',
  '| Old | New |',
  '| --- | --- |',
  '| `old_api()` | `new_api()` |',
  '',
].join('\n');

function workspace(planText: string): Record<string, string> {
  const files: Record<string, string> = {
    [PLAN]: planText,
    'docs/CONCEPTS/queue.md': '# Queue\n\nUses `old_api()` today.\n',
    'docs/CONCEPTS/cache.md': '# Cache\n',
    'docs/ADRs/ADR-0007-queue.md': '# Use a queue\n',
  };
  for (let i = 0; i < 30; i++) files[`docs/notes/n${i}.md`] = `# Note ${i}\n\nNothing to see; see [cache](../CONCEPTS/cache.md).\n`;
  return files;
}

function checkedAfter(engine: Engine, edit: () => void): number {
  engine.allFindings();
  const before = engine.stats.ruleRuns;
  edit();
  engine.allFindings();
  return engine.stats.ruleRuns - before;
}

describe('Engine: table positions in topics', () => {
  it('re-checks no unrelated document when a line is inserted above a matrix, and matches a fresh engine', () => {
    const engine = createTestEngine({ files: workspace(PLAN_TEXT) });
    assert.ok(findingLines(engine).some((line) => line.includes('`docs/plans/plan.md:7`')));
    const runsPerDocument = engine.rules.length;
    const runs = checkedAfter(engine, () => {
      engine.applyEdits(PLAN, [{ range: { start: { line: 2, character: 6 }, end: { line: 2, character: 6 } }, text: '\n\nMore intro.' }]);
    });
    const fresh = createTestEngine({ files: workspace(PLAN_TEXT.replace('Intro.', 'Intro.\n\nMore intro.')) });
    assert.deepStrictEqual(engine.allFindings(), fresh.allFindings());
    assert.ok(findingLines(engine).some((line) => line.includes('`docs/plans/plan.md:9`')), 'the message follows the moved row');
    // The plan itself, plus the rules of queue.md whose findings name a matrix row or mapping line; no note.
    // Before tables were position-free this re-ran the rules reading the topics on all 30 notes (43 runs).
    assert.ok(runs <= runsPerDocument, `${runs} rule runs for one inserted line`);
  });

  it('re-checks nothing elsewhere when typing inside a document with matrix and mapping tables', () => {
    const engine = createTestEngine({ files: workspace(PLAN_TEXT) });
    const runs = checkedAfter(engine, () => {
      engine.applyEdits(PLAN, [{ range: { start: { line: 2, character: 5 }, end: { line: 2, character: 5 } }, text: ' more' }]);
    });
    assert.ok(runs <= engine.rules.length, `${runs} rule runs for one typed word`);
    assert.deepStrictEqual(engine.allFindings(), createTestEngine({ files: workspace(PLAN_TEXT.replace('Intro.', 'Intro more.')) }).allFindings());
  });
});
