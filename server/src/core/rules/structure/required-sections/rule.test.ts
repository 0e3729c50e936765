import { strict as assert } from 'node:assert';
import { applyTextEdits } from '../../../fixes';
import { createTestEngine, findingLines, findingsOf } from '../../../../../../test/helpers/engine';
import { structureRequiredSections } from './rule';

const RULE = 'structure/required-sections';
const rules = [structureRequiredSections];

const TASK = `---
id: P2T4
state: PLANNING
---

# P2T4: Search Service

### T4.1 Decision Record

**Deliverable:** \`docs/ADRs/ADR-0007-search.md\`

**Required Sections:**

1. **Title and Metadata**
   - Status: Accepted
2. **Context**
   - [ ] Why the old index is too slow
3. **Decision**
4. **Consequences**
5. **Risks** (under Consequences)
   - [ ] Index rebuild time
6. **References**

**Testing:**
- [ ] All sections present
`;

function fixed(text: string, path: string, files: Record<string, string>, rounds = 5): string {
  let current = text;
  for (let i = 0; i < rounds; i++) {
    const engine = createTestEngine({ files: { ...files, [path]: current }, rules });
    const finding = findingsOf(engine, RULE).find((f) => f.path === path && f.fixes.length);
    if (!finding) break;
    const change = finding.fixes[0].changes[0];
    assert.equal(change.kind, 'edit');
    if (change.kind === 'edit') current = applyTextEdits(current, change.edits);
  }
  return current;
}

describe('structure/required-sections', () => {
  it('reports the sections a task-doc deliverable spec requires, naming the spec', () => {
    const adr = '# ADR-0007: Search\n\n## Context\n\nSlow.\n\n## Decision\n\nFast.\n\n## Consequences\n\nGood.\n';
    const engine = createTestEngine({ files: { 'docs/TASKS/P2T4_TASK.md': TASK, 'docs/ADRs/ADR-0007-search.md': adr }, rules });
    assert.deepEqual(findingLines(engine, RULE), [
      'docs/ADRs/ADR-0007-search.md:1:1 structure/required-sections Missing section `References` (required by docs/TASKS/P2T4_TASK.md T4.1).',
      'docs/ADRs/ADR-0007-search.md:11:1 structure/required-sections Missing section `Risks` under `Consequences` (required by docs/TASKS/P2T4_TASK.md T4.1).',
    ]);
    const [references] = findingsOf(engine, RULE);
    assert.deepEqual(references.related?.map((r) => [r.path, r.range.start.line]), [['docs/TASKS/P2T4_TASK.md', 21]]);
  });

  it('matches headings as a reviewer would: numbering, case, plurals and synonyms', () => {
    const adr = [
      '# 7. search',
      '',
      '## 1. CONTEXT:',
      '',
      'x',
      '',
      '## 2. The Decision',
      '',
      'x',
      '',
      '## 3) Consequence',
      '',
      '### Risks & Mitigations',
      '',
      'x',
      '',
      '## Related Documents',
      '',
      '- x',
      '',
    ].join('\n');
    const engine = createTestEngine({ files: { 'docs/TASKS/P2T4_TASK.md': TASK, 'docs/ADRs/ADR-0007-search.md': adr }, rules });
    assert.deepEqual(findingLines(engine, RULE), []);
  });

  it('reports a subsection that sits outside its parent, on the subsection', () => {
    const adr = '# ADR-0007: Search\n\n## Context\n\n## Decision\n\n## Consequences\n\n## Risks\n\n## References\n';
    const engine = createTestEngine({ files: { 'docs/TASKS/P2T4_TASK.md': TASK, 'docs/ADRs/ADR-0007-search.md': adr }, rules });
    assert.deepEqual(findingLines(engine, RULE), [
      'docs/ADRs/ADR-0007-search.md:9:1 structure/required-sections Section `Risks` must sit under `Consequences` (required by docs/TASKS/P2T4_TASK.md T4.1).',
    ]);
  });

  it('never counts headings inside code blocks', () => {
    const adr = '# ADR-0007: Search\n\n## Context\n\n## Decision\n\n## Consequences\n\n### Risks\n\n```markdown\n## References\n```\n';
    const engine = createTestEngine({ files: { 'docs/TASKS/P2T4_TASK.md': TASK, 'docs/ADRs/ADR-0007-search.md': adr }, rules });
    assert.deepEqual(findingLines(engine, RULE), [
      'docs/ADRs/ADR-0007-search.md:1:1 structure/required-sections Missing section `References` (required by docs/TASKS/P2T4_TASK.md T4.1).',
    ]);
  });

  it('inserts missing sections at their schema position, subsections inside their parent', () => {
    const adr = '# ADR-0007: Search\n\n## Context\n\nSlow.\n\n## Consequences\n\nGood.\n';
    const result = fixed(adr, 'docs/ADRs/ADR-0007-search.md', { 'docs/TASKS/P2T4_TASK.md': TASK });
    const headings = result.split('\n').filter((l) => l.startsWith('#'));
    assert.deepEqual(headings, ['# ADR-0007: Search', '## Context', '## Decision', '## Consequences', '### Risks', '## References']);
    assert.match(result, /## Decision\n\nWe will TODO: state the decision/);
    const engine = createTestEngine({ files: { 'docs/TASKS/P2T4_TASK.md': TASK, 'docs/ADRs/ADR-0007-search.md': result }, rules });
    assert.deepEqual(findingLines(engine, RULE), []);
  });

  it('inserts a section the schema puts first before the first section, not at the end, when no sibling anchors it', () => {
    const concept = '# Queues\n\nSee [a](a.md).\n\n## Retry Policy\n\nThree tries.\n\n## Dead Letters\n\nKept a week.\n';
    const result = fixed(concept, 'docs/CONCEPTS/queues.md', {});
    const headings = result.split('\n').filter((l) => l.startsWith('#'));
    assert.deepEqual(headings, ['# Queues', '## Overview', '## Retry Policy', '## Dead Letters', '## Related Documents']);
    assert.match(result, /See \[a\]\(a\.md\)\.\n\n## Overview\n\nTODO: What this concept is, and when a reader needs it\.\n\n## Retry Policy/);
  });

  it('uses the expected content of the spec when no skeleton has the section', () => {
    const task = TASK.replace('6. **References**', '6. **Search Tuning**\n   - [ ] Boost weights');
    const adr = '# ADR-0007: Search\n\n## Context\n\n## Decision\n\n## Consequences\n\n### Risks\n';
    const result = fixed(adr, 'docs/ADRs/ADR-0007-search.md', { 'docs/TASKS/P2T4_TASK.md': task });
    assert.ok(result.endsWith('### Risks\n\n## Search Tuning\n\nTODO: cover\n\n- Boost weights\n'), result);
  });

  it('holds ADRs to the built-in adr schema, where a bold Status field counts', () => {
    const adr = '# ADR-0003: Queue\n\n**Status:** Accepted\n**Date:** 2024-01-02\n\n## Context\n\n## Decision\n\n## Consequences\n';
    const engine = createTestEngine({ files: { 'docs/adr/0003-queue.md': adr }, rules });
    assert.deepEqual(findingLines(engine, RULE), [
      'docs/adr/0003-queue.md:1:1 structure/required-sections Missing section `Alternatives Considered` (required by the built-in `adr` schema).',
    ]);
  });

  it('prefers the repository template over the built-in schema', () => {
    const template = '# ADR-NNNN: Title\n\n## Status\n\n## Context\n\n## Decision\n\n## Outcome\n\n### Follow-ups\n';
    const adr = '# ADR-0003: Queue\n\n## Status\n\nAccepted\n\n## Context\n\n## Decision\n\n## Outcome\n';
    const engine = createTestEngine({ files: { 'docs/decisions/0000-template.md': template, 'docs/decisions/0003-queue.md': adr }, rules });
    assert.deepEqual(findingLines(engine, RULE), [
      'docs/decisions/0003-queue.md:11:1 structure/required-sections Missing section `Follow-ups` under `Outcome` (required by the template docs/decisions/0000-template.md).',
    ]);
  });

  it('applies a schema that config assigns to a glob, and none where config turns it off', () => {
    const adr = '# ADR-0003: Queue\n\n## Status\n\nAccepted\n\n## Date\n\n2024-01-02\n\n## Context\n\n## Decision\n\n## Alternatives Considered\n\n## Consequences\n\n### Risks\n';
    const config = 'structure:\n  schemas:\n    - files: ["docs/adr/0003-*"]\n      schema: adr-migration\n    - files: ["docs/adr/0004-*"]\n      schema: none\n';
    const engine = createTestEngine({ files: { 'docs/adr/0003-queue.md': adr, 'docs/adr/0004-empty.md': '# ADR-0004: Empty\n' }, config, rules });
    const lines = findingLines(engine, RULE);
    assert.deepEqual(
      lines.map((l) => /Missing section `([^`]+)`/.exec(l)?.[1]).sort(),
      ['Implementation Notes', 'Performance Requirements', 'References', 'Rollback Plan', 'Security Considerations'],
    );
    assert.ok(lines.every((l) => l.includes('(required by the built-in `adr-migration` schema (assigned in .adrift.yaml))')), lines.join('\n'));
  });

  it('accepts a lead paragraph as the overview of a concept doc', () => {
    const concept = '# Caching\n\nFragments are cached per account for thirty seconds.\n\n## See Also\n\n- [ADR](../adr/0001-x.md)\n';
    const engine = createTestEngine({ files: { 'docs/CONCEPTS/caching.md': concept }, rules });
    assert.deepEqual(findingLines(engine, RULE), []);
  });

  it('leaves templates, readmes in the ADR folder and runbooks without a template alone', () => {
    const engine = createTestEngine({
      files: {
        'docs/adr/template.md': '# Title\n',
        'docs/adr/README.md': '# Decisions\n',
        'docs/RUNBOOKS/deploy.md': '# Deploy\n',
      },
      rules,
    });
    assert.deepEqual(findingLines(engine, RULE), []);
  });

  it('re-checks a governed document when its spec changes, and not when unrelated task text does', () => {
    const adr = '# ADR-0007: Search\n\n## Context\n\n## Decision\n\n## Consequences\n\n### Risks\n\n## References\n';
    const engine = createTestEngine({ files: { 'docs/TASKS/P2T4_TASK.md': TASK, 'docs/ADRs/ADR-0007-search.md': adr }, rules });
    assert.deepEqual(findingLines(engine, RULE), []);
    engine.takeChangedPaths();
    engine.upsertDocument('docs/TASKS/P2T4_TASK.md', TASK.replace('All sections present', 'Every section present'));
    assert.deepEqual(engine.takeChangedPaths(), ['docs/TASKS/P2T4_TASK.md']);
    engine.upsertDocument('docs/TASKS/P2T4_TASK.md', TASK.replace('6. **References**', '6. **References**\n7. **Glossary**'));
    assert.deepEqual(engine.takeChangedPaths().sort(), ['docs/ADRs/ADR-0007-search.md', 'docs/TASKS/P2T4_TASK.md']);
    assert.deepEqual(findingLines(engine, RULE), [
      'docs/ADRs/ADR-0007-search.md:1:1 structure/required-sections Missing section `Glossary` (required by docs/TASKS/P2T4_TASK.md T4.1).',
    ]);
  });
});
