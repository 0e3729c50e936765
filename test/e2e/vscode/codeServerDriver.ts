import type { EditorDriver, SeenDiagnostic } from '../scenarios';
import type { HelperChannel } from './helper';
import { waitFor } from '../support/tools';
import type { Workbench } from './workbench';

export const ARCHIVE_COMMAND_TITLE = 'adrift: Archive Streamlit doc';

/** Drives code-server's workbench through the page like a user, and reads results through the helper extension. */
export class CodeServerDriver implements EditorDriver {
  constructor(readonly workbench: Workbench, readonly helper: HelperChannel) {}

  private get page() {
    return this.workbench.page;
  }

  async open(path: string): Promise<void> {
    await this.workbench.openFile(path);
  }

  waitForDiagnostics(path: string, what: string, accept: (diagnostics: SeenDiagnostic[]) => boolean): Promise<SeenDiagnostic[]> {
    return this.helper.waitForDiagnostics(path, what, accept);
  }

  async documentText(path: string): Promise<{ text: string; isDirty: boolean }> {
    const state = await this.helper.documentText(path);
    if (!state) throw new Error(`${path} is not open in the workbench`);
    return state;
  }

  /** Cursor on the finding, click the lightbulb, click the action with this title in the menu. */
  async applyQuickFix(path: string, line: number, character: number, title: string): Promise<void> {
    const before = await this.documentText(path);
    await this.workbench.goTo(line + 1, character + 1);
    const lightbulb = this.page.locator('.editor-group-container.active .lightBulbWidget');
    await lightbulb.first().waitFor({ state: 'visible' });
    await lightbulb.first().click();
    const action = this.page.locator('.action-widget .monaco-list-row.action', { hasText: title });
    await action.first().waitFor({ state: 'visible' });
    await action.first().click();
    await this.helper.waitForText(path, 'the quick fix to edit the buffer', (text) => text !== before.text);
  }

  async typeAtEnd(path: string, text: string): Promise<void> {
    await this.focusEditorEnd();
    // insertText is what an input method or paste does: one edit, no auto-closed brackets or
    // accepted completions mixed in.
    await this.page.keyboard.insertText(text);
    await this.helper.waitForText(path, 'the typed text', (now) => now.endsWith(text));
  }

  async insertSnippetByPrefix(path: string, prefix: string): Promise<void> {
    await this.focusEditorEnd();
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.type(prefix);
    await this.page.keyboard.press('Control+Space');
    const suggestion = this.page.locator(`.suggest-widget .monaco-list-row[aria-label*="${prefix}"]`);
    await suggestion.first().waitFor({ state: 'visible' });
    await suggestion.first().click();
    await this.helper.waitForText(path, 'the snippet to replace its prefix', (text) => !text.includes(prefix));
    await this.page.keyboard.press('Escape'); // leave snippet tab-stop mode
  }

  async archiveActiveDoc(replacement: string): Promise<void> {
    await this.workbench.runCommand(ARCHIVE_COMMAND_TITLE);
    const choice = this.page.locator('.quick-input-list .monaco-list-row', { hasText: replacement });
    await choice.first().waitFor({ state: 'visible' });
    await choice.first().click();
    // The workspace edit asks for confirmation: VS Code shows its refactoring preview, where
    // changes that need confirmation start unticked. Confirm as a user does: tick them, Apply.
    const apply = this.page.getByRole('button', { name: 'Apply', exact: true });
    await apply.waitFor({ state: 'visible' });
    await this.page.locator('.monaco-custom-toggle.edit-checkbox').first().waitFor({ state: 'visible' });
    const unticked = this.page.locator('.monaco-custom-toggle.edit-checkbox[aria-checked="false"]');
    await waitFor('every change in the refactoring preview to be ticked', async () => {
      if ((await unticked.count()) === 0) return true;
      await unticked.first().click();
      return false;
    }, { timeoutMs: 30_000 });
    await apply.click();
  }

  async saveAll(): Promise<void> {
    await this.workbench.runCommand('File: Save All Files');
  }

  private async focusEditorEnd(): Promise<void> {
    await this.page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
    await this.page.keyboard.press('Control+End');
  }
}
