import { strict as assert } from 'node:assert';
import { loadConfig } from '../../../config/load';
import { applyTextEdits } from '../../../fixes';
import { allRules } from '../../index';
import { createTestEngine, findingLines, findingsOf } from '../../../../../../test/helpers/engine';

const RULE = 'stale/reference';
const lines = (files: Record<string, string>, config?: string) => findingLines(createTestEngine({ files, config }), RULE);

describe('stale/reference', () => {
  describe('the built-in preset', () => {
    it('reports a retired term with its replacement and where the mapping came from', () => {
      assert.deepEqual(lines({ 'docs/CONCEPTS/state.md': '# State\n\nKeep the user in `st.session_state`.\n' }), [
        'docs/CONCEPTS/state.md:3:19 stale/reference `st.session_state` is retired; use `app.storage` instead (mapping from the built-in preset `streamlit-to-nicegui`).',
      ]);
    });

    it('checks code blocks of living documents', () => {
      assert.deepEqual(lines({ 'docs/RUNBOOKS/restart.md': '# Restart\n\n```python\nst.dataframe(rows)\nimport streamlit_autorefresh\n```\n' }), [
        'docs/RUNBOOKS/restart.md:4:1 stale/reference `st.dataframe` is retired; use `ui.aggrid` instead (mapping from the built-in preset `streamlit-to-nicegui`).',
        'docs/RUNBOOKS/restart.md:5:8 stale/reference `streamlit_autorefresh` is retired; use `ui.timer` instead (mapping from the built-in preset `streamlit-to-nicegui`).',
      ]);
    });

    it('gives advice without a fix where the successor is not a literal substitute', () => {
      const engine = createTestEngine({ files: { 'CLAUDE.md': '# Agents\n\nCall st.stop() and requests.get(url).\n' } });
      const found = findingsOf(engine, RULE);
      assert.deepEqual(found.map((f) => [f.range.start.character, f.range.end.character, f.fixes.length]), [[5, 14, 0], [19, 32, 0]]);
      assert.match(found[0].message, /instead: return from the event handler/);
      assert.match(found[1].message, /`requests\.get\(` \(matches/);
    });

    it('does not match inside a longer identifier', () => {
      assert.deepEqual(lines({ 'docs/CONCEPTS/state.md': '# State\n\ntest_st.session_state, st.session_state_helper and xst.dataframe.\n' }), []);
    });

    it('matches next to punctuation and attribute access', () => {
      assert.deepEqual(
        lines({ 'docs/CONCEPTS/state.md': '# State\n\n(st.session_state.user)\n' }).map((l) => l.split(' ')[0]),
        ['docs/CONCEPTS/state.md:3:2'],
      );
    });

    it('can be turned off', () => {
      const config = 'rules:\n  stale/reference:\n    presets: []\n';
      assert.deepEqual(lines({ 'docs/CONCEPTS/state.md': '# State\n\n`st.session_state`\n' }, config), []);
    });
  });

  describe('fixes', () => {
    it('replaces one occurrence, or all of them in the file, when the mapping is one-to-one', () => {
      const text = '# State\n\nUse st.session_state here and st.session_state there.\n';
      const engine = createTestEngine({ files: { 'docs/CONCEPTS/state.md': text } });
      const [first] = findingsOf(engine, RULE);
      assert.deepEqual(first.tags, ['deprecated']);
      assert.deepEqual(first.fixes.map((f) => [f.title, f.safe]), [
        ['Replace with app.storage', false],
        ['Replace all 2 occurrences of st.session_state in this file with app.storage', false],
      ]);
      const apply = (index: number) => {
        const change = first.fixes[index].changes[0];
        assert.equal(change.kind, 'edit');
        return applyTextEdits(text, change.kind === 'edit' ? change.edits : []);
      };
      assert.equal(apply(0), '# State\n\nUse app.storage here and st.session_state there.\n');
      assert.equal(apply(1), '# State\n\nUse app.storage here and app.storage there.\n');
    });

    it('offers no replacement when mappings disagree', () => {
      const files = {
        'docs/TASKS/plan.md': '# Plan\n\n| Old | New |\n| --- | --- |\n| `st.session_state` | `nicegui.storage` |\n',
        'docs/CONCEPTS/state.md': '# State\n\n`st.session_state`\n',
      };
      const [finding] = findingsOf(createTestEngine({ files }), RULE);
      assert.equal(
        finding.message,
        '`st.session_state` is retired; its mappings disagree: `nicegui.storage` or `app.storage` (mapping from `docs/TASKS/plan.md:5`, the built-in preset `streamlit-to-nicegui`).',
      );
      assert.deepEqual(finding.fixes, []);
    });
    it('names the first three mapping table rows of a term and counts the rest', () => {
      const table = (replacement: string) => `# Plan\n\n| Old | New |\n| --- | --- |\n| \`LegacyStore\` | \`${replacement}\` |\n`;
      const files: Record<string, string> = { 'docs/CONCEPTS/state.md': '# State\n\nLegacyStore\n' };
      for (let i = 1; i <= 6; i++) files[`docs/TASKS/plan-${i}.md`] = table(i === 6 ? 'OtherStore' : 'SessionStore');
      const [finding] = findingsOf(createTestEngine({ files }), RULE);
      assert.equal(
        finding.message,
        '`LegacyStore` is retired; its mappings disagree: `SessionStore` or `OtherStore` (mapping from `docs/TASKS/plan-1.md:5`, `docs/TASKS/plan-2.md:5`, `docs/TASKS/plan-3.md:5`, 3 more table rows).',
      );
    });
  });

  describe('mapping tables in the docs', () => {
    const plan =
      '# Plan\n\n## Link Update Mapping\n\n| Old Link | New Link |\n|---|---|\n| `panels/legacy.py` | `panels/modern/` |\n| Any `LegacyStore` references | `SessionStore` references |\n| Whatever prose | Other prose |\n\n| Deprecated | Replacement |\n|---|---|\n| `run_sync()` | Call the async variant |\n';

    it('reads code spans from the cells and names the table row', () => {
      const found = lines({ 'docs/TASKS/plan.md': plan, 'docs/guide.md': '# Guide\n\nSee panels/legacy.py, LegacyStore and run_sync().\n' });
      assert.deepEqual(found, [
        'docs/guide.md:3:5 stale/reference `panels/legacy.py` is retired; use `panels/modern/` instead (mapping from `docs/TASKS/plan.md:7`).',
        'docs/guide.md:3:23 stale/reference `LegacyStore` is retired; use `SessionStore` instead (mapping from `docs/TASKS/plan.md:8`).',
        'docs/guide.md:3:39 stale/reference `run_sync()` is retired; instead: Call the async variant (mapping from `docs/TASKS/plan.md:13`).',
      ]);
    });

    it('does not report the mapping table itself, nor task documents', () => {
      const concept = '# Moves\n\n| Old | New |\n|---|---|\n| `LegacyStore` | `SessionStore` |\n';
      assert.deepEqual(lines({ 'docs/CONCEPTS/moves.md': concept, 'docs/TASKS/plan.md': plan }), []);
    });

    it('follows edits of a table in another document', () => {
      const engine = createTestEngine({ files: { 'docs/TASKS/plan.md': plan, 'docs/guide.md': '# Guide\n\nLegacyStore\n' } });
      assert.equal(findingLines(engine, RULE).length, 1);
      engine.upsertDocument('docs/TASKS/plan.md', plan.replace('| Any `LegacyStore` references | `SessionStore` references |\n', ''));
      assert.deepEqual(findingLines(engine, RULE), []);
      engine.upsertDocument('docs/TASKS/plan.md', plan);
      assert.equal(findingLines(engine, RULE).length, 1);
    });

    it('can be ignored', () => {
      const config = 'rules:\n  stale/reference:\n    tables: false\n';
      assert.deepEqual(lines({ 'docs/TASKS/plan.md': plan, 'docs/guide.md': '# Guide\n\nLegacyStore\n' }, config), []);
    });
  });

  describe('staleReferences in the config', () => {
    const config = [
      'staleReferences:',
      '  - term: USE_NEW_PANEL[12]',
      '    regex: true',
      '    note: The decomposed panels are always on.',
      '  - term: old_cli',
      '    replacement: adrift',
    ].join('\n');

    it('reports removed terms, regular expressions and literal replacements', () => {
      const found = lines({ 'docs/guide.md': '# Guide\n\n```bash\nexport USE_NEW_PANEL1=1\nexport USE_NEW_PANEL2=0\nold_cli check\n```\n' }, config);
      assert.deepEqual(found, [
        'docs/guide.md:4:8 stale/reference `USE_NEW_PANEL1` (matches `USE_NEW_PANEL[12]`) was removed and has no replacement (mapping from `.adrift.yaml`). The decomposed panels are always on.',
        'docs/guide.md:5:8 stale/reference `USE_NEW_PANEL2` (matches `USE_NEW_PANEL[12]`) was removed and has no replacement (mapping from `.adrift.yaml`). The decomposed panels are always on.',
        'docs/guide.md:6:1 stale/reference `old_cli` is retired; use `adrift` instead (mapping from `.adrift.yaml`).',
      ]);
    });

    it('keeps identifier boundaries for regular expressions too', () => {
      assert.deepEqual(lines({ 'docs/guide.md': '# Guide\n\nMY_USE_NEW_PANEL1 and USE_NEW_PANEL10\n' }, config), []);
    });

    it('rejects a pattern RE2 cannot run in linear time, as a config finding', () => {
      const { problems, config: resolved } = loadConfig(
        'staleReferences:\n  - term: (a+)\\1\n    regex: true\n  - term: "(?=x)y"\n    regex: true\n  - term: kept\n',
        '.adrift.yaml',
        allRules,
      );
      assert.deepEqual(
        problems.map((p) => `${p.range.start.line + 1}:${p.range.start.character + 1} ${p.ruleId} ${p.message.split(' (')[0]}`),
        ['2:11 config/invalid `staleReferences[0].term` is not a valid RE2 regular expression', '4:11 config/invalid `staleReferences[1].term` is not a valid RE2 regular expression'],
      );
      const engine = createTestEngine({
        files: { 'docs/guide.md': '# Guide\n\nkept aaaa\n' },
        config: 'staleReferences:\n  - term: (a+)\\1\n    regex: true\n  - term: kept\n',
      });
      assert.deepEqual(findingLines(engine, RULE).map((l) => l.split(' ')[0]), ['docs/guide.md:3:1']);
      assert.equal(resolved.section<unknown[]>('staleReferences')?.length, 3);
    });

    it('runs a pathological pattern in linear time instead of hanging', () => {
      const config2 = 'staleReferences:\n  - term: (a|aa)*$x\n    regex: true\n';
      const files = { 'docs/guide.md': `# Guide\n\n${'a'.repeat(5000)}!\n` };
      assert.deepEqual(lines(files, config2), []);
    });
  });

  describe('old and new contrasted on purpose', () => {
    const doc = [
      '# Grids',
      '',
      '| Part | Before | After |',
      '|------|--------|-------|',
      '| Grid | `st.dataframe` | `ui.aggrid` |',
      '| Page | `st.dataframe` | a card |',
      '',
      'Prefer `ui.aggrid` over',
      'the older `st.dataframe` call.',
      '',
      '- Not `st.dataframe`: `ui.aggrid` sorts.',
      '- Render reports with st.dataframe.',
      '',
      '```python',
      '# before: st.dataframe(rows)',
      '# after: ui.aggrid(spec)',
      '',
      'st.dataframe(totals)',
      '```',
      '',
      'Tables use st.dataframe.',
      '',
    ].join('\n');

    it('stays silent where the same row, list item, paragraph or code paragraph names the replacement', () => {
      assert.deepEqual(lines({ 'docs/CONCEPTS/grids.md': doc }).map((l) => l.split(' ')[0]), [
        'docs/CONCEPTS/grids.md:6:11',
        'docs/CONCEPTS/grids.md:12:23',
        'docs/CONCEPTS/grids.md:18:1',
        'docs/CONCEPTS/grids.md:21:12',
      ]);
    });

    it('stays silent where the paragraph announces the replacement, and reports the term used elsewhere', () => {
      const guide = [
        '# Auth',
        '',
        'The helper module `streamlit_helpers.py` was replaced by the middleware.',
        '',
        '```bash',
        'python streamlit_helpers.py --check',
        '```',
        '',
      ].join('\n');
      assert.deepEqual(lines({ 'docs/CONCEPTS/auth.md': guide }).map((l) => l.split(' ')[0]), ['docs/CONCEPTS/auth.md:6:8']);
    });

    it('reports a removed entry at every mention, the announcement of its removal included', () => {
      const config = 'staleReferences:\n  - term: LEGACY_GRID\n';
      const guide = '# Grid guide\n\n> The `LEGACY_GRID` switch has been removed.\n\n    export LEGACY_GRID=1\n';
      assert.deepEqual(lines({ 'docs/guide.md': guide }, config).map((l) => l.split(' ')[0]), ['docs/guide.md:3:8', 'docs/guide.md:5:12']);
    });

    it('reports every occurrence when `contrast` is off', () => {
      const config = 'rules:\n  stale/reference:\n    contrast: false\n';
      assert.equal(lines({ 'docs/CONCEPTS/grids.md': doc }, config).length, 8);
    });
  });

  describe('scope', () => {
    const files = {
      'docs/ADRs/ADR-0031-nicegui.md': [
        '# ADR-0031: Move the console to NiceGUI',
        '',
        '## Context',
        '',
        'Login state lives in `st.session_state`.',
        '',
        '## Decision',
        '',
        'Read the user from st.session_state.',
        '',
        '## Alternatives Considered',
        '',
        'Keep st.session_state.',
        '',
        '## Consequences',
        '',
        'st.session_state goes away.',
        '',
      ].join('\n'),
      'docs/CONCEPTS/state.md': '# State\n\nThe console reads `st.session_state` on every page.\n',
      'CLAUDE.md': '# Agent guide\n\nNever touch st.session_state directly.\n',
      'docs/ARCHIVE/streamlit/state.md': '# Old state\n\nEverything is in `st.session_state`.\n',
      'docs/TASKS/P5T8.md': '---\nid: P5T8\n---\n# Task\n\nReplace st.session_state.\n',
    };

    it('reports living documents only, and the ADR outside its history sections', () => {
      assert.deepEqual(lines(files).map((l) => l.split(' ')[0]), ['CLAUDE.md:3:13', 'docs/ADRs/ADR-0031-nicegui.md:9:20', 'docs/CONCEPTS/state.md:3:20']);
    });

    it('follows configured kinds and control comments', () => {
      const config = 'rules:\n  stale/reference:\n    kinds: [concept]\n';
      const withComment = { ...files, 'docs/CONCEPTS/state.md': '# State\n\n<!-- adrift-disable-next-line stale/reference -->\nThe console reads `st.session_state`.\n' };
      assert.deepEqual(lines(withComment, config), []);
      assert.deepEqual(lines(files, config).map((l) => l.split(' ')[0]), ['docs/CONCEPTS/state.md:3:20']);
    });

    it('stays silent in a configured archive folder', () => {
      const config = 'archive:\n  folder: docs/retired\n';
      assert.deepEqual(lines({ 'docs/retired/state.md': '# State\n\n`st.session_state`\n' }, config), []);
    });

    it('stays silent in planning documents, which have no task id', () => {
      const planning = '# Plan\n\nThe console keeps the user in st.session_state today.\n';
      assert.deepEqual(lines({ 'docs/TASKS/P9_PLANNING.md': planning, 'docs/ROADMAP_planning.md': planning }), []);
      const config = 'rules:\n  stale/reference:\n    planningDocs: []\n';
      assert.deepEqual(lines({ 'docs/TASKS/P9_PLANNING.md': planning }, config).map((l) => l.split(' ')[0]), ['docs/TASKS/P9_PLANNING.md:3:31']);
    });

    it('can skip code blocks', () => {
      const config = 'rules:\n  stale/reference:\n    codeBlocks: false\n';
      assert.deepEqual(lines({ 'docs/CONCEPTS/a.md': '# A\n\n```python\nst.session_state\n```\n' }, config), []);
    });
  });
});
