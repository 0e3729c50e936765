import assert from 'node:assert/strict';
import { main } from './main';

function io() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { cwd: process.cwd(), stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t), stderrIsTTY: false } };
}

describe('adrift lsp', () => {
  it('needs a transport', async () => {
    const { out, io: cli } = io();
    assert.equal(await main(['lsp'], cli), 2);
    assert.match(out.stderr, /needs a transport, e\.g\. --stdio/);
  });

  it('prints its usage with --help', async () => {
    const { out, io: cli } = io();
    assert.equal(await main(['lsp', '--help'], cli), 0);
    assert.match(out.stdout, /^Usage: adrift lsp --stdio/);
  });
});
