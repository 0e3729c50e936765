import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_TOPICS } from '../../server/src/core/workspaceTopics';

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('WORKSPACE_TOPICS', () => {
  it('lists every topic the engine defines at module level, so hosts gather each as documents are indexed', () => {
    const defined = sourcesUnder('server/src/core').flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/export const \w+: Topic<[\s\S]*?\n\s+name: '([^']+)'/g)].map((match) => match[1]),
    );
    assert.ok(defined.length >= 10, `found ${defined.length} topics`);
    assert.deepEqual(WORKSPACE_TOPICS.map((topic) => topic.name).sort(), defined.sort());
  });
});
