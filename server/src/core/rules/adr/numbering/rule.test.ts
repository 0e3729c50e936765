import { strict as assert } from 'node:assert';
import { createTestEngine, findingLines, findingsOf } from '../../../../../../test/helpers/engine';
import { adrNumbering, majorityConvention } from './rule';

const RULE = 'adr/numbering';
const rules = [adrNumbering];
const doc = (title: string) => `# ${title}\n`;

describe('adr/numbering', () => {
  it('reports files that break the folder’s majority convention, naming it', () => {
    const engine = createTestEngine({
      files: {
        'docs/ADRs/ADR-0001-a.md': doc('ADR-0001: A'),
        'docs/ADRs/ADR-0002-b.md': doc('ADR-0002: B'),
        'docs/ADRs/ADR-0003-c.md': doc('ADR-0003: C'),
        'docs/ADRs/ADR-012-d.md': doc('ADR-012: D'),
        'docs/ADRs/ADR-4-e.md': doc('ADR-4: E'),
        'docs/ADRs/README.md': doc('Decisions'),
      },
      rules,
    });
    assert.deepEqual(findingLines(engine, RULE), [
      "docs/ADRs/ADR-012-d.md:1:1 adr/numbering File name `ADR-012-d.md` breaks this folder's naming convention `ADR-NNNN-slug.md` (3 of 5 files follow it); expected `ADR-0012-d.md`.",
      "docs/ADRs/ADR-4-e.md:1:1 adr/numbering File name `ADR-4-e.md` breaks this folder's naming convention `ADR-NNNN-slug.md` (3 of 5 files follow it); expected `ADR-0004-e.md`.",
    ]);
    const fix = findingsOf(engine, RULE)[0].fixes[0];
    assert.deepEqual(fix, { title: 'Rename to ADR-0012-d.md', safe: false, changes: [{ kind: 'rename', from: 'docs/ADRs/ADR-012-d.md', to: 'docs/ADRs/ADR-0012-d.md' }] });
  });

  it('reports duplicate numbers in one folder on each file', () => {
    const engine = createTestEngine({
      files: { 'docs/adr/0007-a.md': doc('7. A'), 'docs/adr/0007-b.md': doc('7. B'), 'docs/adr/0008-c.md': doc('8. C'), 'docs/other/adr/0007-x.md': doc('7. X') },
      rules,
    });
    assert.deepEqual(findingLines(engine, RULE), [
      'docs/adr/0007-a.md:1:1 adr/numbering ADR number 7 is also used by `0007-b.md`; each decision needs its own number.',
      'docs/adr/0007-b.md:1:1 adr/numbering ADR number 7 is also used by `0007-a.md`; each decision needs its own number.',
    ]);
  });

  it('stays silent without a clear majority, and for numbers that outgrow the padding', () => {
    assert.equal(majorityConvention(['ADR-0001-a.md', '0002-b.md']), null);
    const engine = createTestEngine({
      files: { 'docs/adr/ADR-9998-a.md': doc('A'), 'docs/adr/ADR-9999-b.md': doc('B'), 'docs/adr/ADR-10000-c.md': doc('C'), 'docs/adr/0000-template.md': doc('T') },
      rules,
    });
    assert.deepEqual(findingLines(engine, RULE), []);
  });
});
