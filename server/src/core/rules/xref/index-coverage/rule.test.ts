import { strict as assert } from 'node:assert';
import { createTestEngine, findingLines, findingsOf } from '../../../../../../test/helpers/engine';
import { textAfterFix } from '../../../../../../test/helpers/fixes';

const INDEX = 'docs/INDEX.md';
const docs = {
  'docs/ADRs/ADR-0007-queue.md': '# ADR-0007: Use a queue\n',
  'docs/CONCEPTS/queue.md': '# Queues\n',
  'docs/RUNBOOKS/restart.md': '# Restarting the worker\n',
};

describe('xref/index-coverage', () => {
  it('reports every ADR, concept doc and runbook the index does not link, and adds it under its kind', () => {
    const files = { ...docs, [INDEX]: '# Index\n\n## Runbooks\n\n- [Other](RUNBOOKS/other.md)\n\nAsk on call.\n\n## Contact\n\nTeam chat.\n' };
    const engine = createTestEngine({ files });
    assert.deepEqual(findingLines(engine, 'xref/index-coverage'), [
      'docs/INDEX.md:1:1 xref/index-coverage The ADR `docs/ADRs/ADR-0007-queue.md` is not linked from `docs/INDEX.md` (or any index file, or `docs/ADRs/README.md`).',
      'docs/INDEX.md:1:1 xref/index-coverage The concept doc `docs/CONCEPTS/queue.md` is not linked from `docs/INDEX.md` (or any index file, or `docs/CONCEPTS/README.md`).',
      'docs/INDEX.md:3:1 xref/index-coverage The runbook `docs/RUNBOOKS/restart.md` is not linked from `docs/INDEX.md` (or any index file, or `docs/RUNBOOKS/README.md`).',
    ]);
    const runbook = findingsOf(engine, 'xref/index-coverage')[2];
    assert.equal(runbook.fixes[1].title, 'Add restart.md under "Runbooks"');
    assert.equal(
      textAfterFix(files, runbook.fixes[1], INDEX),
      '# Index\n\n## Runbooks\n\n- [Other](RUNBOOKS/other.md)\n- [Restarting the worker](RUNBOOKS/restart.md)\n\nAsk on call.\n\n## Contact\n\nTeam chat.\n',
    );
    assert.equal(
      textAfterFix(files, runbook.fixes[0], INDEX),
      '# Index\n\n## Runbooks\n\n- [Other](RUNBOOKS/other.md)\n- [Restarting the worker](RUNBOOKS/restart.md)\n\nAsk on call.\n\n## Contact\n\nTeam chat.\n\n' +
        '## Architecture Decisions\n\n- [ADR-0007: Use a queue](ADRs/ADR-0007-queue.md)\n\n## Concepts\n\n- [Queues](CONCEPTS/queue.md)\n',
    );
  });

  it('accepts a link from the folder README or from another index file', () => {
    const engine = createTestEngine({
      files: {
        ...docs,
        [INDEX]: '# Index\n\n- [ADR](ADRs/ADR-0007-queue.md)\n',
        'docs/README.md': '# Docs\n\n- [Queues](CONCEPTS/queue.md)\n',
        'docs/RUNBOOKS/README.md': '# Runbooks\n\n- [Restart](restart.md)\n',
      },
    });
    assert.deepEqual(findingLines(engine, 'xref/index-coverage'), []);
  });

  it('is off when the repository has no index file', () => {
    const engine = createTestEngine({ files: { ...docs, 'docs/CONCEPTS/README.md': '# Concepts\n' } });
    assert.deepEqual(findingLines(engine, 'xref/index-coverage'), []);
  });

  it('uses the index files named in the config', () => {
    const engine = createTestEngine({
      files: { ...docs, 'docs/map.md': '# Map\n\n[a](ADRs/ADR-0007-queue.md) [b](CONCEPTS/queue.md)\n', [INDEX]: '# Unrelated index\n' },
      config: 'crossReferences:\n  indexFiles: [docs/map.md]\n',
    });
    assert.deepEqual(findingLines(engine, 'xref/index-coverage'), [
      'docs/map.md:1:1 xref/index-coverage The runbook `docs/RUNBOOKS/restart.md` is not linked from `docs/map.md` (or any index file, or `docs/RUNBOOKS/README.md`).',
    ]);
  });
});
