import { strict as assert } from 'node:assert';
import { ResolvedConfig } from '../../server/src/core/config/resolved';
import { defaultConfig } from '../../server/src/core/config/defaults';
import { Engine, RULE_FAILED_RULE, SKIPPED_RULE } from '../../server/src/core/engine';
import { parseStats } from '../../server/src/core/parse';
import type { Rule } from '../../server/src/core/rule';
import { linksBroken } from '../../server/src/core/rules/links/broken/rule';

/** Only the rule under test, so other rules' findings cannot blur what is asserted. */
const rules = [linksBroken];
import { createTestEngine, findingLines } from '../helpers/engine';

function workspaceOf(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const next = (i + 1) % count;
    files[`docs/d${i}.md`] = `# Doc ${i}\n\n## Section ${i}\n\nSee [next](d${next}.md#section-${next}).\n`;
  }
  return files;
}

describe('Engine: incremental index', () => {
  it('re-parses only the changed document of a 1,000-document index', () => {
    const engine = createTestEngine({ files: workspaceOf(1000), rules });
    assert.equal(engine.allFindings().size, 1000);
    const before = parseStats.count;
    engine.upsertDocument('docs/d5.md', '# Doc 5\n\n## Renamed\n\nSee [next](d6.md#section-6).\n');
    engine.allFindings();
    assert.equal(parseStats.count - before, 1);
  });

  it('re-checks only the documents whose findings depend on the change', () => {
    const engine = createTestEngine({ files: workspaceOf(1000), rules });
    engine.allFindings();
    engine.takeChangedPaths();
    engine.upsertDocument('docs/d5.md', '# Doc 5\n\n## Renamed\n\nSee [next](d6.md#section-6).\n');
    assert.deepEqual(engine.takeChangedPaths().sort(), ['docs/d4.md', 'docs/d5.md']);
    assert.deepEqual(findingLines(engine, 'links/broken'), [
      'docs/d4.md:5:12 links/broken No heading with anchor `#section-5` in `docs/d5.md`.',
    ]);
  });

  it('computes a document’s findings a rule at a time when asked to stop between rules', () => {
    const counting = (id: string): Rule => ({ id, description: 'x', defaultSeverity: 'warning', check: (ctx) => ctx.report({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: id }) });
    const engine = createTestEngine({ files: { 'docs/a.md': '# A\n' }, rules: [counting('test/one'), counting('test/two'), counting('test/three')] });
    let runs = 0;
    const oneRuleAtATime = () => runs++ > 0;
    assert.equal(engine.computeFindings('docs/a.md', oneRuleAtATime), false);
    assert.equal(engine.stats.ruleRuns, 1);
    runs = 0;
    assert.equal(engine.computeFindings('docs/a.md', oneRuleAtATime), false);
    assert.equal(engine.stats.ruleRuns, 2, 'the rule already run is not run again');
    assert.equal(engine.computeFindings('docs/a.md', () => false), true);
    assert.equal(engine.stats.ruleRuns, 3);
    assert.deepEqual(engine.findings('docs/a.md').map((f) => f.message), ['test/one', 'test/three', 'test/two']);
    assert.equal(engine.stats.ruleRuns, 3, 'findings come from the results computed in slices');
    assert.equal(engine.computeFindings('docs/missing.md', () => true), true);
  });

  it('does not re-parse or re-check when the text is unchanged', () => {
    const engine = createTestEngine({ files: workspaceOf(10), rules });
    engine.allFindings();
    engine.takeChangedPaths();
    const before = parseStats.count;
    engine.upsertDocument('docs/d1.md', workspaceOf(10)['docs/d1.md']);
    assert.equal(parseStats.count, before);
    assert.deepEqual(engine.takeChangedPaths(), []);
  });

  it('clears a broken link when its target file appears, and brings it back when it goes', () => {
    const engine = createTestEngine({ files: { 'docs/a.md': '# A\n\n[r](rollback.md)\n' }, rules });
    assert.equal(findingLines(engine, 'links/broken').length, 1);
    engine.upsertDocument('docs/rollback.md', '# Rollback\n');
    assert.deepEqual(findingLines(engine, 'links/broken'), []);
    engine.removeFile('docs/rollback.md');
    assert.equal(findingLines(engine, 'links/broken').length, 1);
  });

  it('re-checks links into a folder when its first file appears', () => {
    const engine = createTestEngine({ files: { 'docs/a.md': '# A\n\n[dir](../infra/)\n' }, rules });
    assert.equal(findingLines(engine, 'links/broken').length, 1);
    engine.addFile('infra/nginx.conf');
    assert.deepEqual(findingLines(engine, 'links/broken'), []);
  });

  it('honours control comments', () => {
    const engine = createTestEngine({
      rules,
      files: {
        'docs/a.md': [
          '# A',
          '<!-- adrift-disable-next-line links/broken -->',
          '[a](gone1.md)',
          '[b](gone2.md) <!-- adrift-disable-line -->',
          '<!-- adrift-disable links/broken -->',
          '[c](gone3.md)',
          '<!-- adrift-enable links/broken -->',
          '[d](gone4.md)',
          '',
        ].join('\n'),
      },
    });
    assert.deepEqual(findingLines(engine, 'links/broken').map((l) => l.split(' ')[0]), ['docs/a.md:8:5']);
  });

  it('turns a rule that throws into one finding and keeps the other rules running', () => {
    const logs: string[] = [];
    const exploding: Rule = { id: 'test/explodes', description: 'x', defaultSeverity: 'error', check: () => { throw new Error('boom'); } };
    const engine = new Engine({ rules: [...rules, exploding], log: (m) => logs.push(m) });
    engine.upsertDocument('docs/a.md', '# A\n\n[x](gone.md)\n');
    const findings = engine.findings('docs/a.md');
    assert.deepEqual(findings.map((f) => f.ruleId), ['links/broken', RULE_FAILED_RULE].sort() as string[]);
    assert.match(findings.find((f) => f.ruleId === RULE_FAILED_RULE)!.message, /`test\/explodes` failed on this document/);
    assert.match(logs[0], /boom/);
  });

  it('reports skipped files as info findings saying why', () => {
    const engine = new Engine({ rules });
    engine.markSkipped('docs/big.md', 'file is 21.0 MB, over the 5.0 MB limit');
    assert.deepEqual(engine.findings('docs/big.md').map((f) => [f.ruleId, f.severity, f.message]), [
      [SKIPPED_RULE, 'info', 'Not checked: file is 21.0 MB, over the 5.0 MB limit.'],
    ]);
  });

  it('applies per-path overrides and severities from config', () => {
    const raw = { ...defaultConfig(), rules: { 'links/broken': 'warning' as const }, overrides: [{ files: ['docs/ARCHIVE/**'], rules: { 'links/broken': 'off' as const } }] };
    const engine = new Engine({ rules, config: new ResolvedConfig(raw) });
    engine.upsertDocument('docs/a.md', '# A\n\n[x](gone.md)\n');
    engine.upsertDocument('docs/ARCHIVE/b.md', '# B\n\n[x](gone.md)\n');
    assert.deepEqual(engine.findings('docs/a.md').map((f) => f.severity), ['warning']);
    assert.deepEqual(engine.findings('docs/ARCHIVE/b.md'), []);
  });
});

describe('Engine.upsertDocument: incremental re-parse from whole texts', () => {
  const big = (middle: string) =>
    `# Big\n\n${Array.from({ length: 300 }, (_, i) => `## Part ${i}\n\nParagraph ${i} with [a link](d${i}.md) and 🚀 漢字.\n`).join('\n')}\n${middle}\n\nEnd.\n`;

  it('re-parses only the touched blocks when a host hands over the whole new text', () => {
    const engine = createTestEngine({ files: { 'docs/big.md': big('Typing here') }, rules });
    engine.findings('docs/big.md');
    const before = parseStats.count;
    engine.upsertDocument('docs/big.md', big('Typing here, more'));
    assert.equal(parseStats.count - before, 1, 'one parse: of the touched block');
    const fresh = createTestEngine({ files: { 'docs/big.md': big('Typing here, more') }, rules });
    assert.deepEqual(engine.getDocument('docs/big.md')!.model.headings, fresh.getDocument('docs/big.md')!.model.headings);
    assert.deepEqual(engine.findings('docs/big.md'), fresh.findings('docs/big.md'));
  });

  it('gives the same model as a full parse for edits next to CRLF pairs and surrogate pairs', () => {
    const texts = ['# T\r\n\r\nA 🚀 b\r\n\r\nC\r\n', '# T\r\n\r\nA 🚁 b\r\n\r\nC\r\n', '# T\r\n\r\nA 🚁 b\r\nx\r\n\r\nC\r\n', '# T\r\n\r\nC\r\n', '# T\n\nC\n'];
    const engine = createTestEngine({ files: { 'docs/a.md': texts[0] }, rules });
    for (const text of texts.slice(1)) {
      engine.upsertDocument('docs/a.md', text);
      const fresh = createTestEngine({ files: { 'docs/a.md': text }, rules });
      const strip = (m: object) => JSON.parse(JSON.stringify({ ...m, lines: undefined }));
      assert.deepEqual(strip(engine.getDocument('docs/a.md')!.model), strip(fresh.getDocument('docs/a.md')!.model), JSON.stringify(text));
    }
  });
});
