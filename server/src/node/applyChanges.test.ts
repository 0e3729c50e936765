import { strict as assert } from 'node:assert';
import { chmodSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Change } from '../core/types';
import { ChangeRefused, applyChanges } from './applyChanges';
import { snapshotTree } from '../../../test/helpers/treeSnapshot';

const temps: string[] = [];
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'adrift-apply-'));
  temps.push(root);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const snapshot = snapshotTree;

const at = (line: number, character: number) => ({ line, character });
const replaceFirstWord = (path: string, newText: string): Change => ({ kind: 'edit', path, edits: [{ range: { start: at(0, 2), end: at(0, 5) }, newText }] });

describe('applyChanges', () => {
  after(() => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });

  it('edits the real file once when a symbolic link is an alias of it, keeping the link', async () => {
    const root = tree({ 'AGENTS.md': '# Old guide\n' });
    symlinkSync('AGENTS.md', path.join(root, 'CLAUDE.md'));
    await applyChanges(root, [replaceFirstWord('AGENTS.md', 'New'), replaceFirstWord('CLAUDE.md', 'New')]);
    assert.equal(readFileSync(path.join(root, 'AGENTS.md'), 'utf8'), '# New guide\n');
    assert.equal(readlinkSync(path.join(root, 'CLAUDE.md')), 'AGENTS.md');
  });

  it('refuses to edit through a symbolic link that leads outside the workspace', async () => {
    const outside = tree({ 'secret.md': '# Old secret\n' });
    const root = tree({ 'docs/a.md': '# Old a\n' });
    symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'docs/leak.md'));
    const before = snapshot(root);
    await assert.rejects(applyChanges(root, [replaceFirstWord('docs/a.md', 'New'), replaceFirstWord('docs/leak.md', 'New')]), ChangeRefused);
    assert.deepEqual(snapshot(root), before);
    assert.equal(readFileSync(path.join(outside, 'secret.md'), 'utf8'), '# Old secret\n');
  });

  it('refuses overlapping edits before writing anything', async () => {
    const root = tree({ 'a.md': '# Old a\n', 'b.md': '# Old b\n' });
    const before = snapshot(root);
    const overlapping: Change = { kind: 'edit', path: 'b.md', edits: [{ range: { start: at(0, 0), end: at(0, 4) }, newText: 'x' }, { range: { start: at(0, 2), end: at(0, 5) }, newText: 'y' }] };
    await assert.rejects(applyChanges(root, [replaceFirstWord('a.md', 'New'), overlapping]), /overlapping edits; nothing was changed/);
    assert.deepEqual(snapshot(root), before);
  });

  it('undoes creates (with their new folders), edits, renames and deletes of files and links when a later write fails', async () => {
    const root = tree({ 'docs/a.md': '# Old a\n', 'docs/b.md': '# Old b\n', 'docs/c.md': 'c\n', 'docs/d.md': 'd\n' });
    chmodSync(path.join(root, 'docs/b.md'), 0o600);
    symlinkSync('a.md', path.join(root, 'docs/alias.md'));
    const changes: Change[] = [
      { kind: 'create', path: 'docs/new/deeper/x.md', content: 'x\n', modeFrom: 'docs/b.md' },
      replaceFirstWord('docs/a.md', 'New'),
      replaceFirstWord('docs/b.md', 'New'),
      { kind: 'rename', from: 'docs/c.md', to: 'docs/moved/c.md' },
      { kind: 'delete', path: 'docs/alias.md' },
      { kind: 'delete', path: 'docs/d.md' },
    ];
    const before = snapshot(root);
    for (let failAfter = 1; failAfter <= changes.length; failAfter++) {
      await assert.rejects(applyChanges(root, changes, { failAfterWrites: failAfter }), new RegExp(`injected failure after ${failAfter} writes`));
      assert.deepEqual(snapshot(root), before, `after a failure at write ${failAfter}`);
    }
    await applyChanges(root, changes);
    assert.equal(lstatSync(path.join(root, 'docs/new/deeper/x.md')).mode & 0o777, 0o600);
    assert.equal(readFileSync(path.join(root, 'docs/b.md'), 'utf8'), '# New b\n');
    assert.equal(lstatSync(path.join(root, 'docs/b.md')).mode & 0o777, 0o600);
  });

  it('refuses a create whose target exists or that another create in the list takes', async () => {
    const root = tree({ 'a.md': 'a\n' });
    const before = snapshot(root);
    await assert.rejects(applyChanges(root, [{ kind: 'create', path: 'a.md', content: 'b\n' }]), /a\.md already exists; nothing was changed/);
    await assert.rejects(
      applyChanges(root, [{ kind: 'create', path: 'n.md', content: '1\n' }, { kind: 'rename', from: 'a.md', to: 'n.md' }]),
      /n\.md already exists; nothing was changed/,
    );
    assert.deepEqual(snapshot(root), before);
  });
});
