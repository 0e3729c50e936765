import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs, rmSync } from 'node:fs';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/**
 * A digest of everything the bundles are made from (our sources without their
 * tests, the locked dependencies, this script), which keys persistent caches (`cacheVersion`):
 * a build with other rules never reuses an older build's results.
 */
async function buildId() {
  const hash = createHash('sha1');
  const sources = (await fs.readdir('server/src', { recursive: true })).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts')).sort();
  for (const file of [...sources.map((file) => `server/src/${file}`), 'package-lock.json', 'esbuild.mjs']) {
    hash.update(file).update('\0').update(await fs.readFile(file).catch(() => '')).update('\0');
  }
  hash.update(production ? 'production' : 'development');
  return hash.digest('hex').slice(0, 12);
}

/**
 * js-yaml (through gray-matter) loads `esprima` from node_modules at start-up
 * for its `!!js/function` type, which the safe loader gray-matter uses never
 * reads: without it the type only declines such values. It cost every run
 * about 10 ms.
 */
const noEsprima = {
  name: 'no-esprima',
  setup(build) {
    build.onLoad({ filter: /js-yaml[\\/]lib[\\/]js-yaml[\\/]type[\\/]js[\\/]function\.js$/ }, async (args) => {
      const source = await fs.readFile(args.path, 'utf8');
      if (!source.includes("_require('esprima')")) throw new Error(`${args.path} no longer loads esprima as expected`);
      return { contents: source.replace("_require('esprima')", 'null'), loader: 'js' };
    });
  },
};

const BUILD_ID = await buildId();

/** Client, server and CLI are bundled so the packaged extension ships no node_modules. */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  // Names stay (readable stack traces and profiles); whitespace and syntax go even in development
  // builds: the CLI and the server load a third faster, which every `adrift check` pays.
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: production,
  logLevel: 'warning',
  // remark and friends are ESM; in a CJS bundle `import.meta.url` must still work.
  define: { 'import.meta.url': '__adrift_import_meta_url', ADRIFT_BUILD_ID: JSON.stringify(BUILD_ID) },
  plugins: [noEsprima],
  // The first line names the build, which `bin/codeCache.cjs` matches against the code cache's.
  banner: { js: `// adrift build ${BUILD_ID}\nconst __adrift_import_meta_url = require('url').pathToFileURL(__filename).href;` },
};

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.cjs', external: ['vscode'] },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.cjs' },
  { entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli.cjs' },
  // Started by cli.cjs and server.cjs from beside them as parse worker processes.
  { entryPoints: ['server/src/node/parseWorker.ts'], outfile: 'dist/parseWorker.cjs' },
];

const existing = [];
for (const build of builds) {
  try {
    await import('node:fs').then((fs) => fs.promises.access(build.entryPoints[0]));
    existing.push(build);
  } catch {
    // Entry points appear as their issues land.
  }
}

if (watch) {
  for (const build of existing) {
    const context = await esbuild.context({ ...common, ...build });
    await context.watch();
  }
} else {
  await Promise.all(existing.map((build) => esbuild.build({ ...common, ...build })));
  makeCliCodeCache();
}

/**
 * V8's compiled code for the CLI, made by running it on the example tree
 * (`scripts/codeCache.cjs`); `bin/adrift.cjs` starts faster with it. Without
 * it (the run failed) the CLI compiles as usual, so a failure only warns.
 */
function makeCliCodeCache() {
  const codeCache = 'dist/cli.codecache';
  rmSync(codeCache, { force: true });
  if (!existing.some((build) => build.outfile === 'dist/cli.cjs')) return;
  try {
    execFileSync(process.execPath, ['scripts/codeCache.cjs', 'dist/cli.cjs', 'examples'], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    console.warn(`esbuild.mjs: no code cache for the CLI: ${String(error.stderr ?? error.message).trim()}`);
  }
}
