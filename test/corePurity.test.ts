import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const FORBIDDEN = [/^vscode$/, /^vscode-languageserver/, /^vscode-languageclient/, /^(node:)?fs(\/promises)?$/, /^(node:)?child_process$/, /^(node:)?(net|http|https|worker_threads)$/];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') && !full.endsWith('.test.ts') ? [full] : [];
  });
}

describe('the engine stays pure', () => {
  it('server/src/core imports no vscode, LSP connection, file system, process or network module', () => {
    const offenders: string[] = [];
    for (const file of sources('server/src/core')) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)['"]([^'"]+)['"]/g)) {
        if (FORBIDDEN.some((re) => re.test(match[1]))) offenders.push(`${file}: ${match[1]}`);
      }
      if (/\bprocess\.(env|cwd|exit|argv)/.test(text)) offenders.push(`${file}: uses process`);
    }
    assert.deepEqual(offenders, []);
  });
});
