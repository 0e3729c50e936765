import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { readWorkspaceDocument } from '../../server/src/node/files';
import { FAILING_RULE_ENV } from '../../server/src/node/testFault';
import { REPO_ROOT, SERVER_BUNDLE, TestClient, writeWorkspace } from '../protocol/lspClient';
import { GUIDE, hostileWorkspace, LINK_COUNT, NESTING, openToOthers } from './workspaces';

const CLI = path.join(REPO_ROOT, 'bin/adrift.cjs');
/** Root reads files whatever their mode; the unreadable-file case then runs the CLI and server as `nobody`. */
const AS_ROOT = process.getuid?.() === 0;
const NOBODY = { uid: 65534, gid: 65534 };

interface JsonFinding {
  file: string;
  line: number;
  ruleId: string;
  message: string;
  severity: string;
}

function runCli(args: string[], cwd: string, options: { env?: NodeJS.ProcessEnv; nodeArgs?: string[]; asNobody?: boolean } = {}) {
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    maxBuffer: 256 * 1024 * 1024,
    ...(options.asNobody ? NOBODY : {}),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const messageOf = (findings: { message: string; ruleId?: string; code?: unknown }[], rule: string) =>
  findings.filter((f) => (f.ruleId ?? f.code) === rule).map((f) => f.message);

/** Asks the server for something real and checks it answers: the document links of the open guide. */
async function assertStillServing(client: TestClient): Promise<void> {
  await client.open('docs/guide.md');
  const links = await client.connection.sendRequest<{ target?: string }[] | null>('textDocument/documentLink', { textDocument: { uri: client.uri('docs/guide.md') } });
  assert.ok(Array.isArray(links), `the server answers a request afterwards: ${JSON.stringify(links)}`);
}

describe('hostile and broken input, through the real CLI and server', function () {
  this.timeout(900_000);
  let root: string;
  let outside: string;

  before(async function () {
    if (!existsSync(SERVER_BUNDLE) || !existsSync(path.join(REPO_ROOT, 'dist/cli.cjs'))) throw new Error('run `npm run build` first');
    ({ root, outside } = await hostileWorkspace());
    await openToOthers(root, path.join(root, 'docs'), outside);
  });
  after(async () => {
    await fs.chmod(path.join(root, 'docs/unreadable.md'), 0o644).catch(() => undefined);
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(outside, { recursive: true, force: true });
  });

  /** What every hostile document must be reported as, by path: rule id and a phrase of the message. */
  const expected: [string, string, RegExp][] = [
    ['docs/bad-utf8.md', 'adrift/skipped', /not valid UTF-8/],
    ['docs/binary.md', 'adrift/skipped', /looks binary/],
    ['docs/huge.md', 'adrift/skipped', /20\.0 MB, over the 5\.0 MB limit \(`maxFileSize`\)/],
    ['docs/deep-list.md', 'adrift/skipped', /nests block quotes or lists at least \d+ levels deep, over the limit of 100/],
    ['docs/deep-quote.md', 'adrift/skipped', /nests block quotes or lists at least \d+ levels deep, over the limit of 100/],
    ['docs/deep-indented-list.md', 'adrift/skipped', /over the limit of 100/],
    ['docs/unreadable.md', 'adrift/skipped', /could not be read \(EACCES\)/],
    ['docs/broken-front-matter.md', 'frontmatter/yaml', /./],
    ['docs/escape.md', 'links/broken', /outside the workspace/],
    ['docs/long-line.md', 'links/broken', /nowhere-long\.md/],
    ['docs/regex.md', 'stale/reference', /legacyapi/],
    ['docs/guide.md', 'links/broken', /nowhere\.md/],
  ];

  it('CLI: reports each hostile file plainly and still checks the rest', () => {
    const result = runCli(['check', '--format', 'json'], root, { asNobody: AS_ROOT });
    assert.equal(result.code, 1, result.stderr);
    const findings = JSON.parse(result.stdout) as JsonFinding[];
    for (const [file, rule, message] of expected) {
      const of = findings.filter((f) => f.file === file);
      assert.ok(messageOf(of, rule).some((m) => message.test(m)), `${file}: expected ${rule} ${message}, got ${JSON.stringify(of.map((f) => [f.ruleId, f.message]))}`);
    }
    assert.equal(findings.filter((f) => f.file === 'docs/many-links.md' && f.ruleId === 'links/broken').length, LINK_COUNT / 1000 + 5);
    assert.equal(findings.some((f) => f.ruleId === 'adrift/rule-failed'), false);
    assert.equal(findings.some((f) => f.file.includes('outside') || f.file.includes('loop/')), false, 'nothing reached through a link leaving the workspace or looping');
    for (const note of [
      /skipped docs\/loop: symbolic link loops back/,
      /skipped docs\/outside-folder: symbolic link points outside the workspace/,
      /skipped docs\/outside-file\.md: symbolic link points outside the workspace/,
      /skipped docs\/self-a\.md: symbolic link loop/,
    ]) assert.match(result.stderr, note);
    assert.ok(NESTING > 100);
  });

  it('server: publishes the same messages and still answers requests', async () => {
    // As another user the server cannot signal this process, and would take it for dead (vscode-languageserver's parent watch).
    const client = new TestClient({ root, ...(AS_ROOT ? { spawn: NOBODY, processId: null } : {}) });
    try {
      await client.initialize();
      await client.waitFor(() => client.statuses.at(-1)?.state === 'ready', 'indexing done');
      for (const [file, rule, message] of expected) {
        const diagnostics = await client.waitForDiagnostics(file, (d) => d.some((x) => x.code === rule && message.test(x.message)));
        assert.ok(diagnostics.length > 0, file);
      }
      const manyLinks = await client.waitForDiagnostics('docs/many-links.md', (d) => d.length > 0);
      assert.equal(manyLinks.filter((d) => d.code === 'links/broken').length, LINK_COUNT / 1000 + 5);
      await client.waitFor(() => client.logs.find((m) => /skipped docs\/loop: symbolic link loops back/.test(m)), 'symlink loop logged');
      await client.waitFor(() => client.logs.find((m) => /skipped docs\/outside-folder: symbolic link points outside/.test(m)), 'outside link logged');
      assert.equal([...client.diagnostics.keys()].some((uri) => uri.includes('outside') || uri.includes('/loop/')), false);
      await assertStillServing(client);
    } finally {
      await client.stop();
    }
  });
});

describe('broken and unknown-keyed .adrift.yaml, through the real CLI and server', function () {
  this.timeout(120_000);
  const cases = [
    { name: 'broken YAML', config: 'rules:\n  links/broken: [error\n', message: /./, cliExit: 2 },
    { name: 'an unknown key', config: 'colour: blue\n', message: /colour/, cliExit: 1 },
  ];
  for (const { name, config, message, cliExit } of cases) {
    it(`${name}: a config finding, and the server keeps serving`, async () => {
      const root = await writeWorkspace({ '.adrift.yaml': config, 'docs/guide.md': GUIDE });
      try {
        const result = runCli(['check', '--format', 'json'], root);
        assert.equal(result.code, cliExit, result.stderr + result.stdout);
        assert.match(result.stdout + result.stderr, /\.adrift\.yaml/);
        assert.match(result.stdout + result.stderr, message);
        const client = new TestClient({ root });
        try {
          await client.initialize();
          const problems = await client.waitForDiagnostics('.adrift.yaml', (d) => d.length > 0);
          assert.ok(problems.some((d) => String(d.code).startsWith('config/') && message.test(d.message)), JSON.stringify(problems));
          await assertStillServing(client);
        } finally {
          await client.stop();
        }
      } finally {
        await fs.rm(root, { recursive: true, force: true });
      }
    });
  }
});

describe('server: files deleted or renamed while indexing, nested workspace folders', function () {
  this.timeout(120_000);
  let root: string;
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('files deleted or renamed between the scan and their reading are dropped quietly', async () => {
    const files: Record<string, string> = { 'docs/guide.md': GUIDE };
    for (let i = 0; i < 50; i++) files[`docs/notes/n${i}.md`] = `# Note ${i}\n\n[gone](gone-${i}.md)\n`;
    root = await writeWorkspace(files);
    const client = new TestClient({ root, initializationOptions: { pauseIndexingAfterScan: true } });
    try {
      await client.initialize();
      await client.waitFor(() => client.statuses.at(-1)?.state === 'indexing', 'scan done');
      for (let i = 0; i < 50; i += 2) await fs.rm(path.join(root, `docs/notes/n${i}.md`));
      for (let i = 1; i < 50; i += 2) await fs.rename(path.join(root, `docs/notes/n${i}.md`), path.join(root, `docs/notes/renamed-${i}.md`));
      await client.connection.sendRequest('adrift/resumeIndexing');
      await client.waitFor(() => client.statuses.at(-1)?.state === 'ready', 'indexing done');
      for (let i = 0; i < 50; i++) {
        const published = client.diagnosticsOf(`docs/notes/n${i}.md`) ?? [];
        assert.deepEqual(published, [], `n${i}.md vanished: no finding, no error`);
      }
      // The watcher then reports the renamed files; they are checked like any other.
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: Array.from({ length: 25 }, (_, k) => ({ uri: client.uri(`docs/notes/renamed-${2 * k + 1}.md`), type: 1 })),
      });
      await client.waitForDiagnostics('docs/notes/renamed-49.md', (d) => d.some((x) => x.code === 'links/broken'));
      assert.equal(client.logs.some((m) => /Error|failed/.test(m)), false, client.logs.join('\n'));
      await assertStillServing(client);
    } finally {
      await client.stop();
    }
  });

  it('two workspace folders that contain each other: each document is checked once, by the inner folder', async () => {
    // The inner folder's own config decides what it checks (the innermost folder owns its files).
    root = await writeWorkspace({ 'docs/guide.md': GUIDE, 'docs/.adrift.yaml': 'include: ["**/*.md"]\n' });
    const inner = path.join(root, 'docs');
    const client = new TestClient({ root, extraFolders: [inner] });
    try {
      await client.initialize();
      await client.waitFor(() => client.statuses.filter((s) => s.state === 'ready').length >= 1, 'ready');
      const guide = await client.waitForDiagnostics('docs/guide.md', (d) => d.some((x) => x.code === 'links/broken'));
      assert.equal(guide.filter((d) => d.code === 'links/broken').length, 1, 'not reported twice');
      await assertStillServing(client);
    } finally {
      await client.stop();
    }
  });
});

describe('fault isolation: a rule that throws on one document', function () {
  this.timeout(120_000);
  let root: string;
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('server: one finding on that document, a log entry, the other documents unaffected', async () => {
    root = await writeWorkspace({ 'docs/guide.md': GUIDE, 'docs/other.md': '# Other\n\n[broken](absent.md)\n' });
    const client = new TestClient({ root, spawn: { env: { ...process.env, [FAILING_RULE_ENV]: 'docs/other.md' } } });
    try {
      await client.initialize();
      const other = await client.waitForDiagnostics('docs/other.md', (d) => d.some((x) => x.code === 'adrift/rule-failed'));
      assert.deepEqual(
        other.filter((d) => d.code === 'adrift/rule-failed').map((d) => d.message),
        ['Rule `test/always-fails` failed on this document; details are in the output.'],
      );
      assert.ok(other.some((d) => d.code === 'links/broken'), 'the other rules still ran on it');
      const guide = await client.waitForDiagnostics('docs/guide.md', (d) => d.some((x) => x.code === 'links/broken'));
      assert.equal(guide.some((d: Diagnostic) => d.code === 'adrift/rule-failed'), false);
      await client.waitFor(() => client.logs.find((m) => m.includes('rule test/always-fails failed on docs/other.md') && m.includes('injected failure')), 'log entry');
      await assertStillServing(client);
    } finally {
      await client.stop();
    }
  });

  it('CLI: the same one finding, the rest of the report intact', async () => {
    root = await writeWorkspace({ 'docs/guide.md': GUIDE, 'docs/other.md': '# Other\n' });
    const result = runCli(['check', '--format', 'json'], root, { env: { [FAILING_RULE_ENV]: 'docs/other.md' } });
    const findings = JSON.parse(result.stdout) as JsonFinding[];
    assert.deepEqual(findings.filter((f) => f.ruleId === 'adrift/rule-failed').map((f) => f.file), ['docs/other.md']);
    assert.ok(findings.some((f) => f.file === 'docs/guide.md' && f.ruleId === 'links/broken'));
    assert.match(result.stderr, /rule test\/always-fails failed on docs\/other\.md/);
  });
});

describe('safety', function () {
  this.timeout(120_000);
  let root: string;
  let outside: string;
  beforeEach(async () => {
    outside = await writeWorkspace({ 'secret.md': '# Secret\n' });
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(outside, { recursive: true, force: true });
  });

  it('declares full support for untrusted workspaces (the config is data only)', async () => {
    const manifest = JSON.parse(await fs.readFile(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
    root = await writeWorkspace({ '.adrift.yaml': 'maxFileSize: !!js/function "function () { return 1 }"\n', 'docs/guide.md': GUIDE });
    const result = runCli(['check', '--format', 'json'], root);
    assert.match(result.stdout + result.stderr, /\.adrift\.yaml/, 'a code tag is reported, never run');
  });

  it('the file-system layer refuses to read outside the root, by `..` or through a symbolic link', async () => {
    root = await writeWorkspace({ 'docs/guide.md': GUIDE });
    await fs.symlink(path.join(outside, 'secret.md'), path.join(root, 'docs/linked.md'));
    const escape = path.relative(root, path.join(outside, 'secret.md'));
    assert.deepEqual(await readWorkspaceDocument(root, escape, 1e6), { ok: false, reason: 'file is outside the workspace' });
    assert.deepEqual(await readWorkspaceDocument(root, '../../../../etc/passwd', 1e6), { ok: false, reason: 'file is outside the workspace' });
    assert.deepEqual(await readWorkspaceDocument(root, 'docs/linked.md', 1e6), { ok: false, reason: 'file is a symbolic link leading outside the workspace' });
    const inside = await readWorkspaceDocument(root, 'docs/guide.md', 1e6);
    assert.ok(inside.ok && inside.raw === GUIDE);
  });

  it('no network: the CLI and the server check docs full of http links without opening a connection', async () => {
    const links = Array.from({ length: 200 }, (_, i) => `- [site ${i}](https://example${i}.test/page) <http://host${i}.test/> ![img](https://img${i}.test/x.png)`).join('\n');
    root = await writeWorkspace({ 'docs/guide.md': `${GUIDE}\n${links}\n`, 'docs/web.md': `# Web\n\n${links}\n` });
    const attempts = path.join(outside, 'network-attempts.log');
    const preload = path.join(REPO_ROOT, 'test/hostile/noNetwork.cjs');
    const env = { ADRIFT_NETWORK_LOG: attempts };
    const result = runCli(['check', '--format', 'json'], root, { env, nodeArgs: ['--require', preload] });
    assert.equal(result.code, 1, result.stderr);
    assert.ok((JSON.parse(result.stdout) as JsonFinding[]).some((f) => f.ruleId === 'links/broken'));
    const client = new TestClient({ root, command: ['--require', preload, SERVER_BUNDLE, '--stdio'], spawn: { env: { ...process.env, ...env } } });
    try {
      await client.initialize();
      await client.waitFor(() => client.statuses.at(-1)?.state === 'ready', 'ready');
      await client.waitForDiagnostics('docs/guide.md', (d) => d.some((x) => x.code === 'links/broken'));
      await assertStillServing(client);
    } finally {
      await client.stop();
    }
    assert.equal(existsSync(attempts) ? await fs.readFile(attempts, 'utf8') : '', '', 'no network call was attempted');
    assert.match(await fs.readFile(`${attempts}.armed`, 'utf8'), /armed/, 'the preload was loaded');
  });
});
