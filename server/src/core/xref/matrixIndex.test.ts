import { strict as assert } from 'node:assert';
import { createTestEngine } from '../../../../test/helpers/engine';
import { kindOfPath } from '../kinds';
import { matrixIndex } from './matrixIndex';
import { rowDocuments } from './model';
import { CellResolver, type DocumentFacts } from './resolve';
import { matricesTopic } from './topics';

const PLAN = 'docs/plans/Q3_PLAN.md';

const FILES: Record<string, string> = {
  'docs/ADRs/ADR-0007-queue.md': '# Use a queue\n',
  'docs/decisions/storage.md': '# ADR 42: Object storage\n',
  'docs/CONCEPTS/queue-design.md': '# Queue design\n',
  'docs/CONCEPTS/cache.md': '# Cache\n',
  'docs/RUNBOOKS/db-rollback.md': '# Rollback\n',
  'docs/RUNBOOKS/deploy.md': '# Deploy\n',
  'docs/TASKS/P5T2_DONE.md': '# Task\n',
  'docs/TASKS/renamed.md': '---\nid: P5T3\n---\n# Task\n',
  'docs/guides/unrelated.md': '# Unrelated\n',
};

/** Every row-document cell form: path, file name, bare name, ADR id, task ids, a range, a group, a descriptive name, an alias, a link. */
const ROWS = [
  ['docs/CONCEPTS/queue-design.md', 'cache.md'],
  ['cache.md', 'queue-design.md'],
  ['deploy', 'cache.md'],
  ['ADR-0007', 'cache.md'],
  ['ADR-42', 'cache.md'],
  ['P5T2', 'cache.md'],
  ['P5T3', 'cache.md'],
  ['P5T2-P5T3 tasks', 'cache.md'],
  ['All concept docs', 'deploy.md'],
  ['Rollback runbook', 'cache.md'],
  ['the storage doc', 'cache.md'],
  ['[Deploy](../RUNBOOKS/deploy.md)', 'cache.md'],
];

function workspace() {
  const table = ['| Document | Must Link To |', '| --- | --- |', ...ROWS.map(([doc, targets]) => `| ${doc} | ${targets} |`)].join('\n');
  const config = 'crossReferences:\n  aliases:\n    the storage doc: docs/decisions/storage.md\n';
  const engine = createTestEngine({ files: { [PLAN]: `# Plan\n\n${table}\n`, ...FILES }, config });
  return engine.view();
}

describe('xref matrix index', () => {
  it('offers every row that names a document, by resolution, for every document', () => {
    const ws = workspace();
    const index = matrixIndex(ws);
    const resolver = new CellResolver(ws);
    for (const path of ws.documentPaths()) {
      const summary = ws.getDocument(path)!;
      const id = summary.model.frontMatter?.data?.id;
      const facts: DocumentFacts = { path, kind: summary.info.kind, ...(typeof id === 'string' ? { id } : {}) };
      const offered = new Set(index.rowsThatMightName(facts).map((r) => r.row));
      for (const matrix of ws.topic(matricesTopic)) {
        for (const row of matrix.rows) {
          if (rowDocuments(resolver, matrix, row).includes(path)) assert.ok(offered.has(row), `${path} is in the row of ${row.doc[0].text} but was not offered it`);
        }
      }
    }
  });

  it('offers a document outside every matrix only the rows whose names may stand for any document', () => {
    const ws = workspace();
    const path = 'docs/guides/unrelated.md';
    const rows = matrixIndex(ws).rowsThatMightName({ path, kind: kindOfPath(path, ws.config) });
    assert.deepEqual(
      rows.map((r) => r.row.doc.map((item) => item.text).join()),
      ['P5T2-P5T3 tasks', 'All concept docs', 'Rollback runbook', 'the storage doc'],
    );
  });

  it('lists the offered rows in matrix order, each once', () => {
    const ws = workspace();
    const rows = matrixIndex(ws).rowsThatMightName({ path: 'docs/TASKS/P5T2_DONE.md', kind: 'task' });
    const orders = rows.map((r) => r.order);
    assert.deepEqual(orders, [...new Set(orders)].sort((a, b) => a - b));
    assert.ok(rows.some((r) => r.row.doc[0].text === 'P5T2'));
  });

  it('is built once per matrices aggregate and config', () => {
    const ws = workspace();
    assert.equal(matrixIndex(ws), matrixIndex(ws));
  });
});
