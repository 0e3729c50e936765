import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';

export interface RunResult {
  seconds: number;
  /** Peak resident set size of the measured process, in MB; null when it cannot be read. */
  peakRssMb: number | null;
  exitCode: number | null;
  stdout: string;
  /** Set when the run was stopped at its time limit. */
  timedOut?: boolean;
}

const GNU_TIME = '/usr/bin/time';

/**
 * Runs a command to completion, timing it from spawn to exit and reading its
 * peak RSS through GNU time (`%M`) when the machine has it.
 */
export async function runMeasured(
  command: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
  timeoutMs?: number,
): Promise<RunResult> {
  const marker = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  const timeFile = `/tmp/adrift-bench-time-${marker}`;
  const useTime = existsSync(GNU_TIME);
  const [file, argv] = useTime ? [GNU_TIME, ['-f', '%M', '-o', timeFile, command, ...args]] : [command, [...args]];
  const started = process.hrtime.bigint();
  let timedOut = false;
  const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
    // Its own process group, so a time limit stops GNU time and the measured process together.
    const child = spawn(file, argv, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env } });
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            try {
              process.kill(-child.pid!, 'SIGKILL');
            } catch {
              child.kill('SIGKILL');
            }
          }, timeoutMs);
    let out = '';
    child.stdout.on('data', (chunk) => (out += String(chunk).slice(0, 4096 - out.length)));
    child.stderr.on('data', () => undefined);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ code: exitCode, stdout: out });
    });
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  let peakRssMb: number | null = null;
  if (useTime) {
    const text = await fs.readFile(timeFile, 'utf8').catch(() => '');
    await fs.rm(timeFile, { force: true });
    const kb = Number(text.trim().split('\n').pop());
    if (Number.isFinite(kb) && kb > 0) peakRssMb = kb / 1024;
  }
  return { seconds, peakRssMb, exitCode: code, stdout, ...(timedOut ? { timedOut } : {}) };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface Summary {
  seconds: number;
  peakRssMb: number | null;
  runs: number[];
}

/** Median time and median peak RSS over `runs` runs; `before` runs untimed before each one. */
export async function measureMedian(
  runs: number,
  command: string,
  args: readonly string[],
  cwd: string,
  before?: (run: number) => Promise<void>,
  env?: Record<string, string>,
  timeoutMs?: number,
): Promise<Summary & { last: RunResult }> {
  const results: RunResult[] = [];
  for (let run = 0; run < runs; run++) {
    await before?.(run);
    const result = await runMeasured(command, args, cwd, env, timeoutMs);
    results.push(result);
    // One run over the limit says enough; more would only burn the same time again.
    if (result.timedOut) break;
  }
  const rss = results.map((r) => r.peakRssMb).filter((v): v is number => v !== null);
  return {
    seconds: median(results.map((r) => r.seconds)),
    peakRssMb: rss.length ? median(rss) : null,
    runs: results.map((r) => Number(r.seconds.toFixed(3))),
    last: results[results.length - 1],
  };
}
