import { strict as assert } from 'node:assert';
import type { Link, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { splitLiteralAutolinks } from '../../server/src/core/literalAutolinks';
import { parseDocument } from '../../server/src/core/parse';

/** What real GFM (micromark's literal-autolink extension) links in a paragraph: [source text, url]. */
function gfmLiterals(markdown: string): [string, string][] {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown) as Root;
  const found: [string, string][] = [];
  visit(tree, 'link', (node: Link) => {
    const source = markdown.slice(node.position!.start.offset, node.position!.end.offset);
    if (!source.startsWith('[') && !source.startsWith('<')) found.push([source, node.url]);
  });
  return found;
}

function ourLiterals(markdown: string): [string, string][] {
  return splitLiteralAutolinks(markdown)
    .filter((piece) => piece.url !== undefined)
    .map((piece) => [markdown.slice(piece.start, piece.end), piece.url!]);
}

describe('literal autolinks', () => {
  const samples = [
    'See https://example.com/docs for details.',
    'Visit www.example.com.',
    'Mail ops-team@example.org, or the pager.',
    'A link in parens (https://example.com/a_(b)) here.',
    'Trailing punctuation https://example.com/path?!',
    'No host: https:// alone.',
    'Not an address: user@localhost or trailing-@example.com-',
    'Glued: xhttps://example.com here',
    'Entity https://example.com/a&amp; tail',
    'Two: https://a.example.com and www.b.example.com',
    'Plain prose with no links at all.',
    'Ünïcødé 🎉 before https://例え.jp/パス after',
  ];
  for (const sample of samples) {
    it(`matches GFM on: ${sample}`, () => {
      assert.deepEqual(ourLiterals(sample), gfmLiterals(sample));
    });
  }

  it('keeps literal URLs out of prose runs and lists them as autolinks', () => {
    const model = parseDocument('docs/a.md', 'Read https://example.com/docs/guide.md then docs/guide.md.\n');
    assert.deepEqual(
      model.links.map((l) => [l.kind, l.url, l.range.start.character, l.range.end.character]),
      [['autolink', 'https://example.com/docs/guide.md', 5, 38]],
    );
    assert.deepEqual(
      model.textRuns.map((r) => r.value),
      ['Read ', ' then docs/guide.md.'],
    );
    assert.equal(model.textRuns[1].offset, 38);
  });

  it('leaves link text alone', () => {
    const model = parseDocument('docs/a.md', '[see https://example.com](other.md)\n');
    assert.deepEqual(model.links.map((l) => l.kind), ['inline']);
    assert.deepEqual(model.textRuns.map((r) => r.value), ['see https://example.com']);
  });
});
