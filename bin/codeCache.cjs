'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');
const { isAscii } = require('node:buffer');

/**
 * V8's code cache for the CLI bundle, made at build time (`scripts/codeCache.cjs`)
 * by a run of the bundle, so a run starts without compiling the functions it
 * needs (about 40 ms of every `adrift check`). V8 checks that a cache fits its
 * version and flags, but of the source only its length: the cache file
 * therefore starts with the build id the bundle's first line carries, and a
 * cache of another build is never used.
 */
const BUILD_LINE = /^\/\/ adrift build (\w+)\n/;

function cacheFileOf(bundle) {
  return bundle.replace(/\.cjs$/, '.codecache');
}

/** The bundle's exports, compiled with its code cache when one of this very build is there; else as `require` loads it. */
function requireWithCodeCache(bundle) {
  let source;
  try {
    source = readSource(bundle);
  } catch {
    return require(bundle);
  }
  const cachedData = usableCodeCache(bundle, source);
  return cachedData ? compileBundle(bundle, source, cachedData).exports : require(bundle);
}

/**
 * The bundle's text. The build keeps it ASCII (a test sees to it), and ASCII
 * bytes are their own Latin-1 text: taking them as such spares decoding UTF-8,
 * 15 ms of every run for the 1.6 MB CLI bundle.
 */
function readSource(bundle) {
  const bytes = fs.readFileSync(bundle);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/** The code cache beside the bundle when it was made for the build `source` names; else undefined. */
function usableCodeCache(bundle, source) {
  const build = BUILD_LINE.exec(source);
  if (!build) return undefined;
  let cache;
  try {
    cache = fs.readFileSync(cacheFileOf(bundle));
  } catch {
    return undefined;
  }
  const header = `${build[1]}\n`;
  return cache.subarray(0, header.length).toString('latin1') === header ? cache.subarray(header.length) : undefined;
}

/**
 * Compiles and runs the bundle as a CommonJS module, with `cachedData` when
 * given; returns its exports and script. Code compiled this way cannot use
 * dynamic `import()` on Node 20, so the bundle has none (a test sees to it).
 */
function compileBundle(bundle, source, cachedData) {
  const script = new vm.Script(Module.wrap(source), { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {}, id: bundle, filename: bundle, loaded: false };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(bundle), module, bundle, path.dirname(bundle));
  module.loaded = true;
  return { exports: module.exports, script };
}

/** Writes the code cache of a script compiled by `compileBundle`, for the build `source` carries. */
function writeCodeCache(bundle, source, script) {
  const build = BUILD_LINE.exec(source);
  if (!build) throw new Error(`${bundle} does not start with its build line`);
  fs.writeFileSync(cacheFileOf(bundle), Buffer.concat([Buffer.from(`${build[1]}\n`, 'latin1'), script.createCachedData()]));
}

module.exports = { requireWithCodeCache, readSource, usableCodeCache, compileBundle, writeCodeCache };
