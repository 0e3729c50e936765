import { strict as assert } from 'node:assert';
import { parse } from 'parse5';
import { createTestEngine } from '../../../../test/helpers/engine';
import { readFixtureTree } from '../../../../test/helpers/fixtureTree';
import { buildMatrixGrids, describeMatrixCell, matrixCodeLenses } from './grid';
import { renderGridsHtml, renderGridsMarkdown, renderGridsText } from './render';

const { '.adrift.yaml': config, ...files } = readFixtureTree('test/fixtures/xref');
const PLAN = 'docs/TASKS/P5T8_TASK.md';

let engine: ReturnType<typeof createTestEngine> | undefined;
function fixtureView() {
  engine ??= createTestEngine({ files, config });
  return engine.view();
}

interface HtmlNode {
  nodeName: string;
  attrs?: { name: string; value: string }[];
  childNodes?: HtmlNode[];
  value?: string;
}

function walk(node: HtmlNode, visit: (node: HtmlNode) => void): void {
  visit(node);
  for (const child of node.childNodes ?? []) walk(child, visit);
}

const attr = (node: HtmlNode, name: string) => node.attrs?.find((a) => a.name === name)?.value;
const textOf = (node: HtmlNode): string => (node.value ?? '') + (node.childNodes ?? []).map(textOf).join('');

describe('xref matrix grid', () => {
  it('builds one grid for the fixture matrix: rows are documents, columns their required targets', () => {
    const [grid, ...others] = buildMatrixGrids(fixtureView());
    assert.equal(others.length, 0);
    assert.equal(grid.path, PLAN);
    assert.equal(grid.line, 16);
    assert.equal(grid.rows.length, 11);
    assert.equal(grid.columns.length, 15);
    assert.equal(grid.required, 33);
    assert.equal(grid.present, 12);
    const rollback = grid.rows.find((r) => r.label === 'nicegui-rollback.md')!;
    assert.equal(rollback.exists, false);
    const column = (label: string) => grid.columns.findIndex((c) => c.label === label);
    const claude = grid.rows.find((r) => r.label === 'CLAUDE.md')!;
    assert.deepEqual(
      ['nicegui-architecture.md', 'nicegui-auth.md', 'P5_PLANNING.md'].map((label) => claude.cells[column(label)]),
      ['missing', 'missing', undefined],
    );
    const realtime = grid.rows.find((r) => r.label === 'nicegui-realtime.md')!;
    assert.deepEqual(realtime.cells.filter(Boolean), ['present', 'present']);
  });

  it('renders the grid as text', () => {
    const text = renderGridsText(buildMatrixGrids(fixtureView()));
    const lines = text.split('\n');
    assert.equal(lines[0], 'docs/TASKS/P5T8_TASK.md:17: 11 rows, 33 required links, 12 present');
    assert.ok(lines.includes('   6  nicegui-rollback.md (does not exist)'), text);
    const realtimeRow = lines.find((l) => l.startsWith('  nicegui-realtime.md '))!;
    assert.equal(realtimeRow.replace(/\s+/g, ' ').trim(), 'nicegui-realtime.md · · · ✓ · · ✓ · · · · · · · ·');
    assert.ok(lines.some((l) => l.startsWith('  nicegui-rollback.md ?')));
  });

  it('renders the grid as Markdown', () => {
    const markdown = renderGridsMarkdown(buildMatrixGrids(fixtureView()));
    assert.match(markdown, /^## docs\/TASKS\/P5T8_TASK\.md:17\n\n11 rows, 33 required links, 12 present\.\n/);
    assert.match(markdown, /\n\| nicegui-rollback\.md \(missing\) \|/);
  });

  it('renders the grid as one self-contained HTML page with green and red cells and links to the files', () => {
    const html = renderGridsHtml(buildMatrixGrids(fixtureView()), (p) => `file:///repo/${p}`);
    const document = parse(html) as unknown as HtmlNode;
    const cells: HtmlNode[] = [];
    const links: string[] = [];
    let styles = '';
    const external: string[] = [];
    walk(document, (node) => {
      if (node.nodeName === 'td') cells.push(node);
      if (node.nodeName === 'a') links.push(attr(node, 'href')!);
      if (node.nodeName === 'style') styles += textOf(node);
      if (node.nodeName === 'script' || (node.nodeName === 'link' && attr(node, 'rel') === 'stylesheet')) external.push(node.nodeName);
    });
    assert.deepEqual(external, []);
    const byClass = (name: string) => cells.filter((c) => attr(c, 'class') === name);
    assert.equal(byClass('present').length, 12);
    assert.equal(byClass('missing').length, 21);
    assert.equal(byClass('unresolved').length, 0);
    assert.equal(cells.length, 11 * 15);
    assert.match(styles, /td\.present \{ background: #2da44e/);
    assert.match(styles, /td\.missing \{ background: #cf222e/);
    assert.ok(links.includes('file:///repo/docs/RUNBOOKS/nicegui-rollback.md'));
    assert.ok(links.includes('file:///repo/docs/TASKS/P5T8_TASK.md'));
    assert.equal(textOf(byClass('present')[0]), '✓');
  });

  it('gives code lenses for the matrix table and for a row document title', () => {
    const ws = fixtureView();
    assert.deepEqual(matrixCodeLenses(ws, PLAN), [
      { range: { start: { line: 16, character: 0 }, end: { line: 28, character: 32 } }, title: '11 rows, 33 required links, 12 present' },
    ]);
    assert.deepEqual(matrixCodeLenses(ws, 'docs/CONCEPTS/nicegui-components.md'), [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 18 } },
        title: 'Cross-references 3/5 (missing: P5T6_TASK.md, P5T7_TASK.md)',
      },
    ]);
    assert.deepEqual(matrixCodeLenses(ws, 'docs/CONCEPTS/nicegui-realtime.md').map((l) => l.title), ['Cross-references 2/2']);
    assert.deepEqual(matrixCodeLenses(ws, 'docs/INDEX.md'), []);
  });

  it('describes the cell under the cursor for hover', () => {
    const ws = fixtureView();
    assert.equal(
      describeMatrixCell(ws, PLAN, { line: 18, character: 50 }),
      '`Rollback runbook` → the runbook in the matrix whose file name contains `rollback`:\n\n- `docs/RUNBOOKS/nicegui-rollback.md` — **does not exist**',
    );
    assert.equal(
      describeMatrixCell(ws, PLAN, { line: 22, character: 60 }),
      '`P5T4-P5T7 tasks` → the task range P5T4..P5T7:\n\n' +
        ['P5T4', 'P5T5', 'P5T6', 'P5T7'].map((id) => `- \`docs/TASKS/${id}_TASK.md\` — exists`).join('\n'),
    );
    assert.equal(describeMatrixCell(ws, PLAN, { line: 2, character: 3 }), null);
  });
});
