import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { createTestEngine, findingLines } from './helpers/engine';

/**
 * A realistic runbook set (deployment, rollback, troubleshooting,
 * performance) in `test/fixtures/runbooks/`: the complete ones must pass,
 * the gaps planted in the others must be found exactly where they are.
 */
const ROOT = 'test/fixtures/runbooks';
const RULES = ['runbook/structure', 'code/fence-language', 'code/secret-literal', 'code/syntax'];

function loadFixture(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(`${ROOT}/docs/RUNBOOKS`)) files[`docs/RUNBOOKS/${name}`] = readFileSync(`${ROOT}/docs/RUNBOOKS/${name}`, 'utf8');
  return files;
}

/** `path:line:col rule` plus the message up to its first `;` or `.`, for readable exact asserts. */
function summary(line: string): string {
  return line.replace(/^(\S+ \S+ )(.*?)([;.](\s|$).*)$/s, '$1$2');
}

function byLocation(a: string, b: string): number {
  const key = (line: string) => /^(\S+):(\d+):(\d+) (.*)$/s.exec(line)!;
  const [, pathA, lineA, colA, restA] = key(a);
  const [, pathB, lineB, colB, restB] = key(b);
  return pathA.localeCompare(pathB) || Number(lineA) - Number(lineB) || Number(colA) - Number(colB) || restA.localeCompare(restB);
}

describe('runbook fixture set', () => {
  const engine = createTestEngine({ files: loadFixture() });
  const found = RULES.flatMap((rule) => findingLines(engine, rule)).map(summary).sort(byLocation);

  it('reports exactly the planted gaps', () => {
    assert.deepEqual(found, [
      'docs/RUNBOOKS/ledger-performance.md:1:1 runbook/structure Runbook defines no escalation path',
      'docs/RUNBOOKS/ledger-performance.md:1:1 runbook/structure Runbook has no Prerequisites section',
      'docs/RUNBOOKS/ledger-performance.md:12:1 runbook/structure Procedure `Procedure: Run a Load Test` has no verification step after its first step',
      'docs/RUNBOOKS/ledger-performance.md:24:1 runbook/structure Procedure `Tuning` has no verification step after its first step',
      'docs/RUNBOOKS/ledger-performance.md:28:1 code/fence-language Fenced code block has no language tag',
      'docs/RUNBOOKS/ledger-performance.md:44:1 code/syntax YAML in this `yaml` block does not parse (line 4 of the block): All mapping items must start at the same column',
      'docs/RUNBOOKS/ledger-performance.md:51:1 code/syntax JSON in this `json` block does not parse (line 4 of the block): Expected double-quoted property name',
      'docs/RUNBOOKS/ledger-performance.md:55:23 code/syntax Python in this `python` block does not parse (line 1 of the block): unexpected end of line or input',
      'docs/RUNBOOKS/ledger-performance.md:60:41 code/secret-literal This code block contains what looks like a password in a connection URL',
      'docs/RUNBOOKS/ledger-rollback.md:15:1 runbook/structure Procedure `Rollback Procedure` has no verification step after its first step',
      'docs/RUNBOOKS/ledger-rollback.md:15:1 runbook/structure Rollback runbook has no re-rollout steps',
      'docs/RUNBOOKS/ledger-troubleshooting.md:34:1 runbook/structure Troubleshooting entry `Issue: Balances Drift` gives a solution but no way to confirm it worked',
    ]);
  });

  it('leaves the complete deployment runbook alone', () => {
    assert.deepEqual(
      found.filter((line) => line.startsWith('docs/RUNBOOKS/ledger-deployment.md')),
      [],
    );
  });
});
