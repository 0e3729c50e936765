import { strict as assert } from 'node:assert';
import picomatch from 'picomatch';
import { globMatcher } from '../../server/src/core/config/resolved';

describe('globMatcher', () => {
  it("matches exactly what picomatch's own matcher (with dot files) matches", () => {
    const patterns = [
      'docs/**/*.md',
      'CLAUDE.md',
      '**/node_modules/**',
      '**/.git/**',
      'docs/archive/**',
      '!docs/archive/**',
      'docs/{adr,runbooks}/*.md',
      'docs/**/+(ADR|adr)-*.md',
      'docs/?.md',
      'docs/[ab]*.md',
      '**/*.md',
      'docs/a (1).md',
      'docs/*',
    ];
    const paths = [
      'docs/a.md',
      'docs/adr/0001-x.md',
      'docs/adr/ADR-1.md',
      'docs/archive/old/x.md',
      'docs/.hidden/x.md',
      'docs/a (1).md',
      'CLAUDE.md',
      'sub/CLAUDE.md',
      'node_modules/x/README.md',
      'a/node_modules/b',
      '.git/config',
      'docs/runbooks/r.md',
      'docs/b.txt',
      'docs',
      'other/a.md',
    ];
    for (const pattern of patterns) {
      const reference = picomatch(pattern, { dot: true });
      for (const path of paths) assert.equal(globMatcher(pattern)(path), reference(path), `${pattern} on ${path}`);
    }
  });
});
