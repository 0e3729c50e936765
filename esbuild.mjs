import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

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
  define: { 'import.meta.url': '__adrift_import_meta_url' },
  banner: { js: "const __adrift_import_meta_url = require('url').pathToFileURL(__filename).href;" },
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
}
