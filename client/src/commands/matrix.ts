import * as vscode from 'vscode';
import type { ClientAccess } from '.';

interface MatrixResponse {
  folders: { uri: string; name: string; markdown: string; html: string; grids: number }[];
}

/** Shows every cross-reference matrix as a grid in a webview (links open the documents). */
export async function showMatrix(client: ClientAccess): Promise<void> {
  const running = client();
  if (!running) return;
  const response = await running.sendRequest<MatrixResponse>('adrift/matrix');
  const withGrids = response.folders.filter((folder) => folder.grids > 0);
  if (withGrids.length === 0) {
    void vscode.window.showInformationMessage('adrift: no cross-reference matrix found in the docs.');
    return;
  }
  for (const folder of withGrids) {
    const panel = vscode.window.createWebviewPanel('adrift.matrix', `Matrix: ${folder.name}`, vscode.ViewColumn.Active, {
      enableScripts: false,
      enableCommandUris: false,
    });
    panel.webview.html = folder.html;
  }
}
