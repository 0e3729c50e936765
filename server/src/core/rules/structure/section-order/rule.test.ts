import { strict as assert } from 'node:assert';
import { createTestEngine, findingLines, findingsOf } from '../../../../../../test/helpers/engine';
import { structureSectionOrder } from './rule';

const RULE = 'structure/section-order';
const rules = [structureSectionOrder];

describe('structure/section-order', () => {
  it('reports a section placed out of the schema order, at info severity', () => {
    const adr = '# ADR-0003: Queue\n\n## Status\n\nAccepted\n\n## Date\n\n2024-01-02\n\n## Decision\n\n## Context\n\n## Consequences\n\n## Alternatives Considered\n';
    const engine = createTestEngine({ files: { 'docs/adr/0003-queue.md': adr }, rules });
    assert.deepEqual(findingLines(engine, RULE), [
      'docs/adr/0003-queue.md:13:1 structure/section-order Section `Context` is out of order: the built-in `adr` schema lists it between `Date` and `Decision`.',
    ]);
    assert.equal(findingsOf(engine, RULE)[0].severity, 'info');
  });

  it('checks subsections within their parent', () => {
    const template = '# T\n\n## Consequences\n\n### Positive\n\n### Negative\n';
    const adr = '# ADR-0003: Queue\n\n## Consequences\n\n### Negative\n\n### Positive\n';
    const engine = createTestEngine({ files: { 'docs/adr/template.md': template, 'docs/adr/0003-queue.md': adr }, rules });
    assert.deepEqual(findingLines(engine, RULE), [
      'docs/adr/0003-queue.md:7:1 structure/section-order Section `Positive` is out of order: the template docs/adr/template.md lists it before `Negative`.',
    ]);
  });

  it('stays silent when the order matches, metadata fields and extra sections included', () => {
    const adr = '# ADR-0003: Queue\n\n**Status:** Accepted\n**Date:** 2024-01-02\n\n## Context\n\n## Notes\n\n## Decision\n\n## Consequences\n\n## Alternatives\n';
    const engine = createTestEngine({ files: { 'docs/adr/0003-queue.md': adr }, rules });
    assert.deepEqual(findingLines(engine, RULE), []);
  });
});
