import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { seededRandom } from '../../bench/corpus';
import { applyTextEdits } from '../../server/src/core/fixes';
import { splitBom } from '../../server/src/core/text';
import type { Change } from '../../server/src/core/types';
import { REPO_ROOT } from '../protocol/lspClient';

const RUNS = 100;
const FILES = 30;
const SEED = 20261122;

interface Planned {
  rel: string;
  old: Buffer | null;
  next: Buffer;
  mode: number;
}

/** Files with and without BOM, CRLF or LF, different modes; each gets an edit in the middle and one at the end. */
function planFiles(): { planned: Planned[]; changes: Change[] } {
  const planned: Planned[] = [];
  const changes: Change[] = [];
  for (let i = 0; i < FILES; i++) {
    const eol = i % 2 ? '\r\n' : '\n';
    const bom = i % 3 === 0 ? '\uFEFF' : '';
    const lines = Array.from({ length: 1500 }, (_, n) => `Line ${n} of document ${i}: café ✅ [link](other-${n}.md)`);
    const text = `# Document ${i}${eol}${eol}${lines.join(eol)}${eol}`;
    const edits = [
      { range: { start: { line: 700, character: 0 }, end: { line: 702, character: 0 } }, newText: `Rewritten middle of ${i}\n` },
      { range: { start: { line: 1502, character: 0 }, end: { line: 1502, character: 0 } }, newText: `Appended to ${i}\n` },
    ];
    const rel = `docs/doc-${i}.md`;
    const next = bom + applyTextEdits(splitBom(bom + text).text, edits);
    planned.push({ rel, old: Buffer.from(bom + text), next: Buffer.from(next), mode: i % 4 === 0 ? 0o755 : i % 4 === 1 ? 0o600 : 0o644 });
    changes.push({ kind: 'edit', path: rel, edits });
  }
  for (let i = 0; i < 3; i++) {
    const content = `# New ${i}\n\n${'Created by the fix.\n'.repeat(2000)}`;
    planned.push({ rel: `docs/new-${i}.md`, old: null, next: Buffer.from(content), mode: 0o644 });
    changes.push({ kind: 'create', path: `docs/new-${i}.md`, content });
  }
  return { planned, changes };
}

async function resetTree(root: string, planned: Planned[]): Promise<void> {
  await fs.rm(root, { recursive: true, force: true });
  await fs.mkdir(path.join(root, 'docs'), { recursive: true });
  for (const file of planned) {
    if (!file.old) continue;
    await fs.writeFile(path.join(root, file.rel), file.old);
    await fs.chmod(path.join(root, file.rel), file.mode);
  }
}

let child: string;

function runChild(root: string, planFile: string, killAfterMs: number | null): Promise<number> {
  const started = Date.now();
  const proc = spawn(process.execPath, [child, root, planFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let applyingAt = started;
  proc.stdout.on('data', (chunk) => {
    if (!String(chunk).includes('applying')) return;
    applyingAt = Date.now();
    if (killAfterMs !== null) setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
  });
  return new Promise((resolve) => proc.once('exit', () => resolve(Date.now() - applyingAt)));
}

/** How long one uninterrupted transaction takes here, from "applying" to exit (the fastest of three; the first is cold). */
async function timeFullRun(root: string, planFile: string, planned: Planned[]): Promise<number> {
  let fastest = Infinity;
  for (let i = 0; i < 3; i++) {
    await resetTree(root, planned);
    fastest = Math.min(fastest, await runChild(root, planFile, null));
    for (const file of planned) assert.ok((await fs.readFile(path.join(root, file.rel))).equals(file.next), `uninterrupted: ${file.rel} is the new version`);
  }
  return Math.max(fastest, 20);
}

describe('writes survive SIGKILL at any point', function () {
  this.timeout(900_000);
  let work: string;

  before(async () => {
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'adrift-kill-'));
    child = path.join(work, 'child.cjs');
    // Bundled at test time so each child starts in milliseconds.
    await build({ entryPoints: [path.join(REPO_ROOT, 'test/hostile/killChild.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: child, logLevel: 'silent' });
  });
  after(() => fs.rm(work, { recursive: true, force: true }));

  it(`leaves every file exactly old or new, with its mode, ${RUNS} kills in a row`, async () => {
    const { planned, changes } = planFiles();
    const root = path.join(work, 'tree');
    const planFile = path.join(work, 'plan.json');
    await fs.writeFile(planFile, JSON.stringify(changes));
    const next = seededRandom(SEED);
    // Kill points spread over the whole transaction: from start-up to (a little past) the last write.
    const fullRunMs = await timeFullRun(root, planFile, planned);
    const outcomes = { untouched: 0, partial: 0, complete: 0 };
    for (let run = 0; run < RUNS; run++) {
      await resetTree(root, planned);
      const delayMs = Math.floor(next() * fullRunMs * 1.1);
      await runChild(root, planFile, delayMs);

      let newCount = 0;
      for (const file of planned) {
        const absolute = path.join(root, file.rel);
        const bytes = await fs.readFile(absolute).catch(() => null);
        if (bytes === null) {
          assert.equal(file.old, null, `run ${run} (delay ${delayMs} ms): ${file.rel} disappeared`);
          continue;
        }
        const isOld = file.old !== null && bytes.equals(file.old);
        const isNew = bytes.equals(file.next);
        assert.ok(isOld || isNew, `run ${run} (delay ${delayMs} ms): ${file.rel} is neither the old nor the new version (${bytes.length} bytes)`);
        assert.equal((await fs.stat(absolute)).mode & 0o777, file.mode, `run ${run}: ${file.rel} kept its mode`);
        if (isNew) newCount++;
      }
      // Temporary files may be left by a kill; they never carry a document's name.
      for (const name of await fs.readdir(path.join(root, 'docs'))) {
        assert.ok(planned.some((f) => f.rel === `docs/${name}`) || /^\..+\.adrift-[0-9a-f]+\.tmp$/.test(name), `unexpected file ${name}`);
      }
      if (newCount === 0) outcomes.untouched++;
      else if (newCount === planned.length) outcomes.complete++;
      else outcomes.partial++;
    }
    console.log(`      kill points over a ${fullRunMs} ms transaction: ${JSON.stringify(outcomes)}`);
  });
});
