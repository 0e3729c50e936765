import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { DocumentDiagnosticReport, WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol';
import { TestClient, writeWorkspace } from './lspClient';
import { broken, fixtureFiles, mentions } from './fixture';

describe('language server over stdio: pull diagnostics and workspace folders', () => {
  let client: TestClient | undefined;
  let root: string;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    await fs.rm(root, { recursive: true, force: true });
  });

  it('answers textDocument/diagnostic and workspace/diagnostic, asks for a refresh after a change, and never pushes', async () => {
    root = await writeWorkspace(fixtureFiles({ 'docs/closed.md': '# Closed\n\n[gone](nowhere.md)\n', '.adrift.yaml': 'rules:\n  links/broken: error\n' }));
    client = new TestClient({ root, pull: true });
    const init = await client.initialize();
    assert.deepEqual(init.capabilities.diagnosticProvider, { identifier: 'adrift', interFileDependencies: true, workspaceDiagnostics: true });
    const document = await client.open('docs/guide.md');
    // Answers given while the rest is indexed may still change; this test compares ids across pulls.
    await client.waitFor(() => client!.statuses.at(-1)?.state === 'ready', 'ready');
    const first = await client.connection.sendRequest<DocumentDiagnosticReport & { resultId: string; items: { message: string; code: string }[] }>(
      'textDocument/diagnostic',
      { textDocument: { uri: document.uri } },
    );
    assert.equal(first.kind, 'full');
    assert.equal(broken(first.items).length, 2);
    const again = await client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', {
      textDocument: { uri: document.uri },
      previousResultId: first.resultId,
    });
    assert.equal(again.kind, 'unchanged');

    const workspace = await client.connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
    const closed = workspace.items.find((item) => item.uri === client!.uri('docs/closed.md'));
    assert.ok(closed && closed.kind === 'full' && closed.items.some(mentions('nowhere.md')));

    // With every result id current, the next workspace pull is held until something changes.
    const held = client.connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', {
      previousResultIds: workspace.items.map((item) => ({ uri: item.uri, value: item.resultId! })),
    });
    const refreshesBefore = client.refreshes.length;
    const line = document.getText().split('\n')[3];
    const start = line.indexOf('RUNBOOKS/queue.md');
    await client.edit(document.uri, [
      { range: { start: { line: 3, character: start }, end: { line: 3, character: start + 'RUNBOOKS/queue.md'.length } }, newText: 'CONCEPTS/login.md' },
    ]);
    await client.waitFor(() => client!.refreshes.length > refreshesBefore, 'diagnostic refresh');
    const woken = await held;
    assert.deepEqual(
      woken.items.filter((item) => item.kind === 'full').map((item) => item.uri),
      [document.uri],
    );
    const after = await client.connection.sendRequest<DocumentDiagnosticReport & { items: { code: string }[] }>('textDocument/diagnostic', {
      textDocument: { uri: document.uri },
      previousResultId: first.resultId,
    });
    assert.equal(after.kind, 'full');
    assert.equal(broken(after.items).length, 1);
    assert.equal(client.publishLog.length, 0, 'a pull client gets no publishDiagnostics');
  });

  it('keeps a document\'s result id when a change elsewhere leaves its diagnostics as they were', async () => {
    root = await writeWorkspace(fixtureFiles());
    client = new TestClient({ root, pull: true });
    await client.initialize();
    const guide = await client.open('docs/guide.md');
    const login = await client.open('docs/CONCEPTS/login.md');
    const first = await client.connection.sendRequest<DocumentDiagnosticReport & { resultId: string }>('textDocument/diagnostic', {
      textDocument: { uri: guide.uri },
    });
    assert.equal(first.kind, 'full');
    // The guide links into the login doc, so a new heading there re-checks the guide, which finds the same.
    const refreshesBefore = client.refreshes.length;
    const end = login.lineCount - 1;
    await client.edit(login.uri, [{ range: { start: { line: end, character: 0 }, end: { line: end, character: 0 } }, newText: '\n## Rotation\n' }]);
    await client.waitFor(() => client!.refreshes.length > refreshesBefore, 'diagnostic refresh');
    const again = await client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', {
      textDocument: { uri: guide.uri },
      previousResultId: first.resultId,
    });
    assert.equal(again.kind, 'unchanged');
  });

  it('a nested workspace folder owns its files: one publisher per document', async () => {
    root = await writeWorkspace({ 'docs/top.md': '# Top\n', 'packages/inner/CLAUDE.md': '# Inner guide\n\n[gone](missing.md)\n' });
    const inner = path.join(root, 'packages/inner');
    client = new TestClient({ root, extraFolders: [inner] });
    await client.initialize();
    const diagnostics = await client.waitForDiagnostics('packages/inner/CLAUDE.md', (d) => broken(d).length === 1);
    assert.match(broken(diagnostics)[0].message, /resolved to `missing\.md`/);
    await client.waitFor(() => client!.statuses.at(-1)?.state === 'ready', 'ready');
    const publishers = client.publishLog.filter((p) => p.uri === client!.uri('packages/inner/CLAUDE.md') && p.diagnostics.length > 0);
    assert.ok(publishers.every((p) => p.diagnostics.every((d) => !d.message.includes('packages/inner/missing.md'))));
  });
});
