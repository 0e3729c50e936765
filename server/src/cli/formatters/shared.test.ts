import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { displayPathFor } from './shared';

describe('displayPathFor', () => {
  it('shows each path as path.relative from the current directory does, wherever the root and the current directory are', () => {
    const expected = (root: string, cwd: string, workspacePath: string) =>
      path.relative(cwd, path.isAbsolute(workspacePath) ? workspacePath : path.join(root, workspacePath)).split(path.sep).join('/') || '.';
    const roots = ['/w', '/w/ws', '/', '/a/b/c', '/w/ws/docs'];
    const cwds = ['/w', '/w/ws', '/', '/w/ws/docs', '/w/ws/docs/adr', '/other', '/w/wsx', '/a'];
    const paths = ['docs/a.md', 'CLAUDE.md', 'docs/.hidden/x.md', 'docs/../x.md', '', '.', 'docs/adr/a.md', '/abs/x.md', '..x/y.md', 'docs//a.md'];
    for (const root of roots) {
      for (const cwd of cwds) {
        const displayPath = displayPathFor(root, cwd);
        for (const workspacePath of paths) assert.equal(displayPath(workspacePath), expected(root, cwd, workspacePath), `${workspacePath} in ${root} from ${cwd}`);
      }
    }
  });
});
