import { strict as assert } from 'node:assert';
import { createTestEngine, findingLines, findingsOf } from '../../../../../../test/helpers/engine';

const PLAN = 'docs/plans/plan.md';

describe('xref/unresolved-cell', () => {
  it('reports an unresolvable name with what was tried and the alias to add, and an ambiguous one with its candidates', () => {
    const engine = createTestEngine({
      files: {
        [PLAN]: '# Plan\n\n| Document | Must Link To |\n| --- | --- |\n| queue.md | The big picture, setup.md |\n',
        'docs/CONCEPTS/queue.md': '# Queue\n',
        'docs/api/setup.md': '# API setup\n',
        'docs/web/setup.md': '# Web setup\n',
      },
    });
    assert.deepEqual(findingLines(engine, 'xref/unresolved-cell'), [
      'docs/plans/plan.md:5:14 xref/unresolved-cell Cannot tell which document `The big picture` names; tried config aliases; every known form (a path or `name.md`, `ADR-0031`, `P5T2`, `All concept docs`, `P5T4-P5T7 tasks`, `Rollback runbook`); none matches. Write a path, or add an alias to .adrift.yaml: `crossReferences: { aliases: { "The big picture": docs/path/to/document.md } }`.',
      'docs/plans/plan.md:5:31 xref/unresolved-cell `setup.md` is ambiguous: files named `setup.md` match `docs/api/setup.md`, `docs/web/setup.md`. Write the path, or add an alias: `crossReferences: { aliases: { "setup.md": docs/api/setup.md } }`.',
    ]);
    const ambiguous = findingsOf(engine, 'xref/unresolved-cell')[1];
    assert.deepEqual(ambiguous.fixes.map((f) => [f.title, f.safe]), [
      ['Link the cell to docs/api/setup.md', false],
      ['Link the cell to docs/web/setup.md', false],
    ]);
    const change = ambiguous.fixes[1].changes[0];
    assert.equal(change.kind === 'edit' && change.edits[0].newText, '[setup.md](../web/setup.md)');
  });

  it('takes a link written around a cell name as its resolution', () => {
    const engine = createTestEngine({
      files: {
        [PLAN]: '# Plan\n\n| Document | Must Link To |\n| --- | --- |\n| queue.md | [setup.md](../web/setup.md) |\n',
        'docs/CONCEPTS/queue.md': '# Queue\n\n[web setup](../web/setup.md)\n',
        'docs/api/setup.md': '# API setup\n',
        'docs/web/setup.md': '# Web setup\n',
      },
    });
    assert.deepEqual(findingLines(engine, 'xref/unresolved-cell'), []);
    assert.deepEqual(findingLines(engine, 'xref/missing-link'), []);
  });
});
