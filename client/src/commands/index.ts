import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { archiveDocs } from './archive';
import { checkAll } from './checkAll';
import { showMatrix } from './matrix';

export type ClientAccess = () => LanguageClient | undefined;

export function registerCommands(context: vscode.ExtensionContext, client: ClientAccess, output: vscode.OutputChannel): void {
  const register = (id: string, run: (...args: unknown[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));
  register('adrift.archiveStreamlitDoc', (uri, uris) => archiveDocs(client, uri as vscode.Uri | undefined, uris as vscode.Uri[] | undefined));
  register('adrift.checkAll', () => checkAll(client));
  register('adrift.showMatrix', () => showMatrix(client));
  register('adrift.restartServer', async () => {
    await client()?.restart();
    void vscode.window.setStatusBarMessage('adrift: language server restarted', 3000);
  });
  register('adrift.showOutput', () => output.show(true));
}
