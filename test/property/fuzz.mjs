// `npm run fuzz`: the property tests with many runs and a fresh seed (printed, so a failure can be replayed
// with ADRIFT_FUZZ_SEED=<seed> ADRIFT_FUZZ_RUNS=<runs> npm run fuzz). Failures are shrunk to a small counterexample.
import { spawnSync } from 'node:child_process';

const seed = process.env.ADRIFT_FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
const runs = process.env.ADRIFT_FUZZ_RUNS ?? '2000';
console.log(`adrift fuzz: ${runs} runs per property, seed ${seed}`);
const result = spawnSync(
  process.execPath,
  ['node_modules/mocha/bin/mocha.js', '--no-config', '-n', 'import=tsx', '--timeout', '0', 'test/property/*.property.test.ts'],
  { stdio: 'inherit', env: { ...process.env, ADRIFT_FUZZ_SEED: seed, ADRIFT_FUZZ_RUNS: runs, ADRIFT_FUZZ_SHRINK: '1' } },
);
console.log(`adrift fuzz: seed ${seed}, ${runs} runs per property: ${result.status === 0 ? 'no failure' : 'FAILED'}`);
process.exit(result.status ?? 1);
