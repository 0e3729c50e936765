import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import { archiveFixture } from '../helpers/archiveFixture';
import { REPO_ROOT, TestClient, writeWorkspace } from './lspClient';
import { broken, fixtureFiles } from './fixture';

describe('language server over stdio: the client commands\' requests and `adrift lsp`', () => {
  let client: TestClient | undefined;
  let root: string;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    await fs.rm(root, { recursive: true, force: true });
  });

  it('`adrift lsp --stdio` from the package\'s bin runs the same server', async () => {
    root = await writeWorkspace(fixtureFiles());
    client = new TestClient({ root, command: [path.join(REPO_ROOT, 'bin/adrift.cjs'), 'lsp', '--stdio'] });
    const result = await client.initialize();
    assert.equal(result.serverInfo?.name, 'adrift');
    await client.waitForDiagnostics('docs/guide.md', (d) => broken(d).length === 2);
  });

  it('adrift/checkAll re-reads the disk (even without file events) and returns the totals', async () => {
    root = await writeWorkspace(fixtureFiles());
    client = new TestClient({ root });
    await client.initialize();
    await client.waitForDiagnostics('docs/guide.md', (d) => broken(d).length === 2);
    await fs.mkdir(path.join(root, 'docs/RUNBOOKS'));
    await fs.writeFile(path.join(root, 'docs/RUNBOOKS/queue.md'), '# Queue\n');
    const result = await client.connection.sendRequest<{ documents: number; errors: number; warnings: number }>('adrift/checkAll');
    assert.equal(result.documents, 5);
    await client.waitForDiagnostics('docs/guide.md', (d) => broken(d).length === 1);
  });

  it('adrift/archivePlan turns the archive plan into one confirmable workspace edit that leaves no broken link', async () => {
    root = await writeWorkspace(archiveFixture());
    client = new TestClient({ root });
    await client.initialize();
    await client.waitFor(() => client!.statuses.at(-1)?.state === 'ready', 'ready');
    const doc = client.uri('docs/CONCEPTS/streamlit-sessions.md');
    const suggestions = await client.connection.sendRequest<{ path: string }[]>('adrift/suggestReplacements', { uri: doc });
    assert.equal(suggestions[0]?.path, 'docs/CONCEPTS/nicegui-sessions.md');
    const response = await client.connection.sendRequest<{ ok: boolean; edit: WorkspaceEdit; moves: { to: string }[] }>('adrift/archivePlan', {
      uris: [doc],
      replacement: client.uri('docs/CONCEPTS/nicegui-sessions.md'),
    });
    assert.ok(response.ok);
    assert.deepEqual(response.moves.map((m) => m.to), ['docs/ARCHIVE/streamlit/concepts/streamlit-sessions.md']);
    const kinds = response.edit.documentChanges!.map((c) => ('kind' in c ? c.kind : 'edit'));
    assert.equal(kinds[0], 'create');
    assert.equal(kinds.at(-1), 'delete');
    assert.equal(Object.values(response.edit.changeAnnotations ?? {})[0]?.needsConfirmation, true);
    await client.applyEdit(response.edit);
    const archived = await fs.readFile(path.join(root, 'docs/ARCHIVE/streamlit/concepts/streamlit-sessions.md'), 'utf8');
    assert.match(archived, /\*\*DEPRECATED:\*\*/);
    await assert.rejects(fs.access(path.join(root, 'docs/CONCEPTS/streamlit-sessions.md')));
    // The file events of the edit are in flight; checkAll returns once everything is re-read and published.
    await client.connection.sendRequest('adrift/checkAll');
    const allBroken = [...client.diagnostics.values()].flatMap((d) => broken(d));
    assert.deepEqual(allBroken.map((d) => d.message), []);
  });

  it('adrift/matrix renders each folder\'s matrices', async () => {
    root = await writeWorkspace(fixtureFiles());
    client = new TestClient({ root });
    await client.initialize();
    const response = await client.connection.sendRequest<{ folders: { grids: number; markdown: string; html: string }[] }>('adrift/matrix');
    assert.equal(response.folders.length, 1);
    assert.equal(response.folders[0].grids, 0);
    assert.match(response.folders[0].html, /<html/i);
  });
});
