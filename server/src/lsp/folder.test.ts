import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { allRules } from '../core/rules';
import { Folder } from './folder';

describe('Folder: editor changes', () => {
  let root: string;
  let folder: Folder;
  const start = 'See [the guide](guide.md).\n\nA second paragraph.\n';

  beforeEach(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'adrift-folder-'));
    mkdirSync(path.join(root, 'docs'));
    writeFileSync(path.join(root, 'docs/note.md'), `# Note\n\n${start}`);
    folder = new Folder(pathToFileURL(root).href, allRules, {
      log: () => undefined,
      openText: () => undefined,
      openPaths: () => [],
      changed: () => undefined,
      progress: () => undefined,
      mayIndexRest: () => Promise.resolve(),
    });
    await folder.start();
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const textOf = (rel: string) => folder.engine.getDocument(rel)?.model.text;

  it('applies incremental changes to the indexed text', async () => {
    const change = { range: { start: { line: 2, character: 16 }, end: { line: 2, character: 24 } }, text: 'gone.md' };
    const text = `# Note\n\nSee [the guide](gone.md).\n\nA second paragraph.\n`;
    await folder.documentEdited('docs/note.md', [change], text);
    assert.equal(textOf('docs/note.md'), text);
    assert.ok(folder.findings('docs/note.md').some((finding) => finding.ruleId === 'links/broken' && finding.message.includes('gone.md')));
  });

  it('takes the whole text when the changes were made to another text than the indexed one', async () => {
    // As when indexing put the editor's latest text in before the pending changes were applied.
    const latest = `# Note\n\nSee [the guide](guide.md).\n\nA second paragraph, edited.\n`;
    folder.engine.upsertDocument('docs/note.md', latest);
    const change = { range: { start: { line: 4, character: 18 }, end: { line: 4, character: 18 } }, text: ', edited' };
    await folder.documentEdited('docs/note.md', [change], latest);
    assert.equal(textOf('docs/note.md'), latest);
  });
});
