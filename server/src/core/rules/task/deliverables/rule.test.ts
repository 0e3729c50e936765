import { strict as assert } from 'node:assert';
import { createTestEngine, findingLines, findingsOf } from '../../../../../../test/helpers/engine';
import { allRules } from '../../index';
import { taskDeliverablesRule } from './rule';

const RULE = 'task/deliverables';
const today = '2026-06-01';

const TASK = `---
id: P3T1
---

# P3T1: Exports

### T1.1 Decision Record

**Deliverable:** \`docs/ADRs/ADR-0012-exports.md\`

**Required Sections:**

1. **Title and Metadata**
2. **Context**
   - [ ] Why CSV alone is not enough
3. **Decision**
4. **Consequences**
5. **Risks** (under Consequences)

### T1.2 Docs

#### T1.2a Export Formats (\`docs/CONCEPTS/export-formats.md\`)

#### T1.2b Export Rollback (\`docs/RUNBOOKS/export-rollback.md\`)

**Files to Create:**
\`\`\`
docs/RUNBOOKS/
├── export-rollback.md
└── export-deploy.md    # first release
scripts/
└── export.py
\`\`\`
`;

describe('task/deliverables', () => {
  it('reports each declared file that does not exist, once, on its first declaration', () => {
    const engine = createTestEngine({ files: { 'docs/TASKS/P3T1_TASK.md': TASK, 'docs/RUNBOOKS/export-deploy.md': '# Deploy\n' }, rules: [taskDeliverablesRule], today });
    assert.deepEqual(findingLines(engine, RULE), [
      'docs/TASKS/P3T1_TASK.md:9:1 task/deliverables The deliverable `docs/ADRs/ADR-0012-exports.md` (T1.1) does not exist.',
      'docs/TASKS/P3T1_TASK.md:22:1 task/deliverables The deliverable `docs/CONCEPTS/export-formats.md` (T1.2a) does not exist.',
      'docs/TASKS/P3T1_TASK.md:24:1 task/deliverables The deliverable `docs/RUNBOOKS/export-rollback.md` (T1.2b) does not exist.',
      'docs/TASKS/P3T1_TASK.md:32:1 task/deliverables The file to create `scripts/export.py` (T1.2b) does not exist.',
    ]);
    const fixes = findingsOf(engine, RULE).map((f) => f.fixes);
    assert.deepEqual(fixes[3], [], 'files that are not documents get no skeleton');
  });

  it('creates ADRs from the spec, concept docs and runbooks from their skeletons, and they pass the structure rules', () => {
    const engine = createTestEngine({ files: { 'docs/TASKS/P3T1_TASK.md': TASK }, rules: [taskDeliverablesRule], today });
    const created: Record<string, string> = {};
    for (const finding of findingsOf(engine, RULE)) {
      for (const change of finding.fixes[0]?.changes ?? []) if (change.kind === 'create') created[change.path] = change.content;
    }
    assert.deepEqual(Object.keys(created).sort(), ['docs/ADRs/ADR-0012-exports.md', 'docs/CONCEPTS/export-formats.md', 'docs/RUNBOOKS/export-deploy.md', 'docs/RUNBOOKS/export-rollback.md']);
    assert.deepEqual(
      created['docs/ADRs/ADR-0012-exports.md'].split('\n').filter((l) => l.startsWith('#')),
      ['# ADR-0012: Exports', '## Status', '## Date', '## Context', '### Problem Statement', '## Decision', '## Consequences', '### Positive', '### Negative', '### Trade-offs', '### Risks'],
    );
    assert.match(created['docs/ADRs/ADR-0012-exports.md'], /## Date\n\n2026-06-01\n/);
    assert.match(created['docs/CONCEPTS/export-formats.md'], /^# Export Formats\n/);
    assert.match(created['docs/RUNBOOKS/export-rollback.md'], /^# Export Rollback Runbook\n/);
    assert.match(created['docs/RUNBOOKS/export-deploy.md'], /^# Export Deployment Runbook\n/);

    const after = createTestEngine({ files: { 'docs/TASKS/P3T1_TASK.md': TASK, 'scripts/export.py': '', ...created }, rules: allRules, today });
    const mine = ['structure/required-sections', 'structure/section-order', 'adr/metadata', 'adr/numbering', 'task/deliverables', 'runbook/structure', 'code/fence-language', 'code/syntax', 'code/secret-literal'];
    assert.deepEqual(findingLines(after).filter((l) => mine.some((id) => l.includes(` ${id} `))), []);
  });

  it('titles a new file with the task doc\'s spelling of its words, and names the runbook kind once', () => {
    const task = '---\nid: P3T2\n---\n\n# P3T2: GraphQL API\n\nThe GraphQL API gets runbooks.\n\n**Files to Create:**\n```\ndocs/RUNBOOKS/\n├── graphql-api-perf.md\n└── graphql-deploy.md\n```\n';
    const engine = createTestEngine({ files: { 'docs/TASKS/P3T2_TASK.md': task }, rules: [taskDeliverablesRule], today });
    const titles = findingsOf(engine, RULE).map((f) => {
      const change = f.fixes[0].changes[0];
      return change.kind === 'create' ? change.content.split('\n')[0] : '';
    });
    assert.deepEqual(titles, ['# GraphQL API Performance Runbook', '# GraphQL Deployment Runbook']);
  });

  it('reports files the task plans to modify that do not exist, without a skeleton', () => {
    const task = '---\nid: P3T3\n---\n\n# P3T3: Status\n\n### T3.1 Status page\n\n**File:** `docs/STATUS.md`\n\n**Files to Modify:**\n```\ndocs/INDEX.md\ndocs/STATUS.md\ndocs/MAP.md\n```\n';
    const engine = createTestEngine({ files: { 'docs/TASKS/P3T3_TASK.md': task, 'docs/INDEX.md': '# Index\n' }, rules: [taskDeliverablesRule], today });
    assert.deepEqual(findingLines(engine, RULE), [
      'docs/TASKS/P3T3_TASK.md:9:1 task/deliverables The file to modify `docs/STATUS.md` (T3.1) does not exist; correct the path, or move the file to the files to create.',
      'docs/TASKS/P3T3_TASK.md:15:1 task/deliverables The file to modify `docs/MAP.md` (T3.1) does not exist; correct the path, or move the file to the files to create.',
    ]);
    assert.deepEqual(findingsOf(engine, RULE).map((f) => f.fixes.length), [0, 0]);
  });

  it('ignores task docs that are archived and documents that are not tasks', () => {
    const engine = createTestEngine({
      files: { 'docs/ARCHIVE/TASKS/P3T1_DONE.md': TASK, 'docs/guide.md': '**Deliverable:** `docs/x.md`\n' },
      rules: [taskDeliverablesRule],
      today,
    });
    assert.deepEqual(findingLines(engine, RULE), []);
  });
});
