import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, waitFor } from '../support/tools';

/**
 * The VS Code workbench in headless Chromium. Selectors are VS Code internals, valid for the
 * pinned code-server version (setup-tools.sh).
 */
export class Workbench {
  private constructor(readonly page: Page, private readonly context: BrowserContext, private readonly profile: string) {}

  static async open(url: string, workspace: string): Promise<Workbench> {
    const profile = mkdtempSync(join(tmpdir(), 'adrift-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 860 },
      env: { ...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile }, // crash reports and caches stay out of $HOME
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(60_000);
    await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90_000 });
    return new Workbench(page, context, profile);
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    rmSync(this.profile, { recursive: true, force: true });
  }

  /** Opens a file through Quick Open (Ctrl+P), as a user does, and waits for its editor tab. */
  async openFile(relativePath: string): Promise<void> {
    const name = relativePath.split('/').pop()!;
    await this.quickInput('Control+P', relativePath);
    await this.page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`);
    await this.page.keyboard.press('Enter');
    await this.page.waitForSelector(`.tab.active[aria-label*="${name}"]`);
    await this.page.waitForSelector('.editor-group-container.active .monaco-editor .view-lines');
  }

  /** Opens a quick input with `shortcut` and types `text` into it. */
  async quickInput(shortcut: string, text: string): Promise<void> {
    await this.page.keyboard.press(shortcut);
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(text);
  }

  /** Runs a command from the command palette by its title. */
  async runCommand(title: string): Promise<void> {
    await this.quickInput('Control+Shift+P', `>${title}`);
    await this.page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${title}"]`);
    await this.page.keyboard.press('Enter');
  }

  squiggles(kind: 'error' | 'warning' = 'error') {
    return this.page.locator(`.editor-group-container.active .monaco-editor .squiggly-${kind}`);
  }

  /** Shows the Problems panel, types `filter` into its filter box, and returns its rows (accessible label, newline, visible text) once `accept` holds. */
  async problemsRows(accept: (rows: string[]) => boolean, filter = ''): Promise<string[]> {
    if (!(await this.page.locator('.markers-panel').isVisible())) await this.page.keyboard.press('Control+Shift+M');
    await this.page.waitForSelector('.markers-panel');
    // The list is virtualised: narrow it with the panel's filter box so the wanted rows are rendered.
    await this.page.locator('.panel .viewpane-filter input').first().fill(filter);
    let rows: string[] = [];
    return waitFor('Problems panel rows', async () => {
      rows = await this.page.$$eval('.markers-panel .monaco-list-row', (els) =>
        els.map((row) => `${row.getAttribute('aria-label') ?? ''}\n${(row as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ')}`),
      );
      return accept(rows) && rows;
    }, { describe: () => `rows now: ${JSON.stringify(rows, null, 1)}` });
  }

  /** Puts the cursor at a 1-based line and column with "Go to Line" (Ctrl+G). */
  async goTo(line: number, column: number): Promise<void> {
    await this.quickInput('Control+G', `:${line}:${column}`); // the ":" prefix keeps it in go-to-line mode
    await this.page.keyboard.press('Enter');
    await this.page.waitForSelector('.quick-input-widget', { state: 'hidden' });
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path });
  }
}
