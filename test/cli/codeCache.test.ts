import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { scratchDir } from '../helpers/scratch';

interface CodeCacheModule {
  requireWithCodeCache(bundle: string): Record<string, unknown>;
  readSource(bundle: string): string;
  usableCodeCache(bundle: string, source: string): Buffer | undefined;
  compileBundle(bundle: string, source: string, cachedData: Buffer | undefined): { exports: Record<string, unknown>; script: vm.Script };
  writeCodeCache(bundle: string, source: string, script: vm.Script): void;
}
const codeCache = createRequire(import.meta.url)('../../bin/codeCache.cjs') as CodeCacheModule;

describe('the CLI code cache (bin/codeCache.cjs)', () => {
  it('is made by the build for the CLI bundle, and V8 takes it', () => {
    const bundle = path.resolve('dist/cli.cjs');
    const source = readFileSync(bundle, 'utf8');
    const cachedData = codeCache.usableCodeCache(bundle, source);
    assert.ok(cachedData && cachedData.length > 100_000, 'dist/cli.codecache of this build');
    const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
    assert.equal(script.cachedDataRejected, false);
  });

  it('runs a bundle without dynamic import(), which code compiled with a cache cannot use on Node 20', () => {
    const source = readFileSync(path.resolve('dist/cli.cjs'), 'utf8');
    assert.deepEqual(source.match(/(?<![\w$.])import\(/g) ?? [], []);
  });

  it('keeps every bundle ASCII, so the CLI reads its bundle without decoding UTF-8', () => {
    for (const file of ['dist/cli.cjs', 'dist/server.cjs', 'dist/parseWorker.cjs']) {
      const text = readFileSync(file, 'latin1');
      const at = text.search(/[^\x00-\x7f]/);
      // esbuild escapes non-ASCII text in strings but leaves regular expression literals as written.
      assert.equal(at, -1, `${file} has non-ASCII text near ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 10))}: write it as \\uXXXX`);
    }
  });

  describe('with a bundle of its own', () => {
    let dir: string;
    let bundle: string;
    const sourceOf = (build: string, value: number) => `// adrift build ${build}\nmodule.exports = { value: ${value}, dir: __dirname };\n`;
    beforeEach(() => {
      dir = scratchDir('adrift-code-cache-');
      bundle = path.join(dir, 'cli.cjs');
    });

    it('uses a cache made for the same build, and loads the bundle as require would', () => {
      writeFileSync(bundle, sourceOf('aaa111', 1));
      const { script } = codeCache.compileBundle(bundle, sourceOf('aaa111', 1), undefined);
      codeCache.writeCodeCache(bundle, sourceOf('aaa111', 1), script);
      assert.ok(codeCache.usableCodeCache(bundle, sourceOf('aaa111', 1)));
      assert.deepEqual(codeCache.requireWithCodeCache(bundle), { value: 1, dir });
    });

    it('never uses the cache of another build, even for a source of the same length', () => {
      writeFileSync(bundle, sourceOf('aaa111', 1));
      codeCache.writeCodeCache(bundle, sourceOf('aaa111', 1), codeCache.compileBundle(bundle, sourceOf('aaa111', 1), undefined).script);
      writeFileSync(bundle, sourceOf('bbb222', 2));
      assert.equal(codeCache.usableCodeCache(bundle, sourceOf('bbb222', 2)), undefined);
      assert.equal(codeCache.requireWithCodeCache(bundle).value, 2);
    });

    it('reads a bundle that is not ASCII as UTF-8', () => {
      writeFileSync(bundle, `// adrift build ddd444\nmodule.exports = { value: '\u00e9\u2013\u{1F600}' };\n`);
      assert.equal(codeCache.readSource(bundle), readFileSync(bundle, 'utf8'));
      assert.equal(codeCache.requireWithCodeCache(bundle).value, '\u00e9\u2013\u{1F600}');
      writeFileSync(bundle, sourceOf('eee555', 5));
      assert.equal(codeCache.readSource(bundle), sourceOf('eee555', 5));
    });

    it('loads the bundle without a cache, or with a damaged one', () => {
      writeFileSync(bundle, sourceOf('ccc333', 3));
      assert.equal(codeCache.requireWithCodeCache(bundle).value, 3);
      writeFileSync(path.join(dir, 'cli.codecache'), Buffer.concat([Buffer.from('ccc333\n'), Buffer.alloc(64, 0xab)]));
      const { exports, script } = codeCache.compileBundle(bundle, sourceOf('ccc333', 3), codeCache.usableCodeCache(bundle, sourceOf('ccc333', 3)));
      assert.equal(script.cachedDataRejected, true);
      assert.equal(exports.value, 3);
    });
  });
});
