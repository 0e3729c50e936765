import { strict as assert } from 'node:assert';
import { createTestEngine, findingLines, findingsOf } from '../../../../../../test/helpers/engine';
import { textAfterFix } from '../../../../../../test/helpers/fixes';

const PLAN = 'docs/plans/plan.md';
const plan = (rows: string) => `# Plan\n\n| Document | Must Link To |\n| --- | --- |\n${rows}\n`;
const QUEUE = 'docs/CONCEPTS/queue.md';
const CACHE = 'docs/CONCEPTS/cache.md';

describe('xref/missing-link', () => {
  it('reports each missing target on the related-documents heading and adds the link under it', () => {
    const files = {
      [PLAN]: plan('| queue.md | cache.md, ADR-0007 |'),
      [QUEUE]: '# Queue\n\nText.\n\n## See also\n\n- [Elsewhere](../other.md)\n\n## Notes\n\nMore.\n',
      [CACHE]: '# Cache\n',
      'docs/ADRs/ADR-0007-queue.md': '# Use a queue\n',
      'docs/other.md': '# Other\n',
    };
    const engine = createTestEngine({ files });
    assert.deepEqual(findingLines(engine, 'xref/missing-link'), [
      'docs/CONCEPTS/queue.md:5:1 xref/missing-link Missing required link to `docs/ADRs/ADR-0007-queue.md`: the cross-reference matrix at `docs/plans/plan.md:5` requires it (cell `ADR-0007`).',
      'docs/CONCEPTS/queue.md:5:1 xref/missing-link Missing required link to `docs/CONCEPTS/cache.md`: the cross-reference matrix at `docs/plans/plan.md:5` requires it (cell `cache.md`).',
    ]);
    const [first] = findingsOf(engine, 'xref/missing-link');
    assert.deepEqual(first.related, [{ path: PLAN, range: { start: { line: 4, character: 0 }, end: { line: 4, character: 33 } }, message: 'the matrix row that requires this link' }]);
    assert.deepEqual(first.fixes.map((f) => [f.title, f.safe]), [
      ['Add links to all 2 required documents under "See also"', true],
      ['Add a link to ADR-0007-queue.md under "See also"', true],
    ]);
    assert.equal(
      textAfterFix(files, first.fixes[0], QUEUE),
      '# Queue\n\nText.\n\n## See also\n\n- [Elsewhere](../other.md)\n- [cache.md](cache.md)\n- [ADR-0007-queue.md](../ADRs/ADR-0007-queue.md)\n\n## Notes\n\nMore.\n',
    );
  });

  it('reports on the title without such a section, and the fix creates the section at the end', () => {
    const files = { [PLAN]: plan('| queue.md | cache.md |'), [QUEUE]: '# Queue\n\nText.', [CACHE]: '# Cache\n' };
    const engine = createTestEngine({ files });
    assert.deepEqual(findingLines(engine, 'xref/missing-link'), [
      'docs/CONCEPTS/queue.md:1:1 xref/missing-link Missing required link to `docs/CONCEPTS/cache.md`: the cross-reference matrix at `docs/plans/plan.md:5` requires it (cell `cache.md`).',
    ]);
    const fix = findingsOf(engine, 'xref/missing-link')[0].fixes[0];
    assert.equal(textAfterFix(files, fix, QUEUE), '# Queue\n\nText.\n\n## Related Documents\n\n- [cache.md](cache.md)\n');
  });

  it('counts inline links (even with a broken anchor), reference definitions and extension-less links', () => {
    const engine = createTestEngine({
      files: {
        [PLAN]: plan('| queue.md | cache.md, ADR-0007, other.md |'),
        [QUEUE]: '# Queue\n\nSee [cache](cache.md#no-such-heading), [the ADR][adr] and [other](../other).\n\n[adr]: ../ADRs/ADR-0007-queue.md\n',
        [CACHE]: '# Cache\n',
        'docs/ADRs/ADR-0007-queue.md': '# Use a queue\n',
        'docs/other.md': '# Other\n',
      },
    });
    assert.deepEqual(findingLines(engine, 'xref/missing-link'), []);
  });

  it('leaves targets that are only mentioned to xref/mentioned-not-linked', () => {
    const engine = createTestEngine({ files: { [PLAN]: plan('| queue.md | cache.md |'), [QUEUE]: '# Queue\n\nSee `cache.md`.\n', [CACHE]: '# Cache\n' } });
    assert.deepEqual(findingLines(engine, 'xref/missing-link'), []);
  });

  it('offers only an unsafe fix for a target that does not exist yet', () => {
    const engine = createTestEngine({
      files: { [PLAN]: plan('| queue.md | cache.md |') + '\nCreate `docs/CONCEPTS/cache.md`.\n', [QUEUE]: '# Queue\n' },
    });
    const [finding] = findingsOf(engine, 'xref/missing-link');
    assert.match(finding.message, /it does not exist yet/);
    assert.deepEqual(finding.fixes.map((f) => f.safe), [false]);
  });

  it('enforces rows from the config', () => {
    const engine = createTestEngine({
      files: { [QUEUE]: '# Queue\n', [CACHE]: '# Cache\n' },
      config: 'crossReferences:\n  rows:\n    - document: docs/CONCEPTS/queue.md\n      mustLinkTo: [cache.md]\n',
    });
    assert.deepEqual(findingLines(engine, 'xref/missing-link'), [
      'docs/CONCEPTS/queue.md:1:1 xref/missing-link Missing required link to `docs/CONCEPTS/cache.md`: the cross-reference matrix at the `crossReferences.rows` of `.adrift.yaml` requires it (cell `cache.md`).',
    ]);
  });

  it('is silent for documents in no matrix and when the header is not a matrix header', () => {
    const engine = createTestEngine({
      files: { [PLAN]: '# Plan\n\n| Document | Owner |\n| --- | --- |\n| queue.md | cache.md |\n', [QUEUE]: '# Queue\n', [CACHE]: '# Cache\n' },
    });
    assert.deepEqual(findingLines(engine, 'xref/missing-link'), []);
  });

  it('finds the matrix again after an edit and drops the finding once the link is added', () => {
    const engine = createTestEngine({ files: { [PLAN]: plan('| queue.md | cache.md |'), [QUEUE]: '# Queue\n', [CACHE]: '# Cache\n' } });
    assert.equal(findingLines(engine, 'xref/missing-link').length, 1);
    engine.upsertDocument(QUEUE, '# Queue\n\n[cache](cache.md)\n');
    assert.deepEqual(findingLines(engine, 'xref/missing-link'), []);
    engine.upsertDocument(PLAN, plan('| queue.md | cache.md, other.md |') + '\n`docs/other.md`\n');
    engine.addFile('docs/other.md');
    assert.equal(findingLines(engine, 'xref/missing-link').length, 1);
  });
});
