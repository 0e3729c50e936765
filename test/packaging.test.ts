import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VSCE = path.join(ROOT, 'node_modules/@vscode/vsce/vsce');

/** File names of a zip archive, read from its central directory. */
function zipEntries(zip: Buffer): string[] {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  assert.ok(end >= 0, 'not a zip archive');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(offset), 0x02014b50, 'corrupt central directory');
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

describe('packaging: the .vsix', function () {
  this.timeout(120_000);
  let out: string;

  before(async () => {
    out = await fs.mkdtemp(path.join(os.tmpdir(), 'adrift-vsix-'));
  });

  after(async () => {
    await fs.rm(out, { recursive: true, force: true });
  });

  it('builds with vsce from the allowlist: the bundles (with the parse worker the server starts), manifest, snippets, grammar and schema; no node_modules, sources or tests', async () => {
    await fs.access(path.join(ROOT, 'dist/server.cjs'));
    const vsix = path.join(out, 'adrift.vsix');
    // Package a private copy: another test rebuilding dist/ mid-zip would otherwise break the archive.
    const stage = path.join(out, 'stage');
    for (const entry of ['package.json', 'README.md', 'LICENSE', '.vscodeignore', 'dist', 'snippets', 'syntaxes', 'schemas', 'docs/images']) {
      await fs.cp(path.join(ROOT, entry), path.join(stage, entry), { recursive: true });
    }
    await promisify(execFile)(process.execPath, [VSCE, 'package', '--no-dependencies', '--out', vsix], { cwd: stage });
    const bytes = await fs.readFile(vsix);
    const entries = zipEntries(bytes).sort();
    console.log(`      .vsix: ${(bytes.length / 1024).toFixed(0)} KiB, ${entries.length} entries\n${entries.map((e) => `        ${e}`).join('\n')}`);
    for (const needed of [
      'extension/package.json',
      'extension/dist/client.cjs',
      'extension/dist/server.cjs',
      'extension/dist/parseWorker.cjs',
      'extension/snippets/markdown.json',
      'extension/syntaxes/adrift.injection.json',
      'extension/schemas/adrift.schema.json',
    ]) {
      assert.ok(entries.includes(needed), `${needed} is packaged`);
    }
    const forbidden = entries.filter((e) => /node_modules\/|(^|\/)test\/|\.test\.|\.ts$|\.map$|^extension\/(server|client)\/src\//.test(e));
    assert.deepEqual(forbidden, []);
  });

  it('points its contributions at files that exist', async () => {
    const manifest = JSON.parse(await fs.readFile(path.join(ROOT, 'package.json'), 'utf8'));
    const contributes = manifest.contributes;
    const files = [
      manifest.main,
      ...contributes.snippets.map((s: { path: string }) => s.path),
      ...contributes.grammars.map((g: { path: string }) => g.path),
      ...contributes.yamlValidation.map((v: { url: string }) => v.url),
    ];
    for (const file of files) await fs.access(path.join(ROOT, file));
    const commands = new Set(contributes.commands.map((c: { command: string }) => c.command));
    const client = await fs.readFile(path.join(ROOT, 'client/src/commands/index.ts'), 'utf8');
    for (const command of commands) assert.ok(client.includes(`'${command}'`), `${command} is registered by the client`);
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, false);
  });
});
