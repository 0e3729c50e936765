import { strict as assert } from 'node:assert';
import { createTestEngine, findingLines, findingsOf } from '../../../../../../test/helpers/engine';

const PLAN = 'docs/plans/plan.md';

describe('xref/missing-document', () => {
  it('reports a document that does not exist once, on its first cell, with a fix that creates it from its kind skeleton', () => {
    const engine = createTestEngine({
      files: {
        [PLAN]: '# Plan\n\n| Document | Must Link To |\n| --- | --- |\n| queue.md | db-rollback.md |\n| db-rollback.md | queue.md |\n\nWrite `docs/RUNBOOKS/db-rollback.md`.\n',
        'docs/CONCEPTS/queue.md': '# Queue\n',
      },
      today: '2026-03-04',
    });
    assert.deepEqual(findingLines(engine, 'xref/missing-document'), [
      "docs/plans/plan.md:5:14 xref/missing-document `db-rollback.md` names `docs/RUNBOOKS/db-rollback.md` (the path named in this document's deliverables, not created yet), which does not exist; the matrix requires links to it.",
    ]);
    const [finding] = findingsOf(engine, 'xref/missing-document');
    assert.deepEqual(finding.related?.map((r) => [r.range.start.line, r.message]), [[5, 'also named here as `db-rollback.md`']]);
    const [fix] = finding.fixes;
    assert.equal(fix.safe, true);
    const change = fix.changes[0];
    assert.equal(change.kind, 'create');
    assert.equal(change.kind === 'create' && change.path, 'docs/RUNBOOKS/db-rollback.md');
    assert.match(change.kind === 'create' ? change.content : '', /^# .*Rollback.*\n[\s\S]*## Rollback Triggers/);
  });

  it('creates a title-only document for kinds without a skeleton', () => {
    const engine = createTestEngine({
      files: { [PLAN]: '# Plan\n\n| Document | Must Link To |\n| --- | --- |\n| docs/guides/on-call.md | docs/plans/plan.md |\n' },
    });
    const change = findingsOf(engine, 'xref/missing-document')[0].fixes[0].changes[0];
    assert.deepEqual(change, { kind: 'create', path: 'docs/guides/on-call.md', content: '# On Call\n' });
  });

  it('is silent when every named document exists', () => {
    const engine = createTestEngine({
      files: {
        [PLAN]: '# Plan\n\n| Document | Must Link To |\n| --- | --- |\n| queue.md | cache.md |\n',
        'docs/CONCEPTS/queue.md': '# Queue\n',
        'docs/CONCEPTS/cache.md': '# Cache\n',
      },
    });
    assert.deepEqual(findingLines(engine, 'xref/missing-document'), []);
  });

  it('goes quiet once the document is created, and fires again when it is removed', () => {
    const engine = createTestEngine({
      files: { [PLAN]: '# Plan\n\n| Document | Must Link To |\n| --- | --- |\n| docs/CONCEPTS/queue.md | docs/plans/plan.md |\n' },
    });
    assert.equal(findingLines(engine, 'xref/missing-document').length, 1);
    engine.upsertDocument('docs/CONCEPTS/queue.md', '# Queue\n');
    assert.deepEqual(findingLines(engine, 'xref/missing-document'), []);
    engine.removeFile('docs/CONCEPTS/queue.md');
    assert.equal(findingLines(engine, 'xref/missing-document').length, 1);
  });
});
