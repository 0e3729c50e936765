import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchDir } from '../../helpers/scratch';
import { ROOT } from '../support/tools';

const HELPER_DIR = fileURLToPath(new URL('./helper-extension', import.meta.url));
const VSCE = join(ROOT, 'node_modules/@vscode/vsce/vsce');

function run(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolveRun(output) : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output}`))));
  });
}

let adriftVsix: Promise<string> | undefined;

/** The extension as users get it: `npm run package` (a production build + vsce), built once per run. */
export function buildAdriftVsix(): Promise<string> {
  adriftVsix ??= (async () => {
    const out = join(scratchDir('adrift-vsix-'), 'adrift.vsix');
    // A later --out wins over the script's own, so parallel runs do not share one file.
    const log = await run('npm', ['run', 'package', '--', '--out', out], ROOT);
    if (!existsSync(out)) throw new Error(`npm run package did not write ${out}:\n${log}`);
    return out;
  })();
  return adriftVsix;
}

let helperVsix: Promise<string> | undefined;

/** The test-only helper extension, packaged so it installs the same way as the real one. */
export function buildHelperVsix(): Promise<string> {
  helperVsix ??= (async () => {
    const out = join(scratchDir('adrift-helper-vsix-'), 'adrift-e2e-helper.vsix');
    await run(process.execPath, [VSCE, 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', out], HELPER_DIR);
    return out;
  })();
  return helperVsix;
}

export function adriftExtensionId(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return `${pkg.publisher}.${pkg.name}`;
}
