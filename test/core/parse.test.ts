import { strict as assert } from 'node:assert';
import { parseDocument, parseStats } from '../../server/src/core/parse';

const pos = (line: number, character: number) => ({ line, character });

describe('parseDocument', () => {
  it('gives headings GitHub slugs, numbering duplicates', () => {
    const doc = parseDocument('a.md', '# Rollback Plan\n\n## Step 1: Verify!\n\n## Step 1: Verify!\n\n## Ünïcödé & CJK 漢字\n');
    assert.deepEqual(
      doc.headings.map((h) => h.slug),
      ['rollback-plan', 'step-1-verify', 'step-1-verify-1', 'ünïcödé--cjk-漢字'],
    );
    assert.equal(doc.title, 'Rollback Plan');
  });

  it('locates link destinations exactly, with emoji and CJK before them', () => {
    const text = '# T\n\n🚀 漢字 [a (b)](docs/x%20y.md#z "title") and ![img](<pics/a b.png>)\n';
    const doc = parseDocument('a.md', text);
    const [link, image] = doc.links;
    assert.equal(link.kind, 'inline');
    assert.equal(link.url, 'docs/x%20y.md#z');
    const line = text.split('\n')[2];
    const linkStart = line.indexOf('docs/');
    assert.equal(linkStart, 14, 'the emoji counts two UTF-16 units, each CJK character one');
    assert.deepEqual(link.urlRange, { start: pos(2, linkStart), end: pos(2, linkStart + 'docs/x%20y.md#z'.length) });
    assert.equal(image.kind, 'image');
    assert.equal(image.url, 'pics/a b.png');
    const imageStart = line.indexOf('pics/');
    assert.deepEqual(image.urlRange, { start: pos(2, imageStart), end: pos(2, imageStart + 'pics/a b.png'.length) });
  });

  it('keeps the same columns for CRLF documents and documents with a BOM', () => {
    const lf = parseDocument('a.md', '# T\n\nsee [x](y.md)\n');
    const crlf = parseDocument('a.md', '# T\r\n\r\nsee [x](y.md)\r\n');
    const bom = parseDocument('a.md', '\uFEFF# T\r\n\r\nsee [x](y.md)\r\n');
    assert.deepEqual(crlf.links[0].urlRange, lf.links[0].urlRange);
    assert.deepEqual(bom.links[0].urlRange, lf.links[0].urlRange);
    assert.equal(bom.bom, true);
    assert.equal(bom.headings[0].text, 'T');
  });

  it('collects references, definitions and references that have no definition', () => {
    const doc = parseDocument('a.md', '[ok][d] and [missing][nope] and \\[not][a ref]\n\n[d]: <target.md> "T"\n');
    assert.deepEqual(doc.links.map((l) => [l.kind, l.identifier, l.url]), [
      ['reference', 'd', ''],
      ['definition', 'd', 'target.md'],
    ]);
    assert.deepEqual(doc.links[1].urlRange, { start: pos(2, 6), end: pos(2, 15) });
    assert.deepEqual(doc.undefinedReferences.map((r) => r.label), ['nope']);
  });

  it('extracts tables with cell text and the headings above them', () => {
    const doc = parseDocument('a.md', '# Plan\n\n## Matrix\n\n| Document | Must Link To |\n|---|---|\n| `a.md` | b.md, c.md |\n');
    const [table] = doc.tables;
    assert.deepEqual(table.header.map((c) => c.text), ['Document', 'Must Link To']);
    assert.deepEqual(table.rows[0].map((c) => c.text), ['a.md', 'b.md, c.md']);
    assert.deepEqual(table.headingPath, ['Plan', 'Matrix']);
    assert.equal(table.rows[0][1].range.start.line, 6);
  });

  it('records code blocks with info strings, and ignores headings and links inside them', () => {
    const doc = parseDocument('a.md', '```python skip-check\n# not a heading\n[x](nope.md)\n```\n');
    assert.deepEqual(doc.codeBlocks.map((c) => [c.lang, c.meta, c.fenced, c.contentStartLine]), [['python', 'skip-check', true, 1]]);
    assert.equal(doc.headings.length, 0);
    assert.equal(doc.links.length, 0);
  });

  it('reads front matter, and reports broken YAML on the offending line', () => {
    const ok = parseDocument('a.md', '---\nid: P5T8\nstate: PLANNING\n---\n# T\n');
    assert.deepEqual(ok.frontMatter?.data, { id: 'P5T8', state: 'PLANNING' });
    const broken = parseDocument('a.md', '---\nid: P5T8\ntitle: "unclosed\nstate: x\n---\n# T\n');
    assert.equal(broken.frontMatter?.data, null);
    assert.ok(broken.frontMatter?.error);
    assert.ok(broken.frontMatter!.error!.range.start.line >= 1 && broken.frontMatter!.error!.range.start.line <= 4);
  });

  it('does not take a deprecation notice between rules for front matter', () => {
    const doc = parseDocument('a.md', '---\n**DEPRECATED:** old.\n\n**Archived:** 2026-01-01\n\n---\n\n# Old doc\n');
    assert.equal(doc.frontMatter, null);
    assert.equal(doc.title, 'Old doc');
  });

  it('collects HTML comments, checklist items and prose runs', () => {
    const doc = parseDocument('a.md', '<!-- adrift-disable links/broken -->\n\n- [x] done\n- [ ] open\n\n1. first\n');
    assert.deepEqual(doc.htmlComments.map((c) => c.value), ['adrift-disable links/broken']);
    assert.deepEqual(doc.listItems.map((i) => [i.checked, i.ordered, i.text]), [[true, false, 'done'], [false, false, 'open'], [null, true, 'first']]);
    assert.ok(doc.textRuns.some((r) => r.value === 'open'));
  });

  it('refuses 10,000-deep nesting at once, saying why, instead of parsing for minutes', () => {
    const before = parseStats.count;
    const quotes = parseDocument('deep.md', `${'>'.repeat(10_000)} deep\n`);
    const lists = parseDocument('deep.md', `# T\n\n${'- '.repeat(10_000)}x\n`);
    assert.equal(parseStats.count, before + 2);
    assert.match(quotes.parseFailure ?? '', /nests block quotes or lists at least \d+ levels deep, over the limit of 100/);
    assert.match(lists.parseFailure ?? '', /levels deep/);
  });

  it('parses ordinary nesting (a YAML block indented in a list) normally', () => {
    const doc = parseDocument('a.md', '1. step\n   ```yaml\n   a:\n     - b:\n         - c\n   ```\n');
    assert.equal(doc.parseFailure, undefined);
    assert.equal(doc.codeBlocks[0].lang, 'yaml');
  });
});
