import { strict as assert } from 'node:assert';
import { createTestEngine, findingsOf } from '../../../../../../test/helpers/engine';
import { codeFenceLanguage } from './rule';

const fence = '```';

function check(files: Record<string, string>, config?: string) {
  const engine = createTestEngine({ files, config, rules: [codeFenceLanguage] });
  return findingsOf(engine, 'code/fence-language').map(
    (f) => `${f.path}:${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1}`,
  );
}

const runbook = ['# Restart Runbook', '', `${fence}bash`, 'systemctl restart quotes', fence, '', fence, 'quotes.service active (running)', fence, '', '- Step', '', '  ~~~', '  journalctl -u quotes', '  ~~~', ''].join('\n');

describe('code/fence-language', () => {
  it('fires on each untagged fence in runbooks and concept docs, on the fence itself', () => {
    assert.deepEqual(check({ 'docs/RUNBOOKS/restart.md': runbook, 'docs/CONCEPTS/quotes.md': `# Quotes\n\n${fence}\nQuote(symbol)\n${fence}\n` }), [
      'docs/CONCEPTS/quotes.md:3:1-3:4',
      'docs/RUNBOOKS/restart.md:7:1-7:4',
      'docs/RUNBOOKS/restart.md:13:3-13:6',
    ]);
  });

  it('offers `text` as an unsafe fix right after the fence characters', () => {
    const engine = createTestEngine({ files: { 'docs/RUNBOOKS/restart.md': runbook }, rules: [codeFenceLanguage] });
    const [first] = findingsOf(engine, 'code/fence-language');
    assert.deepEqual(first.fixes, [
      {
        title: 'Tag the block as `text`',
        safe: false,
        changes: [{ kind: 'edit', path: 'docs/RUNBOOKS/restart.md', edits: [{ range: { start: { line: 6, character: 3 }, end: { line: 6, character: 3 } }, newText: 'text' }] }],
      },
    ]);
  });

  it('stays silent on tagged fences, indented code and other document kinds', () => {
    const tagged = `# Restart\n\n${fence}bash\nsystemctl restart quotes\n${fence}\n\n    indented output\n`;
    assert.deepEqual(check({ 'docs/RUNBOOKS/restart.md': tagged, 'docs/notes.md': runbook, 'docs/ADRs/0001-quotes.md': runbook }), []);
  });

  it('follows the configured kinds', () => {
    const config = 'rules:\n  code/fence-language:\n    kinds: [other]\n';
    assert.deepEqual(check({ 'docs/RUNBOOKS/restart.md': runbook, 'docs/notes.md': runbook }, config), [
      'docs/notes.md:7:1-7:4',
      'docs/notes.md:13:3-13:6',
    ]);
  });
});
