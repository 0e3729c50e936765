import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { resolve } from 'node:path';
import { scratchDir } from '../helpers/scratch';

export const CLI = resolve('bin/adrift.cjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a process (run `npm run build` first; `npm test` does). */
export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A scratch copy of a fixture tree, so tests may write to it (removed when the test process exits). */
export function copyFixture(name: string): string {
  const target = scratchDir(`adrift-${name.replace(/\W/g, '-')}-`);
  cpSync(resolve('test/fixtures', name), target, { recursive: true });
  return target;
}
