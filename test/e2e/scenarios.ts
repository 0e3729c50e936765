/**
 * The editor-independent bodies of the VS Code end-to-end tests. Each scenario drives an editor
 * through an `EditorDriver` (code-server + Chromium here, @vscode/test-electron elsewhere) over a
 * copy of the repository's example docs tree, and checks files on disk and the diagnostics the
 * extension host holds. Nothing here imports `vscode` or a browser driver.
 */
import { strict as assert } from 'node:assert';
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchDir } from '../helpers/scratch';

export interface SeenDiagnostic {
  source?: string;
  code?: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  /** 0-based, as in LSP and the VS Code API. */
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

export interface EditorDriver {
  /** Opens a workspace-relative file in an editor and makes it the active one. */
  open(path: string): Promise<void>;
  /** Waits until `accept` holds for adrift's diagnostics on `path`; returns them. */
  waitForDiagnostics(path: string, what: string, accept: (diagnostics: SeenDiagnostic[]) => boolean): Promise<SeenDiagnostic[]>;
  /** The open document's text as the editor holds it (unsaved edits included). */
  documentText(path: string): Promise<{ text: string; isDirty: boolean }>;
  /** In the active editor: puts the cursor on a 0-based line/character and applies the quick fix with this title. */
  applyQuickFix(path: string, line: number, character: number, title: string): Promise<void>;
  /** In the active editor: types `text` at the end of the document, without saving. */
  typeAtEnd(path: string, text: string): Promise<void>;
  /** In the active editor: types the snippet prefix at the end of the document and accepts the snippet suggestion. */
  insertSnippetByPrefix(path: string, prefix: string): Promise<void>;
  /** Runs "adrift: Archive Streamlit doc" on the active editor, picks the replacement whose label contains `replacement`, and confirms. */
  archiveActiveDoc(replacement: string): Promise<void>;
  /** Saves every modified editor (File: Save All). */
  saveAll(): Promise<void>;
}

/** A private copy of the repository's examples/ to edit freely; returns its path. */
export function copyExamples(): string {
  const workspace = scratchDir('adrift-ws-');
  cpSync(fileURLToPath(new URL('../../examples', import.meta.url)), workspace, { recursive: true });
  return workspace;
}

/** The 0-based line of the first line of `path` that contains `needle` (fails when there is none). */
export function lineOf(workspace: string, path: string, needle: string): { line: number; character: number } {
  const lines = readFileSync(join(workspace, path), 'utf8').split(/\r?\n/);
  const line = lines.findIndex((text) => text.includes(needle));
  assert.ok(line >= 0, `${path} no longer contains ${JSON.stringify(needle)}; the e2e scenario needs it`);
  return { line, character: lines[line].indexOf(needle) };
}

const onLine = (line: number) => (d: SeenDiagnostic) => d.line === line && d.code === 'links/broken';

/** The example tree's concept doc links to a sibling that does not exist. */
export const MISSING_TARGET = { doc: 'docs/CONCEPTS/nicegui-auth.md', link: 'nicegui-sessions.md', created: 'docs/CONCEPTS/nicegui-sessions.md' };
/** The example ADR has a misspelt anchor with a suggested quick fix. */
export const MISSPELT_ANCHOR = { doc: 'docs/ADRs/ADR-0031-nicegui-migration.md', wrong: '#execution-modle', right: '#execution-model' };

export async function findingsOfOpenDoc(driver: EditorDriver, workspace: string): Promise<SeenDiagnostic> {
  const { line } = lineOf(workspace, MISSING_TARGET.doc, `(${MISSING_TARGET.link})`);
  await driver.open(MISSING_TARGET.doc);
  const diagnostics = await driver.waitForDiagnostics(MISSING_TARGET.doc, `links/broken on line ${line}`, (ds) => ds.some(onLine(line)));
  const finding = diagnostics.find(onLine(line))!;
  assert.equal(finding.severity, 'error');
  assert.match(finding.message, new RegExp(`\`${MISSING_TARGET.link.replace('.', '\\.')}\` does not exist`));
  return finding;
}

export async function quickFixRemovesFinding(driver: EditorDriver, workspace: string): Promise<void> {
  const { doc, wrong, right } = MISSPELT_ANCHOR;
  const { line, character } = lineOf(workspace, doc, wrong);
  await driver.open(doc);
  await driver.waitForDiagnostics(doc, `links/broken on line ${line}`, (ds) => ds.some(onLine(line)));
  await driver.applyQuickFix(doc, line, character + 1, `Change the anchor to ${right}`);
  await driver.waitForDiagnostics(doc, `no finding on line ${line}`, (ds) => !ds.some(onLine(line)));
  const { text, isDirty } = await driver.documentText(doc);
  assert.ok(isDirty, 'a quick fix edits the buffer; it does not save');
  const fixedLine = text.split(/\r?\n/)[line];
  assert.ok(fixedLine.includes(right + ')') && !fixedLine.includes(wrong), `line ${line} after the fix: ${fixedLine}`);
  const others = text.split(/\r?\n/).filter((_, index) => index !== line).join('\n');
  const before = readFileSync(join(workspace, doc), 'utf8').split(/\r?\n/).filter((_, index) => index !== line).join('\n');
  assert.equal(others, before, 'the fix changed only the link it fixes');
}

export async function typedBrokenLinkShowsWithoutSaving(driver: EditorDriver, workspace: string): Promise<void> {
  const doc = MISSING_TARGET.doc;
  const onDisk = readFileSync(join(workspace, doc), 'utf8');
  await driver.open(doc);
  await driver.waitForDiagnostics(doc, 'the first check', (ds) => ds.length > 0);
  await driver.typeAtEnd(doc, '\nThe on-call rota is in [the rota](rota-missing.md).');
  const { text, isDirty } = await driver.documentText(doc);
  const line = text.split(/\r?\n/).findIndex((l) => l.includes('(rota-missing.md)'));
  assert.ok(isDirty && line > 0, 'the link was typed into the unsaved buffer');
  const diagnostics = await driver.waitForDiagnostics(doc, `links/broken on typed line ${line}`, (ds) => ds.some(onLine(line)));
  assert.match(diagnostics.find(onLine(line))!.message, /`rota-missing\.md` does not exist/);
  assert.equal(readFileSync(join(workspace, doc), 'utf8'), onDisk, 'nothing was saved');
}

export async function createdTargetClearsClosedDoc(driver: EditorDriver, workspace: string): Promise<void> {
  const { doc, link, created } = MISSING_TARGET;
  const { line } = lineOf(workspace, doc, `(${link})`);
  // The linking doc stays closed: its findings come from the workspace index.
  await driver.waitForDiagnostics(doc, `links/broken on line ${line} of the closed doc`, (ds) => ds.some(onLine(line)));
  writeFileSync(join(workspace, created), '# NiceGUI sessions\n\nHow a browser tab keeps its state.\n');
  await driver.waitForDiagnostics(doc, `the finding on line ${line} to clear`, (ds) => !ds.some(onLine(line)));
}

export const SNIPPET_PREFIX = 'adrift-deprecation-notice';

export async function deprecationSnippetExpands(driver: EditorDriver, workspace: string): Promise<void> {
  const doc = 'docs/CONCEPTS/streamlit-session-patterns.md';
  const before = readFileSync(join(workspace, doc), 'utf8');
  await driver.open(doc);
  await driver.insertSnippetByPrefix(doc, SNIPPET_PREFIX);
  const { text } = await driver.documentText(doc);
  const inserted = text.slice(before.trimEnd().length);
  assert.ok(!inserted.includes(SNIPPET_PREFIX), `the prefix was replaced by the snippet:\n${inserted}`);
  assert.match(inserted, /DEPRECATED/, `expanded notice:\n${inserted}`);
  const today = new Date().toISOString().slice(0, 10);
  assert.ok(inserted.includes(today), `the notice carries today's date ${today}:\n${inserted}`);
}

/** What archiving the Streamlit concept doc must do on disk. */
export const ARCHIVED = {
  doc: 'docs/CONCEPTS/streamlit-session-patterns.md',
  target: 'docs/ARCHIVE/streamlit/concepts/streamlit-session-patterns.md',
  replacement: 'nicegui-architecture.md',
  linking: [
    {
      path: 'apps/web_console/README.md',
      before: '../../docs/CONCEPTS/streamlit-session-patterns.md',
      after: '../../docs/ARCHIVE/streamlit/concepts/streamlit-session-patterns.md',
    },
  ],
};

export async function archiveMovesDocAndRewritesLinks(driver: EditorDriver, workspace: string): Promise<void> {
  const { replacement, linking } = ARCHIVED;
  const original = readFileSync(join(workspace, ARCHIVED.doc), 'utf8');
  await driver.open(ARCHIVED.doc);
  await driver.archiveActiveDoc(replacement);
  const target = join(workspace, ARCHIVED.target);
  await waitForFile(target, () => !existsSync(join(workspace, ARCHIVED.doc)));
  // The edit lands in editors like any refactoring; the user saves what it left unsaved.
  await driver.saveAll();
  await waitForFile(target, () => readFileSync(target, 'utf8').includes('DEPRECATED'));
  // The client saves the archived copy itself; the rewritten linking docs reach the disk with Save All.
  for (const { path, after } of linking) {
    await waitForFile(join(workspace, path), () => readFileSync(join(workspace, path), 'utf8').includes(after));
  }
  const archived = readFileSync(target, 'utf8');
  assert.match(archived, /DEPRECATED/);
  assert.ok(archived.includes(replacement), `the notice names the replacement ${replacement}:\n${archived.slice(0, 600)}`);
  const body = original.slice(original.indexOf('\n'));
  assert.ok(archived.includes(body), `the original text is kept below the notice:\n${archived}`);
  for (const { path, before, after } of linking) {
    const text = readFileSync(join(workspace, path), 'utf8');
    assert.ok(!text.includes(before) && text.includes(after), `${path} links to ${after} instead of ${before}:\n${text}`);
  }
  const name = ARCHIVED.doc.split('/').pop()!;
  for (const path of markdownFiles(workspace)) {
    const text = readFileSync(join(workspace, path), 'utf8');
    const stale = text.split('\n').filter((line) => line.includes(name) && !line.includes(`ARCHIVE/streamlit/concepts/${name}`));
    assert.deepEqual(stale, [], `${path} still points to the old place`);
  }
}

function markdownFiles(root: string, dir = ''): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return markdownFiles(root, path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

async function waitForFile(path: string, alsoHolds: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(existsSync(path) && alsoHolds())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${path} (to appear, the original to go, then its notice)`);
    await new Promise((resolveTick) => setTimeout(resolveTick, 100));
  }
}
