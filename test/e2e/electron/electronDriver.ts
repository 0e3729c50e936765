// Runs inside VS Code's extension host (bundled by electron.test.ts); drives the editor through the API.
import * as vscode from 'vscode';
import type { EditorDriver, SeenDiagnostic } from '../scenarios';

const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;

async function poll<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolveTick) => setTimeout(resolveTick, 100));
  }
}

export class ElectronDriver implements EditorDriver {
  constructor(readonly workspace: vscode.Uri, readonly archiveCommand: string) {}

  uri(path: string): vscode.Uri {
    return vscode.Uri.joinPath(this.workspace, path);
  }

  private document(path: string): vscode.TextDocument {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === this.uri(path).fsPath);
    if (!doc) throw new Error(`${path} is not open`);
    return doc;
  }

  private editor(path: string): vscode.TextEditor {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.uri.fsPath !== this.uri(path).fsPath) throw new Error(`${path} is not the active editor`);
    return editor;
  }

  async open(path: string): Promise<void> {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(this.uri(path)));
  }

  diagnostics(path: string): SeenDiagnostic[] {
    return vscode.languages
      .getDiagnostics(this.uri(path))
      .filter((d) => d.source === 'adrift')
      .map((d) => ({
        source: d.source,
        code: typeof d.code === 'object' && d.code !== null ? String(d.code.value) : d.code === undefined ? undefined : String(d.code),
        severity: SEVERITIES[d.severity],
        message: d.message,
        line: d.range.start.line,
        character: d.range.start.character,
        endLine: d.range.end.line,
        endCharacter: d.range.end.character,
      }));
  }

  waitForDiagnostics(path: string, what: string, accept: (diagnostics: SeenDiagnostic[]) => boolean): Promise<SeenDiagnostic[]> {
    return poll(`diagnostics of ${path}: ${what}`, () => {
      const diagnostics = this.diagnostics(path);
      return accept(diagnostics) && diagnostics;
    });
  }

  async documentText(path: string): Promise<{ text: string; isDirty: boolean }> {
    const doc = this.document(path);
    return { text: doc.getText(), isDirty: doc.isDirty };
  }

  async applyQuickFix(path: string, line: number, character: number, title: string): Promise<void> {
    const position = new vscode.Position(line, character);
    this.editor(path).selection = new vscode.Selection(position, position);
    const actions = await poll('code actions', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', this.uri(path), new vscode.Range(position, position), vscode.CodeActionKind.QuickFix.value);
      return found?.some((a) => a.title === title) && found;
    });
    const action = actions.find((a) => a.title === title)!;
    if (action.edit) await vscode.workspace.applyEdit(action.edit);
    if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  }

  async typeAtEnd(path: string, text: string): Promise<void> {
    const editor = this.editor(path);
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((builder) => builder.insert(end, text));
  }

  async insertSnippetByPrefix(path: string, prefix: string): Promise<void> {
    const editor = this.editor(path);
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((builder) => builder.insert(end, `\n\n${prefix}`));
    const last = editor.document.lineAt(editor.document.lineCount - 1).range;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', this.uri(path), last.end);
    const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === prefix || i.filterText === prefix);
    if (!item) throw new Error(`no completion for ${prefix}`);
    const body = item.insertText instanceof vscode.SnippetString ? item.insertText : new vscode.SnippetString(String(item.insertText ?? ''));
    await editor.insertSnippet(body, new vscode.Range(last.end.translate(0, -prefix.length), last.end));
  }

  /**
   * In-host code cannot type into a quick pick, so this accepts its first item; the scenario checks
   * on disk that the notice names `replacement` (the server suggests it first for the example doc).
   */
  async archiveActiveDoc(replacement: string): Promise<void> {
    let finished = false;
    let failure: unknown;
    vscode.commands.executeCommand(this.archiveCommand).then(() => (finished = true), (error) => ((failure = error), (finished = true)));
    const ignore = () => undefined;
    await poll(`the archive command to finish (replacement ${replacement})`, async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem').then(ignore, ignore);
      await vscode.commands.executeCommand('refactorPreview.apply').then(ignore, ignore);
      return finished;
    });
    if (failure) throw failure;
  }

  async saveAll(): Promise<void> {
    await vscode.workspace.saveAll(false);
  }
}
