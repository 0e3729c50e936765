import { strict as assert } from 'node:assert';
import { FileIndex } from '../../server/src/core/fileIndex';

describe('FileIndex', () => {
  it('reports the folders a new file makes appear, and nothing for a file it knows', () => {
    const files = new FileIndex();
    assert.deepEqual(files.add('docs/adr/0001-use-nicegui.md'), ['docs/adr', 'docs']);
    assert.deepEqual(files.add('docs/adr/0002-cache.md'), []);
    assert.deepEqual(files.add('docs/runbooks/deploy.md'), ['docs/runbooks']);
    assert.equal(files.add('docs/adr/0002-cache.md'), undefined);
    assert.deepEqual(files.add('CLAUDE.md'), []);
  });

  it('reports the folders a removed file leaves empty, and nothing for a file it does not know', () => {
    const files = new FileIndex();
    files.add('docs/adr/0001-use-nicegui.md');
    files.add('docs/adr/0002-cache.md');
    files.add('docs/runbooks/deploy.md');
    assert.deepEqual(files.remove('docs/adr/0001-use-nicegui.md'), []);
    assert.equal(files.directoryExists('docs/adr'), true);
    assert.deepEqual(files.remove('docs/adr/0002-cache.md'), ['docs/adr']);
    assert.equal(files.directoryExists('docs/adr'), false);
    assert.equal(files.directoryExists('docs'), true);
    assert.deepEqual(files.remove('docs/runbooks/deploy.md'), ['docs/runbooks', 'docs']);
    assert.equal(files.remove('docs/runbooks/deploy.md'), undefined);
    assert.equal(files.directoryExists('docs'), false);
    assert.equal(files.directoryExists(''), true, 'the workspace root always exists');
    assert.deepEqual([...files.values()], []);
  });

  it('finds files by path and by name ignoring case, sorted, until they are removed', () => {
    const files = new FileIndex();
    for (const path of ['docs/Guide.md', 'docs/guide.md', 'notes/GUIDE.md', 'docs/other.md']) files.add(path);
    assert.deepEqual(files.withLowerPath('docs/guide.md'), ['docs/Guide.md', 'docs/guide.md']);
    assert.deepEqual(files.withLowerName('guide.md'), ['docs/Guide.md', 'docs/guide.md', 'notes/GUIDE.md']);
    assert.deepEqual(files.withLowerName('missing.md'), []);
    files.remove('docs/guide.md');
    assert.deepEqual(files.withLowerPath('docs/guide.md'), ['docs/Guide.md']);
    assert.deepEqual(files.withLowerName('guide.md'), ['docs/Guide.md', 'notes/GUIDE.md']);
    assert.equal(files.has('docs/guide.md'), false);
    assert.equal(files.has('docs/Guide.md'), true);
  });
});
