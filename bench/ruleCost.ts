/**
 * What the findings phase costs, rule by rule: indexes a corpus in this process
 * (parsing on the main thread), then computes every finding once with each
 * rule's `check` timed. A rule's time includes the topic aggregates it is the
 * first to read. The phase's total is also given in CPU time of this process
 * (`process.cpuUsage`), which other processes competing for the cores inflate
 * less than wall time; asking for it around each rule run would cost more than
 * most rule runs.
 *
 *   npx tsx bench/ruleCost.ts bench/out/corpus-1k [--cache DIR] [--out findings.json] [--profile findings.cpuprofile]
 *
 * `--cache` keeps parsed documents between runs (results are reset after
 * indexing, so no finding comes from the cache); `--out` writes the findings
 * for diffing two runs; `--profile` writes a CPU profile of the findings phase alone.
 */
import { promises as fs } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { allRules } from '../server/src/core/rules';
import type { Rule } from '../server/src/core/rule';
import { NodeHost } from '../server/src/node/host';

/** Milliseconds of CPU time (user + system) this process has used. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

async function main(): Promise<void> {
  const root = process.argv[2];
  if (!root || root.startsWith('--')) throw new Error('usage: ruleCost.ts <corpus root> [--cache DIR] [--out FILE] [--profile FILE]');
  const cacheDirectory = option('--cache');
  const out = option('--out');

  const spent = new Map<string, number>();
  const timed: Rule[] = allRules.map((rule) => ({
    ...rule,
    check(ctx) {
      const started = performance.now();
      try {
        rule.check(ctx);
      } finally {
        spent.set(rule.id, (spent.get(rule.id) ?? 0) + performance.now() - started);
      }
    },
  }));

  const host = new NodeHost({ root, rules: timed, workers: 0, ...(cacheDirectory ? { cache: { directory: cacheDirectory, version: 'rule-cost' } } : {}) });
  await host.loadConfig();
  let started = performance.now();
  await host.indexAll();
  const indexSeconds = (performance.now() - started) / 1000;
  if (cacheDirectory) await host.saveCache();
  // Drop findings seeded from the cache: every rule runs below.
  host.engine.setConfig(host.engine.config);
  spent.clear();

  const profile = option('--profile');
  const session = profile ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  started = performance.now();
  const startedCpu = cpuMs();
  const findings = host.allFindings();
  const findingsSeconds = (performance.now() - started) / 1000;
  const findingsCpuSeconds = (cpuMs() - startedCpu) / 1000;
  if (session && profile) {
    const { profile: recorded } = await session.post('Profiler.stop');
    await fs.writeFile(profile, JSON.stringify(recorded));
    session.disconnect();
  }

  const documents = host.engine.documentPaths().length;
  let count = 0;
  for (const list of findings.values()) count += list.length;
  console.log(`${documents} documents indexed in ${indexSeconds.toFixed(1)} s; ${count} findings`);
  console.log(
    `findings phase: ${findingsCpuSeconds.toFixed(2)} s CPU (${((findingsCpuSeconds * 1e6) / documents).toFixed(0)} us per document), ${findingsSeconds.toFixed(2)} s wall`,
  );
  console.log('Wall time per rule (includes the topic aggregates it reads first):');
  for (const [id, ms] of [...spent].sort((a, b) => b[1] - a[1])) {
    console.log(`${ms.toFixed(0).padStart(8)} ms  ${id}`);
  }
  if (out) await fs.writeFile(out, JSON.stringify(Object.fromEntries(findings), null, 1));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
