import { strict as assert } from 'node:assert';
import { applyTextEdits } from '../../../fixes';
import type { Finding } from '../../../types';
import { createTestEngine, findingLines, findingsOf } from '../../../../../../test/helpers/engine';
import { byteOf, cp1252Char } from './cp1252';
import { findDamagedRuns } from './detect';

const RULE = 'content/mojibake';

/** What a double decode does to text: UTF-8 bytes read back as Windows-1252. */
function damage(text: string): string {
  return [...new TextEncoder().encode(text)].map((b) => (b < 0x80 ? String.fromCharCode(b) : cp1252Char(b))).join('');
}

function applyFirstFix(text: string, finding: Finding, index = 0): string {
  const change = finding.fixes[index].changes[0];
  assert.equal(change.kind, 'edit');
  return applyTextEdits(text, change.kind === 'edit' ? change.edits : []);
}

describe('content/mojibake', () => {
  it('maps bytes 0x80-0xFF like Windows-1252, and C1 controls like Latin-1', () => {
    // Spot checks against Unicode's CP1252.TXT; the unassigned bytes decode to C1 controls (WHATWG).
    const known: [number, string][] = [[0x80, '€'], [0x85, '…'], [0x8c, 'Œ'], [0x93, '“'], [0x99, '™'], [0x9c, 'œ'], [0x9f, 'Ÿ'], [0x81, '\u0081'], [0x9d, '\u009d'], [0xa0, '\u00a0'], [0xe2, 'â'], [0xff, 'ÿ']];
    for (const [byte, ch] of known) assert.equal(cp1252Char(byte), ch, `byte ${byte.toString(16)}`);
    const chars = new Set<string>();
    for (let byte = 0x80; byte <= 0xff; byte++) {
      chars.add(cp1252Char(byte));
      assert.equal(byteOf(cp1252Char(byte).charCodeAt(0)), byte);
    }
    assert.equal(chars.size, 128);
    assert.equal(byteOf(0x80), 0x80, 'a Latin-1 decode leaves U+0080 for byte 0x80');
    assert.equal(byteOf('A'.charCodeAt(0)), undefined);
  });

  it('reports check marks, emoji and box drawing with their original characters', () => {
    const text = '# Status\n\nâœ… Done\n\nðŸ”„ Phase 3\n\n```\npanels/\nâ”œâ”€â”€ main.py\n```\n';
    assert.deepEqual(findingLines(createTestEngine({ files: { 'docs/status.md': text } }), RULE), [
      'docs/status.md:3:1 content/mojibake Encoding damage: `âœ…` is UTF-8 text decoded as Windows-1252; it should read `✅`.',
      'docs/status.md:5:1 content/mojibake Encoding damage: `ðŸ”„` is UTF-8 text decoded as Windows-1252; it should read `🔄`.',
      'docs/status.md:9:1 content/mojibake Encoding damage: `â”œâ”€â”€` is UTF-8 text decoded as Windows-1252; it should read `├──`.',
    ]);
  });

  it('restores the text with a safe fix, one run or all of them', () => {
    const text = '# Notes\n\nCafÃ© â†’ rÃ©sumÃ©\n';
    const engine = createTestEngine({ files: { 'docs/notes.md': text } });
    const found = findingsOf(engine, RULE);
    assert.deepEqual(found.map((f) => f.message.split(' should read ')[1]), ['`é`.', '`→`.', '`é`.', '`é`.']);
    assert.equal(applyFirstFix(text, found[1]), '# Notes\n\nCafÃ© → rÃ©sumÃ©\n');
    assert.equal(found[1].fixes[0].safe, true);
    assert.equal(applyFirstFix(text, found[0], 1), '# Notes\n\nCafé → résumé\n');
  });

  it('round-trips any damaged text back to the original', () => {
    const original = 'Grüße, 東京 🚀 — “quoted” ✔️ naïve Ελληνικά Привет';
    const damaged = damage(original);
    const runs = findDamagedRuns(damaged);
    let restored = damaged;
    for (const run of [...runs].reverse()) restored = restored.slice(0, run.from) + run.original + restored.slice(run.to);
    assert.equal(restored, original);
  });

  it('reports a sequence that lost a byte Windows-1252 cannot hold, with candidates instead of a safe fix', () => {
    const text = '# Phases\n\n### ðŸ” Phase 5\n\nâŒ failed\n';
    const found = findingsOf(createTestEngine({ files: { 'docs/phases.md': text } }), RULE);
    assert.deepEqual(
      found.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.character + 1} ${f.message}`),
      [
        '3:5-8 Encoding damage: `ðŸ”` is UTF-8 text decoded as Windows-1252 that lost a byte, so it cannot be restored exactly; it was probably `🍔` or `🏔` or `🐔` or `🔁` or `🔍` or `🔏` or `🔐` or `🔝`.',
        '5:1-3 Encoding damage: `âŒ` is UTF-8 text decoded as Windows-1252 that lost a byte, so it cannot be restored exactly; it was probably `⍌` or `⏌` or `❌` or `⌁` or `⌍` or `⌏` or `⌐` or `⌝`.',
      ],
    );
    assert.ok(found.every((f) => f.fixes.every((fix) => !fix.safe)));
  });

  const realText: Record<string, string> = {
    french: '# Déploiement\n\nÀ la fin de l’étape, vérifiez « ÉTÉ » et «CAFÉ» ; où est le garçon ? Ça marche, naïf Noël.\n',
    german: '# Übersicht\n\nDie Größe der Äpfel ändert sich; Straße, Öl, Fuß, «ÄÖÜ» und „Zitat“ — Maß für Maß.\n',
    portuguese: '# Implantação\n\nA ação não é fácil: JOSÉ», SÃO PAULO, avó, avô, Conceição, «AVÔ» e pão.\n',
    vietnamese: '# Triển khai\n\nTiếng Việt có dấu: à á â ã è é ê ì í ò ó ô õ ù ú ý đ ư ơ, Hà Nội, Đà Nẵng, người dùng.\n',
    symbols: '# Prices\n\n£10, €20, ©2025, ½ cup, 90°, ±5 %, “quotes” and ‘single’ — dashes… §3 ¶2.\n',
  };
  for (const [language, text] of Object.entries(realText)) {
    it(`stays silent on real ${language} text`, () => {
      assert.deepEqual(findingLines(createTestEngine({ files: { [`docs/${language}.md`]: text } }), RULE), []);
    });
  }

  it('stays silent in code blocks marked as examples of damage, and in HTML comments', () => {
    const text = '# Encoding\n\n```text mojibake\nâœ… was a check mark\n```\n\n<!-- Ã© -->\n';
    assert.deepEqual(findingLines(createTestEngine({ files: { 'docs/encoding.md': text } }), RULE), []);
  });

  it('still reports damage in ordinary code blocks', () => {
    const text = '# Output\n\n```\nâœ“ imported\n```\n';
    assert.deepEqual(findingLines(createTestEngine({ files: { 'docs/out.md': text } }), RULE).map((l) => l.split(' ')[0]), ['docs/out.md:4:1']);
  });
});
