import { strict as assert } from 'node:assert';
import { createTestEngine, findingLines, findingsOf } from '../../../../../../test/helpers/engine';
import { adrMetadata } from './rule';

const RULE = 'adr/metadata';
const rules = [adrMetadata];
const today = '2026-06-01';
const PATH = 'docs/ADRs/ADR-0031-search.md';

const BODY = '## Context\n\nSlow.\n\n## Decision\n\nFast.\n';

const STYLES: Record<string, string> = {
  'bold fields': `# ADR-0031: Search\n\n**Status:** Accepted\n**Date:** 2026-03-05\n\n${BODY}`,
  'Status and Date headings': `# ADR-0031: Search\n\n## Status\n\nAccepted\n\n## Date\n\n2026-03-05\n\n${BODY}`,
  'front matter': `---\nstatus: accepted\ndate: 2026-03-05\n---\n\n# ADR-0031: Search\n\n${BODY}`,
};

function check(text: string, extra: Record<string, string> = {}, path = PATH): string[] {
  return findingLines(createTestEngine({ files: { ...extra, [path]: text }, rules, today }), RULE).filter((l) => l.startsWith(`${path}:`));
}

describe('adr/metadata', () => {
  for (const [style, text] of Object.entries(STYLES)) {
    it(`accepts the same ADR written with ${style}`, () => {
      assert.deepEqual(check(text), []);
    });
  }

  it('reports a missing status and date on the title', () => {
    assert.deepEqual(check(`# ADR-0031: Search\n\n${BODY}`), [
      'docs/ADRs/ADR-0031-search.md:1:1 adr/metadata ADR has no date; expected a `## Date` section, a `**Date:**` field or `date:` in front matter, as YYYY-MM-DD.',
      'docs/ADRs/ADR-0031-search.md:1:1 adr/metadata ADR has no status; expected a `## Status` section, a `**Status:**` field or `status:` in front matter.',
    ]);
  });

  it('reports an unknown status and offers the near one', () => {
    const engine = createTestEngine({ files: { [PATH]: `# ADR-0031: Search\n\n**Status:** Acepted\n**Date:** 2026-03-05\n` }, rules, today });
    assert.deepEqual(findingLines(engine, RULE), [
      'docs/ADRs/ADR-0031-search.md:3:13 adr/metadata ADR status `Acepted` is not one of Proposed, Accepted, Rejected, Deprecated, Superseded.',
    ]);
    const fix = findingsOf(engine, RULE)[0].fixes[0];
    assert.equal(fix.title, 'Change the status to Accepted');
    assert.equal(fix.safe, false);
  });

  it('accepts the statuses configured instead of the defaults', () => {
    const config = 'rules:\n  adr/metadata:\n    statuses: [Draft, Final]\n';
    const engine = createTestEngine({ files: { [PATH]: `# ADR-0031: Search\n\n**Status:** Draft\n**Date:** 2026-03-05\n` }, rules, today, config });
    assert.deepEqual(findingLines(engine, RULE), []);
  });

  it('requires a superseded ADR to link an existing successor', () => {
    const head = '# ADR-0031: Search\n\n**Date:** 2026-03-05\n';
    assert.deepEqual(check(`${head}**Status:** Superseded\n`), [
      'docs/ADRs/ADR-0031-search.md:4:13 adr/metadata ADR is `Superseded` but does not link the ADR that supersedes it; write e.g. `Superseded by [ADR-0042](ADR-0042-new-decision.md)`.',
    ]);
    assert.deepEqual(check(`${head}**Status:** Superseded by [ADR-0040](ADR-0040-gone.md)\n`), [
      'docs/ADRs/ADR-0031-search.md:4:38 adr/metadata The superseding ADR `ADR-0040-gone.md` does not exist.',
    ]);
    assert.deepEqual(check(`${head}**Status:** Superseded by [ADR-0040](ADR-0040-new.md)\n`, { 'docs/ADRs/ADR-0040-new.md': '# ADR-0040: New\n' }), []);
  });

  it('requires an ISO calendar date that is not in the future', () => {
    const head = '# ADR-0031: Search\n\n**Status:** Accepted\n';
    assert.deepEqual(check(`${head}**Date:** March 5\n`), [
      'docs/ADRs/ADR-0031-search.md:4:11 adr/metadata ADR date `March 5` is not an ISO date; expected YYYY-MM-DD.',
    ]);
    assert.deepEqual(check(`${head}**Date:** 2026-02-30\n`), [
      'docs/ADRs/ADR-0031-search.md:4:11 adr/metadata ADR date `2026-02-30` is not an ISO date; expected YYYY-MM-DD.',
    ]);
    assert.deepEqual(check(`${head}**Date:** 2026-07-01\n`), [
      'docs/ADRs/ADR-0031-search.md:4:11 adr/metadata ADR date `2026-07-01` is in the future (today is 2026-06-01).',
    ]);
  });

  it('reports a title number that disagrees with the file name, offering the file’s number', () => {
    const engine = createTestEngine({ files: { [PATH]: `# ADR-0032: Search\n\n**Status:** Accepted\n**Date:** 2026-03-05\n` }, rules, today });
    assert.deepEqual(findingLines(engine, RULE), [
      'docs/ADRs/ADR-0031-search.md:1:7 adr/metadata The title says ADR `0032` but the file name `ADR-0031-search.md` says 31.',
    ]);
    const edit = findingsOf(engine, RULE)[0].fixes[0].changes[0];
    assert.deepEqual(edit.kind === 'edit' && edit.edits[0].newText, '0031');
  });

  it('leaves templates and the folder readme alone', () => {
    assert.deepEqual(check('# ADR-NNNN: Title\n', {}, 'docs/ADRs/0000-template.md'), []);
    assert.deepEqual(check('# Decisions\n', {}, 'docs/ADRs/README.md'), []);
  });

  it('ignores Status lines inside code blocks', () => {
    assert.deepEqual(check('# ADR-0031: Search\n\n**Date:** 2026-03-05\n\n```markdown\n**Status:** Accepted\n```\n').length, 1);
  });
});
