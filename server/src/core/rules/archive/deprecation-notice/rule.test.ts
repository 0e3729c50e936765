import { strict as assert } from 'node:assert';
import { applyTextEdits } from '../../../fixes';
import type { Finding } from '../../../types';
import { createTestEngine, findingLines, findingsOf } from '../../../../../../test/helpers/engine';

const RULE = 'archive/deprecation-notice';
const TODAY = '2025-06-01';

const workspace: Record<string, string> = {
  'docs/ADRs/ADR-0031-nicegui.md': '# ADR-0031: NiceGUI\n',
  'docs/CONCEPTS/nicegui-auth.md': '# Auth\n',
  'docs/RUNBOOKS/nicegui-rollback.md': '# Rollback\n',
  'apps/web_console_ng/README.md': '# Console NG\n',
  'docs/TASKS/P5T8.md': [
    '---',
    'id: P5T8',
    '---',
    '# Archive the old console docs',
    '',
    '| Current Path | Archive Path | Description |',
    '|---|---|---|',
    '| `apps/web_console/README.md` | `docs/ARCHIVE/streamlit/web_console_readme.md` | Old console |',
    '',
    '| Old Link | New Link |',
    '|---|---|',
    '| `apps/web_console/README.md` | `apps/web_console_ng/README.md` |',
    '',
  ].join('\n'),
};

const good = [
  '---',
  '**DEPRECATED:** This document describes the legacy Streamlit web console.',
  '',
  '**Archived:** 2025-05-30',
  '**Reason:** Replaced by NiceGUI implementation (see ADR-0031)',
  '**Replacement:** See `docs/CONCEPTS/nicegui-*.md` for current documentation',
  '',
  'For rollback procedures, see [the runbook](../../RUNBOOKS/nicegui-rollback.md)',
  '',
  '---',
  '',
  '# Old console',
  '',
].join('\n');

function check(path: string, text: string): string[] {
  return findingLines(createTestEngine({ files: { ...workspace, [path]: text }, today: TODAY }), RULE);
}

function applyFix(text: string, finding: Finding): string {
  const change = finding.fixes[0].changes[0];
  assert.equal(change.kind, 'edit');
  return applyTextEdits(text, change.kind === 'edit' ? change.edits : []);
}

describe('archive/deprecation-notice', () => {
  it('accepts the template, with a glob replacement and a linked rollback runbook', () => {
    assert.deepEqual(check('docs/ARCHIVE/streamlit/old.md', good), []);
  });

  it('ignores documents outside the archive', () => {
    assert.deepEqual(check('docs/CONCEPTS/old.md', '# Old\n'), []);
  });

  it('reports a missing notice and inserts one that passes, with the replacement from the inventory and mapping', () => {
    const path = 'docs/ARCHIVE/streamlit/web_console_readme.md';
    const text = '# Web console\n\nRun the console.\n';
    const engine = createTestEngine({ files: { ...workspace, [path]: text }, today: TODAY });
    const [finding, ...rest] = findingsOf(engine, RULE);
    assert.deepEqual(rest, []);
    assert.equal(finding.range.start.line, 0);
    assert.match(finding.message, /^Archived document has no deprecation notice/);
    assert.equal(finding.fixes[0].title, 'Insert the deprecation notice');
    const fixed = applyFix(text, finding);
    assert.equal(
      fixed,
      [
        '---',
        '**DEPRECATED:** This document describes the legacy Streamlit web console.',
        '',
        `**Archived:** ${TODAY}`,
        '**Reason:** Replaced by NiceGUI implementation (see ADR-0031)',
        '**Replacement:** See [README.md](../../../apps/web_console_ng/README.md) for current documentation',
        '',
        'For rollback procedures, see [nicegui-rollback.md](../../RUNBOOKS/nicegui-rollback.md)',
        '',
        '---',
        '',
        '# Web console',
        '',
        'Run the console.',
        '',
      ].join('\n'),
    );
    assert.deepEqual(check(path, fixed), []);
  });

  it('falls back to the ADR the reason names, after front matter', () => {
    const path = 'docs/ARCHIVE/streamlit/concepts/streamlit-state.md';
    const text = '---\ntitle: State\n---\n# State\n';
    const engine = createTestEngine({ files: { ...workspace, [path]: text }, today: TODAY });
    const [finding] = findingsOf(engine, RULE);
    assert.equal(finding.range.start.line, 3);
    const fixed = applyFix(text, finding);
    assert.match(fixed, /^---\ntitle: State\n---\n---\n\*\*DEPRECATED:\*\*/);
    assert.match(fixed, /\*\*Replacement:\*\* See \[ADR-0031-nicegui\.md\]\(\.\.\/\.\.\/\.\.\/ADRs\/ADR-0031-nicegui\.md\)/);
    assert.deepEqual(check(path, fixed), []);
  });

  it('reports each missing part on its own', () => {
    const text = '**DEPRECATED:** This document describes the old console.\n\n# Old\n';
    assert.deepEqual(check('docs/ARCHIVE/old.md', text), [
      'docs/ARCHIVE/old.md:1:1 archive/deprecation-notice The deprecation notice has no `**Archived:** YYYY-MM-DD` line.',
      'docs/ARCHIVE/old.md:1:1 archive/deprecation-notice The deprecation notice has no `**Reason:**`; say why the document was archived.',
      'docs/ARCHIVE/old.md:1:1 archive/deprecation-notice The deprecation notice has no `**Replacement:**` pointing readers to the current document.',
      'docs/ARCHIVE/old.md:1:1 archive/deprecation-notice The deprecation notice has no rollback pointer (`For rollback procedures, see ...`).',
    ]);
  });

  it('reports a date in the future, a date that is not ISO, an empty reason and a replacement that does not resolve', () => {
    const lines = good
      .replace('2025-05-30', '2025-06-02')
      .replace('nicegui-*.md', 'nicegui-missing.md');
    assert.deepEqual(check('docs/ARCHIVE/streamlit/old.md', lines), [
      'docs/ARCHIVE/streamlit/old.md:4:15 archive/deprecation-notice Archive date `2025-06-02` is in the future (today is `2025-06-01`).',
      'docs/ARCHIVE/streamlit/old.md:6:18 archive/deprecation-notice `**Replacement:**` points to `docs/CONCEPTS/nicegui-missing.md`, which does not exist.',
    ]);
    const other = good.replace('2025-05-30', '30/05/2025').replace('**Reason:** Replaced by NiceGUI implementation (see ADR-0031)', '**Reason:**').replace('See `docs/CONCEPTS/nicegui-*.md`', 'See [x](../nowhere.md)');
    assert.deepEqual(check('docs/ARCHIVE/streamlit/old.md', other), [
      'docs/ARCHIVE/streamlit/old.md:4:15 archive/deprecation-notice Archive date `30/05/2025` is not an ISO date (`YYYY-MM-DD`).',
      'docs/ARCHIVE/streamlit/old.md:5:1 archive/deprecation-notice The deprecation notice has no `**Reason:**`; say why the document was archived.',
    ]);
  });

  it('leaves a broken replacement link to links/broken, and reports it itself when that rule is off', () => {
    const text = good.replace('See `docs/CONCEPTS/nicegui-*.md`', 'See [x](../nowhere.md)');
    const both = createTestEngine({ files: { ...workspace, 'docs/ARCHIVE/streamlit/old.md': text }, today: TODAY });
    assert.deepEqual(
      [...findingLines(both, RULE), ...findingLines(both, 'links/broken')].map((l) => l.split(' ').slice(0, 2).join(' ')),
      ['docs/ARCHIVE/streamlit/old.md:6:26 links/broken'],
    );
    const alone = createTestEngine({ files: { ...workspace, 'docs/ARCHIVE/streamlit/old.md': text }, config: 'rules:\n  links/broken: off\n', today: TODAY });
    assert.deepEqual(findingLines(alone, RULE), [
      'docs/ARCHIVE/streamlit/old.md:6:18 archive/deprecation-notice `**Replacement:**` points to `../nowhere.md`, which does not exist.',
    ]);
  });

  it('adds a missing line with its fix', () => {
    const text = good.replace('**Archived:** 2025-05-30\n', '');
    const engine = createTestEngine({ files: { ...workspace, 'docs/ARCHIVE/a.md': text }, today: TODAY });
    const [finding] = findingsOf(engine, RULE);
    const fixed = applyFix(text, finding);
    assert.match(fixed, /\*\*DEPRECATED:\*\*[^\n]*\n\n\*\*Archived:\*\* 2025-06-01\n/);
    assert.deepEqual(check('docs/ARCHIVE/a.md', fixed), []);
  });

  it('does not ask finished task plans moved to the archive for a notice', () => {
    const record = '---\nid: P1T2\nstate: COMPLETE\n---\n\n# P1T2: Login\n';
    assert.deepEqual(check('docs/ARCHIVE/tasks/P1T2_DONE.md', record), []);
    assert.deepEqual(check('docs/ARCHIVE/tasks/notes.md', '# Notes\n').map((l) => l.split(' ')[0]), ['docs/ARCHIVE/tasks/notes.md:1:1']);
  });

  it('follows a configured archive folder', () => {
    const engine = createTestEngine({
      files: { ...workspace, 'docs/retired/a.md': '# A\n', 'docs/ARCHIVE/b.md': '# B\n' },
      config: 'archive:\n  folder: docs/retired/\n',
      today: TODAY,
    });
    assert.deepEqual(findingLines(engine, RULE).map((l) => l.split(' ')[0]), ['docs/retired/a.md:1:1']);
  });
});
