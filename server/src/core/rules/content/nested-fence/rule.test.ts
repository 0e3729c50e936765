import { strict as assert } from 'node:assert';
import { createTestEngine, findingLines } from '../../../../../../test/helpers/engine';

const RULE = 'content/nested-fence';
const lines = (text: string) => findingLines(createTestEngine({ files: { 'docs/TASKS/plan.md': text } }), RULE);

const fence = '```';

describe('content/nested-fence', () => {
  it('reports an example whose nested opener has an info string', () => {
    const text = ['# Plan', '', `${fence}markdown`, '# Guide', '', `${fence}bash`, 'make build', fence, '', 'More text.', fence, ''].join('\n');
    assert.deepEqual(lines(text), [
      'docs/TASKS/plan.md:3:1 content/nested-fence The `markdown` example opened here is cut short: the nested fence on line 6 opens a block whose closing fence ends this example instead, so what follows is read inside out (code as prose, headings and tables as code). Open and close the example with a longer fence (4 backticks) than the blocks inside it.',
    ]);
  });

  it('reports an example that ends on a heading or a lead-in, where the fence is followed at once by text (it opened a nested block)', () => {
    const heading = ['# Plan', '', `${fence}md`, '# Runbook', '', '## Layout', '', fence, 'src/', fence, ''].join('\n');
    const leadIn = ['# Plan', '', `${fence}markdown`, '# Runbook', '', '**Diagnosis:**', fence, 'ping host', fence, ''].join('\n');
    assert.deepEqual(lines(heading).map((l) => l.split(' ').slice(0, 2).join(' ')), ['docs/TASKS/plan.md:3:1 content/nested-fence']);
    assert.match(lines(heading)[0], /the fence on line 8 was meant to open a nested block/);
    assert.deepEqual(lines(leadIn).map((l) => l.split(' ')[0]), ['docs/TASKS/plan.md:3:1']);
  });

  it('reports each later example that an earlier cut-short example swallowed, on its own opener', () => {
    const text = [
      '# Plan', '',
      `${fence}markdown`, '## Layout', '', fence, 'src/', fence, '',
      '## Second part', '',
      `${fence}markdown`, '# Restart', fence, '',
    ].join('\n');
    const found = lines(text);
    assert.deepEqual(found.map((l) => l.split(' ')[0]), ['docs/TASKS/plan.md:3:1', 'docs/TASKS/plan.md:12:1']);
    assert.match(found[1], /This `markdown` example never opens: it is read as content of the code block opened on line 8,/);
  });

  it('stays silent for a longer outer fence, tildes inside backticks, other languages and plain examples', () => {
    const longer = ['# Plan', '', '````markdown', '## Steps', '', `${fence}bash`, 'make', fence, '````', ''].join('\n');
    const tildes = ['# Plan', '', `${fence}markdown`, '## Steps', '', '~~~bash', 'make', '~~~', fence, ''].join('\n');
    const other = ['# Plan', '', `${fence}text`, '## Output:', fence, ''].join('\n');
    const plain = ['# Plan', '', `${fence}markdown`, '# Title', '', 'Some text.', fence, ''].join('\n');
    const skeletal = ['# Plan', '', `${fence}markdown`, '# ADR-0001: Queue', '', '## Context', fence, '', 'Next.', '', `${fence}md`, '# Title', fence].join('\n');
    for (const text of [longer, tildes, other, plain, skeletal]) assert.deepEqual(lines(text), [], text);
  });
});
