import { strict as assert } from 'node:assert';
import { readFileSync, existsSync } from 'node:fs';
import { allRules } from '../server/src/core/rules';
import { createTestEngine, findingLines } from './helpers/engine';

/**
 * Every rule's docs page carries examples that are run here: a fenced block
 * tagged `markdown fires path=...` must produce at least one finding of the
 * rule in that file, `markdown silent path=...` none. Blocks tagged
 * `markdown context path=...` (or `yaml config`) set up the rest of the workspace.
 */
interface Example {
  role: 'fires' | 'silent' | 'context' | 'config';
  path: string;
  text: string;
  line: number;
}

function examplesOf(page: string): Example[][] {
  const groups: Example[][] = [];
  let current: Example[] = [];
  const lines = page.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (/^#{2,3}\s/.test(lines[i]) && current.length) {
      groups.push(current);
      current = [];
    }
    const open = /^(`{3,}|~{3,})(markdown|md|yaml)\s+(fires|silent|context|config)(?:\s+path=(\S+))?/.exec(lines[i]);
    if (!open) continue;
    const fence = open[1];
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !lines[j].startsWith(fence); j++) body.push(lines[j]);
    current.push({ role: open[3] as Example['role'], path: open[4] ?? '.adrift.yaml', text: `${body.join('\n')}\n`, line: i + 1 });
    i = j;
  }
  if (current.length) groups.push(current);
  return groups;
}

describe('rule docs pages', () => {
  for (const rule of allRules) {
    const page = `docs/rules/${rule.id}.md`;
    describe(rule.id, () => {
      it('has a docs page with an example that fires and one that stays silent', () => {
        assert.ok(existsSync(page), `${page} is missing`);
        const roles = examplesOf(readFileSync(page, 'utf8')).flat().map((e) => e.role);
        assert.ok(roles.includes('fires'), `${page} has no \`markdown fires\` example`);
        assert.ok(roles.includes('silent'), `${page} has no \`markdown silent\` example`);
      });
      if (!existsSync(page)) return;
      for (const group of examplesOf(readFileSync(page, 'utf8'))) {
        for (const example of group.filter((e) => e.role === 'fires' || e.role === 'silent')) {
          it(`${example.role} (${page}:${example.line})`, () => {
            const files: Record<string, string> = {};
            for (const e of group.filter((g) => g.role === 'context')) files[e.path] = e.text;
            files[example.path] = example.text;
            const config = group.find((g) => g.role === 'config')?.text;
            const engine = createTestEngine({ files, config });
            const lines = findingLines(engine, rule.id).filter((l) => l.startsWith(`${example.path}:`));
            if (example.role === 'fires') assert.ok(lines.length > 0, `expected ${rule.id} to fire in ${example.path}`);
            else assert.deepEqual(lines, [], `expected ${rule.id} to stay silent in ${example.path}`);
          });
        }
      }
    });
  }
});
