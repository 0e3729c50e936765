import { strict as assert } from 'node:assert';
import { deserialize, serialize } from 'node:v8';
import { parseTracked, reparse, trackedBlocks } from '../core/incrementalParse';
import { parseDocument, parseStats } from '../core/parse';
import { restoreModel, serializedModelStore, storeModel, thawTracked } from './storedModel';

const SAMPLES = {
  'front matter with a date, BOM, CRLF': '\uFEFF---\r\ntitle: T\r\nupdated: 2026-01-02\r\ntags: [a, b]\r\n---\r\n\r\n# T\r\n\r\nText with `code` and [a](b.md#c).\r\n',
  'tables, lists, fences, comments, references':
    '# Plan\n\n| Document | Must Link To |\n|---|---|\n| a.md | b.md |\n\n- [x] done\n  1. nested\n\n```py\nx = 1\n```\n\n<!-- note -->\n\n[ref]: ./x.md\n\nSee [ref] and [missing][nope].\n',
  'emoji and CJK before a link': '# 見出し 🎉\n\n日本語 🎉 [リンク](./ドキュメント.md#見出し)\n',
  'broken YAML': '---\ntitle: [unclosed\n---\n\n# Doc\n',
};

describe('storeModel / restoreModel', () => {
  for (const [name, raw] of Object.entries(SAMPLES)) {
    it(`gives back the parsed model after a structured clone: ${name}`, () => {
      const model = parseDocument('docs/sample.md', raw);
      const cloned = deserialize(serialize(storeModel(model)));
      assert.deepStrictEqual(restoreModel(cloned, raw), model);
    });
  }
});

describe('thawTracked', () => {
  it('gives back a frozen model with its top-level blocks, so the next version is parsed as an edit of it', () => {
    const raw = SAMPLES['emoji and CJK before a link'] + Array.from({ length: 20 }, (_, i) => `\nParagraph ${i} 日本語.\n`).join('');
    const model = parseTracked('docs/sample.md', raw);
    const thawed = thawTracked(serializedModelStore.freeze(model) as Uint8Array);
    assert.deepStrictEqual(thawed, model);
    assert.deepStrictEqual(trackedBlocks(thawed), trackedBlocks(model));
    const next = `${raw}\nOne more 🎉 paragraph.\n`;
    const before = parseStats.chars;
    const reparsed = reparse('docs/sample.md', next, thawed);
    assert.ok(parseStats.chars - before < next.length / 2, `${parseStats.chars - before} of ${next.length} characters parsed`);
    assert.deepStrictEqual(reparsed, parseDocument('docs/sample.md', next));
  });

  it('keeps no blocks for a model parsed untracked, which is then parsed whole', () => {
    const model = parseDocument('docs/sample.md', SAMPLES['broken YAML']);
    assert.equal(trackedBlocks(thawTracked(serializedModelStore.freeze(model) as Uint8Array)), undefined);
  });
});
