import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { TestClient, writeWorkspace } from './lspClient';
import { broken, fixtureFiles, mentions } from './fixture';

describe('language server over stdio: start-up and editing', () => {
  let client: TestClient | undefined;
  let root: string;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    await fs.rm(root, { recursive: true, force: true });
  });

  it('reports indexing as work-done progress and announces its capabilities', async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 250; i++) many[`docs/notes/note-${i}.md`] = `# Note ${i}\n\nSee [the guide](../guide.md).\n`;
    root = await writeWorkspace(fixtureFiles(many));
    client = new TestClient({ root });
    const result = await client.initialize();
    assert.equal(result.serverInfo?.name, 'adrift');
    assert.equal(result.capabilities.textDocumentSync && typeof result.capabilities.textDocumentSync === 'object' && result.capabilities.textDocumentSync.change, 2);
    assert.equal(result.capabilities.diagnosticProvider, undefined, 'no pull diagnostics for a client without support');
    const end = await client.waitFor(() => client!.progress.find((p) => p.value.kind === 'end'), 'progress end');
    const ofThisToken = client.progress.filter((p) => p.token === end.token);
    assert.equal(ofThisToken[0].value.kind, 'begin');
    assert.equal(ofThisToken[0].value.title, 'adrift');
    const messages = ofThisToken.filter((p) => p.value.kind === 'report').map((p) => p.value.message);
    assert.ok(messages.includes('indexing docs 100 / 254'), messages.join('\n'));
    assert.ok(messages.includes('indexing docs 254 / 254'), messages.join('\n'));
    // Closed documents are published once indexing is done.
    const guide = await client.waitForDiagnostics('docs/guide.md', (d) => d.length > 0);
    assert.ok(guide.some(mentions('RUNBOOKS/queue.md')));
  });

  it('checks an open document before indexing the rest, then publishes the rest', async () => {
    root = await writeWorkspace(fixtureFiles({ 'docs/closed.md': '# Closed\n\n[gone](nowhere.md)\n' }));
    client = new TestClient({ root, initializationOptions: { pauseIndexingAfterScan: true } });
    await client.initialize();
    await client.open('docs/guide.md');
    const diagnostics = await client.waitForDiagnostics('docs/guide.md', (d) => d.length > 0);
    assert.deepEqual(
      broken(diagnostics).map((d) => [d.range.start.line, d.code, d.source]),
      [
        [3, 'links/broken', 'adrift'],
        [4, 'links/broken', 'adrift'],
      ],
    );
    assert.equal(client.progress.some((p) => p.value.kind === 'end'), false, 'indexing has not finished');
    assert.equal(client.diagnosticsOf('docs/closed.md'), undefined, 'closed documents wait for the index');
    await client.waitFor(() => client!.statuses.at(-1)?.state === 'indexing', 'status indexing');
    await client.connection.sendRequest('adrift/resumeIndexing');
    const closed = await client.waitForDiagnostics('docs/closed.md', (d) => broken(d).length === 1);
    assert.ok(broken(closed)[0].message.includes('nowhere.md'));
    await client.waitFor(() => client!.statuses.at(-1)?.state === 'ready', 'status ready');
  });

  it('keeps its parse cache in `cacheDirectory`, one folder per workspace folder, and starts from it with the same findings', async () => {
    root = await writeWorkspace(fixtureFiles());
    const cacheDirectory = path.join(root, '.storage');
    client = new TestClient({ root, initializationOptions: { cacheDirectory } });
    await client.initialize();
    const first = await client.waitForDiagnostics('docs/guide.md', (d) => broken(d).length === 2);
    await client.waitFor(() => client!.statuses.at(-1)?.state === 'ready', 'ready');
    await client.stop();
    const folders = await fs.readdir(cacheDirectory);
    assert.equal(folders.length, 1);
    assert.ok((await fs.readdir(path.join(cacheDirectory, folders[0]))).length > 0, 'the cache was written');
    client = new TestClient({ root, initializationOptions: { cacheDirectory } });
    await client.initialize();
    const second = await client.waitForDiagnostics('docs/guide.md', (d) => broken(d).length === 2);
    assert.deepEqual(second, first);
  });

  it('converts findings: code, docs link, severity, fixes in data', async () => {
    root = await writeWorkspace(fixtureFiles());
    client = new TestClient({ root });
    await client.initialize();
    await client.open('docs/guide.md');
    const diagnostics = await client.waitForDiagnostics('docs/guide.md', (d) => broken(d).length === 2);
    const caseMismatch = diagnostics.find(mentions('differs in case'))!;
    assert.equal(caseMismatch.severity, 1);
    assert.equal(caseMismatch.codeDescription?.href, 'https://github.com/adrift-dev/adrift/blob/main/docs/rules/links/broken.md');
    const data = caseMismatch.data as { fixes: { title: string; safe: boolean }[] };
    assert.deepEqual(data.fixes.map((f) => [f.title, f.safe]), [['Change the link to CONCEPTS/login.md', true]]);
  });

  it('re-checks a changed document after the debounce; a fix clears the finding', async () => {
    root = await writeWorkspace(fixtureFiles());
    client = new TestClient({ root });
    await client.initialize();
    const document = await client.open('docs/guide.md');
    await client.waitForDiagnostics('docs/guide.md', (d) => d.some(mentions('RUNBOOKS/queue.md')));
    const line = document.getText().split('\n')[3];
    const start = line.indexOf('RUNBOOKS/queue.md');
    await client.edit(document.uri, [
      { range: { start: { line: 3, character: start }, end: { line: 3, character: start + 'RUNBOOKS/queue.md'.length } }, newText: 'CONCEPTS/login.md' },
    ]);
    const after = await client.waitForDiagnostics('docs/guide.md', (d) => !d.some(mentions('RUNBOOKS/queue.md')));
    assert.equal(broken(after).length, 1);
  });
});
