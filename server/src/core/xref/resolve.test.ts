import { strict as assert } from 'node:assert';
import { createTestEngine } from '../../../../test/helpers/engine';
import { loadConfig } from '../config/load';
import { allRules } from '../rules';
import { resolveCell, type CellResolution } from './resolve';
import { matricesTopic, type Matrix } from './topics';

const PLAN = 'docs/plans/Q3_PLAN.md';

/** A workspace whose plan holds `rows` as a matrix, plus `files`; returns a resolver for cell texts of that matrix. */
function workspace(rows: string[][], files: Record<string, string> = {}, config?: string, planExtra = '') {
  const table = ['| Document | Must Link To |', '| --- | --- |', ...rows.map((r) => `| ${r[0]} | ${r[1]} |`)].join('\n');
  const engine = createTestEngine({ files: { [PLAN]: `# Plan\n\n${table}\n${planExtra}`, ...files }, config });
  const ws = engine.view();
  const matrix = ws.topic(matricesTopic).find((m) => m.path === PLAN) as Matrix;
  return (text: string): CellResolution => resolveCell(ws, text, matrix);
}

const paths = (resolution: CellResolution) => {
  assert.equal(resolution.status, 'resolved', JSON.stringify(resolution));
  return resolution.status === 'resolved' ? resolution.targets.map((t) => `${t.path}${t.exists ? '' : ' (missing)'}`) : [];
};

describe('xref cell resolution', () => {
  it('resolves a file name with a unique match anywhere in the workspace', () => {
    const resolve = workspace([['a.md', 'queue-design.md']], { 'docs/CONCEPTS/queue-design.md': '# Queue\n' });
    assert.deepEqual(paths(resolve('queue-design.md')), ['docs/CONCEPTS/queue-design.md']);
  });

  it('resolves a workspace path and a path relative to the matrix document', () => {
    const resolve = workspace([['a.md', 'x']], { 'docs/CONCEPTS/queue-design.md': '# Queue\n' });
    assert.deepEqual(paths(resolve('docs/CONCEPTS/queue-design.md')), ['docs/CONCEPTS/queue-design.md']);
    assert.deepEqual(paths(resolve('../CONCEPTS/queue-design.md')), ['docs/CONCEPTS/queue-design.md']);
    assert.deepEqual(paths(resolve('../CONCEPTS/not-yet.md')), ['docs/CONCEPTS/not-yet.md (missing)']);
    assert.equal(resolve('../../../outside.md').status, 'unresolved');
  });

  it('reports an ambiguous file name with its candidates', () => {
    const resolve = workspace([['a.md', 'setup.md']], { 'docs/api/setup.md': '# A\n', 'docs/web/setup.md': '# B\n' });
    assert.deepEqual(resolve('setup.md'), { status: 'ambiguous', how: 'files named `setup.md`', candidates: ['docs/api/setup.md', 'docs/web/setup.md'] });
  });

  it('prefers, among same-named files, the one the matrix document names as a deliverable', () => {
    const resolve = workspace([['a.md', 'setup.md']], { 'docs/api/setup.md': '# A\n', 'docs/web/setup.md': '# B\n' }, undefined, '\nWrite `docs/web/setup.md`.\n');
    assert.deepEqual(paths(resolve('setup.md')), ['docs/web/setup.md']);
  });

  it('resolves a file that does not exist yet to the deliverable path of the same name', () => {
    const resolve = workspace([['a.md', 'db-restore.md']], {}, undefined, '\n### Restore runbook (`docs/RUNBOOKS/db-restore.md`)\n');
    assert.deepEqual(paths(resolve('db-restore.md')), ['docs/RUNBOOKS/db-restore.md (missing)']);
  });

  it('resolves ADR ids by the number in the file name or in the title', () => {
    const resolve = workspace([['a.md', 'x']], {
      'docs/ADRs/ADR-0007-queue.md': '# Use a queue\n',
      'docs/adr/0012-cache.md': '# Cache reads\n',
      'docs/decisions/storage.md': '# ADR 42: Object storage\n',
    });
    assert.deepEqual(paths(resolve('ADR-0007')), ['docs/ADRs/ADR-0007-queue.md']);
    assert.deepEqual(paths(resolve('ADR-12')), ['docs/adr/0012-cache.md']);
    assert.deepEqual(paths(resolve('adr 0042')), ['docs/decisions/storage.md']);
  });

  it('resolves task ids by front-matter id or file name, including a renamed or archived task doc', () => {
    const resolve = workspace([['a.md', 'x']], {
      'docs/TASKS/R2T1_TASK.md': '---\nid: R2T1\n---\n# One\n',
      'docs/TASKS/R2T3_TASK.md': '# Three, no front matter\n',
      'docs/ARCHIVE/tasks/R2T2_DONE.md': '---\nid: R2T2\n---\n# Two, archived\n',
    });
    assert.deepEqual(paths(resolve('R2T1')), ['docs/TASKS/R2T1_TASK.md']);
    assert.deepEqual(paths(resolve('R2T3')), ['docs/TASKS/R2T3_TASK.md']);
    assert.deepEqual(paths(resolve('R2T2_TASK.md')), ['docs/ARCHIVE/tasks/R2T2_DONE.md']);
    const archived = resolve('R2T2');
    assert.equal(archived.status === 'resolved' && archived.how, 'the task doc with id R2T2 (archived)');
  });

  it('resolves a task range to every task of it', () => {
    const files = Object.fromEntries([4, 5, 6].map((n) => [`docs/TASKS/R2T${n}_TASK.md`, `---\nid: R2T${n}\n---\n# T${n}\n`]));
    const resolve = workspace([['a.md', 'x']], files);
    assert.deepEqual(paths(resolve('R2T4-R2T6 tasks')), ['docs/TASKS/R2T4_TASK.md', 'docs/TASKS/R2T5_TASK.md', 'docs/TASKS/R2T6_TASK.md']);
    const partial = resolve('R2T4-R2T8 tasks');
    assert.equal(partial.status, 'unresolved');
    assert.match(partial.status === 'unresolved' ? partial.tried[0] : '', /`R2T7`, `R2T8`/);
  });

  it('resolves groups to the matrix\'s own row documents of that kind', () => {
    const resolve = workspace(
      [
        ['queue.md', 'ADR-0007'],
        ['cache.md', 'ADR-0007'],
        ['restart.md', 'All concept docs'],
      ],
      {
        'docs/CONCEPTS/queue.md': '# Q\n',
        'docs/CONCEPTS/cache.md': '# C\n',
        'docs/CONCEPTS/unlisted.md': '# U\n',
        'docs/RUNBOOKS/restart.md': '# R\n',
      },
    );
    assert.deepEqual(paths(resolve('All concept docs')), ['docs/CONCEPTS/cache.md', 'docs/CONCEPTS/queue.md']);
    assert.deepEqual(paths(resolve('concept docs')), ['docs/CONCEPTS/cache.md', 'docs/CONCEPTS/queue.md']);
    assert.deepEqual(paths(resolve('All 1 runbooks')), ['docs/RUNBOOKS/restart.md']);
    const counted = resolve('All 3 runbooks');
    assert.match(counted.status === 'resolved' ? counted.how : '', /the cell says 3, found 1/);
  });

  it('falls back to the deliverables of the same document for a group with no row documents of that kind', () => {
    const resolve = workspace([['CLAUDE.md', 'All runbooks']], { 'CLAUDE.md': '# Agents\n', 'docs/RUNBOOKS/restart.md': '# R\n' }, undefined, '\n- `docs/RUNBOOKS/restart.md`\n- `docs/RUNBOOKS/failover.md`\n');
    assert.deepEqual(paths(resolve('All runbooks')), ['docs/RUNBOOKS/restart.md', 'docs/RUNBOOKS/failover.md (missing)']);
  });

  it('resolves a descriptive name to the runbook of the matrix whose file name contains it', () => {
    const resolve = workspace([['cache-restart.md', 'ADR-0007'], ['cache-failover.md', 'Restart runbook']], {
      'docs/RUNBOOKS/cache-restart.md': '# R\n',
      'docs/RUNBOOKS/cache-failover.md': '# F\n',
      'docs/RUNBOOKS/web-restart.md': '# Not in the matrix\n',
    });
    assert.deepEqual(paths(resolve('Restart runbook')), ['docs/RUNBOOKS/cache-restart.md']);
    assert.equal(resolve('Cache runbook').status, 'ambiguous');
  });

  it('uses aliases from the config before anything else', () => {
    const resolve = workspace([['a.md', 'x']], { 'docs/ops/oncall.md': '# On call\n' }, 'crossReferences:\n  aliases:\n    "On-call guide": docs/ops/oncall.md\n');
    assert.deepEqual(resolve('on-call  GUIDE'), { status: 'resolved', how: 'alias in the config', targets: [{ path: 'docs/ops/oncall.md', exists: true }] });
  });

  it('says what it tried for a name it cannot resolve', () => {
    const resolve = workspace([['a.md', 'x']], {});
    const result = resolve('The big picture');
    assert.equal(result.status, 'unresolved');
    assert.deepEqual(result.status === 'unresolved' && result.tried, [
      'config aliases',
      'every known form (a path or `name.md`, `ADR-0031`, `P5T2`, `All concept docs`, `P5T4-P5T7 tasks`, `Rollback runbook`); none matches',
    ]);
    const named = resolve('nowhere.md');
    assert.deepEqual(named.status === 'unresolved' && named.tried, [
      'config aliases',
      'files named `nowhere.md`',
      'deliverable paths named `nowhere.md` in the same document',
    ]);
  });

  it('validates the crossReferences section of the config', () => {
    const { problems, config } = loadConfig('crossReferences:\n  rows:\n    - document: docs/a.md\n  aliases:\n    x: 3\n', '.adrift.yaml', allRules);
    assert.deepEqual(problems.map((p) => [p.ruleId, p.range.start.line]), [
      ['config/invalid', 2],
      ['config/invalid', 4],
    ]);
    assert.deepEqual(config.section('crossReferences'), { rows: [], aliases: {} });
  });
});
