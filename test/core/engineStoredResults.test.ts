import { strict as assert } from 'node:assert';
import { ResolvedConfig } from '../../server/src/core/config/resolved';
import { Engine } from '../../server/src/core/engine';
import { parseDocument } from '../../server/src/core/parse';
import type { Rule, Topic } from '../../server/src/core/rule';
import { linksBroken } from '../../server/src/core/rules/links/broken/rule';
import type { StoredResults, StoredSummary } from '../../server/src/core/storedResults';
import { ZERO_RANGE } from '../../server/src/core/types';
import { createTestEngine } from '../helpers/engine';

/** Reports the titles of every document, as a topic aggregates them. */
const titlesTopic: Topic<string, string[]> = {
  name: 'test/titles',
  contribute: (doc) => doc.title ?? undefined,
  aggregate: (contributions) => [...contributions.values()].sort(),
};
const listsTitles: Rule = {
  id: 'test/lists-titles',
  description: 'x',
  defaultSeverity: 'warning',
  check: (ctx) => ctx.report({ range: ZERO_RANGE, message: ctx.ws.topic(titlesTopic).join(', ') }),
};
const rules = [linksBroken, listsTitles];

function workspaceOf(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const next = (i + 1) % count;
    files[`docs/d${i}.md`] = `# Doc ${i}\n\n## Section ${i}\n\nSee [next](d${next}.md#section-${next}) and [gone](gone${i}.md).\n`;
  }
  return files;
}

interface Kept {
  summary: StoredSummary;
  results: StoredResults;
}

function exported(engine: Engine): Map<string, Kept> {
  engine.allFindings();
  return new Map(engine.documentPaths().map((path) => [path, { summary: engine.exportSummary(path)!, results: engine.exportResults(path) }]));
}

/**
 * A new engine over `files`, as a host with a cache feeds it: documents whose
 * text is unchanged come from their stored summary (their model loaded only
 * on demand, noted in `loaded`) with their stored results offered.
 */
function warmEngine(
  files: Record<string, string>,
  previous: Record<string, string>,
  stored: Map<string, Kept>,
  loaded: string[] = [],
  compactFindings = true,
  log?: (message: string) => void,
): Engine {
  const engine = new Engine({ rules, compactFindings, ...(log ? { log } : {}) });
  for (const path of Object.keys(files)) engine.addFile(path);
  for (const [path, text] of Object.entries(files)) {
    const kept = stored.get(path);
    if (!kept || previous[path] !== text) {
      engine.upsertDocument(path, text);
      continue;
    }
    engine.setStoredDocument(path, kept.summary, () => {
      loaded.push(path);
      return parseDocument(path, text);
    });
    engine.offerResults(path, kept.results);
  }
  return engine;
}

describe('Engine: results kept across runs (exportResults / offerResults)', () => {
  const before = workspaceOf(20);

  it('reuses every offered result that still holds, and recomputes those whose dependencies changed', () => {
    const stored = exported(createTestEngine({ files: before, rules }));
    const after = { ...before, 'docs/d5.md': '# Doc 5\n\n## Renamed\n\nSee [next](d6.md#section-6).\n' };
    const warm = warmEngine(after, before, stored);
    const fresh = createTestEngine({ files: after, rules });
    assert.deepStrictEqual(warm.allFindings(), fresh.allFindings());
    // Both rules on d5 (changed), links/broken on d4 (links to d5's headings), and both rules on
    // d0, the first document checked: they read topics, which are unknown until some rule reads them.
    assert.equal(warm.stats.ruleRuns, 2 + 1 + 2);
    assert.equal(warm.stats.reusedResults, 40 - 5);
  });

  it('drops a taken-up result when something it read changes later, as it drops a computed one', () => {
    const stored = exported(createTestEngine({ files: before, rules }));
    const warm = warmEngine(before, before, stored);
    const fresh = createTestEngine({ files: before, rules });
    assert.deepStrictEqual(warm.allFindings(), fresh.allFindings());
    const edits: [string, string | null][] = [
      ['docs/d5.md', '# Doc 5\n\n## Renamed\n\nSee [next](d6.md#section-6).\n'],
      ['docs/d8.md', null],
      ['docs/d5.md', before['docs/d5.md']],
      ['docs/gone3.md', '# Gone 3\n'],
    ];
    for (const [path, text] of edits) {
      for (const engine of [warm, fresh]) {
        if (text === null) engine.removeFile(path);
        else engine.upsertDocument(path, text);
      }
      assert.deepStrictEqual(warm.allFindings(), fresh.allFindings(), `after changing ${path}`);
    }
  });

  it('takes up results whose findings come as objects rather than JSON, keeping them compact or as objects', () => {
    const stored = exported(createTestEngine({ files: before, rules }));
    const readBack = new Map(
      [...stored].map(([path, kept]) => [
        path,
        { ...kept, results: { ...kept.results, results: kept.results.results.map(([id, findings, deps]) => [id, JSON.parse(findings as string), deps]) } } as Kept,
      ]),
    );
    const after = { ...before, 'docs/d5.md': '# Doc 5\n\n## Renamed\n\nSee [next](d6.md#section-6).\n' };
    const fresh = createTestEngine({ files: after, rules }).allFindings();
    for (const compact of [true, false]) {
      const warm = warmEngine(after, before, readBack, [], compact);
      assert.deepStrictEqual(warm.allFindings(), fresh, `compactFindings: ${compact}`);
      assert.equal(warm.stats.reusedResults, 40 - 5);
      assert.deepStrictEqual(warm.exportResults('docs/d9.md'), stored.get('docs/d9.md')!.results, 'exported in the compact form either way');
    }
  });

  it('runs the rules when offered results cannot be read', () => {
    const stored = exported(createTestEngine({ files: before, rules }));
    const logs: string[] = [];
    const engine = new Engine({ rules, log: (message) => logs.push(message) });
    for (const path of Object.keys(before)) engine.addFile(path);
    for (const [path, text] of Object.entries(before)) {
      engine.setStoredDocument(path, stored.get(path)!.summary, () => parseDocument(path, text));
      engine.offerResults(path, () => JSON.parse('{"clean": [') as StoredResults);
    }
    assert.deepStrictEqual(engine.allFindings(), createTestEngine({ files: before, rules }).allFindings());
    assert.equal(engine.stats.reusedResults, 0);
    assert.match(logs[0], /cached results of docs\/d0\.md unreadable/);
  });

  it('runs a rule again when the findings of its taken-up result cannot be read (a damaged cache)', () => {
    const stored = exported(createTestEngine({ files: before, rules }));
    const damaged = new Map(stored);
    const kept = stored.get('docs/d3.md')!;
    const results = kept.results.results.map(([id, findings, deps]): StoredResults['results'][number] => [id, id === 'links/broken' ? '[{"range":' : findings, deps]);
    damaged.set('docs/d3.md', { ...kept, results: { ...kept.results, results } });
    for (const compact of [true, false]) {
      const logs: string[] = [];
      const engine = warmEngine(before, before, damaged, [], compact, (message) => logs.push(message));
      const fresh = createTestEngine({ files: before, rules }).allFindings();
      assert.deepStrictEqual(engine.allFindings(), fresh);
      assert.deepStrictEqual(engine.allFindings(), fresh, 'and on the next look, from the result computed instead');
      assert.equal(logs.length, 1);
      assert.match(logs[0], /cached findings of links\/broken on docs\/d3\.md unreadable/);
      assert.equal(engine.keepsOfferedResults('docs/d3.md'), false, 'exported again on the next save');
    }
  });

  it('reuses results reading a topic once the topic is known and unchanged', () => {
    const stored = exported(createTestEngine({ files: before, rules }));
    const after = { ...before, 'docs/d5.md': `${before['docs/d5.md']}\nMore prose.\n` };
    const loaded: string[] = [];
    const warm = warmEngine(after, before, stored, loaded);
    assert.deepStrictEqual(warm.allFindings(), createTestEngine({ files: after, rules }).allFindings());
    assert.equal(warm.stats.ruleRuns, 4, 'both rules on d5 and on d0, the first document checked');
    // d0 is checked again; the anchors of d1 and d6, which d0 and d5 link to, come from their outlines. The other 18 models stay unloaded.
    assert.deepEqual(loaded.sort(), ['docs/d0.md']);
  });

  it('recomputes every result reading a topic a changed document contributes differently to', () => {
    const stored = exported(createTestEngine({ files: before, rules }));
    const after = { ...before, 'docs/d5.md': before['docs/d5.md'].replace('# Doc 5', '# Doc Five') };
    const warm = warmEngine(after, before, stored);
    assert.deepStrictEqual(warm.allFindings(), createTestEngine({ files: after, rules }).allFindings());
    assert.equal(warm.stats.ruleRuns, 2 + 2 + 1 + 18, 'd5, d0, links/broken on d4, the titles rule everywhere else');
  });

  it('recomputes results reading files that appeared or went', () => {
    const stored = exported(createTestEngine({ files: before, rules }));
    const after: Record<string, string> = { ...before, 'docs/gone3.md': '# Gone 3\n' };
    delete after['docs/d8.md'];
    const warm = warmEngine(after, before, stored);
    assert.deepStrictEqual(warm.allFindings(), createTestEngine({ files: after, rules }).allFindings());
  });

  it('withdraws offers when the document or the config changes', () => {
    const stored = exported(createTestEngine({ files: before, rules }));
    const warm = warmEngine(before, before, stored);
    warm.upsertDocument('docs/d1.md', '# Doc 1\n\n[x](elsewhere.md)\n');
    warm.setConfig(new ResolvedConfig({ ...warm.config.raw, rules: { 'links/broken': 'off' } }));
    const fresh = createTestEngine({ files: { ...before, 'docs/d1.md': '# Doc 1\n\n[x](elsewhere.md)\n' }, rules });
    fresh.setConfig(new ResolvedConfig({ ...fresh.config.raw, rules: { 'links/broken': 'off' } }));
    assert.deepStrictEqual(warm.allFindings(), fresh.allFindings());
    assert.equal(warm.stats.reusedResults, 0);
  });

  it('exports offers not taken up yet as they were, so saving early loses nothing', () => {
    const stored = exported(createTestEngine({ files: before, rules }));
    const warm = warmEngine(before, before, stored);
    warm.findings('docs/d1.md');
    for (const path of warm.documentPaths()) {
      assert.deepStrictEqual(warm.exportResults(path), stored.get(path)!.results, path);
      assert.deepStrictEqual(warm.exportSummary(path), stored.get(path)!.summary, path);
    }
  });

  it('tells which documents keep the summary they were indexed from, so a cache need not export it again', () => {
    const stored = exported(createTestEngine({ files: before, rules }));
    const after = { ...before, 'docs/d5.md': `${before['docs/d5.md']}\nMore prose.\n` };
    const warm = warmEngine(after, before, stored);
    warm.allFindings();
    for (const path of warm.documentPaths()) {
      assert.equal(warm.keepsStoredSummary(path), path !== 'docs/d5.md', path);
      if (path !== 'docs/d5.md') assert.deepStrictEqual(warm.exportSummary(path), stored.get(path)!.summary, path);
    }
    const newTopic: Topic<number, number> = { name: 'test/sizes', contribute: (doc) => doc.text.length, aggregate: (c) => c.size };
    const readsNewTopic: Rule = { id: 'test/sizes', description: 'x', defaultSeverity: 'info', check: (ctx) => void ctx.ws.topic(newTopic) };
    const engine = new Engine({ rules: [...rules, readsNewTopic] });
    engine.setStoredDocument('docs/d1.md', stored.get('docs/d1.md')!.summary, () => parseDocument('docs/d1.md', before['docs/d1.md']));
    engine.findings('docs/d1.md');
    assert.equal(engine.keepsStoredSummary('docs/d1.md'), false, 'a topic the summary does not know was asked for');
  });

  it('tells which documents kept every offered result, so a cache need not export them again', () => {
    const stored = exported(createTestEngine({ files: before, rules }));
    const after = { ...before, 'docs/d5.md': '# Doc 5\n\n## Renamed\n\nSee [next](d6.md#section-6).\n' };
    const warm = warmEngine(after, before, stored);
    warm.allFindings();
    const kept = warm.documentPaths().filter((path) => warm.keepsOfferedResults(path));
    // d5 was parsed, not offered; links/broken ran again on d4 (it links to d5's headings), both rules on d0 (topics).
    assert.deepEqual(kept.sort(), Object.keys(before).filter((path) => !['docs/d0.md', 'docs/d4.md', 'docs/d5.md'].includes(path)).sort());
    for (const path of kept) assert.deepStrictEqual(warm.exportResults(path), stored.get(path)!.results, path);
    warm.upsertDocument('docs/d7.md', `${before['docs/d7.md']}\nMore.\n`);
    assert.equal(warm.keepsOfferedResults('docs/d7.md'), false, 'an edit withdraws the offer');
    warm.removeDocument('docs/d2.md');
    warm.allFindings();
    assert.equal(warm.keepsOfferedResults('docs/d1.md'), false, 'd1 links to d2, which went: its links were checked again');
  });

  it('names the clean results and lists each key the others read once', () => {
    const seesExtra = (id: string): Rule => ({
      id,
      description: 'x',
      defaultSeverity: 'warning',
      check: (ctx) => ctx.report({ range: ZERO_RANGE, message: `extra ${ctx.ws.fileExists('docs/extra.md') ? 'is' : 'is not'} there` }),
    });
    const quiet: Rule = { id: 'test/quiet', description: 'x', defaultSeverity: 'warning', check: () => undefined };
    const mixed = [seesExtra('test/first'), quiet, seesExtra('test/second')];
    const engine = new Engine({ rules: mixed });
    engine.upsertDocument('docs/a.md', '# A\n');
    engine.findings('docs/a.md');
    const exported = engine.exportResults('docs/a.md');
    assert.deepEqual(exported.clean, ['test/quiet']);
    assert.deepEqual(exported.deps, ['file:docs/extra.md']);
    assert.deepEqual(exported.results.map(([ruleId, , deps]) => [ruleId, deps]), [['test/first', [0]], ['test/second', [0]]]);

    const warm = new Engine({ rules: mixed });
    warm.setStoredDocument('docs/a.md', engine.exportSummary('docs/a.md')!, () => parseDocument('docs/a.md', '# A\n'));
    warm.offerResults('docs/a.md', exported);
    warm.addFile('docs/extra.md');
    assert.deepEqual(warm.findings('docs/a.md').map((f) => f.message), ['extra is there', 'extra is there']);
    assert.equal(warm.stats.reusedResults, 1, 'the clean result only: the others read a file that appeared');
  });

  it('does not export rule failures, so a later run reports and logs them again', () => {
    const exploding: Rule = { id: 'test/explodes', description: 'x', defaultSeverity: 'error', check: () => { throw new Error('boom'); } };
    const engine = new Engine({ rules: [linksBroken, exploding] });
    engine.upsertDocument('docs/a.md', '# A\n');
    engine.findings('docs/a.md');
    const exported = engine.exportResults('docs/a.md');
    assert.deepEqual([...exported.clean, ...exported.results.map(([ruleId]) => ruleId)], ['links/broken']);
  });
});

describe('Engine.setConfig', () => {
  it('rebuilds topics from every document', () => {
    const engine = createTestEngine({ files: { 'docs/a.md': '# A\n', 'docs/b.md': '# B\n' }, rules: [listsTitles] });
    assert.equal(engine.findings('docs/a.md')[0].message, 'A, B');
    engine.setConfig(new ResolvedConfig(engine.config.raw));
    assert.equal(engine.findings('docs/a.md')[0].message, 'A, B');
  });
});
