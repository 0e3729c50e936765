import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TestClient, writeWorkspace } from './lspClient';
import { broken, fixtureFiles, mentions } from './fixture';

describe('language server over stdio: files, renames and configuration', () => {
  let client: TestClient | undefined;
  let root: string;

  beforeEach(async () => {
    root = await writeWorkspace(fixtureFiles());
  });

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    await fs.rm(root, { recursive: true, force: true });
  });

  async function started(settings?: Record<string, unknown>): Promise<TestClient> {
    client = new TestClient({ root, settings });
    await client.initialize();
    await client.waitFor(() => client!.progress.some((p) => p.value.kind === 'end'), 'indexing');
    return client;
  }

  /** The status bar's counts agree with what was published. */
  function statusMatchesDiagnostics(c: TestClient) {
    return c.waitFor(() => {
      const all = [...c.diagnostics.values()].flat();
      const status = c.statuses.at(-1);
      return (
        status?.state === 'ready' &&
        status.errors === all.filter((d) => d.severity === 1).length &&
        status.warnings === all.filter((d) => d.severity === 2).length
      );
    }, 'status counts');
  }

  it('a file created on disk clears the broken link of a closed document', async () => {
    const c = await started();
    await c.waitForDiagnostics('docs/guide.md', (d) => d.some(mentions('RUNBOOKS/queue.md')));
    await fs.mkdir(path.join(root, 'docs/RUNBOOKS'));
    await fs.writeFile(path.join(root, 'docs/RUNBOOKS/queue.md'), '# Queue\n');
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('docs/RUNBOOKS/queue.md'), type: 1 }] });
    const after = await c.waitForDiagnostics('docs/guide.md', (d) => !d.some(mentions('RUNBOOKS/queue.md')));
    assert.equal(broken(after).length, 1);
  });

  it('a folder appearing on disk with a single create event is scanned whole', async () => {
    const c = await started();
    await c.waitForDiagnostics('docs/guide.md', (d) => d.some(mentions('RUNBOOKS/queue.md')));
    await fs.mkdir(path.join(root, 'docs/RUNBOOKS/deep'), { recursive: true });
    await fs.writeFile(path.join(root, 'docs/RUNBOOKS/queue.md'), '# Queue\n\n[deeper](deep/missing.md)\n');
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('docs/RUNBOOKS'), type: 1 }] });
    await c.waitForDiagnostics('docs/guide.md', (d) => !d.some(mentions('RUNBOOKS/queue.md')));
    await c.waitForDiagnostics('docs/RUNBOOKS/queue.md', (d) => broken(d).some(mentions('deep/missing.md')));
  });

  it('a document deleted on disk breaks the links to it and loses its own diagnostics', async () => {
    const c = await started();
    await fs.writeFile(path.join(root, 'docs/CONCEPTS/login.md'), '# Login\n\n[x](missing.md)\n');
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('docs/CONCEPTS/login.md'), type: 2 }] });
    await c.waitForDiagnostics('docs/CONCEPTS/login.md', (d) => broken(d).length === 1);
    await fs.rm(path.join(root, 'docs/CONCEPTS/login.md'));
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('docs/CONCEPTS/login.md'), type: 3 }] });
    await c.waitForDiagnostics('docs/CONCEPTS/login.md', (d) => d.length === 0);
    await c.waitForDiagnostics('docs/guide.md', (d) => d.some(mentions('CONCEPTS/login.md')));
  });

  it('willRenameFiles returns edits that re-aim inbound links and the moved document\'s own links', async () => {
    const c = await started();
    const edit = await c.connection.sendRequest<WorkspaceEdit | null>('workspace/willRenameFiles', {
      files: [{ oldUri: c.uri('docs/CONCEPTS/login.md'), newUri: c.uri('docs/CONCEPTS/auth/login.md') }],
    });
    assert.ok(edit?.documentChanges);
    const byFile = Object.fromEntries(
      edit.documentChanges.map((change) => ('textDocument' in change ? [path.relative(root, new URL(change.textDocument.uri).pathname), change.edits.map((e) => e.newText)] : ['?', []])),
    );
    assert.deepEqual(byFile, {
      'docs/guide.md': ['CONCEPTS/auth/login.md#sign-in'],
      'docs/CONCEPTS/login.md': ['../../ADRs/ADR-0007-one-time-codes.md'],
    });
    await c.applyEdit(edit);
    await fs.mkdir(path.join(root, 'docs/CONCEPTS/auth'));
    await fs.rename(path.join(root, 'docs/CONCEPTS/login.md'), path.join(root, 'docs/CONCEPTS/auth/login.md'));
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: c.uri('docs/CONCEPTS/login.md'), type: 3 },
        { uri: c.uri('docs/CONCEPTS/auth/login.md'), type: 1 },
      ],
    });
    const guide = await fs.readFile(path.join(root, 'docs/guide.md'), 'utf8');
    assert.match(guide, /\(CONCEPTS\/auth\/login\.md#sign-in\)/);
    await c.waitForDiagnostics('docs/CONCEPTS/auth/login.md', (d) => d.length > 0 && broken(d).length === 0);
    await c.waitForDiagnostics('docs/guide.md', (d) => broken(d).length === 2 && !broken(d).some((x) => x.range.start.line === 2));
  });

  it('a settings change re-checks with the new rule severity, and `adrift.enable: false` clears everything', async () => {
    const c = await started();
    await c.waitForDiagnostics('docs/guide.md', (d) => broken(d).length === 2 && broken(d).every((x) => x.severity === 1));
    await statusMatchesDiagnostics(c);
    c.settings = { rules: { 'links/broken': 'warning' } };
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await c.waitForDiagnostics('docs/guide.md', (d) => broken(d).length === 2 && broken(d).every((x) => x.severity === 2));
    await statusMatchesDiagnostics(c);
    c.settings = { enable: false };
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await c.waitForDiagnostics('docs/guide.md', (d) => d.length === 0);
  });

  it('an `.adrift.yaml` change applies live; its problems are reported on the config file', async () => {
    const c = await started();
    await c.waitForDiagnostics('docs/guide.md', (d) => broken(d).length === 2);
    await fs.writeFile(path.join(root, '.adrift.yaml'), 'rules:\n  links/broken: off\nunknownKey: 1\n');
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('.adrift.yaml'), type: 1 }] });
    await c.waitForDiagnostics('docs/guide.md', (d) => broken(d).length === 0);
    const problems = await c.waitForDiagnostics('.adrift.yaml', (d) => d.length === 1);
    assert.equal(problems[0].range.start.line, 2);
  });
});
