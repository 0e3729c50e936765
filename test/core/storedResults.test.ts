import { strict as assert } from 'node:assert';
import { parseStoredResults, serializeStoredResults, type StoredResults } from '../../server/src/core/storedResults';
import type { StoredFinding } from '../../server/src/core/storedResults';

const finding = (line: number, message: string): StoredFinding => ({
  range: { start: { line, character: 0 }, end: { line, character: 4 } },
  severity: 'warning',
  ruleId: 'links/broken',
  message,
  fixes: [],
});

const RESULTS: StoredResults = {
  clean: ['code/syntax', 'adr/status'],
  deps: ['doc:docs/b.md', 'file:docs/c.md'],
  fingerprints: ['1f2e3d.2s', '0'],
  results: [
    ['links/broken', [finding(1, 'No heading `#x` in "b.md" \u2014 \u{1F600}'), finding(3, 'Gone.\nReally.')], [0, 1]],
    ['stale/reference', JSON.stringify([finding(2, 'Retired: `st.session_state`.')]), [1]],
    ['adr/sections', '[]', []],
  ],
};

describe('stored results (serializeStoredResults / parseStoredResults)', () => {
  it('read back with every result in place and its findings as JSON, whether they were given as objects or JSON', () => {
    const read = parseStoredResults(serializeStoredResults(RESULTS));
    assert.deepStrictEqual(read, {
      ...RESULTS,
      results: RESULTS.results.map(([id, findings, deps]) => [id, typeof findings === 'string' ? findings : JSON.stringify(findings), deps]),
    });
    assert.deepStrictEqual(JSON.parse(read.results[0][1] as string), RESULTS.results[0][1]);
  });

  it('keep the findings apart from what taking results up reads', () => {
    const { head, findings } = serializeStoredResults(RESULTS);
    assert.ok(!head.includes('session_state'));
    assert.ok(findings.includes('session_state'));
  });

  it('refuse parts that do not fit together, as a damaged cache gives them', () => {
    const { head, findings } = serializeStoredResults(RESULTS);
    assert.throws(() => parseStoredResults({ head, findings: findings.slice(1) }), /damaged|do not match/);
    assert.throws(() => parseStoredResults({ head, findings: `${findings}[]` }), /do not match/);
    assert.throws(() => parseStoredResults({ head: head.slice(0, -1), findings }));
    assert.throws(() => parseStoredResults({ head, findings: 42 } as never));
  });
});
