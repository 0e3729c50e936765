import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  MISSING_TARGET,
  archiveMovesDocAndRewritesLinks,
  copyExamples,
  createdTargetClearsClosedDoc,
  deprecationSnippetExpands,
  findingsOfOpenDoc,
  quickFixRemovesFinding,
  typedBrokenLinkShowsWithoutSaving,
} from '../scenarios';
import { ROOT, TEST_OUTPUT, requireTools } from '../support/tools';
import { installExtensions, startCodeServer, type CodeServer } from './codeServer';
import { CodeServerDriver } from './codeServerDriver';
import { HelperChannel } from './helper';
import { adriftExtensionId, buildAdriftVsix, buildHelperVsix } from './vsix';
import { Workbench } from './workbench';

/** Set ADRIFT_UPDATE_README_SCREENSHOT=1 to refresh the README's picture from this run. */
const README_SCREENSHOT = join(ROOT, 'docs/images/vscode-problems.png');

describe('e2e: VS Code (code-server + headless Chromium) with the packaged .vsix', function () {
  let extensionsDir: string;

  before(async function () {
    await requireTools(this, ['code-server']);
    extensionsDir = await installExtensions([await buildAdriftVsix(), await buildHelperVsix()]);
  });

  after(async () => {
    const made = extensionsDir ? [extensionsDir, await buildAdriftVsix(), await buildHelperVsix()] : [];
    for (const path of made) rmSync(dirname(path), { recursive: true, force: true });
  });

  // Each test gets a fresh copy of examples/, its own code-server on a free port and its own browser.
  let workspace: string;
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  let driver: CodeServerDriver;

  beforeEach(async function () {
    this.timeout(180_000);
    workspace = copyExamples();
    const helper = new HelperChannel(mkdtempSync(join(tmpdir(), 'adrift-helper-')));
    server = await startCodeServer({ extensionsDir, workspace, env: helper.env });
    workbench = await Workbench.open(server.url, workspace);
    await helper.ready();
    driver = new CodeServerDriver(workbench, helper);
    const adrift = await helper.request<{ isActive: boolean } | null>('extension', adriftExtensionId());
    assert.ok(adrift, `the .vsix did not install ${adriftExtensionId()}`);
  });

  afterEach(async function () {
    this.timeout(60_000);
    if (this.currentTest?.state === 'failed' && workbench) {
      mkdirSync(TEST_OUTPUT, { recursive: true });
      await workbench.screenshot(join(TEST_OUTPUT, `vscode-failed-${slug(this.currentTest.title)}.png`)).catch(() => undefined);
      if (server) copyFileSync(server.logPath, join(TEST_OUTPUT, `vscode-failed-${slug(this.currentTest.title)}.log`));
    }
    await workbench?.close();
    await server?.stop(); // by the PID of the process we spawned (and its process group)
    rmSync(driver?.helper.dir ?? '/nonexistent', { recursive: true, force: true });
    rmSync(workspace, { recursive: true, force: true });
    workbench = server = undefined;
  });

  it('shows squiggles and Problems panel rows (rule id, message, line), and saves a screenshot', async function () {
    this.timeout(180_000);
    const finding = await findingsOfOpenDoc(driver, workspace);
    await workbench!.squiggles('error').first().waitFor({ state: 'visible' });
    const rows = await workbench!.problemsRows((rs) => rs.some((row) => row.includes(`${MISSING_TARGET.link}\``)), MISSING_TARGET.doc.split("/").pop());
    const row = rows.find((r) => r.includes(`${MISSING_TARGET.link}\``))!;
    // The row's accessible label, then what it shows: message, source, rule id, position.
    assert.ok(row.startsWith(`Error: ${finding.message} at line ${finding.line + 1} and character ${finding.character + 1}.`), row);
    assert.ok(row.split('\n')[1].endsWith(`adrift links/broken [Ln ${finding.line + 1}, Col ${finding.character + 1}]`), row);
    mkdirSync(TEST_OUTPUT, { recursive: true });
    const shot = join(TEST_OUTPUT, 'vscode-problems.png');
    await workbench!.screenshot(shot);
    if (process.env.ADRIFT_UPDATE_README_SCREENSHOT) {
      mkdirSync(join(ROOT, 'docs/images'), { recursive: true });
      copyFileSync(shot, README_SCREENSHOT);
    }
  });

  it('applies a quick fix from the lightbulb: the finding disappears and the link changes', async function () {
    this.timeout(180_000);
    await quickFixRemovesFinding(driver, workspace);
  });

  it('shows a squiggle for a newly typed broken link without saving', async function () {
    this.timeout(180_000);
    await typedBrokenLinkShowsWithoutSaving(driver, workspace);
    await workbench!.squiggles('error').first().waitFor({ state: 'visible' });
  });

  it('clears the finding of a closed doc when the missing target file is created', async function () {
    this.timeout(180_000);
    await createdTargetClearsClosedDoc(driver, workspace);
  });

  it('expands the deprecation-notice snippet from its prefix', async function () {
    this.timeout(180_000);
    await deprecationSnippetExpands(driver, workspace);
  });

  it('archives a Streamlit doc from the command palette: quick pick, preview, file moved, links rewritten', async function () {
    this.timeout(180_000);
    await archiveMovesDocAndRewritesLinks(driver, workspace);
  });
});

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 60);
}
