import * as vscode from 'vscode';
import type { ClientAccess } from '.';

interface CheckAllResult {
  documents: number;
  errors: number;
  warnings: number;
}

/** Re-scans every workspace folder and fills the Problems panel. */
export async function checkAll(client: ClientAccess): Promise<void> {
  const running = client();
  if (!running) return;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'adrift: checking all docs' },
    () => running.sendRequest<CheckAllResult>('adrift/checkAll'),
  );
  void vscode.window.showInformationMessage(
    `adrift: checked ${result.documents} docs: ${result.errors} errors, ${result.warnings} warnings.`,
    'Show Problems',
  ).then((choice) => choice && vscode.commands.executeCommand('workbench.actions.view.problems'));
}
