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
  const charsBefore = parseStats.chars;
  await host.indexAll();
  const parses = parseStats.count - parsesBefore;
  const parsedChars = parseStats.chars - charsBefore;
  const findings = host.allFindings();
  await host.saveCache();
  return { host, findings, parses, parsedChars };
}

describe('NodeHost bulk indexing', function () {
  // Each test checks a tree with 250 KB documents two or three times: a hang guard with room for a loaded CI machine.
  this.timeout(60_000);
  let root: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(tmpdir(), 'adrift-index-'));
    await writeTree(root, corpus.files);
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('finds the same as a single-threaded run when parsing in worker processes too', async () => {
    const single = await check(root);
    const threaded = await check(root, { workers: 2 });
    assert.ok(single.findings.size > 40);
    assert.ok([...single.findings.values()].flat().length > 0);
    assert.deepStrictEqual(threaded.findings, single.findings);
    // This thread takes part, so it parses some of the documents, the workers the rest.
    assert.ok(threaded.parses < single.parses, `${threaded.parses} of ${single.parses} documents parsed on this thread`);
  });

  describe('with a cache', () => {
    const cacheOf = (dir: string) => ({ cache: { directory: path.join(dir, '.adrift-cache'), version: '9.9.9' } });

    /** A cold cached run, `change`, then a warm run, which must find exactly what an uncached run finds. */
    async function warmAfter(change: () => Promise<void>, options: Partial<HostOptions> = {}) {
      const cold = await check(root, { ...cacheOf(root), ...options });
      await change();
      const warm = await check(root, { ...cacheOf(root), ...options });
      const uncached = await check(root, options);
      assert.deepStrictEqual(warm.findings, uncached.findings);
      return { cold, warm, uncached };
    }

    const write = (rel: string, text: string) => fs.writeFile(path.join(root, rel), text);
    const allFindings = (findings: Map<string, { message: string }[]>) => [...findings.values()].flat();

    it('parses nothing and runs almost no rule on an unchanged second run, and finds the same', async () => {
      const cold = await check(root, cacheOf(root));
      assert.equal(cold.host.cache?.stats.hits, 0);
      const warm = await check(root, cacheOf(root));
      assert.equal(warm.parses, 0);
      assert.equal(warm.host.cache?.stats.misses, 0);
      assert.deepStrictEqual(warm.findings, cold.findings);
      assert.ok(warm.host.engine.stats.reusedResults > 0);
      assert.ok(warm.host.cache!.stats.restored * 4 < corpus.files.length, `${warm.host.cache!.stats.restored} models restored`);
      assert.ok(
        warm.host.engine.stats.ruleRuns * 10 < cold.host.engine.stats.ruleRuns,
        `${warm.host.engine.stats.ruleRuns} rule runs warm, ${cold.host.engine.stats.ruleRuns} cold`,
      );
    });

    it('re-checks the documents linking to headings a changed document renamed', async () => {
      const link = corpus.files
        .flatMap((f) => [...f.text.matchAll(/\]\(([^)\s#]+\.md)#[^)\s]+\)/g)].map((m) => path.posix.join(path.posix.dirname(f.path), m[1])))
        .find((target) => corpus.files.some((f) => f.path === target))!;
      const target = corpus.files.find((f) => f.path === link)!;
      const { cold, warm } = await warmAfter(() => write(target.path, target.text.replace(/^(#{2,6} )/gm, '$1Renamed ')));
      assert.ok(allFindings(warm.findings).length > allFindings(cold.findings).length, 'the renamed anchors are reported');
    });

    it('re-checks links to a deleted document and to a new one', async () => {
      const target = corpus.files.find((f) => f.path.startsWith('docs/adr/') && corpus.files.some((o) => o.text.includes(path.posix.basename(f.path))))!;
      const linking = corpus.files.find((f) => f.path.startsWith('docs/runbooks/'))!;
      await warmAfter(() => fs.rm(path.join(root, target.path)));
      await warmAfter(async () => {
        await write(target.path, target.text);
        await write(linking.path, `${linking.text}\nSee [the new page](new-page.md#intro).\n`);
      });
      const { warm } = await warmAfter(() => write(path.join(path.posix.dirname(linking.path), 'new-page.md'), '# New page\n\n## Intro\n'));
      assert.ok(!allFindings(warm.findings).some((f) => f.message.includes('new-page.md')));
    });

    it('recomputes findings that read the day on a new day', async () => {
      const day = (iso: string) => ({ clock: () => new Date(`${iso}T12:00:00Z`) });
      const adr = 'docs/adr/part-000/adr-09999-dated.md';
      await write(adr, '---\ntitle: "ADR 9999: dated"\nstatus: accepted\ndate: 2025-03-01\n---\n\n# ADR 9999: dated\n\n## Status\n\nAccepted.\n');
      const future = (findings: Map<string, { message: string }[]>) => (findings.get(adr) ?? []).filter((f) => f.message.includes('in the future'));
      const { cold, warm } = await warmAfter(async () => undefined, day('2025-01-01'));
      assert.equal(future(cold.findings).length, 1);
      const later = await check(root, { ...cacheOf(root), ...day('2025-06-01') });
      assert.deepStrictEqual(later.findings, (await check(root, day('2025-06-01'))).findings);
      assert.equal(future(later.findings).length, 0);
      assert.equal(future(warm.findings).length, 1);
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

    it('parses only the blocks of a changed document that differ from the version the cache holds', async () => {
      const sections = Array.from({ length: 40 }, (_, i) =>
        [`## Part ${i}`, `Prose of part ${i} with a [link](../adr/none-${i}.md) and more words to make the block long enough.`, '| a | b |\n| - | - |\n| 1 | 2 |', '```yaml\nkey: value\n```', 'Closing words.'].join('\n\n'),
      );
      const original = `# Long concept\n\n${sections.join('\n\n')}\n`;
      const rel = 'docs/concepts/long-concept.md';
      const file = path.join(root, rel);
      await fs.writeFile(file, original);
      await check(root, cacheOf(root));
      const edits = [
        `${original}\nSee [nowhere](missing-doc.md).\n`,
        `${original}\nSee [elsewhere](missing-doc-2.md) instead.\n`,
        `${original.replace('Prose of part 7 with', 'Prose of part 7, [gone](gone.md), with')}\nSee [elsewhere](missing-doc-2.md) instead.\n`,
      ];
      for (const text of edits) {
        await fs.writeFile(file, text);
        const warm = await check(root, cacheOf(root));
        assert.ok(warm.parsedChars > 0 && warm.parsedChars < 200, `${warm.parsedChars} of ${text.length} characters parsed`);
        assert.deepStrictEqual(warm.findings, (await check(root)).findings);
      }
      // A changed fence cannot be cut around: the document is parsed whole, and still finds the same.
      const fenced = original.replace('key: value', 'key: [value');
      await fs.writeFile(file, fenced);
      const whole = await check(root, cacheOf(root));
      assert.equal(whole.parsedChars, fenced.length);
      assert.deepStrictEqual(whole.findings, (await check(root)).findings);
    });

    describe('file stamps', () => {
      const stamped = (dir: string, stampSettleMs: number) => ({ cache: { directory: path.join(dir, '.adrift-cache'), version: '9.9.9', stampSettleMs } });

      it('leaves unchanged files unread once they have settled, and finds the same', async () => {
        const cold = await check(root, stamped(root, 0));
        const warm = await check(root, stamped(root, 0));
        assert.equal(warm.parses, 0);
        assert.equal(warm.host.cache?.stats.unread, cold.host.cache?.stats.misses);
        assert.deepStrictEqual(warm.findings, cold.findings);
      });

      it('reads a file rewritten with the same size and modification time (its change time moved)', async () => {
        const changed = corpus.files.find((f) => f.path.startsWith('docs/adr/') && f.text.includes('## '))!;
        const file = path.join(root, changed.path);
        // A whole second, which the file system keeps exactly, so that only the change time tells the rewrite apart.
        const mtime = 1_700_000_000;
        await fs.utimes(file, mtime, mtime);
        const cold = await check(root, stamped(root, 0));
        const before = await fs.stat(file);
        const same = changed.text.replace('## ', '## X').replace(/\n$/, '');
        assert.equal(Buffer.byteLength(same), before.size);
        await fs.writeFile(file, same);
        await fs.utimes(file, mtime, mtime);
        const after = await fs.stat(file);
        assert.equal(after.mtimeMs, before.mtimeMs);
        assert.equal(after.ino, before.ino);
        const warm = await check(root, stamped(root, 0));
        assert.equal(warm.parses, 1);
        assert.equal(warm.host.cache?.stats.unread, cold.host.cache!.stats.misses - 1);
        assert.deepStrictEqual(warm.findings, (await check(root)).findings);
      });

      it('keeps no stamp of a file changed just before it was read', async () => {
        const cold = await check(root, stamped(root, 60_000));
        const warm = await check(root, stamped(root, 60_000));
        assert.equal(warm.parses, 0);
        assert.equal(warm.host.cache?.stats.unread, 0);
        assert.equal(warm.host.cache?.stats.hits, cold.host.cache?.stats.misses);
      });
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
