import { strict as assert } from 'node:assert';
import { createTestEngine, findingLines, findingsOf } from '../../../../../../test/helpers/engine';
import { textAfterFix } from '../../../../../../test/helpers/fixes';

const PLAN = 'docs/plans/plan.md';
const AGENTS = 'AGENTS.md';
const files = (agents: string) => ({
  [PLAN]: '# Plan\n\n| Document | Must Link To |\n| --- | --- |\n| AGENTS.md | queue.md, cache.md |\n',
  [AGENTS]: agents,
  'docs/CONCEPTS/queue.md': '# Queue\n',
  'docs/CONCEPTS/cache.md': '# Cache\n',
});

describe('xref/mentioned-not-linked', () => {
  it('reports a code-span mention and a plain path mention, and turns each into a link', () => {
    const input = files('# Agents\n\nRead `queue.md` first, then docs/CONCEPTS/cache.md.\n');
    const engine = createTestEngine({ files: input });
    assert.deepEqual(findingLines(engine, 'xref/mentioned-not-linked'), [
      'AGENTS.md:3:6 xref/mentioned-not-linked `queue.md` is named here but not linked; the cross-reference matrix at `docs/plans/plan.md:5` requires a link to `docs/CONCEPTS/queue.md`.',
      'AGENTS.md:3:29 xref/mentioned-not-linked `docs/CONCEPTS/cache.md` is named here but not linked; the cross-reference matrix at `docs/plans/plan.md:5` requires a link to `docs/CONCEPTS/cache.md`.',
    ]);
    assert.deepEqual(findingLines(engine, 'xref/missing-link'), []);
    const [code, plain] = findingsOf(engine, 'xref/mentioned-not-linked');
    assert.equal(textAfterFix(input, code.fixes[0], AGENTS), '# Agents\n\nRead [`queue.md`](docs/CONCEPTS/queue.md) first, then docs/CONCEPTS/cache.md.\n');
    assert.equal(textAfterFix(input, plain.fixes[0], AGENTS), '# Agents\n\nRead `queue.md` first, then [docs/CONCEPTS/cache.md](docs/CONCEPTS/cache.md).\n');
    assert.equal(code.fixes[0].safe, true);
  });

  it('ignores names inside link texts, code blocks and longer names, and linked targets', () => {
    const engine = createTestEngine({
      files: files('# Agents\n\n[queue.md](docs/CONCEPTS/queue.md) and [the cache](docs/CONCEPTS/cache.md).\n\n```\nqueue.md\n```\n\nold-cache.md, cache.md.bak\n'),
    });
    assert.deepEqual(findingLines(engine, 'xref/mentioned-not-linked'), []);
  });

  it('does not take a mention of a same-named file elsewhere for the target', () => {
    const engine = createTestEngine({ files: files('# Agents\n\nSee `web/queue.md`.\n\n[cache](docs/CONCEPTS/cache.md)\n') });
    assert.deepEqual(findingLines(engine, 'xref/mentioned-not-linked'), []);
    assert.equal(findingLines(engine, 'xref/missing-link').length, 1);
  });
});
