import { strict as assert } from 'node:assert';
import { createTestEngine } from '../../../test/helpers/engine';
import { describeDocument, describeHeading } from './describeDocument';

const TASK = '---\nid: P1T1\n---\n\n# P1T1\n\n### T1.1 Record\n\n**Deliverable:** `docs/adr/0001-x.md`\n\n**Required Sections:**\n\n1. **Context**\n   - [ ] The pain\n2. **Consequences**\n3. **Risks** (under Consequences)\n';

describe('describeDocument', () => {
  it('tells the kind, where it came from and the spec that governs the structure, with expected content', () => {
    const engine = createTestEngine({ files: { 'docs/TASKS/P1T1_TASK.md': TASK, 'docs/adr/0001-x.md': '# ADR-0001: X\n' } });
    const text = describeDocument(engine.getDocument('docs/adr/0001-x.md')!, engine.view());
    assert.match(text.split('\n')[0], /^\*\*adrift\*\* · kind `adr` \(from path convention `[^`]+`\)$/);
    assert.equal(
      text.split('\n').slice(1).join('\n'),
      [
        '',
        'Structure required by the deliverable spec in docs/TASKS/P1T1_TASK.md T1.1:',
        '',
        '- Context',
        '  - _The pain_',
        '- Consequences',
        '  - Risks',
      ].join('\n'),
    );
  });

  it('names the built-in schema, or says that nothing applies', () => {
    const engine = createTestEngine({ files: { 'docs/CONCEPTS/a.md': '# A\n', 'docs/notes.md': '# Notes\n' } });
    assert.match(describeDocument(engine.getDocument('docs/CONCEPTS/a.md')!, engine.view()), /required by the built-in `concept` schema:\n\n- Overview\n- Related Documents$/);
    assert.match(describeDocument(engine.getDocument('docs/notes.md')!, engine.view()), /kind `other` \(from no convention matched\)\n\nNo required structure applies/);
  });
});

describe('describeHeading', () => {
  it('shows the expected content of a required section on its heading', () => {
    const engine = createTestEngine({ files: { 'docs/TASKS/P1T1_TASK.md': TASK, 'docs/adr/0001-x.md': '# ADR-0001: X\n\n## 1. Context\n\n## Consequences\n' } });
    const summary = engine.getDocument('docs/adr/0001-x.md')!;
    assert.equal(describeHeading(summary, engine.view(), 2), '**Context**: required by docs/TASKS/P1T1_TASK.md T1.1\n\nExpected content:\n\n- The pain');
    assert.equal(describeHeading(summary, engine.view(), 4), '**Consequences**: required by docs/TASKS/P1T1_TASK.md T1.1\n\nRequired subsections: Risks');
    assert.equal(describeHeading(summary, engine.view(), 0), null);
  });

  it('lists a task doc’s deliverables and whether they exist', () => {
    const engine = createTestEngine({ files: { 'docs/TASKS/P1T1_TASK.md': TASK } });
    assert.match(describeDocument(engine.getDocument('docs/TASKS/P1T1_TASK.md')!, engine.view()), /Deliverables:\n\n- `docs\/adr\/0001-x.md` \(T1.1\): missing, 2 required sections$/);
  });
});
