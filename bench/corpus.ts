import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * A deterministic docs tree for the benchmark: ADRs, concept docs, runbooks,
 * task docs (with `Document | Must Link To` matrices and `Old Link | New Link`
 * mapping tables), guides and a CLAUDE.md, cross-linked with relative links of
 * which a few percent point at missing files or anchors. The same seed and size
 * always give byte-identical files.
 */

export interface CorpusOptions {
  documents: number;
  seed?: number;
}

export interface CorpusFile {
  path: string;
  text: string;
}

export interface CorpusPlan {
  files: CorpusFile[];
  /** A mid-sized (about 20 KB) and a large (about 250 KB) document, for keystroke latency. */
  mediumDoc: string;
  largeDoc: string;
  totalBytes: number;
}

type Kind = 'adr' | 'concept' | 'runbook' | 'task' | 'guide';

interface PlannedDoc {
  path: string;
  kind: Kind;
  title: string;
  sections: string[];
  targetBytes: number;
}

const SECTIONS: Record<Kind, string[]> = {
  adr: ['Status', 'Context', 'Decision', 'Consequences', 'Alternatives Considered'],
  concept: ['Overview', 'Key Ideas', 'How It Fits Together', 'Related Documents'],
  runbook: ['Prerequisites', 'Procedure', 'Verification', 'Rollback', 'Escalation'],
  task: ['Goal', 'Plan', 'Cross-Reference Matrix', 'Link Update Mapping', 'Testing'],
  guide: ['Introduction', 'Setup', 'Day-to-Day Use', 'Troubleshooting'],
};

const FOLDERS: Record<Kind, string> = {
  adr: 'docs/adr',
  concept: 'docs/concepts',
  runbook: 'docs/runbooks',
  task: 'docs/tasks',
  guide: 'docs/guides',
};

const WORDS = (
  'ledger invoice portal session storage widget layout callback refresh websocket token middleware queue ' +
  'settlement report export tenant account schema migration rollout flag canary dashboard latency cache ' +
  'worker handler route template component state event timer upload download audit policy review owner ' +
  'budget threshold alert metric trace retry backoff deadline window panel chart filter column record'
).split(' ');

const OLD_APIS = ['st.session_state', 'st.cache_data', 'st.experimental_rerun', 'st.columns', 'st.sidebar'];
const NEW_APIS = ['app.storage.user', 'functools.lru_cache', 'ui.navigate.reload', 'ui.row', 'ui.left_drawer'];

/** mulberry32: small, fast and good enough for reproducible test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Writer {
  constructor(private readonly random: () => number) {}

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  words(count: number): string {
    const out: string[] = [];
    for (let i = 0; i < count; i++) out.push(this.pick(WORDS));
    return out.join(' ');
  }

  sentence(): string {
    const text = this.words(this.int(6, 16));
    return text[0].toUpperCase() + text.slice(1) + '.';
  }
}

export function planCorpus({ documents, seed = 9 }: CorpusOptions): CorpusPlan {
  const w = new Writer(seededRandom(seed ^ documents));
  const docs = planDocuments(documents, w);
  const slugsByPath = new Map(docs.map((d) => [d.path, d.sections.map(slugOf)]));
  const files: CorpusFile[] = docs.map((doc) => ({ path: doc.path, text: renderDocument(doc, docs, slugsByPath, w) }));
  files.push({ path: 'CLAUDE.md', text: renderClaudeMd(docs) });
  files.push({ path: 'docs/assets/architecture.svg', text: '<svg xmlns="http://www.w3.org/2000/svg"/>\n' });
  files.push({ path: 'README.md', text: '# Billing portal\n\nSee [the docs](docs/guides/) and [CLAUDE.md](CLAUDE.md).\n' });
  const medium = docs.find((d) => d.targetBytes >= 18_000 && d.targetBytes <= 24_000) ?? docs[1];
  const large = docs.find((d) => d.targetBytes >= 240_000) ?? docs[0];
  return {
    files,
    mediumDoc: medium.path,
    largeDoc: large.path,
    totalBytes: files.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0),
  };
}

function planDocuments(count: number, w: Writer): PlannedDoc[] {
  const kinds: Kind[] = ['adr', 'adr', 'concept', 'concept', 'runbook', 'task', 'guide'];
  const docs: PlannedDoc[] = [];
  const perFolder = 400;
  for (let i = 0; i < count; i++) {
    const kind = i < 2 ? 'task' : kinds[i % kinds.length];
    const group = `part-${String(Math.floor(i / perFolder)).padStart(3, '0')}`;
    const stem = `${kind}-${String(i).padStart(5, '0')}-${w.pick(WORDS)}-${w.pick(WORDS)}`;
    docs.push({
      path: `${FOLDERS[kind]}/${group}/${stem}.md`,
      kind,
      title: `${kind.toUpperCase()} ${i}: ${w.words(3)}`,
      sections: SECTIONS[kind],
      targetBytes: i === 0 ? 250_000 : i === 1 ? 20_000 : sizeFor(w),
    });
  }
  return docs;
}

/** Mostly small docs, some mid-sized, one in a thousand between 200 and 300 KB. */
function sizeFor(w: Writer): number {
  const roll = w.int(0, 999);
  if (roll < 1) return w.int(200_000, 300_000);
  if (roll < 16) return w.int(15_000, 40_000);
  if (roll < 166) return w.int(4_000, 8_000);
  return w.int(800, 2_200);
}

function slugOf(heading: string): string {
  return heading.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}

function relative(from: string, to: string): string {
  const rel = path.posix.relative(path.posix.dirname(from), to);
  return rel.startsWith('.') ? rel : `./${rel}`;
}

function renderDocument(doc: PlannedDoc, all: PlannedDoc[], slugs: Map<string, string[]>, w: Writer): string {
  const out: string[] = [];
  out.push('---', `title: "${doc.title}"`, `status: ${w.pick(['accepted', 'proposed', 'draft', 'active'])}`);
  out.push(`owner: team-${w.pick(WORDS)}`, `updated: 2026-${String(w.int(1, 12)).padStart(2, '0')}-${String(w.int(1, 28)).padStart(2, '0')}`, '---', '');
  out.push(`# ${doc.title}`, '');
  out.push(paragraph(doc, all, slugs, w), '');
  let size = out.join('\n').length;
  let round = 0;
  while (size < doc.targetBytes) {
    const sections = round === 0 ? doc.sections : doc.sections.map((s) => `${s} (part ${round + 1})`);
    for (const section of sections) {
      const block = renderSection(doc, section, all, slugs, w, round);
      out.push(block);
      size += block.length + 1;
      if (size >= doc.targetBytes) break;
    }
    round++;
  }
  return out.join('\n');
}

function renderSection(doc: PlannedDoc, section: string, all: PlannedDoc[], slugs: Map<string, string[]>, w: Writer, round: number): string {
  const out: string[] = [`## ${section}`, ''];
  if (section.startsWith('Cross-Reference Matrix')) out.push(matrix(doc, all, w), '');
  else if (section.startsWith('Link Update Mapping')) out.push(mappingTable(doc, all, w), '');
  else if (section.startsWith('Procedure') || section.startsWith('Plan')) out.push(steps(doc, all, slugs, w), '');
  else if (section.startsWith('Testing') || section.startsWith('Verification')) out.push(checklist(w), '');
  const paragraphs = w.int(1, round > 0 ? 4 : 3);
  for (let i = 0; i < paragraphs; i++) out.push(paragraph(doc, all, slugs, w), '');
  if (w.chance(0.35)) out.push(codeFence(w), '');
  if (w.chance(0.2)) out.push(dataTable(w), '');
  if (w.chance(0.15)) out.push(`### ${w.words(2)} notes`, '', paragraph(doc, all, slugs, w), '');
  return out.join('\n');
}

function paragraph(doc: PlannedDoc, all: PlannedDoc[], slugs: Map<string, string[]>, w: Writer): string {
  const parts: string[] = [];
  const sentences = w.int(2, 6);
  for (let i = 0; i < sentences; i++) {
    parts.push(w.sentence());
    if (w.chance(0.35)) parts.push(link(doc, all, slugs, w));
    if (w.chance(0.15)) parts.push(`Use \`${w.pick(NEW_APIS)}\` for the ${w.pick(WORDS)}.`);
    if (w.chance(0.05)) parts.push(`The old \`${w.pick(OLD_APIS)}\` call is gone.`);
  }
  return parts.join(' ');
}

/** A relative link: mostly valid, about 3% to missing files and 3% to missing anchors. */
function link(doc: PlannedDoc, all: PlannedDoc[], slugs: Map<string, string[]>, w: Writer): string {
  const target = w.pick(all);
  const roll = w.int(0, 99);
  if (roll < 3) return `See [the retired page](${relative(doc.path, target.path.replace(/\.md$/, '-retired.md'))}).`;
  let href = target === doc ? '' : relative(doc.path, target.path);
  if (roll < 6) href += `#${w.pick(WORDS)}-section-that-moved`;
  else if (roll < 40) href += `#${w.pick(slugs.get(target.path)!)}`;
  if (href === '') href = `#${slugs.get(doc.path)![0]}`;
  return `See [${target.title}](${href}).`;
}

function matrix(doc: PlannedDoc, all: PlannedDoc[], w: Writer): string {
  const rows = ['| Document | Must Link To |', '|----------|--------------|'];
  for (let i = 0; i < w.int(3, 8); i++) {
    const source = w.pick(all);
    const targets = [w.pick(all), w.pick(all)].map((t) => path.posix.basename(t.path));
    rows.push(`| ${path.posix.basename(source.path)} | ${targets.join(', ')} |`);
  }
  void doc;
  return rows.join('\n');
}

function mappingTable(doc: PlannedDoc, all: PlannedDoc[], w: Writer): string {
  const rows = ['| Old Link | New Link |', '|----------|----------|'];
  for (let i = 0; i < w.int(2, 5); i++) {
    const api = w.int(0, OLD_APIS.length - 1);
    rows.push(w.chance(0.5) ? `| \`${OLD_APIS[api]}\` | \`${NEW_APIS[api]}\` |` : `| \`legacy/${w.pick(WORDS)}.md\` | \`${relative(doc.path, w.pick(all).path)}\` |`);
  }
  return rows.join('\n');
}

function steps(doc: PlannedDoc, all: PlannedDoc[], slugs: Map<string, string[]>, w: Writer): string {
  const out: string[] = [];
  for (let i = 1; i <= w.int(3, 6); i++) {
    out.push(`${i}. ${w.sentence()}`);
    if (w.chance(0.3)) out.push(`   ${link(doc, all, slugs, w)}`);
  }
  return out.join('\n');
}

function checklist(w: Writer): string {
  const out: string[] = [];
  for (let i = 0; i < w.int(2, 5); i++) out.push(`- [${w.chance(0.5) ? 'x' : ' '}] ${w.words(w.int(3, 8))}`);
  return out.join('\n');
}

function codeFence(w: Writer): string {
  const lines = ['```python', `from nicegui import ui, app`, ''];
  for (let i = 0; i < w.int(3, 12); i++) {
    lines.push(`${w.pick(WORDS)}_${i} = ${w.pick(NEW_APIS)}(${JSON.stringify(w.pick(WORDS))})`);
  }
  if (w.chance(0.2)) lines.push(`legacy = ${w.pick(OLD_APIS)}  # kept for the comparison`);
  lines.push('```');
  return lines.join('\n');
}

function dataTable(w: Writer): string {
  const columns = w.int(3, 5);
  const rows = [`| ${Array.from({ length: columns }, () => w.pick(WORDS)).join(' | ')} |`, `|${'---|'.repeat(columns)}`];
  for (let i = 0; i < w.int(2, 10); i++) rows.push(`| ${Array.from({ length: columns }, () => w.words(w.int(1, 3))).join(' | ')} |`);
  return rows.join('\n');
}

function renderClaudeMd(docs: PlannedDoc[]): string {
  const out = ['# CLAUDE.md', '', 'Guidance for agents working on the billing portal.', '', '## Where things are', ''];
  for (const doc of docs.slice(0, 40)) out.push(`- [${doc.title}](${doc.path})`);
  out.push('', '## UI framework', '', 'The console is built with NiceGUI; use `app.storage.user` for per-user state.', '');
  return out.join('\n');
}

/** Writes the corpus under `dir` (wiping what was there) unless a marker shows the same corpus is already present. */
export async function writeCorpus(dir: string, options: CorpusOptions): Promise<CorpusPlan & { dir: string }> {
  const plan = planCorpus(options);
  const marker = path.join(dir, '.corpus.json');
  const stamp = JSON.stringify({ documents: options.documents, seed: options.seed ?? 9, totalBytes: plan.totalBytes, files: plan.files.length });
  const existing = await fs.readFile(marker, 'utf8').catch(() => null);
  if (existing !== stamp) {
    await fs.rm(dir, { recursive: true, force: true });
    const folders = new Set(plan.files.map((f) => path.dirname(path.join(dir, f.path))));
    for (const folder of folders) await fs.mkdir(folder, { recursive: true });
    const queue = [...plan.files];
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let file = queue.pop(); file; file = queue.pop()) await fs.writeFile(path.join(dir, file.path), file.text);
      }),
    );
    await fs.writeFile(marker, stamp);
  }
  return { ...plan, dir };
}

/**
 * The text an editor session starts from for the keystroke benchmark: the
 * document with a prose paragraph holding a broken link inserted before a
 * paragraph near the middle (never inside a fence or a table), and the offset
 * just after `gone-` in that link, where typing changes the finding every time.
 */
export function typingSession(original: string): { text: string; offset: number } {
  const paragraphStart = /(?<=\n[A-Z][^\n]*)\n\n(?=[A-Z][a-z]+ [a-z])/g;
  paragraphStart.lastIndex = original.length >> 1;
  const match = paragraphStart.exec(original);
  const at = match ? match.index : original.length;
  const text = `${original.slice(0, at)}\n\nTyping into [a link](gone-.md) here.${original.slice(at)}`;
  return { text, offset: text.indexOf('gone-.md') + 'gone-'.length };
}
