import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireTools } from '../support/tools';
import { GUIDE_PATH, SERVER_COMMAND, writeEditorWorkspace } from './fixture';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ANCHOR_FIX = 'Change the anchor to #install-the-agent';

/** Runs an editor headless against a fresh copy of the fixture; returns the JSON its script wrote. */
function runEditor(command: string, args: string[], extraEnv: Record<string, string> = {}): Record<string, any> {
  const root = writeEditorWorkspace();
  const out = join(root, 'editor-result.json');
  try {
    const run = spawnSync(command, args, {
      cwd: root,
      encoding: 'utf8',
      timeout: 90_000,
      env: {
        ...process.env,
        ADRIFT_SERVER_CMD: JSON.stringify(SERVER_COMMAND),
        ADRIFT_ROOT: root,
        ADRIFT_FILE: join(root, GUIDE_PATH),
        ADRIFT_OUT: out,
        ADRIFT_WAIT_LINES: '2,6', // the scripts wait (on a condition) until both findings are shown
        HOME: root, // editors write state under $HOME; keep the real one clean
        ...extraEnv,
      },
    });
    const log = `exit ${run.status} ${run.signal ?? ''}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`;
    assert.ok(existsSync(out), `${command} wrote no result\n${log}`);
    assert.equal(run.status, 0, log);
    return JSON.parse(readFileSync(out, 'utf8'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('e2e: other LSP clients run `adrift lsp --stdio`', function () {
  describe('Neovim (built-in LSP client, headless)', function () {
    before(async function () {
      await requireTools(this, ['nvim']);
    });
    const nvim = (env?: Record<string, string>) =>
      runEditor('nvim', ['--headless', '--clean', '-u', 'NONE', '-i', 'NONE', '-c', `luafile ${join(HERE, 'nvim-lsp.lua')}`], env);

    it('receives the link findings with rule id, line and severity', function () {
      this.timeout(120_000);
      const result = nvim();
      assert.ok(result.received, `no diagnostics: ${JSON.stringify(result)}`);
      const seen = result.diagnostics.map((d: any) => `${d.lnum}:${d.col} ${d.code} ${d.severity} ${d.source}`).sort();
      // vim.diagnostic lines/columns are 0-based; severity 1 = error.
      assert.deepEqual(seen, ['2:27 links/broken 1 adrift', '6:43 links/broken 1 adrift']);
      assert.match(result.diagnostics.find((d: any) => d.lnum === 6).message, /`runbooks\/recovery\.md` does not exist/);
    });

    it('applies the quick fix the server offers, and the finding clears', function () {
      this.timeout(120_000);
      const result = nvim({ ADRIFT_ACTION_TITLE: ANCHOR_FIX });
      assert.deepEqual(result.applied, { title: ANCHOR_FIX, line: 2 }, `offered: ${JSON.stringify(result.offered)}`);
      assert.equal(result.text[2], 'Follow [the install steps](setup.md#install-the-agent) before the first release.');
      assert.ok(result.cleared, `finding on line 2 still there: ${JSON.stringify(result.after)}`);
      assert.deepEqual(result.after.map((d: any) => `${d.lnum} ${d.code}`), ['6 links/broken']);
    });
  });

  describe('Emacs (Eglot + Flymake, batch)', function () {
    before(async function () {
      await requireTools(this, ['emacs']);
    });

    it('receives the link findings with rule id, line and severity', function () {
      this.timeout(120_000);
      const result = runEditor('emacs', ['--batch', '-Q', '-l', join(HERE, 'eglot-lsp.el')]);
      // What Flymake shows the user: 1-based lines, error type.
      const shown = result.flymake.map((d: any) => `${d.line} ${d.type}`).sort();
      assert.deepEqual(shown, ['3 eglot-error', '7 eglot-error'], JSON.stringify(result));
      assert.ok(result.flymake.every((d: any) => d.text.startsWith('adrift [links/broken]: ')), JSON.stringify(result.flymake));
      // What the server sent through Eglot: the rule id travels as the diagnostic code.
      const raw = result.raw.diagnostics.map((d: any) => `${d.range.start.line} ${d.code} ${d.severity} ${d.source}`).sort();
      assert.deepEqual(raw, ['2 links/broken 1 adrift', '6 links/broken 1 adrift']);
    });
  });
});
