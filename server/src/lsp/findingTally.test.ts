import { strict as assert } from 'node:assert';
import { FindingTally } from './findingTally';

describe('FindingTally', () => {
  it('keeps totals as documents change, per owner', () => {
    const tally = new FindingTally<string>();
    tally.set('a', 'x.md', 2, 1);
    tally.set('a', 'y.md', 1, 0);
    tally.set('b', 'x.md', 0, 5);
    assert.deepEqual(tally.sum(['a']), { errors: 3, warnings: 1 });
    tally.set('a', 'x.md', 0, 3);
    assert.deepEqual(tally.sum(['a', 'b']), { errors: 1, warnings: 8 });
    tally.set('a', 'y.md', 0, 0);
    tally.set('a', 'y.md', 0, 0);
    assert.deepEqual(tally.sum(['a']), { errors: 0, warnings: 3 });
    assert.deepEqual(tally.sum([]), { errors: 0, warnings: 0 });
  });
});
