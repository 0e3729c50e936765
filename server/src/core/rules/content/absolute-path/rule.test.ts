import { strict as assert } from 'node:assert';
import { applyTextEdits } from '../../../fixes';
import { createTestEngine, findingLines, findingsOf } from '../../../../../../test/helpers/engine';

const RULE = 'content/absolute-path';
const lines = (text: string) => findingLines(createTestEngine({ files: { 'docs/guide.md': text } }), RULE);

describe('content/absolute-path', () => {
  it('reports home folders of Linux, macOS and Windows in prose and commands', () => {
    const text = [
      '# Guide',
      '',
      'The checkout lives in /home/alice/trader.',
      '',
      '```bash',
      'cd /home/user/APPV4 && pytest',
      'open "/Users/Bob Smith/x"',
      'ls /Users/carol/notes.txt',
      '```',
      '',
      'On Windows: `C:\\Users\\dave\\repo\\run.bat`, or C:/Users/erin/repo.',
      '',
    ].join('\n');
    assert.deepEqual(lines(text), [
      'docs/guide.md:3:23 content/absolute-path Machine-specific path `/home/alice/trader` works on one machine only; use a path relative to the repository root (or `~` / `$HOME`).',
      'docs/guide.md:6:4 content/absolute-path Machine-specific path `/home/user/APPV4` works on one machine only; use a path relative to the repository root (or `~` / `$HOME`).',
      'docs/guide.md:7:7 content/absolute-path Machine-specific path `/Users/Bob` works on one machine only; use a path relative to the repository root (or `~` / `$HOME`).',
      'docs/guide.md:8:4 content/absolute-path Machine-specific path `/Users/carol/notes.txt` works on one machine only; use a path relative to the repository root (or `~` / `$HOME`).',
      'docs/guide.md:11:14 content/absolute-path Machine-specific path `C:\\Users\\dave\\repo\\run.bat` works on one machine only; use a path relative to the repository root (or `~` / `$HOME`).',
      'docs/guide.md:11:46 content/absolute-path Machine-specific path `C:/Users/erin/repo` works on one machine only; use a path relative to the repository root (or `~` / `$HOME`).',
    ]);
  });

  it('offers to replace the home folder with ~, as a suggestion', () => {
    const text = '# Guide\n\nRun cd /home/user/APPV4 first.\n';
    const [finding] = findingsOf(createTestEngine({ files: { 'docs/guide.md': text } }), RULE);
    assert.equal(finding.fixes[0].safe, false);
    const change = finding.fixes[0].changes[0];
    assert.equal(applyTextEdits(text, change.kind === 'edit' ? change.edits : []), '# Guide\n\nRun cd ~/APPV4 first.\n');
  });

  it('stays silent on placeholders, URLs, shared folders and relative paths', () => {
    const text = [
      '# Guide',
      '',
      'Clone into /home/<user>/trader or /home/$USER/trader or /Users/{name}.',
      'See https://example.com/home/alice/page and file:///home/alice/x.',
      'The shared folder /Users/Shared/cache, the path src/home/alice and ~/home/alice.',
      '',
    ].join('\n');
    assert.deepEqual(lines(text), []);
  });
});
