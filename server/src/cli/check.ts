import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { compareFindings } from '../core/ruleResult';
import { chooseSafeFixes, mergeChanges, applyTextEdits } from '../core/fixes';
import { allRules } from '../core/rules';
import { splitBom } from '../core/text';
import type { Change, Finding } from '../core/types';
import { applyChanges } from '../node/applyChanges';
import { cacheVersion } from '../node/cacheVersion';
import { NodeHost } from '../node/host';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { displayPathFor } from './formatters/shared';
import { formatText } from './formatters/text';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from './io';
import { findWorkspaceRoot } from './root';
import { VERSION } from './version';

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];
const MAX_FIX_PASSES = 10;
const CACHE_FOLDER = '.adrift-cache';

export const CHECK_USAGE = `Usage: adrift check [paths...] [options]

Checks the documents in the configured scope (default: docs/**/*.md, CLAUDE.md, AGENTS.md)
of the workspace; with paths, reports only the documents below them.

Options:
  --format <text|json|sarif>  output format (default: text)
  --config <file>             use this config file instead of .adrift.yaml
  --root <dir>                workspace root (default: the nearest folder with .adrift.yaml or .git)
  --max-warnings <n>          exit 1 when there are more than n warnings
  --fix                       apply the fixes marked safe, writing each file once
  --cache                     reuse parsed documents and findings of unchanged files from the last run
  --cache-location <dir>      where the cache lives (implies --cache; default: .adrift-cache in the workspace root)
  -h, --help                  show this help
`;

export async function runCheck(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      config: { type: 'string' },
      root: { type: 'string' },
      'max-warnings': { type: 'string' },
      fix: { type: 'boolean', default: false },
      cache: { type: 'boolean', default: false },
      'cache-location': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(CHECK_USAGE);
    return EXIT_OK;
  }
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError('--max-warnings takes a whole number >= 0');
  }

  const targets = positionals.map((p) => path.resolve(io.cwd, p));
  for (const target of targets) {
    await fs.stat(target).catch(() => {
      throw new UsageError(`no such file or folder: ${path.relative(io.cwd, target) || target}`);
    });
  }
  const root = values.root ? path.resolve(io.cwd, values.root) : await findWorkspaceRoot(targets[0] ?? io.cwd, io.cwd);
  const explicitFiles = new Set(
    (await Promise.all(targets.map(async (t) => ((await fs.stat(t)).isFile() ? path.relative(root, t).split(path.sep).join('/') : null)))).filter(
      (p): p is string => p !== null,
    ),
  );
  const logs: string[] = [];
  const host = new NodeHost({
    root,
    rules: allRules,
    configFile: values.config ? path.resolve(io.cwd, values.config) : undefined,
    forceInclude: (rel) => explicitFiles.has(rel),
    log: (message) => logs.push(message),
    oneRun: true,
    // Undocumented knob for the benchmark's single-threaded comparison run.
    workers: process.env.ADRIFT_PARSE_WORKERS === undefined ? undefined : Number(process.env.ADRIFT_PARSE_WORKERS),
    cache:
      values.cache || values['cache-location'] !== undefined
        ? { directory: values['cache-location'] ? path.resolve(io.cwd, values['cache-location']) : path.join(root, CACHE_FOLDER), version: cacheVersion(VERSION) }
        : undefined,
  });
  const displayPath = displayPathFor(root, io.cwd);

  const configState = await host.loadConfig();
  if (configState.missing) {
    io.stderr(`adrift: cannot read config file ${configState.missing}\n`);
    return EXIT_USAGE;
  }
  if (configState.unreadable) {
    io.stderr(formatText({ findings: configState.problems, displayPath }));
    io.stderr(`adrift: the config file ${configState.file} is not valid YAML; fix it and run again\n`);
    return EXIT_USAGE;
  }

  const progress = progressReporter(io);
  await host.indexAll((done, total) => progress(() => `indexing docs ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`));
  progress(null);
  for (const note of host.scanNotes) io.stderr(`adrift: skipped ${displayPath(note.path)}: ${note.reason}\n`);

  const inScope = (workspacePath: string) => {
    if (targets.length === 0) return true;
    const absolute = path.join(root, workspacePath);
    return targets.some((t) => absolute === t || absolute.startsWith(t.endsWith(path.sep) ? t : t + path.sep));
  };
  const collect = (): Finding[] =>
    [...host.allFindings()].filter(([p]) => inScope(p)).flatMap(([, findings]) => findings).sort(compareFindings);

  if (values.fix) {
    const fixedCount = await fixAll(host, collect);
    if (fixedCount.files > 0) io.stderr(`adrift: fixed ${fixedCount.fixes} finding(s) in ${fixedCount.files} file(s)\n`);
  }

  const findings = collect();
  await host.saveCache().catch((error) => io.stderr(`adrift: could not write the cache: ${error instanceof Error ? error.message : String(error)}\n`));
  for (const message of logs) io.stderr(`adrift: ${message.split('\n')[0]}\n`);
  if (format === 'json') io.stdout(formatJson({ findings, displayPath }));
  else if (format === 'sarif') io.stdout(formatSarif({ findings, displayPath, rules: allRules, version: VERSION }));
  else {
    io.stdout(formatText({ findings, displayPath }));
    if (findings.length) io.stdout(`\n${summary(findings)}\n`);
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  return errors > 0 || (maxWarnings !== undefined && warnings > maxWarnings) ? EXIT_FINDINGS : EXIT_OK;
}

function summary(findings: readonly Finding[]): string {
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const files = new Set(findings.map((f) => f.path)).size;
  return `${findings.length} finding${findings.length === 1 ? '' : 's'} (${count('error')} errors, ${count('warning')} warnings, ${count('info')} infos) in ${files} file${files === 1 ? '' : 's'}`;
}

/**
 * Applies safe fixes pass after pass in memory (each pass re-checks, so fixes
 * are proven to converge), then writes every changed file once.
 */
async function fixAll(host: NodeHost, collect: () => Finding[]): Promise<{ fixes: number; files: number }> {
  const engine = host.engine;
  const originals = new Map<string, string | null>();
  const current = new Map<string, string>();
  let fixes = 0;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const chosen = chooseSafeFixes(collect());
    if (chosen.length === 0) break;
    fixes += chosen.length;
    for (const change of mergeChanges(chosen)) {
      if (change.kind === 'create') {
        if (!originals.has(change.path)) originals.set(change.path, null);
        current.set(change.path, change.content);
        if (host.isDocument(change.path)) engine.upsertDocument(change.path, change.content);
        else engine.addFile(change.path);
      } else if (change.kind === 'edit') {
        const before = current.get(change.path) ?? (await fs.readFile(path.join(host.root, change.path), 'utf8'));
        if (!originals.has(change.path)) originals.set(change.path, before);
        const { text, bom } = splitBom(before);
        const after = (bom ? '\uFEFF' : '') + applyTextEdits(text, change.edits);
        current.set(change.path, after);
        engine.upsertDocument(change.path, after);
      }
    }
  }
  const changes: Change[] = [];
  for (const [rel, original] of originals) {
    const next = current.get(rel)!;
    if (original === null) changes.push({ kind: 'create', path: rel, content: next });
    else if (next !== original) {
      changes.push({ kind: 'edit', path: rel, edits: [wholeTextEdit(splitBom(original).text, splitBom(next).text)] });
    }
  }
  if (changes.length) await applyChanges(host.root, changes);
  return { fixes, files: changes.length };
}

function wholeTextEdit(before: string, after: string) {
  const lines = before.split('\n');
  const lastLine = lines.length - 1;
  const lastLineText = lines[lastLine];
  return {
    range: { start: { line: 0, character: 0 }, end: { line: lastLine, character: lastLineText.length } },
    newText: after,
  };
}

/** A progress line on a terminal; `describe` is only called for a line shown (formatting numbers for every document cost 20 ms per 1,000). */
function progressReporter(io: CliIo): (describe: (() => string) | null) => void {
  if (!io.stderrIsTTY) return () => undefined;
  const started = Date.now();
  let shown = false;
  let last = 0;
  return (describe) => {
    if (describe === null) {
      if (shown) io.stderr('\r\x1b[K');
      return;
    }
    const now = Date.now();
    if (now - started < 1000 || now - last < 100) return;
    last = now;
    shown = true;
    io.stderr(`\r\x1b[Kadrift: ${describe()}`);
  };
}
