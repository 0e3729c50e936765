import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { createTestEngine } from '../helpers/engine';
import { applyContentChanges, parseTracked, type ContentChange, type ReparseKind } from '../../server/src/core/incrementalParse';
import { parseDocument } from '../../server/src/core/parse';
import type { DocumentModel } from '../../server/src/core/document';
import { LineIndex } from '../../server/src/core/text';

const PATH = 'docs/guides/editing.md';

const proseBlock = fc.constantFrom(
  '# Release notes',
  '## Overview',
  '## Overview',
  'Plain prose with a [link](../adr/0001-x.md#status) and `inline code`.',
  'Another paragraph\nthat wraps onto a second line with *emphasis*.',
  'Setext title\n============',
  '---',
  'Text with [a ref][label] and [another][].',
);

/** Blocks the cut must respect: fences, lists, quotes, tables, HTML, definitions, footnotes. */
const structuralBlock = fc.constantFrom(
  '```python\nvalue = compute()\n```',
  '~~~\nunclosed tilde fence',
  '    indented code line',
  '- first item\n- [x] done item\n  - nested',
  '1. step one\n2. step two',
  '> quoted text\n> more',
  '| Document | Must Link To |\n|---|---|\n| a.md | b.md |',
  '<!-- adrift-disable -->',
  '<div>\nhtml block\n</div>',
  '[label]: ./target.md',
  'Footnote use[^1].',
  '[^1]: The footnote.',
);

const block = fc.oneof({ arbitrary: proseBlock, weight: 6 }, { arbitrary: structuralBlock, weight: 1 });

const frontMatter = fc.constantFrom('', '---\ntitle: Edited\nstatus: draft\n---\n\n', '---\n**Archived.**\n---\n\n');

const documentText = fc
  .tuple(frontMatter, fc.array(fc.tuple(block, fc.constantFrom('\n\n', '\n\n\n', '\n')), { minLength: 1, maxLength: 14 }))
  .map(([fm, blocks]) => fm + blocks.map(([b, gap]) => b + gap).join(''));

/** Edit text biased towards what changes block structure. */
const insertText = fc.oneof(
  fc.stringMatching(/^[a-z ]{0,6}$/),
  fc.constantFrom('\n', '\n\n', '#', '## ', '- ', '> ', '```', '~~~', '|', '| --- |', '[x]: y', ']', '[', '(', ')', '`', '---', '===', '    ', '1. ', '<!--', '-->', '*'),
);

interface EditSpec {
  from: number;
  length: number;
  insert: string;
}

const edits = fc.array(fc.record({ from: fc.nat(), length: fc.nat({ max: 12 }), insert: insertText }), { minLength: 1, maxLength: 6 });

function toChange(model: DocumentModel, spec: EditSpec): ContentChange {
  const from = spec.from % (model.text.length + 1);
  const to = Math.min(model.text.length, from + spec.length);
  return { range: model.lines.range(from, to), text: spec.insert };
}

describe('incremental re-parse', () => {
  it('equals a full parse of the edited text, for random documents and edits', () => {
    const seen: Record<ReparseKind, number> = { blocks: 0, full: 0 };
    fc.assert(
      fc.property(documentText, edits, (text, specs) => {
        let model = parseTracked(PATH, text);
        for (const spec of specs) {
          const change = toChange(model, spec);
          const result = applyContentChanges(model, [change]);
          for (const kind of result.kinds) seen[kind]++;
          model = result.model;
          assert.deepStrictEqual(model, parseDocument(PATH, model.text));
        }
      }),
      { seed: 9, numRuns: 150 },
    );
    // Both paths must have been exercised, or the property proves nothing about splicing.
    assert.ok(seen.blocks > 100, `incremental path taken ${seen.blocks} times`);
    assert.ok(seen.full > 50, `full parse taken ${seen.full} times`);
  });

  it('re-parses only the touched paragraph when typing in prose', () => {
    const text = '# Title\n\nFirst paragraph.\n\n## Section\n\nSecond [link](a.md) paragraph.\n\n## Section\n\nThird.\n';
    const model = parseTracked(PATH, text);
    const at = text.indexOf('Second') + 6;
    const position = new LineIndex(text).positionAt(at);
    const result = applyContentChanges(model, [{ range: { start: position, end: position }, text: 'ly typed,\n\nnew' }]);
    assert.deepStrictEqual(result.kinds, ['blocks']);
    assert.deepStrictEqual(result.model, parseDocument(PATH, result.model.text));
    assert.deepStrictEqual(
      result.model.headings.map((h) => [h.slug, h.range.start.line]),
      [
        ['title', 0],
        ['section', 4],
        ['section-1', 10],
      ],
    );
  });

  it('parses the whole document when an edit opens a fence', () => {
    const text = '# Title\n\nProse.\n\nMore prose.\n';
    const model = parseTracked(PATH, text);
    const position = { line: 2, character: 0 };
    const result = applyContentChanges(model, [{ range: { start: position, end: position }, text: '```\n' }]);
    assert.deepStrictEqual(result.kinds, ['full']);
    assert.equal(result.model.codeBlocks.length, 1);
  });

  it('takes a whole-text change as a full parse', () => {
    const model = parseTracked(PATH, '# A\n');
    const result = applyContentChanges(model, [{ text: '# B\n\ntext\n' }]);
    assert.deepStrictEqual(result.kinds, ['full']);
    assert.deepStrictEqual(result.model, parseDocument(PATH, '# B\n\ntext\n'));
  });
});

describe('Engine.applyEdits', () => {
  it('updates findings from editor changes the same way as replacing the text', () => {
    const files = {
      'docs/guides/a.md': '# A\n\nSee [b](b.md#intro).\n\nMore text.\n',
      'docs/guides/b.md': '# B\n\n## Intro\n\nHello.\n',
    };
    const engine = createTestEngine({ files });
    assert.deepStrictEqual(engine.findings('docs/guides/a.md'), []);
    const position = { line: 2, character: 18 };
    assert.equal(engine.applyEdits('docs/guides/a.md', [{ range: { start: position, end: position }, text: 'x' }]), true);
    const edited = engine.findings('docs/guides/a.md');
    const expected = createTestEngine({ files: { ...files, 'docs/guides/a.md': '# A\n\nSee [b](b.md#introx).\n\nMore text.\n' } });
    assert.deepStrictEqual(edited, expected.findings('docs/guides/a.md'));
    assert.equal(edited.length, 1);
  });

  it('refuses documents that are not indexed', () => {
    const engine = createTestEngine({ files: {} });
    assert.equal(engine.applyEdits('docs/missing.md', [{ text: '# x\n' }]), false);
  });
});

describe('Engine.applyEdits over random edits', () => {
  it('ends with the findings a fresh engine computes for the same texts', () => {
    const others = {
      'docs/adr/0001-storage.md': '# ADR 0001: Storage\n\n## Status\n\nAccepted.\n\n## Context\n\nWe used `st.session_state` here.\n',
      'docs/concepts/storage.md': '# Storage\n\n## Overview\n\nSee [the ADR](../adr/0001-storage.md#status).\n\n```python\nx = 1\n```\n',
    };
    fc.assert(
      fc.property(documentText, edits, (text, specs) => {
        const files: Record<string, string> = { ...others, [PATH]: text };
        const engine = createTestEngine({ files });
        engine.allFindings();
        for (const spec of specs) {
          const change = toChange(engine.getDocument(PATH)!.model, spec);
          engine.applyEdits(PATH, [change]);
          files[PATH] = engine.getDocument(PATH)!.model.text;
          for (const changed of engine.takeChangedPaths()) engine.findings(changed);
        }
        assert.deepStrictEqual(engine.allFindings(), createTestEngine({ files }).allFindings());
      }),
      { seed: 9, numRuns: 40 },
    );
  });
});
