'use strict';
// Run by esbuild.mjs after a build: runs the bundled CLI on the example docs tree (a check without a cache, one
// filling a cache and one taking it up) so that V8 compiles what runs use, then saves that compiled code beside
// the bundle for `bin/codeCache.cjs`. Usage: node scripts/codeCache.cjs dist/cli.cjs examples
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { compileBundle, readSource, writeCodeCache } = require('../bin/codeCache.cjs');

async function main() {
  const [bundleArg, treeArg] = process.argv.slice(2);
  const bundle = path.resolve(bundleArg);
  const tree = path.resolve(treeArg);
  const source = readSource(bundle);
  const { exports, script } = compileBundle(bundle, source, undefined);
  const cacheDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'adrift-code-cache-'));
  const io = { cwd: tree, stdout: () => undefined, stderr: () => undefined, stderrIsTTY: false };
  try {
    await exports.main(['check', '--format', 'json'], io);
    await exports.main(['check', '--cache-location', cacheDirectory], io);
    await exports.main(['check', '--format', 'json', '--cache-location', cacheDirectory], io);
  } finally {
    fs.rmSync(cacheDirectory, { recursive: true, force: true });
  }
  writeCodeCache(bundle, source, script);
}

main().catch((error) => {
  console.error(`code cache not made: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
