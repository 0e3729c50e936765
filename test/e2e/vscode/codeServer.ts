import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CODE_SERVER, NODE24_BIN, waitFor } from '../support/tools';

/** User settings that keep the workbench quiet and deterministic (no walkthroughs, trust prompts, chat, telemetry). */
const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'chat.disableAIFeatures': true,
  'update.mode': 'none',
  'editor.minimap.enabled': false,
  'editor.lightbulb.enabled': 'on',
  'files.autoSave': 'off',
  'git.enabled': false,
};

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function codeServerEnv(run: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${NODE24_BIN}:${process.env.PATH}`, // code-server runs on the Node 24 it was built for
    XDG_DATA_HOME: join(run, 'xdg-data'), // keep $HOME clean
    XDG_CONFIG_HOME: join(run, 'xdg-config'),
    XDG_CACHE_HOME: join(run, 'xdg-cache'),
    ...extra,
  };
}

/**
 * Installs .vsix files into a fresh extensions folder with `code-server --install-extension`,
 * exactly as a user would, and returns that folder.
 */
export async function installExtensions(vsixFiles: string[]): Promise<string> {
  const run = mkdtempSync(join(tmpdir(), 'adrift-cs-install-'));
  const extensionsDir = join(run, 'extensions');
  const args = ['--extensions-dir', extensionsDir, '--user-data-dir', join(run, 'data')];
  for (const vsix of vsixFiles) args.push('--install-extension', vsix);
  const logPath = join(run, 'install.log');
  const child = spawn(CODE_SERVER, args, { env: codeServerEnv(run, {}), stdio: ['ignore', openSync(logPath, 'w'), openSync(logPath, 'a')] });
  const code = await new Promise<number | null>((resolveExit) => child.once('exit', resolveExit));
  const log = readFileSync(logPath, 'utf8');
  if (code !== 0 || /Failed Installing|Error/i.test(log)) throw new Error(`code-server --install-extension failed (exit ${code}):\n${log}`);
  return extensionsDir;
}

export interface CodeServer {
  url: string;
  /** The temp folder holding this instance's user data, logs and the helper's channel. */
  run: string;
  logPath: string;
  stop(): Promise<void>;
}

/**
 * Starts a private code-server on a free loopback port (no auth, temp user-data and XDG dirs,
 * its own copy of the installed extensions) and waits until it answers /healthz.
 */
export async function startCodeServer(options: { extensionsDir: string; workspace: string; env?: Record<string, string> }): Promise<CodeServer> {
  const run = mkdtempSync(join(tmpdir(), 'adrift-cs-'));
  mkdirSync(join(run, 'data/User'), { recursive: true });
  writeFileSync(join(run, 'data/User/settings.json'), JSON.stringify(SETTINGS, null, 2));
  const extensionsDir = join(run, 'extensions');
  cpSync(options.extensionsDir, extensionsDir, { recursive: true });
  const port = await freePort();
  writeFileSync(join(run, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const logPath = join(run, 'code-server.log');
  const log = openSync(logPath, 'w');
  const child: ChildProcess = spawn(
    CODE_SERVER,
    [
      '--config', join(run, 'config.yaml'),
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--user-data-dir', join(run, 'data'),
      '--extensions-dir', extensionsDir,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
      options.workspace,
    ],
    { env: codeServerEnv(run, options.env ?? {}), stdio: ['ignore', log, log], detached: true },
  );
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      // code-server forks its server and extension hosts into the same process group.
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
      await exited;
    }
    if (!process.env.ADRIFT_E2E_KEEP) rmSync(run, { recursive: true, force: true });
  };
  try {
    const state = await waitFor('code-server to answer /healthz', async () => {
      if (child.exitCode !== null) return 'exited';
      return (await fetch(`${url}/healthz`)).ok && 'up';
    }, { timeoutMs: 90_000, intervalMs: 200, describe: () => readFileSync(logPath, 'utf8') });
    if (state === 'exited') throw new Error(`code-server exited ${child.exitCode}:\n${readFileSync(logPath, 'utf8')}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, run, logPath, stop };
}
