import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The structure rules end to end through the built CLI: a fixture repository
 * with a task doc in the P5T8 format, an ADR missing sections its spec
 * requires, ADRs with metadata written three ways, concept docs and runbooks.
 */
const REPO = resolve('.');
const CLI = join(REPO, 'bin/adrift.cjs');
const FIXTURE = join(REPO, 'test/fixtures/structure');
const MY_RULES = ['structure/required-sections', 'structure/section-order', 'adr/metadata', 'adr/numbering', 'task/deliverables', 'task/consistency'];

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  severity: string;
  ruleId: string;
  message: string;
  fixes: { title: string; safe: boolean }[];
}

function check(cwd: string, ...extra: string[]): JsonFinding[] {
  const result = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--root', '.', ...extra], { cwd, encoding: 'utf8' });
  assert.ok(result.status === 0 || result.status === 1, `adrift exited ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout) as JsonFinding[];
}

const mine = (findings: JsonFinding[]) =>
  findings.filter((f) => MY_RULES.includes(f.ruleId)).map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.message}`);

const TASK = 'docs/TASKS/P7T3_TASK.md';
const ADR = 'docs/ADRs/ADR-0031-htmx-billing.md';
const BEFORE = [
  `${ADR}:1:1 warning structure/required-sections Missing section \`References\` (required by ${TASK} T3.1).`,
  `${ADR}:17:1 warning structure/required-sections Missing section \`Risks\` under \`Consequences\` (required by ${TASK} T3.1).`,
  `${ADR}:27:1 info structure/section-order Section \`Alternatives Considered\` is out of order: ${TASK} T3.1 lists it between \`Decision\` and \`Consequences\`.`,
  "docs/ADRs/ADR-28-pdf-invoices.md:1:1 warning adr/numbering File name `ADR-28-pdf-invoices.md` breaks this folder's naming convention `ADR-NNNN-slug.md` (3 of 4 files follow it); expected `ADR-0028-pdf-invoices.md`.",
  'docs/CONCEPTS/htmx-fragments.md:1:1 warning structure/required-sections Missing section `Related Documents` (required by the built-in `concept` schema).',
  `${TASK}:9:46 warning task/consistency \`P7T2_TASK.md\` cannot be found; task P7T2 is now \`docs/ARCHIVE/TASKS/P7T2_DONE.md\`.`,
  `${TASK}:63:1 warning task/deliverables The deliverable \`docs/CONCEPTS/htmx-caching.md\` (T3.2b) does not exist.`,
  `${TASK}:87:1 warning task/deliverables The file to create \`docs/RUNBOOKS/billing-performance.md\` (Component Breakdown) does not exist.`,
  `${TASK}:93:13 warning task/consistency Status \`PLANNING\` disagrees with the front matter \`state: IN_PROGRESS\`.`,
];

describe('adrift check on a repository with task docs, ADRs, concept docs and runbooks', function () {
  this.timeout(120_000);
  let work: string;

  before(() => {
    if (!existsSync(join(REPO, 'dist/cli.cjs'))) execFileSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'ignore' });
  });
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'adrift-structure-'));
    cpSync(FIXTURE, work, { recursive: true });
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('reports exactly the expected structure, ADR and task findings', () => {
    assert.deepEqual(mine(check(work)), BEFORE);
  });

  it('has one runbook with verification steps and one without', () => {
    const runbookFiles = new Set(check(work).filter((f) => f.ruleId === 'runbook/structure').map((f) => f.file));
    assert.deepEqual([...runbookFiles], ['docs/RUNBOOKS/billing-rollback.md']);
  });

  it('accepts ADR metadata written as bold fields, as headings and as front matter', () => {
    const metadata = check(work).filter((f) => f.ruleId === 'adr/metadata');
    assert.deepEqual(metadata, []);
    assert.match(readFileSync(join(work, ADR), 'utf8'), /\*\*Status:\*\* Accepted/);
    assert.match(readFileSync(join(work, 'docs/ADRs/ADR-0030-invoice-queue.md'), 'utf8'), /## Status\n\nAccepted/);
    assert.match(readFileSync(join(work, 'docs/ADRs/ADR-0029-money-type.md'), 'utf8'), /^---\nstatus: accepted\n/);
  });

  it('--fix inserts the skeleton sections and creates the deliverables; those findings go and none appear', () => {
    const before = check(work);
    const after = check(work, '--fix');
    const remaining = [
      BEFORE[2].replace(':27:1', ':33:1'),
      BEFORE[3],
      BEFORE[8],
    ];
    assert.deepEqual(mine(after), remaining);
    const key = (f: JsonFinding) => `${f.file} ${f.ruleId} ${f.message}`;
    const known = new Set(before.map(key));
    assert.deepEqual(after.map(key).filter((k) => !known.has(k)), [], 'no rule reports anything it did not report before');

    const adr = readFileSync(join(work, ADR), 'utf8');
    assert.match(adr, /### Negative\n\n- The team has to learn where fragment boundaries go\.\n\n### Risks\n\n\| Risk \| Likelihood \| Impact \| Mitigation \|/);
    assert.ok(adr.endsWith('## Implementation Notes\n\nInvoices first, then payments, then the account settings page.\n\n## References\n\n- TODO: links to the planning document and the task documents\n'));
    assert.match(readFileSync(join(work, 'docs/CONCEPTS/htmx-fragments.md'), 'utf8'), /when it is present\.\n\n## Related Documents\n/);
    assert.match(readFileSync(join(work, 'docs/CONCEPTS/htmx-caching.md'), 'utf8'), /^# Partial Caching\n\n## Overview\n/);
    assert.match(readFileSync(join(work, 'docs/RUNBOOKS/billing-performance.md'), 'utf8'), /^# Billing Performance Runbook\n/);
    assert.match(readFileSync(join(work, TASK), 'utf8'), /related_docs: \[P7_PLANNING\.md, P7T1_TASK\.md, \.\.\/ARCHIVE\/TASKS\/P7T2_DONE\.md\]/);

    assert.deepEqual(mine(check(work, '--fix')), remaining, 'a second --fix changes nothing');
  });
});
