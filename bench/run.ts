/**
 * `npm run bench [-- --sizes 1k,10k,50k --runs 5 --large-runs 1 --warm-runs 9 --keystrokes 40 --peer-timeout 600 --no-peers --no-lsp --report-only]`
 *
 * Builds the bundles, generates the seeded corpora under bench/out/, and
 * measures adrift (cold check, warm cached check after one changed document,
 * language server start-up, keystroke latency, memory) against its peers on
 * the same trees. Writes bench/results.json and bench/results.md.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, promises as fs, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus';
import { measureEngine, type EngineFigures } from './engineLatency';
import { LspSession, type Latency, type LspStartup } from './lsp';
import { measureMedian, type Summary } from './measure';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(REPO, 'bench/out');
const SIZES: Record<string, number> = {};
const NODE = process.execPath;
/** How long the server sits idle after indexing before its resident memory is read again. */
const IDLE_SECONDS = 60;
const BIN = (...parts: string[]) => path.join(REPO, 'node_modules', ...parts);

interface PeerResult extends Partial<Summary> {
  name: string;
  /** Set when the peer could not be run here, and why. */
  unavailable?: string;
  output?: string;
}

interface SizeResult {
  size: string;
  measuredAt?: string;
  loadAverage?: number[];
  documents: number;
  runs: number;
  megabytes: number;
  /** Sizes of the documents typed into, so the table can name them once the corpus is gone. */
  documentBytes?: Record<string, number>;
  cold: Summary;
  /** Measured below 10k documents only: it shows what the parse workers bring, which larger trees would only repeat. */
  coldSingleThreaded?: Summary;
  warm: Summary;
  peers: PeerResult[];
  lsp?: LspStartup & { keystrokes?: Record<string, Latency>; restart?: LspStartup };
  lspUnavailable?: string;
  engine?: EngineFigures;
}

const USAGE = `usage: npm run bench [-- options]
  --sizes 1k,10k,50k    corpus sizes to measure (a count such as 200 or 5k)
  --runs 5              runs per measurement below 10k documents (the median is reported)
  --large-runs 1        runs per measurement at 10k documents and more
  --warm-runs 9         runs of the warm check below 50k documents (at least --runs / --large-runs)
  --keystrokes 40       edits typed per document in the keystroke latency measurement
  --peer-timeout 600    seconds before a peer run is abandoned
  --no-peers            measure adrift only
  --no-lsp              skip the language server measurements
  --no-write            print the table without writing bench/results.* or the README
  --report-only         render the table again from bench/results.json, measuring nothing
`;

const { values } = parseArgsOrExit({
  options: {
    help: { type: 'boolean', short: 'h', default: false },
    sizes: { type: 'string', default: '1k,10k,50k' },
    runs: { type: 'string', default: '5' },
    'large-runs': { type: 'string', default: '1' },
    'warm-runs': { type: 'string', default: '9' },
    keystrokes: { type: 'string', default: '40' },
    'no-peers': { type: 'boolean', default: false },
    'peer-timeout': { type: 'string', default: '600' },
    'no-lsp': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    /** Renders bench/results.md and the README section again from bench/results.json, measuring nothing. */
    'report-only': { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const sizes = values.sizes!.split(',').map((s) => s.trim());
for (const size of sizes) {
  const match = /^(\d+)(k?)$/.exec(size);
  if (!match) throw new Error(`unknown size ${size}; use a count such as 1k, 10k, 50k or 200`);
  SIZES[size] = Number(match[1]) * (match[2] ? 1000 : 1);
}
const defaultRuns = Number(values.runs);
/** Runs per measurement; trees of 10k documents and more get `--large-runs` (default 1): one 50k run takes minutes. */
const runsFor = (documents: number) => (documents >= 10_000 ? Number(values['large-runs']) : defaultRuns);
/**
 * The warm check takes a second or a few below 50k documents, where a median of
 * three swung its ratio to the cold check by a fifth with the machine's noise.
 */
const warmRunsFor = (documents: number) => (documents >= 50_000 ? runsFor(documents) : Math.max(runsFor(documents), Number(values['warm-runs'])));
const keystrokes = Number(values.keystrokes);

function parseArgsOrExit<T extends NonNullable<Parameters<typeof parseArgs>[0]>>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
}

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

async function main(): Promise<void> {
  const measured = values['report-only'] ? [] : sizes;
  if (measured.length) {
    log('building the bundles');
    execFileSync(NODE, [path.join(REPO, 'esbuild.mjs')], { cwd: REPO, stdio: 'inherit' });
  }
  const fresh: SizeResult[] = [];
  for (const size of measured) fresh.push({ ...(await benchSize(size)), measuredAt: new Date().toISOString(), loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))) });
  // Sizes not measured in this run keep their last figures, so a quick run does not erase a long one.
  const previous: SizeResult[] = await fs
    .readFile(path.join(REPO, 'bench/results.json'), 'utf8')
    .then((text) => (JSON.parse(text).results ?? []) as SizeResult[], () => []);
  const results = [...previous.filter((r) => !measured.includes(r.size) && r.measuredAt), ...fresh].sort((a, b) => a.documents - b.documents);
  const machine = describeMachine();
  const report = { date: new Date().toISOString(), machine, keystrokes, results };
  const markdown = renderMarkdown(report);
  process.stdout.write(`\n${markdown}\n`);
  if (!values['no-write']) {
    await fs.writeFile(path.join(REPO, 'bench/results.json'), `${JSON.stringify(report, null, 2)}\n`);
    await fs.writeFile(path.join(REPO, 'bench/results.md'), markdown);
    await updateReadme(markdown);
    log('wrote bench/results.json, bench/results.md and the README Performance section');
  }
}

async function benchSize(size: string): Promise<SizeResult> {
  const documents = SIZES[size];
  const runs = runsFor(documents);
  log(`${size}: generating the corpus`);
  const corpus = await writeCorpus(path.join(OUT, `corpus-${size}`), { documents });
  const root = corpus.dir;
  const cli = [path.join(REPO, 'bin/adrift.cjs'), 'check', '--root', root, '--format', 'json'];
  const cacheDir = path.join(OUT, `cache-${size}`);

  log(`${size}: cold adrift check x${runs}`);
  const cold = await measureMedian(runs, NODE, cli, root);
  log(`${size}: cold ${cold.seconds.toFixed(2)} s`);

  let singleThreaded: Summary | undefined;
  if (documents < 10_000) {
    log(`${size}: cold adrift check parsing on the main thread only x${runs}`);
    singleThreaded = await measureMedian(runs, NODE, cli, root, undefined, { ADRIFT_PARSE_WORKERS: '0' });
    log(`${size}: cold, one thread ${singleThreaded.seconds.toFixed(2)} s`);
  }

  const warmRuns = warmRunsFor(documents);
  log(`${size}: warm adrift check --cache after one changed document x${warmRuns}`);
  await fs.rm(cacheDir, { recursive: true, force: true });
  await measureMedian(1, NODE, [...cli, '--cache-location', cacheDir], root);
  const changed = path.join(root, corpus.mediumDoc);
  const original = await fs.readFile(changed, 'utf8');
  let warm: Summary;
  try {
    warm = await measureMedian(warmRuns, NODE, [...cli, '--cache-location', cacheDir], root, (run) =>
      fs.writeFile(changed, `${original}\nEdited for warm run ${run}: see [a page](gone-${run}.md).\n`),
    );
  } finally {
    await fs.writeFile(changed, original);
  }
  log(`${size}: warm ${warm.seconds.toFixed(2)} s`);

  const peers = values['no-peers'] ? [] : await benchPeers(size, root, runs);
  const documentBytes = Object.fromEntries([corpus.mediumDoc, corpus.largeDoc].map((file) => [file, statSync(path.join(root, file)).size]));
  const result: SizeResult = { size, documents, runs, megabytes: corpus.totalBytes / 1e6, documentBytes, cold: strip(cold), ...(singleThreaded ? { coldSingleThreaded: strip(singleThreaded) } : {}), warm: strip(warm), peers };

  const serverBundle = path.join(REPO, 'dist/server.cjs');
  if (values['no-lsp']) result.lspUnavailable = 'skipped (--no-lsp)';
  else if (!existsSync(serverBundle)) result.lspUnavailable = 'dist/server.cjs was not built';
  else {
    log(`${size}: language server start-up and keystrokes`);
    // The storage folder an editor gives the server: empty for the cold start, kept for the restart.
    const cacheDirectory = path.join(OUT, `server-cache-${size}`);
    await fs.rm(cacheDirectory, { recursive: true, force: true });
    const session = new LspSession(serverBundle);
    try {
      const startup = await session.start(root, { cacheDirectory });
      result.lsp = startup;
      log(`${size}: server ready in ${startup.readySeconds.toFixed(2)} s, ${Math.round(startup.rssMb ?? 0)} MB`);
      startup.idleRssMb = await session.idleRss(IDLE_SECONDS);
      log(`${size}: server resident after ${IDLE_SECONDS} s idle: ${Math.round(startup.idleRssMb ?? 0)} MB`);
      if (keystrokes > 0) {
        result.lsp.keystrokes = {};
        for (const file of [corpus.mediumDoc, corpus.largeDoc]) result.lsp.keystrokes[file] = await session.typeInto(root, file, keystrokes);
      }
    } catch (error) {
      result.lspUnavailable = `failed: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      await session.stop();
    }
    if (result.lsp) {
      log(`${size}: language server restart with its cache`);
      const restarted = new LspSession(serverBundle);
      try {
        result.lsp.restart = await restarted.start(root, { cacheDirectory });
        log(`${size}: server ready again in ${result.lsp.restart.readySeconds.toFixed(2)} s`);
        result.lsp.restart.idleRssMb = await restarted.idleRss(IDLE_SECONDS);
      } catch (error) {
        log(`${size}: the restarted server failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        await restarted.stop();
      }
    }
  }
  // In-process figures explain the LSP ones; at 10k and more they would only add minutes.
  if (keystrokes > 0 && documents < 10_000) {
    log(`${size}: engine keystroke latency in-process`);
    result.engine = await measureEngine(root, [corpus.mediumDoc, corpus.largeDoc], keystrokes);
  }
  return result;
}

/**
 * rumdl stays out of package.json: its npm package lists platform binaries that never reach
 * the lockfile, which breaks `npm ci`. The benchmark installs it beside the others, unsaved.
 */
function ensureRumdl(): void {
  if (existsSync(BIN('@rumdl/cli-linux-x64/rumdl'))) return;
  log('installing rumdl (a peer of the benchmark only; not saved to package.json)');
  const result = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', `rumdl@${RUMDL_VERSION}`], { cwd: REPO, stdio: 'inherit' });
  if (result.status !== 0) log(`rumdl could not be installed (npm exited ${result.status}); its row will say so`);
}

const RUMDL_VERSION = '0.2.75';

async function benchPeers(size: string, root: string, runs: number): Promise<PeerResult[]> {
  ensureRumdl();
  const peers: { name: string; command: string; args: string[] }[] = [
    { name: 'markdownlint-cli2', command: NODE, args: [BIN('markdownlint-cli2/markdownlint-cli2-bin.mjs'), 'docs/**/*.md', 'CLAUDE.md'] },
    {
      name: 'remark-cli + remark-validate-links',
      command: NODE,
      args: [BIN('remark-cli/cli.js'), '--no-config', '--no-ignore', '--quiet', '--use', 'remark-frontmatter', '--use', 'remark-gfm', '--use', 'remark-validate-links=repository:false', 'docs', 'CLAUDE.md'],
    },
    { name: 'vscode-markdown-languageservice', command: NODE, args: [path.join(REPO, 'bench/peers/vscode-markdown.mjs'), root] },
    { name: 'rumdl', command: BIN('@rumdl/cli-linux-x64/rumdl'), args: ['check', '--no-cache', 'docs', 'CLAUDE.md'] },
  ];
  const out: PeerResult[] = [];
  for (const peer of peers) {
    if (!existsSync(peer.command) || !existsSync(peer.args[0]) && peer.command === NODE) {
      out.push({ name: peer.name, unavailable: 'not installed (run npm install)' });
      continue;
    }
    log(`${size}: ${peer.name} x${runs}`);
    try {
      const summary = await measureMedian(runs, peer.command, peer.args, root, undefined, undefined, Number(values['peer-timeout']) * 1000);
      if (summary.last.timedOut) {
        out.push({ name: peer.name, unavailable: `did not finish within ${values['peer-timeout']} s (--peer-timeout)` });
        log(`${size}: ${peer.name} stopped after ${values['peer-timeout']} s`);
        continue;
      }
      if (summary.last.exitCode === null || summary.last.exitCode > 2 && peer.name !== 'rumdl') {
        out.push({ name: peer.name, unavailable: `exited with ${summary.last.exitCode}`, output: summary.last.stdout.slice(0, 300) });
      } else out.push({ name: peer.name, ...strip(summary) });
      log(`${size}: ${peer.name} ${summary.seconds.toFixed(2)} s`);
    } catch (error) {
      out.push({ name: peer.name, unavailable: `could not run: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return out;
}

function strip(summary: Summary & { last?: unknown }): Summary {
  return { seconds: summary.seconds, peakRssMb: summary.peakRssMb, runs: summary.runs };
}

function describeMachine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}

const s = (v: number | undefined | null) => (v === undefined || v === null ? '–' : `${v.toFixed(2)} s`);
const mb = (v: number | undefined | null) => (v === undefined || v === null ? '–' : `${Math.round(v)} MB`);
const ms = (v: number) => `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`;

function renderMarkdown(report: { date: string; machine: ReturnType<typeof describeMachine>; keystrokes: number; results: SizeResult[] }): string {
  const m = report.machine;
  const lines: string[] = [];
  lines.push(
    `Measured on ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, ${m.os}, Node ${m.node}; ` +
      report.results.map((r) => `${r.size} at ${(r.measuredAt ?? report.date).slice(0, 16).replace('T', ' ')} UTC (load average ${(r.loadAverage ?? m.loadAverageAtEnd).join(', ')})`).join('; ') +
      '.',
    `Times are medians of ${report.results.map((r) => `${r.runs} run${r.runs === 1 ? '' : 's'} (${r.size})`).join(', ')}, warm checks of ${report.results.map((r) => `${r.warm.runs.length} (${r.size})`).join(', ')}, with the median peak RSS; "x" is the peer's time divided by adrift's cold time (above 1: adrift is faster).`,
    '',
  );
  lines.push('| corpus | tool | time | peak RSS | x adrift cold |', '| --- | --- | ---: | ---: | ---: |');
  for (const r of report.results) {
    const label = `${r.size} (${r.documents.toLocaleString('en-US')} docs, ${r.megabytes.toFixed(1)} MB)`;
    lines.push(`| ${label} | **adrift check** (cold, no cache) | ${s(r.cold.seconds)} | ${mb(r.cold.peakRssMb)} | 1.00 |`);
    if (r.coldSingleThreaded) {
      lines.push(`| ${label} | adrift check (cold, parsing on one thread) | ${s(r.coldSingleThreaded.seconds)} | ${mb(r.coldSingleThreaded.peakRssMb)} | ${(r.coldSingleThreaded.seconds / r.cold.seconds).toFixed(2)} |`);
    }
    lines.push(`| ${label} | **adrift check --cache** (warm, 1 doc changed) | ${s(r.warm.seconds)} | ${mb(r.warm.peakRssMb)} | ${(r.warm.seconds / r.cold.seconds).toFixed(2)} of cold |`);
    for (const peer of r.peers) {
      if (peer.unavailable) lines.push(`| ${label} | ${peer.name} | not run: ${peer.unavailable} | | |`);
      else lines.push(`| ${label} | ${peer.name} | ${s(peer.seconds)} | ${mb(peer.peakRssMb)} | ${(peer.seconds! / r.cold.seconds).toFixed(2)} |`);
    }
  }
  lines.push(
    '',
    `| corpus | language server: initialize to full diagnostics | server RSS: when ready / after ${IDLE_SECONDS} s idle / peak | restarted, with its cache | restart RSS: ready / idle / peak | x cold start |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  );
  const rss = (startup: LspStartup) => `${mb(startup.rssMb)} / ${mb(startup.idleRssMb)} / ${mb(startup.peakRssMb)}`;
  for (const r of report.results) {
    if (r.lsp) {
      const restart = r.lsp.restart;
      lines.push(
        `| ${r.size} | ${s(r.lsp.readySeconds)} | ${rss(r.lsp)} | ${restart ? s(restart.readySeconds) : '–'} | ${restart ? rss(restart) : '–'} | ${restart ? (restart.readySeconds / r.lsp.readySeconds).toFixed(2) : '–'} |`,
      );
    } else lines.push(`| ${r.size} | not measured: ${r.lspUnavailable} | | | | |`);
  }
  lines.push(
    '',
    'Cost per document (linear growth keeps these flat from size to size):',
    '',
    `| corpus | cold check | cold check peak RSS | warm check | server start-up | server RSS (${IDLE_SECONDS} s idle) |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  );
  const perDoc = (value: number | null | undefined, r: SizeResult, unit: 'ms' | 'KB') =>
    value === null || value === undefined ? '–' : `${((value * (unit === 'ms' ? 1000 : 1024)) / r.documents).toFixed(unit === 'ms' ? 2 : 1)} ${unit}`;
  for (const r of report.results) {
    lines.push(
      `| ${r.size} | ${perDoc(r.cold.seconds, r, 'ms')} | ${perDoc(r.cold.peakRssMb, r, 'KB')} | ${perDoc(r.warm.seconds, r, 'ms')} | ${perDoc(r.lsp?.readySeconds, r, 'ms')} | ${perDoc(r.lsp?.idleRssMb ?? r.lsp?.rssMb, r, 'KB')} |`,
    );
  }
  const latencyRows: string[] = [];
  for (const r of report.results) {
    for (const [file, latency] of Object.entries(r.lsp?.keystrokes ?? {})) {
      latencyRows.push(`| ${r.size} | \`${path.posix.basename(file)}\` (${kb(r, file)}) | through LSP (server as built) | ${ms(latency.p50)} | ${ms(latency.p95)} | ${ms(latency.max)} |`);
    }
    for (const [file, figures] of Object.entries(r.engine?.keystrokes ?? {})) {
      latencyRows.push(`| ${r.size} | \`${path.posix.basename(file)}\` (${kb(r, file)}) | engine, incremental re-parse | ${ms(figures.incremental.p50)} | ${ms(figures.incremental.p95)} | ${ms(figures.incremental.max)} |`);
      latencyRows.push(`| ${r.size} | \`${path.posix.basename(file)}\` (${kb(r, file)}) | engine, full re-parse | ${ms(figures.fullParse.p50)} | ${ms(figures.fullParse.p95)} | ${ms(figures.fullParse.max)} |`);
    }
  }
  if (latencyRows.length) {
    lines.push('', `Keystroke to diagnostics (${report.keystrokes} keystrokes each, 30 ms apart, into a paragraph near the middle of the document; through LSP: from sending \`didChange\` to the \`publishDiagnostics\` of that version, typing once the server has been quiet for 1 s after the open):`, '', '| corpus | document | path | p50 | p95 | max |', '| --- | --- | --- | ---: | ---: | ---: |', ...latencyRows);
  }
  for (const r of report.results) {
    if (!r.engine) continue;
    lines.push(
      '',
      `In-process index of ${r.size}: indexing ${s(r.engine.indexSeconds)}, first findings of every document ${s(r.engine.firstFindingsSeconds)}, ` +
        `JS heap ${mb(r.engine.heapUsedMb)}, of which document text (\`DocumentModel.text\`) ${r.engine.textMb.toFixed(1)} MB.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function kb(r: SizeResult, file: string): string {
  const recorded = r.documentBytes?.[file];
  if (recorded !== undefined) return `${Math.round(recorded / 1024)} KB`;
  try {
    return `${Math.round(statSync(path.join(OUT, `corpus-${r.size}`, file)).size / 1024)} KB`;
  } catch {
    return 'size unknown';
  }
}

async function updateReadme(markdown: string): Promise<void> {
  const readme = path.join(REPO, 'README.md');
  const text = await fs.readFile(readme, 'utf8');
  const begin = '<!-- bench:begin -->';
  const end = '<!-- bench:end -->';
  const block = `${begin}\n${markdown}${end}`;
  if (text.includes(begin) && text.includes(end)) {
    await fs.writeFile(readme, text.slice(0, text.indexOf(begin)) + block + text.slice(text.indexOf(end) + end.length));
  } else {
    log('README.md has no bench markers; add a Performance section with <!-- bench:begin --> and <!-- bench:end -->');
  }
}

await main();
