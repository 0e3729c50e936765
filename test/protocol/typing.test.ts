import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient, writeWorkspace } from './lspClient';
import { broken, fixtureFiles, GUIDE, mentions } from './fixture';

/** Diagnostics without the document version they carry, to compare two runs on the same text. */
const withoutVersion = (diagnostics: Diagnostic[]) => diagnostics.map((d) => ({ ...d, data: { ...(d.data as object), version: null } }));

describe('language server over stdio: typing', () => {
  const clients: TestClient[] = [];
  const roots: string[] = [];

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.stop()));
    await Promise.all(roots.splice(0).map((root) => fs.rm(root, { recursive: true, force: true })));
  });

  async function start(files: Record<string, string>): Promise<TestClient> {
    const root = await writeWorkspace(files);
    roots.push(root);
    const client = new TestClient({ root });
    clients.push(client);
    await client.initialize();
    await client.waitFor(() => client.statuses.at(-1)?.state === 'ready', 'ready');
    return client;
  }

  it('publishes every keystroke with its version, and ends where opening the typed text afresh does', async () => {
    const client = await start(fixtureFiles());
    const document = await client.open('docs/guide.md');
    await client.waitForDiagnostics('docs/guide.md', (d) => d.some(mentions('RUNBOOKS/queue.md')));
    const uri = document.uri;
    const versionPublished = (version: number) =>
      client.waitFor(() => client.publishLog.find((p) => p.uri === uri && p.version === version), `diagnostics of version ${version}`);
    // Keystrokes into the broken link's destination, one change each.
    const line = 3;
    const at = GUIDE.split('\n')[line].indexOf('queue.md');
    for (const [i, char] of [...'old-'].entries()) {
      const position = { line, character: at + i };
      await client.edit(uri, [{ range: { start: position, end: position }, newText: char }]);
      await versionPublished(1 + i + 1);
    }
    assert.ok(client.diagnosticsOf('docs/guide.md')!.some(mentions('RUNBOOKS/old-queue.md')));
    // Two changes in one notification, one of them adding lines above the other.
    await client.edit(uri, [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: 'A new paragraph.\n\nAnd [one more](gone.md).\n' },
      { range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, newText: 'Also ' },
    ]);
    const final = (await versionPublished(7)).diagnostics;
    assert.ok(final.some(mentions('gone.md')));

    const fresh = await start(fixtureFiles({ 'docs/guide.md': client.text(uri) }));
    await fresh.open('docs/guide.md');
    const expected = await fresh.waitForDiagnostics('docs/guide.md', (d) => d.length > 0);
    assert.deepEqual(withoutVersion(final), withoutVersion(expected));
  });

  it('publishes the edited document before the documents its edit affects', async () => {
    const client = await start(fixtureFiles({ 'docs/closed.md': '# Closed\n\nSee [the guide](guide.md#field-guide).\n' }));
    const document = await client.open('docs/guide.md');
    await client.waitForDiagnostics('docs/guide.md', (d) => broken(d).length === 2);
    assert.equal(broken(client.diagnosticsOf('docs/closed.md') ?? []).length, 0);
    const from = client.publishLog.length;
    await client.edit(document.uri, [{ range: { start: { line: 0, character: 2 }, end: { line: 0, character: 13 } }, newText: 'Handbook' }]);
    await client.waitForDiagnostics('docs/closed.md', (d) => broken(d).length === 1);
    const order = client.publishLog.slice(from).map((p) => p.uri);
    assert.ok(order.indexOf(document.uri) !== -1 && order.indexOf(document.uri) < order.indexOf(client.uri('docs/closed.md')), order.join('\n'));
  });

  it('reports `ready` only once the first complete pass is published', async () => {
    const root = await writeWorkspace(fixtureFiles({ 'docs/closed.md': '# Closed\n\n[gone](nowhere.md)\n' }));
    roots.push(root);
    const client = new TestClient({ root });
    clients.push(client);
    await client.initialize();
    await client.waitFor(() => client.statuses.some((status) => status.state === 'ready'), 'ready');
    // Messages are handled one at a time: nothing sent after the status has been taken in yet.
    assert.equal(broken(client.diagnosticsOf('docs/closed.md') ?? []).length, 1);
    assert.equal(broken(client.diagnosticsOf('docs/guide.md') ?? []).length, 2);
  });
});
