import { strict as assert } from 'node:assert';
import { applyTextEdits } from '../../../fixes';
import { createTestEngine, findingLines, findingsOf } from '../../../../../../test/helpers/engine';
import { taskConsistency } from './rule';

const RULE = 'task/consistency';
const rules = [taskConsistency];

const task = (front: string, body = '**Status:** PLANNING\n') => `---\nid: P4T3\n${front}---\n\n# P4T3: Alerts\n\n${body}`;

describe('task/consistency', () => {
  it('reports a body status that disagrees with the front matter state', () => {
    const engine = createTestEngine({ files: { 'docs/TASKS/P4T3_TASK.md': task('state: DONE\n', '**Status:** PLANNING\n\n**Status:** Complete ✅\n') }, rules });
    assert.deepEqual(findingLines(engine, RULE), [
      'docs/TASKS/P4T3_TASK.md:8:13 task/consistency Status `PLANNING` disagrees with the front matter `state: DONE`.',
    ]);
    const titles = findingsOf(engine, RULE)[0].fixes.map((f) => `${f.title} ${f.safe}`);
    assert.deepEqual(titles, ['Change the status to DONE false', 'Change front matter state to PLANNING false']);
  });

  it('treats In Progress and IN_PROGRESS as the same state', () => {
    const engine = createTestEngine({ files: { 'docs/TASKS/P4T3_TASK.md': task('state: IN_PROGRESS\n', '**Status:** In Progress (60%)\n') }, rules });
    assert.deepEqual(findingLines(engine, RULE), []);
  });

  it('finds a related doc that moved into the archive by its id, and fixes the reference', () => {
    const files = {
      'docs/TASKS/P4T3_TASK.md': task('state: PLANNING\ndependencies: [P4T1, P4T2, P4T9]\nrelated_docs:\n  - P4_PLANNING.md\n  - P4T1_TASK.md\n  - P4T2_TASK.md\n  - NOTES.md\n'),
      'docs/TASKS/P4_PLANNING.md': '# Plan\n',
      'docs/TASKS/P4T1_TASK.md': '---\nid: P4T1\n---\n# P4T1\n',
      'docs/ARCHIVE/TASKS/P4T2_DONE.md': '---\nid: P4T2\n---\n# P4T2\n',
    };
    const engine = createTestEngine({ files, rules });
    assert.deepEqual(findingLines(engine, RULE), [
      'docs/TASKS/P4T3_TASK.md:4:28 task/consistency Dependency `P4T9` names no task doc: no document has `id: P4T9`.',
      'docs/TASKS/P4T3_TASK.md:8:5 task/consistency `P4T2_TASK.md` cannot be found; task P4T2 is now `docs/ARCHIVE/TASKS/P4T2_DONE.md`.',
      'docs/TASKS/P4T3_TASK.md:9:5 task/consistency `NOTES.md` cannot be found.',
    ]);
    const fix = findingsOf(engine, RULE)[1].fixes[0];
    assert.equal(fix.safe, true);
    const change = fix.changes[0];
    assert.ok(change.kind === 'edit');
    const updated = applyTextEdits(files['docs/TASKS/P4T3_TASK.md'], change.edits);
    assert.match(updated, /\n {2}- \.\.\/ARCHIVE\/TASKS\/P4T2_DONE\.md\n/);
    const after = createTestEngine({ files: { ...files, 'docs/TASKS/P4T3_TASK.md': updated }, rules });
    assert.equal(findingLines(after, RULE).length, 2);
  });

  it('checks only task docs', () => {
    const engine = createTestEngine({ files: { 'docs/notes.md': task('state: DONE\nrelated_docs: [GONE.md]\n') }, rules });
    assert.deepEqual(findingLines(engine, RULE), []);
  });
});
