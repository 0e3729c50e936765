import { strict as assert } from 'node:assert';
import { createTestEngine, findingLines, findingsOf } from '../../../../../../test/helpers/engine';

const RULE = 'archive/inventory';

const plan = [
  '---',
  'id: P5T8',
  '---',
  '# Archive the old console docs',
  '',
  '| Current Path | Archive Path | Description |',
  '|---|---|---|',
  '| `apps/web_console/README.md` | `docs/ARCHIVE/streamlit/web_console_readme.md` | Old console |',
  '| `docs/CONCEPTS/streamlit-*` (if any) | `docs/ARCHIVE/streamlit/concepts/` | Old concepts |',
  '| `tests/integration/test_streamlit_csp.py` | Keep but mark deprecated | Needed for rollback |',
  '| `docs/RUNBOOKS/streamlit-restart.md` | Keep but mark deprecated | Still used |',
  '',
].join('\n');

const notice = '---\n**DEPRECATED:** This document describes the old console.\n\n---\n\n# Restart\n';

function check(files: Record<string, string>): string[] {
  return findingLines(createTestEngine({ files: { 'docs/TASKS/P5T8.md': plan, ...files } }), RULE);
}

describe('archive/inventory', () => {
  it('reports rows not archived yet, expanding wildcards, and kept files without a notice', () => {
    assert.deepEqual(
      check({
        'apps/web_console/README.md': '# Console\n',
        'docs/CONCEPTS/streamlit-auth.md': '# Auth\n',
        'docs/CONCEPTS/streamlit-pages.md': '# Pages\n',
        'docs/CONCEPTS/nicegui-auth.md': '# Auth\n',
        'tests/integration/test_streamlit_csp.py': '# deprecated\n',
        'docs/RUNBOOKS/streamlit-restart.md': '# Restart\n',
      }),
      [
        'docs/TASKS/P5T8.md:8:3 archive/inventory `apps/web_console/README.md` is not archived yet; the inventory moves it to `docs/ARCHIVE/streamlit/web_console_readme.md`.',
        'docs/TASKS/P5T8.md:9:3 archive/inventory `docs/CONCEPTS/streamlit-auth.md` is not archived yet; the inventory moves it to `docs/ARCHIVE/streamlit/concepts/streamlit-auth.md`.',
        'docs/TASKS/P5T8.md:9:3 archive/inventory `docs/CONCEPTS/streamlit-pages.md` is not archived yet; the inventory moves it to `docs/ARCHIVE/streamlit/concepts/streamlit-pages.md`.',
        'docs/TASKS/P5T8.md:11:3 archive/inventory `docs/RUNBOOKS/streamlit-restart.md` is to be kept but marked deprecated; it does not start with the deprecation notice.',
      ],
    );
  });

  it('points to the archive command for the move', () => {
    const engine = createTestEngine({ files: { 'docs/TASKS/P5T8.md': plan, 'apps/web_console/README.md': '# Console\n' } });
    const [finding] = findingsOf(engine, RULE);
    assert.deepEqual(finding.fixes, [
      { title: 'Run "adrift: Archive Streamlit doc" (or `adrift archive apps/web_console/README.md`) to move it', safe: false, changes: [] },
    ]);
  });

  it('reports a file present at both paths, and a kept file that is gone', () => {
    assert.deepEqual(
      check({
        'apps/web_console/README.md': '# Console\n',
        'docs/ARCHIVE/streamlit/web_console_readme.md': '# Console\n',
        'docs/RUNBOOKS/streamlit-restart.md': notice,
      }),
      [
        'docs/TASKS/P5T8.md:8:3 archive/inventory `apps/web_console/README.md` exists both at its current path and at its archive path `docs/ARCHIVE/streamlit/web_console_readme.md`; delete one copy.',
        'docs/TASKS/P5T8.md:10:3 archive/inventory `tests/integration/test_streamlit_csp.py` is listed to be kept and marked deprecated, but it does not exist.',
      ],
    );
  });

  it('stays silent once the plan is carried out', () => {
    assert.deepEqual(
      check({
        'docs/ARCHIVE/streamlit/web_console_readme.md': '# Console\n',
        'docs/ARCHIVE/streamlit/concepts/streamlit-auth.md': '# Auth\n',
        'tests/integration/test_streamlit_csp.py': '# deprecated\n',
        'docs/RUNBOOKS/streamlit-restart.md': notice,
      }),
      [],
    );
  });
});
