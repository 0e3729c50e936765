import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { fetchStableVersions } from '@vscode/test-electron/out/download';
import { copyExamples } from '../scenarios';
import { ROOT, TEST_OUTPUT } from '../support/tools';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const CACHE = join(ROOT, '.vscode-test');

/**
 * Why the standard @vscode/test-electron suite cannot run here, or undefined when it can. Asks
 * the same release endpoint the download uses, with a short timeout, so an offline machine
 * answers in seconds instead of hanging.
 */
async function whyNotRunnable(): Promise<string | undefined> {
  if (process.platform !== 'linux' && process.platform !== 'darwin' && process.platform !== 'win32') return `unsupported platform ${process.platform}`;
  const cached = existsSync(CACHE) && readdirSync(CACHE).some((name) => name.startsWith('vscode-'));
  if (!cached) {
    try {
      await fetchStableVersions(true, 5_000);
    } catch (error) {
      return `VS Code cannot be downloaded from this machine (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
    }
  }
  if (process.platform === 'linux' && !process.env.DISPLAY) return 'no X display (run the tests under xvfb-run to include this suite)';
  return undefined;
}

describe('e2e: VS Code (@vscode/test-electron)', function () {
  before(async function () {
    this.timeout(30_000);
    const reason = await whyNotRunnable();
    if (reason) {
      console.log(`    skipped: ${reason}; the code-server suite covers the same scenarios`);
      this.skip();
    }
  });

  it('runs the shared end-to-end scenarios inside VS Code', async function () {
    this.timeout(15 * 60_000);
    const out = join(TEST_OUTPUT, 'electron');
    mkdirSync(out, { recursive: true });
    // Bundled inside the repository so `require('mocha')` resolves from its node_modules.
    await esbuild.build({
      entryPoints: [join(HERE, 'inHost.ts')],
      outfile: join(out, 'inHost.cjs'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode', 'mocha'],
      define: { 'import.meta.url': '__e2e_import_meta_url' },
      banner: { js: `const __e2e_import_meta_url = ${JSON.stringify(`file://${join(ROOT, 'test/e2e/electron/inHost.ts')}`)};` },
      logLevel: 'warning',
    });
    spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    const workspace = copyExamples();
    const userData = mkdtempSync(join(tmpdir(), 'adrift-electron-user-'));
    try {
      await runTests({
        extensionDevelopmentPath: ROOT,
        extensionTestsPath: join(out, 'inHost.cjs'),
        launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--user-data-dir', userData],
        cachePath: CACHE,
        timeout: 60_000,
      });
    } finally {
      rmSync(workspace, { recursive: true, force: true });
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
