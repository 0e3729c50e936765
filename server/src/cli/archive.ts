import { readFileSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { planArchive, type ArchivePlan } from '../core/archive/plan';
import { allRules } from '../core/rules';
import { ChangeRefused, applyChanges } from '../node/applyChanges';
import { isInside } from '../node/files';
import { NodeHost } from '../node/host';
import { formatPlanDiff } from './formatters/planDiff';
import { displayPathFor } from './formatters/shared';
import { formatText } from './formatters/text';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from './io';
import { findWorkspaceRoot } from './root';

export const EXIT_REFUSED = 1;
export const EXIT_FAILED = 3;

/** Test-only: makes the apply step fail after this many file writes, to prove the rollback. */
export const FAIL_AFTER_WRITES_ENV = 'ADRIFT_TEST_FAIL_AFTER_WRITES';

export const ARCHIVE_USAGE = `Usage: adrift archive <file...> [options]

Moves documents into the archive: each gets the deprecation notice, its own
relative links are re-aimed from the new place, every inbound link in the
workspace is rewritten, and the old file is removed. All or nothing: on any
problem the tree is left exactly as it was.

Options:
  --replacement <doc>   the document that replaces them (the notice links it)
  --redirect            point inbound links to the replacement instead of the archived copy
  --dry-run             print the plan as a unified diff (git apply accepts it); change nothing
  --today <YYYY-MM-DD>  the archive date (default: today, UTC)
  --config <file>       use this config file instead of .adrift.yaml
  --root <dir>          workspace root (default: the nearest folder with .adrift.yaml or .git)
  -h, --help            show this help
`;

export async function runArchive(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      replacement: { type: 'string' },
      redirect: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      today: { type: 'string' },
      config: { type: 'string' },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(ARCHIVE_USAGE);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError('name at least one document to archive');
  const today = values.today ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new UsageError('--today takes a date as YYYY-MM-DD');
  const failAfterWrites = failAfterWritesFromEnv();

  const root = values.root ? path.resolve(io.cwd, values.root) : await findWorkspaceRoot(io.cwd, io.cwd);
  const realRoot = await fs.realpath(root);
  const refuse = (message: string) => {
    io.stderr(`adrift: ${message}\n`);
    return EXIT_REFUSED;
  };
  const toWorkspace = (given: string): string | null => {
    const rel = path.relative(root, path.resolve(io.cwd, given));
    return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? null : rel.split(path.sep).join('/');
  };
  const paths: string[] = [];
  for (const given of positionals) {
    const rel = toWorkspace(given);
    if (rel === null) return refuse(`${given} is outside the workspace ${root}; nothing was changed`);
    const problem = symlinkProblem(realRoot, path.join(root, rel));
    if (problem) return refuse(`${rel} ${problem}; nothing was changed`);
    paths.push(rel);
  }
  let replacement: string | null = null;
  if (values.replacement !== undefined) {
    replacement = toWorkspace(values.replacement);
    if (replacement === null) return refuse(`the replacement ${values.replacement} is outside the workspace; nothing was changed`);
  }

  const logs: string[] = [];
  const host = new NodeHost({
    root,
    rules: allRules,
    configFile: values.config ? path.resolve(io.cwd, values.config) : undefined,
    log: (message) => logs.push(message),
  });
  const configState = await host.loadConfig();
  if (configState.missing) {
    io.stderr(`adrift: cannot read config file ${configState.missing}\n`);
    return EXIT_USAGE;
  }
  if (configState.unreadable) {
    io.stderr(formatText({ findings: configState.problems, displayPath: displayPathFor(root, io.cwd) }));
    io.stderr(`adrift: the config file ${configState.file} is not valid YAML; fix it and run again\n`);
    return EXIT_USAGE;
  }
  await host.indexAll();

  const readText = (rel: string) => readWorkspaceText(realRoot, root, rel, host.engine.config.raw.maxFileSize);
  const result = planArchive(host.engine, { paths, replacement, redirectInbound: values.redirect, today }, readText);
  if (!result.ok) return refuse(result.error);
  const plan = result.plan;

  if (values['dry-run']) {
    io.stdout(formatPlanDiff(plan, (rel) => readText(rel) ?? ''));
    io.stderr(summary(plan, true, values.redirect));
    return EXIT_OK;
  }
  try {
    await applyChanges(root, plan.changes, { failAfterWrites });
  } catch (error) {
    if (error instanceof ChangeRefused) return refuse(error.message);
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`adrift: archiving failed: ${message}${/undoing also failed/.test(message) ? '' : '; every change was undone'}\n`);
    return EXIT_FAILED;
  }
  io.stdout(summary(plan, false, values.redirect));
  return EXIT_OK;
}

function failAfterWritesFromEnv(): number | undefined {
  const raw = process.env[FAIL_AFTER_WRITES_ENV];
  if (raw === undefined || raw === '') return undefined;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1) throw new UsageError(`${FAIL_AFTER_WRITES_ENV} takes a whole number >= 1`);
  return count;
}

/** Why a path may not be archived as given: a symbolic link (inside or out) would move the link, not the document. */
function symlinkProblem(realRoot: string, absolute: string): string | null {
  try {
    if (!lstatSync(absolute).isSymbolicLink()) {
      return isInside(realRoot, realpathSync(absolute)) ? null : 'leads outside the workspace through a symbolic link';
    }
    return isInside(realRoot, realpathSync(absolute))
      ? 'is a symbolic link; archive the file it points to'
      : 'is a symbolic link leading outside the workspace';
  } catch {
    return null; // a missing file is the plan's to explain (it may have been archived already)
  }
}

// `ignoreBOM` keeps a BOM in the decoded text (the default drops it), so the model knows to write it back.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A workspace file's text, or undefined when it is missing, binary, too large, not UTF-8 or outside the workspace. */
function readWorkspaceText(realRoot: string, root: string, rel: string, maxBytes: number): string | undefined {
  try {
    const absolute = path.join(root, rel);
    if (!isInside(realRoot, realpathSync(absolute))) return undefined;
    if (statSync(absolute).size > maxBytes) return undefined;
    const bytes = readFileSync(absolute);
    if (bytes.subarray(0, 8192).includes(0)) return undefined;
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function summary(plan: ArchivePlan, dryRun: boolean, redirected: boolean): string {
  const lines: string[] = [];
  const verb = dryRun ? 'Would archive' : 'Archived';
  for (const move of plan.moves) lines.push(`${verb} ${move.from} -> ${move.to}`);
  const moved = new Set(plan.moves.map((m) => m.from));
  const own = plan.rewrittenLinks.filter((l) => moved.has(l.path)).length;
  const inbound = plan.rewrittenLinks.filter((l) => !moved.has(l.path));
  const files = new Set(inbound.map((l) => l.path)).size;
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(
    `${dryRun ? 'Would rewrite' : 'Rewrote'} ${count(own + inbound.length, 'link')}: ${own} in the archived ${plan.moves.length === 1 ? 'document' : 'documents'}, ${inbound.length} in ${count(files, 'other file')}.`,
  );
  if (inbound.length && !redirected) lines.push('Inbound links now point into the archive; --redirect sends readers to the replacement instead.');
  for (const note of plan.notes) lines.push(`Note: ${note}`);
  if (plan.unsafeMentions.length) {
    const one = plan.unsafeMentions.length === 1;
    lines.push(`${count(plan.unsafeMentions.length, 'plain-text mention')} of the old ${plan.moves.length === 1 ? 'path' : 'paths'} ${one ? 'was' : 'were'} not rewritten; check ${one ? 'it' : 'them'}:`);
    for (const m of plan.unsafeMentions) lines.push(`  ${m.path}:${m.range.start.line + 1}:${m.range.start.character + 1}: ${m.text}`);
  }
  return `${lines.join('\n')}\n`;
}
