import { strict as assert } from 'node:assert';
import { applyTextEdits, chooseSafeFixes, mergeChanges } from '../server/src/core/fixes';
import type { Finding } from '../server/src/core/types';
import { createTestEngine, findingLines, findingsOf } from './helpers/engine';
import { readFixtureTree } from './helpers/fixtureTree';

/** Applies the edits of the given fixes to one file's text. */
function applyFixes(text: string, path: string, findings: Finding[]): string {
  const edits = mergeChanges(chooseSafeFixes(findings)).flatMap((c) => (c.kind === 'edit' && c.path === path ? c.edits : []));
  return applyTextEdits(text, edits);
}

describe('migrations: stale references, archives and damaged text', () => {
  describe('a damaged migration guide', () => {
    const files = readFixtureTree('test/fixtures/damaged');
    const path = 'docs/ROLLOUT_GUIDE.md';
    const text = files[path];
    const config = [
      'staleReferences:',
      '  - term: USE_NEW_PANEL1',
      '    note: The split widgets are always on.',
      '  - term: USE_NEW_PANEL2',
      '    note: The split widgets are always on.',
      '',
    ].join('\n');
    const engine = createTestEngine({ files, config });

    it('reports every mojibake run, and the safe fixes restore check marks, emoji and box drawing', () => {
      const damaged = findingsOf(engine, 'content/mojibake');
      assert.equal(damaged.length, 14);
      let fixed = text;
      for (let pass = 0; pass < 3; pass++) {
        const again = findingsOf(createTestEngine({ files: { ...files, [path]: fixed }, config }), 'content/mojibake');
        if (again.length === 0) break;
        fixed = applyFixes(fixed, path, again);
      }
      for (const expected of ['✅ **Widget A split**', '### ✅ Step 1', '✓ switches load', '### 🔄 Step 2', '├── widget_a/', '│   ├── __init__.py', '│   └── layout.py', '└── widget_b_old.py', '`widgets/widget_a.py` → `widgets/widget_a_old.py`']) {
        assert.ok(fixed.includes(expected), `fixed text should contain ${expected}`);
      }
      assert.doesNotMatch(fixed, /[âð]/);
      assert.deepEqual(findingsOf(createTestEngine({ files: { ...files, [path]: fixed }, config }), 'content/mojibake'), []);
    });

    it('reports the machine-specific path', () => {
      assert.deepEqual(findingLines(engine, 'content/absolute-path').map((l) => l.split(' ').slice(0, 1)[0]), [`${path}:46:4`]);
    });

    it('reports every mention of the removed switches', () => {
      const expected = [...text.matchAll(/USE_NEW_PANEL[12]/g)].map((m) => {
        const before = text.slice(0, m.index);
        const line = before.split('\n').length;
        return `${path}:${line}:${m.index - before.lastIndexOf('\n')}`;
      });
      assert.equal(expected.length, 5);
      const found = findingsOf(engine, 'stale/reference');
      assert.deepEqual(found.map((f) => `${f.path}:${f.range.start.line + 1}:${f.range.start.character + 1}`), expected);
      assert.match(found[0].message, /^`USE_NEW_PANEL1` was removed and has no replacement \(mapping from `\.adrift\.yaml`\)\. The split widgets are always on\.$/);
    });

    it('reports its links to support documents that do not exist', () => {
      assert.deepEqual(findingLines(engine, 'links/broken'), [
        `${path}:71:22 links/broken Link target \`WIDGET_INTERNALS.md\` does not exist (resolved to \`docs/WIDGET_INTERNALS.md\`).`,
        `${path}:72:21 links/broken Link target \`checklists/TRIAL.md\` does not exist (resolved to \`docs/checklists/TRIAL.md\`).`,
      ]);
    });
  });

  it('reports a retired term in living documents only, not in the ADR history, the archive or the task', () => {
    const engine = createTestEngine({ files: readFixtureTree('test/fixtures/migration-tree') });
    assert.deepEqual(
      findingLines(engine, 'stale/reference').map((l) => l.split(' ')[0]),
      ['CLAUDE.md:3:30', 'docs/CONCEPTS/console-state.md:5:47', 'docs/CONCEPTS/console-state.md:9:11'],
    );
  });

  describe('an archive plan that follows the inventory', () => {
    const files = readFixtureTree('test/fixtures/archive-plan');
    const today = '2025-06-01';

    it('reports the duplicate, the move still to do, and the archived documents without a notice', () => {
      const engine = createTestEngine({ files, today });
      assert.deepEqual(findingLines(engine, 'archive/inventory'), [
        'docs/TASKS/P5T8-archive.md:10:3 archive/inventory `apps/web_console/README.md` exists both at its current path and at its archive path `docs/ARCHIVE/streamlit/web_console_readme.md`; delete one copy.',
        'docs/TASKS/P5T8-archive.md:11:3 archive/inventory `docs/CONCEPTS/streamlit-sessions.md` is not archived yet; the inventory moves it to `docs/ARCHIVE/streamlit/concepts/streamlit-sessions.md`.',
      ]);
      assert.deepEqual(findingLines(engine, 'archive/deprecation-notice').map((l) => l.split(' ')[0]), [
        'docs/ARCHIVE/streamlit/concepts/streamlit-layout.md:1:1',
        'docs/ARCHIVE/streamlit/web_console_readme.md:1:1',
      ]);
    });

    it('inserts notices that pass the rule, with the replacement inferred from the inventory or the ADR', () => {
      const engine = createTestEngine({ files, today });
      const next = { ...files };
      for (const finding of findingsOf(engine, 'archive/deprecation-notice')) {
        const change = finding.fixes[0].changes[0];
        assert.equal(change.kind, 'edit');
        next[finding.path] = applyTextEdits(next[finding.path], change.kind === 'edit' ? change.edits : []);
      }
      assert.match(next['docs/ARCHIVE/streamlit/web_console_readme.md'], /\*\*Replacement:\*\* See \[README\.md\]\(\.\.\/\.\.\/\.\.\/apps\/web_console_ng\/README\.md\)/);
      assert.match(next['docs/ARCHIVE/streamlit/concepts/streamlit-layout.md'], /\*\*Replacement:\*\* See \[ADR-0031-nicegui-console\.md\]\(\.\.\/\.\.\/\.\.\/ADRs\/ADR-0031-nicegui-console\.md\)/);
      assert.match(next['docs/ARCHIVE/streamlit/web_console_readme.md'], /^---\n\*\*DEPRECATED:\*\* This document describes the legacy Streamlit web console\.\n\n\*\*Archived:\*\* 2025-06-01\n/);
      const after = createTestEngine({ files: next, today });
      assert.deepEqual(findingLines(after, 'archive/deprecation-notice'), []);
      assert.deepEqual(findingLines(after, 'links/broken').filter((l) => l.startsWith('docs/ARCHIVE/')), []);
    });
  });
});
