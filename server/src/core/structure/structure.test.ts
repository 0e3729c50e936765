import { strict as assert } from 'node:assert';
import { parseDocument } from '../parse';
import { canonicalName, normalizeName, sameSection } from './names';
import { taskDeliverables, treeEntries } from './taskSpecs';

describe('section names', () => {
  it('ignore case, punctuation, numbering and plurals', () => {
    assert.equal(normalizeName('## 2. Context:'.replace(/^#+ /, '')), 'context');
    assert.equal(normalizeName('Trade-offs'), 'tradeoff');
    assert.equal(normalizeName('TRADE-OFF'), 'tradeoff');
    assert.equal(normalizeName('Implementation Notes (required per the guide)'), 'implementation note');
    assert.equal(normalizeName('Status'), 'status');
  });

  it('treat common synonyms as the same section', () => {
    assert.ok(sameSection('Alternatives', 'Alternatives Considered'));
    assert.ok(sameSection('Options Considered', 'Alternatives Considered'));
    assert.ok(sameSection('References', 'Related Documents'));
    assert.ok(sameSection('See also', 'References'));
    assert.ok(sameSection('Risks & Mitigations', 'Risks'));
    assert.ok(!sameSection('Context', 'Decision'));
    assert.ok(!sameSection('Decision makers', 'Decision'));
    assert.equal(canonicalName('Before you begin'), 'prerequisite');
  });
});

describe('task doc deliverable specs', () => {
  it('read deliverables, the required sections with their expected content, and "(under X)"', () => {
    const doc = parseDocument(
      'docs/TASKS/P1T1_TASK.md',
      [
        '# P1T1',
        '',
        '### T1.1 Record',
        '',
        '**Deliverable:** `docs/adr/0001-x.md`',
        '',
        '**Required Sections:**',
        '',
        '1. **Context**',
        '   - [ ] The pain',
        '   - [ ] The deadline',
        '2. **Consequences**',
        '3. **Risks** (under Consequences)',
        '4. **Implementation Notes** (required by the guide)',
        '',
        '**Testing:**',
        '- [ ] Not a section',
        '',
      ].join('\n'),
    );
    const [deliverable] = taskDeliverables(doc);
    assert.equal(deliverable.path, 'docs/adr/0001-x.md');
    assert.equal(deliverable.feature, 'T1.1');
    const outline = deliverable.sections.map((s) => [s.name, s.expected, s.children.map((c) => c.name)]);
    assert.deepEqual(outline, [
      ['Context', ['The pain', 'The deadline'], []],
      ['Consequences', [], ['Risks']],
      ['Implementation Notes', [], []],
    ]);
  });

  it('read "Files to Create" trees, skipping notes and folders', () => {
    assert.deepEqual(
      treeEntries(['docs/', '├── RUNBOOKS/', '│   ├── a.md', '│   └── b.md   # later', '└── INDEX.md', '(moved docs)'].join('\n')),
      [
        { path: 'docs/RUNBOOKS/a.md', line: 2 },
        { path: 'docs/RUNBOOKS/b.md', line: 3 },
        { path: 'docs/INDEX.md', line: 4 },
      ],
    );
  });
});
