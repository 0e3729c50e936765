import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { scratchDir } from '../../helpers/scratch';
import { ROOT } from '../support/tools';

/** The command other editors run: the package's CLI, as README documents it. */
export const SERVER_COMMAND = [process.execPath, join(ROOT, 'bin/adrift.cjs'), 'lsp', '--stdio'];

/**
 * A small workspace whose guide has two link findings: an anchor that differs only in case
 * (line 3, with a safe quick fix) and a link to a runbook that does not exist (line 7).
 */
export const GUIDE_PATH = 'docs/guide.md';
export const GUIDE_TEXT = [
  '# Deploying the console',
  '',
  'Follow [the install steps](setup.md#Install-the-Agent) before the first release.',
  '',
  'The steps are short.',
  '',
  'When it fails, read [the recovery runbook](runbooks/recovery.md).',
  '',
].join('\n');

const FILES: Record<string, string> = {
  '.adrift.yaml': 'include: ["docs/**/*.md"]\n',
  [GUIDE_PATH]: GUIDE_TEXT,
  'docs/setup.md': '# Setup\n\n## Install the agent\n\nUnpack it and start it.\n',
};

/** Writes the workspace to a fresh temp folder and returns its path. */
export function writeEditorWorkspace(): string {
  const root = scratchDir('adrift-editor-');
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
