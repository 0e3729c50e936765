import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readWorkspaceDocumentIfChanged } from './files';

describe('readWorkspaceDocumentIfChanged', () => {
  let base: string;
  let root: string;
  const knowsEverything = () => true;

  beforeEach(async () => {
    base = await fs.mkdtemp(path.join(tmpdir(), 'adrift-files-'));
    root = path.join(base, 'workspace');
    await fs.mkdir(path.join(root, 'docs', '.hidden'), { recursive: true });
    await fs.writeFile(path.join(root, 'docs', 'a.md'), '# A\n');
    await fs.writeFile(path.join(root, 'docs', '.hidden', '..b.md'), '# B\n');
    await fs.writeFile(path.join(base, 'outside.md'), '# Outside\n');
  });
  afterEach(() => fs.rm(base, { recursive: true, force: true }));

  it('leaves a known file unread, also one whose name starts with dots', () => {
    for (const rel of ['docs/a.md', 'docs/.hidden/..b.md']) {
      const outcome = readWorkspaceDocumentIfChanged(root, rel, 1e6, undefined, knowsEverything);
      assert.ok(outcome.ok && 'unchanged' in outcome, rel);
    }
  });

  it('never takes a path leaving the workspace for a known file, nor reads it', () => {
    for (const rel of ['../outside.md', 'docs/../../outside.md', 'docs/./../../outside.md', path.join(base, 'outside.md')]) {
      const outcome = readWorkspaceDocumentIfChanged(root, rel, 1e6, undefined, knowsEverything);
      assert.deepStrictEqual(outcome, { ok: false, reason: 'file is outside the workspace' }, rel);
    }
  });

  it('resolves a path with `.` or `..` segments that stays inside', () => {
    const outcome = readWorkspaceDocumentIfChanged(root, 'docs/.hidden/../a.md', 1e6, undefined, () => false);
    assert.ok(outcome.ok && 'raw' in outcome);
    assert.equal(outcome.raw, '# A\n');
  });
});
