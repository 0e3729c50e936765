import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'parse5';

/**
 * The cross-reference matrix "done when" of the issue, end to end through the
 * built CLI (`npm run build` first): on a copy of test/fixtures/xref,
 * `adrift check` reports exactly the expected xref findings, `--fix` makes the
 * xref rules silent without new broken links, and `adrift matrix` renders.
 */
const BIN = resolve('bin/adrift.cjs');
const FIXTURE = resolve('test/fixtures/xref');

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  message: string;
}

function adrift(cwd: string, ...args: string[]): string {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  assert.ok(result.status === 0 || result.status === 1, `adrift ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

function check(cwd: string): JsonFinding[] {
  return JSON.parse(adrift(cwd, 'check', '--format', 'json')) as JsonFinding[];
}

const row = (f: JsonFinding) => [f.file, f.line, f.column, f.ruleId, f.message];
const xrefRows = (findings: JsonFinding[]) => findings.filter((f) => f.ruleId.startsWith('xref/')).map(row);

const M = (line: number) => `the cross-reference matrix at \`docs/TASKS/P5T8_TASK.md:${line}\``;
const missing = (file: string, line: number, target: string, matrixLine: number, cell: string, notYet = false) => [
  file,
  line,
  1,
  'xref/missing-link',
  `Missing required link to \`${target}\`${notYet ? ' (it does not exist yet; see `xref/missing-document`)' : ''}: ${M(matrixLine)} requires it (cell \`${cell}\`).`,
];
const mentioned = (file: string, line: number, column: number, written: string, target: string, matrixLine: number) => [
  file,
  line,
  column,
  'xref/mentioned-not-linked',
  `\`${written}\` is named here but not linked; ${M(matrixLine)} requires a link to \`${target}\`.`,
];
const unindexed = (line: number, label: string, path: string, folder: string) => [
  'docs/INDEX.md',
  line,
  1,
  'xref/index-coverage',
  `The ${label} \`${path}\` is not linked from \`docs/INDEX.md\` (or any index file, or \`${folder}/README.md\`).`,
];
const ADR = 'docs/ADRs/ADR-0031-nicegui-migration.md';
const CONCEPT = (name: string) => `docs/CONCEPTS/nicegui-${name}.md`;
const RUNBOOK = (name: string) => `docs/RUNBOOKS/nicegui-${name}.md`;

const EXPECTED = [
  mentioned('CLAUDE.md', 3, 35, 'nicegui-architecture.md', CONCEPT('architecture'), 29),
  mentioned('CLAUDE.md', 3, 65, CONCEPT('auth'), CONCEPT('auth'), 29),
  mentioned('CLAUDE.md', 4, 31, 'nicegui-realtime.md', CONCEPT('realtime'), 29),
  mentioned('CLAUDE.md', 4, 65, 'nicegui-components.md', CONCEPT('components'), 29),
  missing(ADR, 1, CONCEPT('architecture'), 19, 'concept docs'),
  missing(ADR, 1, CONCEPT('auth'), 19, 'concept docs'),
  missing(ADR, 1, CONCEPT('components'), 19, 'concept docs'),
  missing(ADR, 1, CONCEPT('realtime'), 19, 'concept docs'),
  missing(ADR, 1, RUNBOOK('rollback'), 19, 'Rollback runbook', true),
  missing(ADR, 1, 'docs/TASKS/P5_PLANNING.md', 19, 'P5_PLANNING.md'),
  missing(CONCEPT('architecture'), 5, CONCEPT('realtime'), 20, 'nicegui-realtime.md'),
  missing(CONCEPT('auth'), 1, 'docs/TASKS/P5T2_DONE.md', 21, 'P5T2_TASK.md'),
  missing(CONCEPT('components'), 5, 'docs/TASKS/P5T7_TASK.md', 23, 'P5T4-P5T7 tasks'),
  mentioned(CONCEPT('components'), 11, 29, 'P5T6_TASK.md', 'docs/TASKS/P5T6_TASK.md', 23),
  missing('docs/GETTING_STARTED/REPO_MAP.md', 1, RUNBOOK('performance'), 28, 'All 4 runbooks'),
  missing('docs/GETTING_STARTED/REPO_MAP.md', 1, RUNBOOK('rollback'), 28, 'All 4 runbooks', true),
  mentioned('docs/GETTING_STARTED/REPO_MAP.md', 3, 55, CONCEPT('architecture'), CONCEPT('architecture'), 28),
  unindexed(7, 'concept doc', CONCEPT('components'), 'docs/CONCEPTS'),
  unindexed(13, 'runbook', RUNBOOK('performance'), 'docs/RUNBOOKS'),
  unindexed(13, 'runbook', RUNBOOK('troubleshooting'), 'docs/RUNBOOKS'),
  mentioned(RUNBOOK('deployment'), 8, 94, 'nicegui-rollback.md', RUNBOOK('rollback'), 24),
  missing(RUNBOOK('troubleshooting'), 1, RUNBOOK('performance'), 25, 'nicegui-performance.md'),
  [
    'docs/TASKS/P5T8_TASK.md',
    19,
    44,
    'xref/missing-document',
    '`Rollback runbook` names `docs/RUNBOOKS/nicegui-rollback.md` (the runbook in the matrix whose file name contains `rollback`), which does not exist; the matrix requires links to it.',
  ],
];

describe('adrift CLI on the cross-reference fixture', function () {
  this.timeout(60000);
  let work: string;

  before(() => {
    assert.ok(existsSync('dist/cli.cjs'), 'run `npm run build` before this test: it runs the built CLI');
  });
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'adrift-xref-'));
    cpSync(FIXTURE, work, { recursive: true });
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('reports every missing link, mention, missing document and unindexed document, and nothing else from the xref rules', () => {
    assert.deepEqual(xrefRows(check(work)), EXPECTED);
  });

  it('--fix adds the links and the missing runbook; then the xref rules are silent and no link is newly broken', () => {
    const broken = (findings: JsonFinding[]) => findings.filter((f) => f.ruleId === 'links/broken').map((f) => `${f.file}: ${f.message}`);
    const before = broken(check(work));
    assert.deepEqual(before, ['docs/RUNBOOKS/nicegui-troubleshooting.md: No heading with anchor `#no-such-step` in `docs/RUNBOOKS/nicegui-deployment.md`.']);
    adrift(work, 'check', '--fix');
    const after = check(work);
    assert.deepEqual(xrefRows(after), []);
    assert.deepEqual(broken(after), before);
    assert.ok(existsSync(join(work, 'docs/RUNBOOKS/nicegui-rollback.md')));
    const claude = readFileSync(join(work, 'CLAUDE.md'), 'utf8');
    assert.match(claude, /\[`nicegui-architecture\.md`\]\(docs\/CONCEPTS\/nicegui-architecture\.md\)/);
    const adr = readFileSync(join(work, ADR), 'utf8');
    assert.match(adr, /## Related Documents\n\n- \[P5_PLANNING\.md\]\(\.\.\/TASKS\/P5_PLANNING\.md\)\n/);
  });

  it('adrift matrix prints the grid as text', () => {
    const text = adrift(work, 'matrix');
    assert.match(text, /^docs\/TASKS\/P5T8_TASK\.md:17: 11 rows, 33 required links, 12 present\n/);
    assert.match(text, /\n {2}CLAUDE\.md +· +✗ +✗ +✗ +✗ +·/);
  });

  it('adrift matrix --format html writes one parseable page with a cell per row and column', () => {
    const html = adrift(work, 'matrix', '--format', 'html');
    const classes: string[] = [];
    const hrefs: string[] = [];
    const visit = (node: { nodeName: string; attrs?: { name: string; value: string }[]; childNodes?: unknown[] }) => {
      const attr = (name: string) => node.attrs?.find((a) => a.name === name)?.value;
      if (node.nodeName === 'td') classes.push(attr('class') ?? '');
      if (node.nodeName === 'a') hrefs.push(attr('href') ?? '');
      for (const child of node.childNodes ?? []) visit(child as typeof node);
    };
    visit(parse(html) as unknown as Parameters<typeof visit>[0]);
    assert.equal(classes.length, 11 * 15);
    assert.equal(classes.filter((c) => c === 'present').length, 12);
    assert.equal(classes.filter((c) => c === 'missing').length, 21);
    assert.ok(hrefs.every((h) => h.startsWith('file://')), hrefs.join(' '));
    assert.ok(hrefs.some((h) => h.endsWith('/docs/CONCEPTS/nicegui-auth.md')));
  });

  it('rejects an unknown format', () => {
    const result = spawnSync(process.execPath, [BIN, 'matrix', '--format', 'pdf'], { cwd: work, encoding: 'utf8' });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--format must be one of text, markdown, html/);
  });
});
