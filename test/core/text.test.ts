import { strict as assert } from 'node:assert';
import { applyTextEdits } from '../../server/src/core/fixes';
import { LineIndex, detectShape, splitBom } from '../../server/src/core/text';

describe('LineIndex: LSP positions', () => {
  it('counts UTF-16 code units: an emoji is two, a CJK character one', () => {
    const text = 'a🚀b\n漢字x';
    const lines = new LineIndex(text);
    assert.deepEqual(lines.positionAt(text.indexOf('b')), { line: 0, character: 3 });
    assert.deepEqual(lines.positionAt(text.indexOf('x')), { line: 1, character: 2 });
    assert.equal(lines.offsetAt({ line: 1, character: 2 }), text.indexOf('x'));
  });

  it('treats CRLF like LF: `\\r` is not part of the line', () => {
    const crlf = new LineIndex('one\r\ntwo\r\n');
    const lf = new LineIndex('one\ntwo\n');
    assert.deepEqual(crlf.positionAt(5), lf.positionAt(4));
    assert.equal(crlf.lineText(0), 'one');
    assert.deepEqual(crlf.positionAt(3), { line: 0, character: 3 });
    assert.deepEqual(crlf.positionAt(4), { line: 0, character: 3 }, 'the \\r offset clamps to the line end');
    assert.equal(crlf.lineCount, 3);
  });

  it('clamps positions beyond a line or the document', () => {
    const lines = new LineIndex('ab\ncd');
    assert.equal(lines.offsetAt({ line: 0, character: 99 }), 2);
    assert.equal(lines.offsetAt({ line: 9, character: 0 }), 5);
  });

  it('splits a BOM off and records the shape of a file', () => {
    assert.deepEqual(splitBom('\uFEFF# T'), { text: '# T', bom: true });
    assert.deepEqual(detectShape('\uFEFFa\r\nb\r\n'), { bom: true, eol: '\r\n', finalNewline: true });
    assert.deepEqual(detectShape('a\nb'), { bom: false, eol: '\n', finalNewline: false });
  });
});

describe('applyTextEdits', () => {
  it('writes new text with the document’s own line ending', () => {
    const result = applyTextEdits('a\r\nb\r\n', [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, newText: 'x\ny' }]);
    assert.equal(result, 'a\r\nx\r\ny\r\n');
  });

  it('applies several edits in position order and rejects overlaps', () => {
    const r = (l: number, a: number, b: number) => ({ start: { line: l, character: a }, end: { line: l, character: b } });
    assert.equal(applyTextEdits('hello world', [{ range: r(0, 6, 11), newText: 'there' }, { range: r(0, 0, 5), newText: 'hi' }]), 'hi there');
    assert.throws(() => applyTextEdits('hello', [{ range: r(0, 0, 3), newText: '' }, { range: r(0, 2, 4), newText: '' }]), /overlapping/);
  });
});
