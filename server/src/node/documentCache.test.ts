import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseDocument } from '../core/parse';
import type { StoredResults, StoredSummary } from '../core/storedResults';
import type { Finding } from '../core/types';
import { DocumentCache, type CacheKey } from './documentCache';
import { decodeShard, encodeShard } from './shardFile';

const KEY: CacheKey = { version: '1.2.3', configHash: '{"include":["docs/**/*.md"]}', today: '2026-11-22' };
const RAW = '\uFEFF---\ntitle: Cached\n---\n\n# Cached\n\nSee [other](other.md#part).\n';
const FINDING: Omit<Finding, 'path'> = {
  range: { start: { line: 7, character: 4 }, end: { line: 7, character: 26 } },
  severity: 'error',
  ruleId: 'links/broken',
  message: 'No heading.',
  fixes: [],
};
const RESULTS: StoredResults = {
  clean: ['code/syntax'],
  deps: ['doc:docs/other.md'],
  fingerprints: ['1f2e3d.2s'],
  results: [['links/broken', JSON.stringify([FINDING]), [0]]],
};

describe('DocumentCache', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await fs.mkdtemp(path.join(tmpdir(), 'adrift-cache-'));
  });
  afterEach(() => fs.rm(directory, { recursive: true, force: true }));

  async function seeded(): Promise<void> {
    const cache = await DocumentCache.open(directory, KEY);
    cache.set(parseDocument('docs/a.md', RAW), RAW, RESULTS);
    cache.set(parseDocument('docs/b.md', '# B\n'), '# B\n');
    await cache.save();
  }

  it('gives back the same model and rule results for the same content, version and config', async () => {
    await seeded();
    const cache = await DocumentCache.open(directory, KEY);
    const hit = cache.get('docs/a.md', RAW);
    assert.ok(hit);
    assert.deepStrictEqual(hit.load(), parseDocument('docs/a.md', RAW));
    assert.deepStrictEqual(hit.results?.(), RESULTS);
    assert.deepStrictEqual(cache.stats, { hits: 1, unread: 0, misses: 0, restored: 1 });
  });

  it('misses when the content changed', async () => {
    await seeded();
    const cache = await DocumentCache.open(directory, KEY);
    assert.equal(cache.get('docs/a.md', RAW.replace('part', 'parts')), undefined);
    assert.equal(cache.get('docs/unknown.md', RAW), undefined);
    assert.deepStrictEqual(cache.stats, { hits: 0, unread: 0, misses: 2, restored: 0 });
  });

  it('misses everything after an adrift version change', async () => {
    await seeded();
    const cache = await DocumentCache.open(directory, { ...KEY, version: '1.2.4' });
    assert.equal(cache.get('docs/a.md', RAW), undefined);
  });

  it('keeps parsed models but not rule results across a config change or a new day', async () => {
    await seeded();
    for (const key of [{ ...KEY, configHash: '{"include":["**/*.md"]}' }, { ...KEY, today: '2026-11-23' }]) {
      const cache = await DocumentCache.open(directory, key);
      const hit = cache.get('docs/a.md', RAW);
      assert.ok(hit);
      assert.deepStrictEqual(hit.load(), parseDocument('docs/a.md', RAW));
      assert.equal(hit.results, undefined);
    }
  });

  it('treats a corrupt cache file as empty', async () => {
    await seeded();
    for (const file of await fs.readdir(directory)) await fs.writeFile(path.join(directory, file), 'not a cache');
    const cache = await DocumentCache.open(directory, KEY);
    assert.equal(cache.get('docs/a.md', RAW), undefined);
    cache.set(parseDocument('docs/a.md', RAW), RAW);
    await cache.save();
    assert.ok((await DocumentCache.open(directory, KEY)).get('docs/a.md', RAW));
  });

  it('takes an entry with a damaged summary or results for a document without summary and results', async () => {
    const summary: StoredSummary = { info: { kind: 'adr', kindSource: 'folder' }, signature: '[]', signatureHash: '0.2', size: 4, htmlComments: [], topics: [], contributions: [] };
    const cache = await DocumentCache.open(directory, KEY);
    for (const [file, raw] of [['docs/a.md', RAW], ['docs/b.md', '# B\n']]) {
      cache.set(parseDocument(file, raw), raw);
      cache.setComputed(file, summary, RESULTS);
    }
    await cache.save();
    assert.ok((await DocumentCache.open(directory, KEY)).get('docs/a.md', RAW)?.summary, 'stored whole first');
    for (const name of await fs.readdir(directory)) {
      const shard = decodeShard(await fs.readFile(path.join(directory, name)));
      for (const [file, entry] of shard.entries) {
        if (file === 'docs/a.md') entry.summary = Buffer.from('{"info":');
        if (file === 'docs/b.md') entry.results = { head: Buffer.from('{}'), findings: Buffer.from('') };
      }
      await fs.writeFile(path.join(directory, name), encodeShard(shard));
    }
    const reopened = await DocumentCache.open(directory, KEY);
    const a = reopened.get('docs/a.md', RAW);
    assert.ok(a);
    assert.equal(a.summary, undefined);
    assert.equal(a.results, undefined);
    assert.deepStrictEqual(a.load(), parseDocument('docs/a.md', RAW));
    const b = reopened.get('docs/b.md', '# B\n');
    assert.ok(b?.results);
    assert.throws(() => b.results!(), 'damaged results throw when read, and the engine then runs the rules');
  });

  it('treats a shard whose parts do not add up as empty', async () => {
    await seeded();
    for (const name of await fs.readdir(directory)) {
      const bytes = await fs.readFile(path.join(directory, name));
      await fs.writeFile(path.join(directory, name), bytes.subarray(0, bytes.length - 1));
    }
    const cache = await DocumentCache.open(directory, KEY);
    assert.equal(cache.get('docs/a.md', RAW), undefined);
    assert.equal(cache.get('docs/b.md', '# B\n'), undefined);
  });

  it('reads written entries back from disk when needed after saving, keeping their models', async () => {
    const cache = await DocumentCache.open(directory, KEY);
    const parsed = parseDocument('docs/a.md', RAW);
    cache.set(parsed, RAW);
    assert.deepStrictEqual(cache.get('docs/a.md', RAW)?.load(), parsed, 'a model recorded in this process comes back before saving');
    await cache.save();
    const hit = cache.get('docs/a.md', RAW);
    assert.ok(hit);
    assert.notEqual(hit.load(), parsed);
    assert.deepStrictEqual(hit.load(), parsed);
    const summary: StoredSummary = { info: { kind: 'adr', kindSource: 'folder' }, signature: '[]', signatureHash: '0.2', size: 4, htmlComments: [], topics: [], contributions: [] };
    const hashes = new Map([
      ['docs/a.md', DocumentCache.hashOf(RAW)],
      ['docs/b.md', DocumentCache.hashOf('# B\n')],
    ]);
    await cache.saveComputed(hashes, () => ({ summary, results: RESULTS }));
    const reopened = await DocumentCache.open(directory, KEY);
    const again = reopened.get('docs/a.md', RAW);
    assert.deepStrictEqual(again?.results?.(), RESULTS);
    assert.deepStrictEqual(again?.summary, summary);
    assert.deepStrictEqual(again?.load(), parsed);
    assert.equal(reopened.get('docs/b.md', '# B\n'), undefined, 'no entry is made for content never stored');
  });

  it('drops entries of documents not seen since opening when saving with prune', async () => {
    await seeded();
    const cache = await DocumentCache.open(directory, KEY);
    assert.ok(cache.get('docs/b.md', '# B\n'));
    await cache.save({ prune: true });
    const reopened = await DocumentCache.open(directory, KEY);
    assert.ok(reopened.get('docs/b.md', '# B\n'));
    assert.equal(reopened.get('docs/a.md', RAW), undefined);
  });

  it('removes shard writes a killed process abandoned, but not one that may still be in progress, when saving with prune', async () => {
    await seeded();
    const abandoned = path.join(directory, '.documents-07.bin.adrift-0123456789ab.tmp');
    const recent = path.join(directory, '.documents-08.bin.adrift-ba9876543210.tmp');
    const foreign = path.join(directory, 'notes.tmp');
    for (const file of [abandoned, recent, foreign]) await fs.writeFile(file, 'partial');
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    await fs.utimes(abandoned, hourAgo, hourAgo);
    await fs.utimes(foreign, hourAgo, hourAgo);
    const cache = await DocumentCache.open(directory, KEY);
    await cache.save();
    assert.ok(await fs.stat(abandoned), 'kept without prune');
    await cache.save({ prune: true });
    const left = await fs.readdir(directory);
    assert.ok(!left.includes(path.basename(abandoned)));
    assert.ok(left.includes(path.basename(recent)));
    assert.ok(left.includes('notes.tmp'));
  });

  it('stores the summary and results of an entry made from the same content, and only then', async () => {
    await seeded();
    const cache = await DocumentCache.open(directory, KEY);
    assert.ok(cache.holds('docs/a.md', DocumentCache.hashOf(RAW)));
    assert.ok(!cache.holds('docs/a.md', DocumentCache.hashOf(`${RAW}\n`)));
    const summary: StoredSummary = {
      info: { kind: 'adr', kindSource: 'folder' },
      signature: '["adr","Cached"]',
      signatureHash: 'c0ffee.9',
      size: 9,
      htmlComments: [],
      topics: ['xref/matrices'],
      contributions: [['xref/matrices', '{"rows":[]}']],
    };
    const none: StoredResults = { clean: [], deps: [], fingerprints: [], results: [] };
    cache.setComputed('docs/a.md', summary, none);
    cache.setComputed('docs/unknown.md', summary, RESULTS);
    await cache.save();
    const reopened = await DocumentCache.open(directory, KEY);
    assert.deepStrictEqual(reopened.get('docs/a.md', RAW)?.results?.(), none);
    assert.deepStrictEqual(reopened.get('docs/a.md', RAW)?.summary, summary);
    assert.equal(reopened.get('docs/unknown.md', RAW), undefined);
    const otherDay = await DocumentCache.open(directory, { ...KEY, today: '2026-11-23' });
    assert.equal(otherDay.get('docs/a.md', RAW)?.summary, undefined);
  });
});
