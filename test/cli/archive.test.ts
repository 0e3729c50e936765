import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { snapshotTree } from '../helpers/treeSnapshot';

/**
 * The built CLI (`npm run build` first) run as a process on a temp copy of
 * test/fixtures/archive: the safety promises of `adrift archive`.
 */
const CLI = path.resolve('bin/adrift.cjs');
const FIXTURE = path.resolve('test/fixtures/archive');
const OLD = 'docs/CONCEPTS/streamlit-state.md';
const NEW = 'docs/ARCHIVE/streamlit/concepts/streamlit-state.md';
const REPLACEMENT = 'docs/CONCEPTS/nicegui-state.md';
const CRLF_DOC = 'docs/CONCEPTS/streamlit-widgets.md';
const BOM = '\uFEFF';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function adrift(cwd: string, args: string[], env: Record<string, string> = {}): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const temps: string[] = [];
function workspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'adrift-archive-'));
  temps.push(dir);
  const root = path.join(dir, 'ws');
  cpSync(FIXTURE, root, { recursive: true });
  // Written here, not checked in: Git could normalise the CRLF line ends of a fixture file.
  writeFileSync(
    path.join(root, CRLF_DOC),
    `${BOM}# Widgets\r\n\r\nEvery widget reads [state](streamlit-state.md#reset-rules).\r\n\r\n## Layout\r\n\r\nColumns, see [the index](../INDEX.md).\r\n`,
  );
  chmodSync(path.join(root, OLD), 0o640);
  return root;
}

const snapshot = snapshotTree;

function findings(root: string): { file: string; ruleId: string; message: string }[] {
  const run = adrift(root, ['check', '--format', 'json']);
  return JSON.parse(run.stdout);
}

const archiveArgs = ['archive', OLD, '--replacement', REPLACEMENT, '--today', '2025-04-02'];

describe('adrift archive (built CLI)', function () {
  // Each test runs the CLI several times as a process; a machine shared with other work can be slow.
  this.timeout(240000);

  before(() => {
    assert.ok(existsSync(path.resolve('dist/cli.cjs')), 'dist/cli.cjs is missing: run `npm run build` first');
  });
  after(() => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });

  it('archives a document six others link to without a new broken link, keeping mode, BOM and CRLF', () => {
    const root = workspace();
    const broken = (list: ReturnType<typeof findings>) => list.filter((f) => f.ruleId === 'links/broken').map((f) => `${f.file} ${f.message}`);
    const before = broken(findings(root));
    const originalText = readFileSync(path.join(root, OLD), 'utf8');

    const run = adrift(root, archiveArgs);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^Archived ${OLD} -> ${NEW}\n`));
    assert.match(run.stdout, /Rewrote 10 links: 3 in the archived document, 7 in 7 other files\./);
    assert.match(run.stdout, /docs\/INDEX\.md:8:24: The old page lives at `docs\/CONCEPTS\/streamlit-state\.md`/);

    const after = findings(root);
    assert.deepEqual(broken(after), before);
    assert.deepEqual(before, []);
    assert.deepEqual(after.filter((f) => f.file === NEW && f.ruleId.startsWith('archive/')), []);
    assert.equal(existsSync(path.join(root, OLD)), false);
    assert.equal(lstatSync(path.join(root, NEW)).mode & 0o777, 0o640);

    const archived = readFileSync(path.join(root, NEW), 'utf8');
    const notice = archived.slice(archived.indexOf('---\n**DEPRECATED'), archived.indexOf('# Widget state'));
    assert.match(notice, /\*\*Archived:\*\* 2025-04-02\n/);
    assert.match(notice, /See \[nicegui-state\.md\]\(\.\.\/\.\.\/\.\.\/CONCEPTS\/nicegui-state\.md\)/);
    assert.match(notice, /For rollback procedures, see \[ui-rollback\.md\]\(\.\.\/\.\.\/\.\.\/RUNBOOKS\/ui-rollback\.md\)/);
    // Apart from the notice, only the three relative link destinations differ.
    const reaimed = originalText.replace(/\]\(\.\.\//g, '](../../../').replace('[adr]: ../', '[adr]: ../../../');
    assert.equal(archived.replace(notice, ''), reaimed);

    const widgets = readFileSync(path.join(root, CRLF_DOC), 'utf8');
    assert.ok(widgets.startsWith(BOM));
    assert.equal(widgets.replace(/\r\n/g, '').includes('\n'), false, 'every line end is still CRLF');
    assert.match(widgets, /\[state\]\(\.\.\/ARCHIVE\/streamlit\/concepts\/streamlit-state\.md#reset-rules\)\.\r\n/);
  });

  it('refuses a second archive of the same file and leaves the tree unchanged', () => {
    const root = workspace();
    assert.equal(adrift(root, archiveArgs).code, 0);
    const before = snapshot(root);
    const again = adrift(root, archiveArgs);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already archived to `docs\/ARCHIVE\/streamlit\/concepts\/streamlit-state\.md`/);
    assert.deepEqual(snapshot(root), before);
    const archivedCopy = adrift(root, ['archive', NEW, '--replacement', REPLACEMENT]);
    assert.equal(archivedCopy.code, 1);
    assert.match(archivedCopy.stderr, /is already archived/);
    assert.deepEqual(snapshot(root), before);
  });

  it('refuses a target that exists and leaves the tree unchanged', () => {
    const root = workspace();
    mkdirSync(path.dirname(path.join(root, NEW)), { recursive: true });
    writeFileSync(path.join(root, NEW), '# Somebody else’s page\n');
    const before = snapshot(root);
    const run = adrift(root, archiveArgs);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /The target `docs\/ARCHIVE\/streamlit\/concepts\/streamlit-state\.md` already exists; nothing was changed/);
    assert.deepEqual(snapshot(root), before);
  });

  it('leaves the tree byte for byte as before when a write fails at any point', function () {
    this.timeout(600000);
    const reference = workspace();
    const before = snapshot(reference);
    // One create, seven link rewrites, one delete.
    for (let failAfter = 1; failAfter <= 9; failAfter++) {
      const root = workspace();
      assert.deepEqual(snapshot(root), before);
      const run = adrift(root, archiveArgs, { ADRIFT_TEST_FAIL_AFTER_WRITES: String(failAfter) });
      assert.equal(run.code, 3, `fail after ${failAfter}: ${run.stderr}`);
      assert.match(run.stderr, new RegExp(`injected failure after ${failAfter} writes; every change was undone`));
      assert.deepEqual(snapshot(root), before, `tree changed after a failure at write ${failAfter}`);
    }
    const tooLate = adrift(workspace(), archiveArgs, { ADRIFT_TEST_FAIL_AFTER_WRITES: '10' });
    assert.equal(tooLate.code, 0, 'nine writes in all: the hook past them does not fire');
  });

  it('--dry-run prints a diff that git apply turns into exactly the archived tree, and changes nothing', () => {
    const dry = workspace();
    const before = snapshot(dry);
    const run = adrift(dry, [...archiveArgs, '--dry-run']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(snapshot(dry), before);
    assert.match(run.stdout, /^diff --git a\/docs\/CONCEPTS\/streamlit-state\.md b\/docs\/ARCHIVE\/streamlit\/concepts\/streamlit-state\.md\nrename from /);
    assert.match(run.stderr, /^Would archive /);

    const patch = path.join(path.dirname(dry), 'plan.diff');
    writeFileSync(patch, run.stdout);
    const applied = spawnSync('git', ['apply', '--whitespace=nowarn', patch], { cwd: dry, encoding: 'utf8' });
    assert.equal(applied.status, 0, applied.stderr);
    const real = workspace();
    assert.equal(adrift(real, archiveArgs).code, 0);
    const contents = (s: Record<string, string>) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.replace(/^file \d+ /, '')]));
    assert.deepEqual(contents(snapshot(dry)), contents(snapshot(real)));
  });

  it('refuses documents and targets that lead out of the workspace', () => {
    const root = workspace();
    const outside = mkdtempSync(path.join(tmpdir(), 'adrift-outside-'));
    temps.push(outside);
    writeFileSync(path.join(outside, 'secret.md'), '# Not yours\n');
    symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'docs/CONCEPTS/streamlit-link.md'));
    const before = snapshot(root);

    const climbing = adrift(root, ['archive', '../outside.md', '--replacement', REPLACEMENT]);
    assert.equal(climbing.code, 1);
    assert.match(climbing.stderr, /outside the workspace/);
    const linked = adrift(root, ['archive', 'docs/CONCEPTS/streamlit-link.md', '--replacement', REPLACEMENT]);
    assert.equal(linked.code, 1);
    assert.match(linked.stderr, /is a symbolic link leading outside the workspace; nothing was changed/);
    assert.deepEqual(snapshot(root), before);

    // The archive folder itself redirected elsewhere through a symbolic link.
    rmSync(path.join(root, 'docs/CONCEPTS/streamlit-link.md'));
    symlinkSync(outside, path.join(root, 'docs/ARCHIVE'));
    const beforeRedirected = snapshot(root);
    const redirected = adrift(root, archiveArgs);
    assert.equal(redirected.code, 1);
    assert.match(redirected.stderr, /leads outside the workspace through a symbolic link; nothing was changed/);
    assert.deepEqual(snapshot(root), beforeRedirected);
    assert.deepEqual(readdirSync(outside), ['secret.md']);
  });

  it('archives a CRLF document with a BOM keeping both', () => {
    const root = workspace();
    const run = adrift(root, ['archive', CRLF_DOC, '--replacement', REPLACEMENT, '--today', '2025-04-02']);
    assert.equal(run.code, 0, run.stderr);
    const archived = readFileSync(path.join(root, 'docs/ARCHIVE/streamlit/concepts/streamlit-widgets.md'), 'utf8');
    assert.ok(archived.startsWith(`${BOM}---\r\n**DEPRECATED:**`));
    assert.equal(archived.replace(/\r\n/g, '').includes('\n'), false, 'every line end is CRLF');
    assert.match(archived, /\[state\]\(\.\.\/\.\.\/\.\.\/CONCEPTS\/streamlit-state\.md#reset-rules\)/);
  });
});
