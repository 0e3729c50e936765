import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import type { CodeAction, CodeLens, CompletionItem, DocumentLink, Hover } from 'vscode-languageserver-protocol';
import { TestClient, writeWorkspace } from './lspClient';
import { broken, fixtureFiles, mentions } from './fixture';

describe('language server over stdio: code actions and editor features', () => {
  let client: TestClient;
  let root: string;

  beforeEach(async () => {
    root = await writeWorkspace(fixtureFiles());
    client = new TestClient({ root });
    await client.initialize();
    await client.waitFor(() => client.progress.some((p) => p.value.kind === 'end'), 'indexing');
  });

  afterEach(async () => {
    await client.stop();
    await fs.rm(root, { recursive: true, force: true });
  });

  async function actionsFor(uri: string, diagnostics: unknown[], only?: string[]): Promise<CodeAction[]> {
    return client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics, ...(only ? { only } : {}) },
    });
  }

  it('offers the finding\'s fix as a preferred quick fix; applying it removes the finding', async () => {
    const document = await client.open('docs/guide.md');
    const diagnostics = await client.waitForDiagnostics('docs/guide.md', (d) => d.some(mentions('differs in case')));
    const caseMismatch = diagnostics.find(mentions('differs in case'))!;
    const actions = await actionsFor(document.uri, [caseMismatch]);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]),
      [
        ['Change the link to CONCEPTS/login.md', 'quickfix', true],
        ['Disable links/broken for this line', 'quickfix', false],
        ['Disable links/broken for this file', 'quickfix', false],
        ['Fix all adrift findings in this file', 'source.fixAll.adrift', false],
      ],
    );
    await client.applyEdit(actions[0].edit!);
    assert.match(client.text(document.uri), /\[older spelling\]\(CONCEPTS\/login\.md\)/);
    const after = await client.waitForDiagnostics('docs/guide.md', (d) => !d.some(mentions('differs in case')));
    assert.equal(broken(after).length, 1);
  });

  it('"disable for this line" inserts the control comment and silences the finding', async () => {
    const document = await client.open('docs/guide.md');
    const diagnostics = await client.waitForDiagnostics('docs/guide.md', (d) => d.some(mentions('RUNBOOKS/queue.md')));
    const target = diagnostics.find(mentions('RUNBOOKS/queue.md'))!;
    const actions = await actionsFor(document.uri, [target]);
    const disable = actions.find((a) => a.title === 'Disable links/broken for this line')!;
    await client.applyEdit(disable.edit!);
    assert.equal(client.text(document.uri).split('\n')[3], '<!-- adrift-disable-next-line links/broken -->');
    await client.waitForDiagnostics('docs/guide.md', (d) => !d.some(mentions('RUNBOOKS/queue.md')) && broken(d).length === 1);
  });

  it('"fix all" is a source.fixAll.adrift action with every safe fix of the file', async () => {
    const document = await client.open('docs/guide.md');
    await client.waitForDiagnostics('docs/guide.md', (d) => broken(d).length === 2);
    const actions = await actionsFor(document.uri, [], ['source.fixAll']);
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all adrift findings in this file', 'source.fixAll.adrift']]);
  });

  it('hover on a link shows the target\'s title, kind and ADR status; on line 1 the kind', async () => {
    const document = await client.open('docs/CONCEPTS/login.md');
    const line = document.getText().split('\n')[4];
    const onLink = await client.connection.sendRequest<Hover>('textDocument/hover', {
      textDocument: { uri: document.uri },
      position: { line: 4, character: line.indexOf('ADR-0007') + 2 },
    });
    const text = (onLink.contents as { value: string }).value;
    assert.match(text, /\*\*ADR-0007: One-time codes\*\*/);
    assert.match(text, /· adr/);
    assert.match(text, /Status: Accepted/);
    const onTitle = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: document.uri }, position: { line: 0, character: 2 } });
    assert.match((onTitle.contents as { value: string }).value, /kind `concept`/);
  });

  it('hover on a stale term names the replacement and where the mapping came from', async () => {
    await fs.writeFile(`${root}/docs/state.md`, '# State\n\nKeep it in st.session_state for now.\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('docs/state.md'), type: 1 }] });
    const document = await client.open('docs/state.md');
    await client.waitForDiagnostics('docs/state.md', (d) => d.some((x) => x.code === 'stale/reference'));
    const hover = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: document.uri }, position: { line: 2, character: 16 } });
    const text = (hover.contents as { value: string }).value;
    assert.match(text, /`app\.storage`/);
    assert.match(text, /mapping from/);
  });

  it('completes documents and then anchors in a link destination, and doc ids to links', async () => {
    const document = await client.open('docs/guide.md');
    const end = document.getText().split('\n').length - 1;
    await client.edit(document.uri, [{ range: { start: { line: end, character: 0 }, end: { line: end, character: 0 } }, newText: 'See [x](' }]);
    const paths = await client.connection.sendRequest<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: document.uri },
      position: { line: end, character: 8 },
    });
    assert.deepEqual(
      paths.map((item) => item.label),
      ['docs/ADRs/ADR-0007-one-time-codes.md', 'docs/CONCEPTS/login.md', 'docs/TASKS/P2T3-login-page.md'],
    );
    assert.equal((paths[1].textEdit as { newText: string }).newText, 'CONCEPTS/login.md');
    await client.edit(document.uri, [{ range: { start: { line: end, character: 8 }, end: { line: end, character: 8 } }, newText: 'CONCEPTS/login.md#' }]);
    const anchors = await client.connection.sendRequest<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: document.uri },
      position: { line: end, character: 8 + 'CONCEPTS/login.md#'.length },
    });
    assert.deepEqual(anchors.map((item) => item.label), ['#login', '#sign-in']);
    await client.edit(document.uri, [{ range: { start: { line: end, character: 0 }, end: { line: end, character: 26 } }, newText: 'Per ADR-00' }]);
    const ids = await client.connection.sendRequest<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: document.uri },
      position: { line: end, character: 10 },
    });
    assert.deepEqual(
      ids.map((item) => (item.textEdit as { newText: string }).newText),
      ['[ADR-0007](ADRs/ADR-0007-one-time-codes.md)'],
    );
  });

  it('makes doc ids in prose clickable and shows checklist progress on task docs', async () => {
    const document = await client.open('docs/TASKS/P2T3-login-page.md');
    const links = await client.connection.sendRequest<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: document.uri } });
    assert.deepEqual(
      links.map((link) => [link.range.start.line, link.target]),
      [[11, client.uri('docs/ADRs/ADR-0007-one-time-codes.md')]],
    );
    const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: document.uri } });
    assert.deepEqual(lenses.map((lens) => [lens.range.start.line, lens.command?.title]), [[5, 'Definition of Done: 1/3']]);
  });
});
