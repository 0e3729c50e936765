import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { planCorpus } from '../../../bench/corpus';
import { parseStats } from '../core/parse';
import { allRules } from '../core/rules';
import { NodeHost, type HostOptions } from './host';

/** A small generated docs tree: every document kind, tables, fences, broken links and anchors. */
const corpus = planCorpus({ documents: 40, seed: 3 });

async function writeTree(root: string, files: { path: string; text: string }[]): Promise<void> {
  for (const file of files) {
    await fs.mkdir(path.dirname(path.join(root, file.path)), { recursive: true });
    await fs.writeFile(path.join(root, file.path), file.text);
  }
}

async function check(root: string, options: Partial<HostOptions> = {}) {
  const host = new NodeHost({ root, rules: allRules, workers: 0, ...options });
  await host.loadConfig();
  const parsesBefore = parseStats.count;
  await host.indexAll();
  const parses = parseStats.count - parsesBefore;
  const findings = host.allFindings();
  await host.saveCache();
  return { host, findings, parses };
}

describe('NodeHost bulk indexing', () => {
  let root: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(tmpdir(), 'adrift-index-'));
    await writeTree(root, corpus.files);
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('finds the same as a single-threaded run when parsing on worker threads', async () => {
    const single = await check(root);
    const threaded = await check(root, { workers: 2 });
    assert.ok(single.findings.size > 40);
    assert.ok([...single.findings.values()].flat().length > 0);
    assert.deepStrictEqual(threaded.findings, single.findings);
    assert.equal(threaded.parses, 0, 'the workers parsed, not this thread');
  });

  describe('with a cache', () => {
    const cacheOf = (dir: string) => ({ cache: { directory: path.join(dir, '.adrift-cache'), version: '9.9.9' } });

    it('parses nothing on an unchanged second run and finds the same', async () => {
      const cold = await check(root, cacheOf(root));
      assert.equal(cold.host.cache?.stats.hits, 0);
      const warm = await check(root, cacheOf(root));
      assert.equal(warm.parses, 0);
      assert.equal(warm.host.cache?.stats.misses, 0);
      assert.deepStrictEqual(warm.findings, cold.findings);
    });

    it('re-parses only the changed document, and finds what an uncached run finds', async () => {
      await check(root, cacheOf(root));
      const changed = corpus.files.find((f) => f.path.startsWith('docs/adr/'))!;
      await fs.writeFile(path.join(root, changed.path), `${changed.text}\nSee [nowhere](missing-doc.md).\n`);
      const warm = await check(root, cacheOf(root));
      assert.equal(warm.parses, 1);
      assert.equal(warm.host.cache?.stats.misses, 1);
      const uncached = await check(root);
      assert.deepStrictEqual(warm.findings, uncached.findings);
      assert.ok(warm.findings.get(changed.path)!.some((f) => f.message.includes('missing-doc.md')));
    });

    it('recomputes findings after a config change', async () => {
      await check(root, cacheOf(root));
      await fs.writeFile(path.join(root, '.adrift.yaml'), 'rules:\n  links/broken: off\n');
      const warm = await check(root, cacheOf(root));
      const uncached = await check(root);
      assert.equal(warm.parses, 0, 'parsed models do not depend on the config');
      assert.deepStrictEqual(warm.findings, uncached.findings);
      assert.ok(![...warm.findings.values()].flat().some((f) => f.ruleId === 'links/broken'));
    });
  });
});
