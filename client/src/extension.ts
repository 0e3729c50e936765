import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { StatusBar, type ServerStatus } from './statusBar';

const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

let client: LanguageClient | undefined;

/** Restarts a crashed server, telling the user once; gives up after repeated crashes in a short time. */
function crashHandler(output: vscode.OutputChannel): ErrorHandler {
  const restarts: number[] = [];
  let told = false;
  return {
    error: () => ({ action: ErrorAction.Continue }),
    closed: (): CloseHandlerResult => {
      const now = Date.now();
      restarts.push(now);
      while (restarts.length && now - restarts[0] > RESTART_WINDOW_MS) restarts.shift();
      if (restarts.length > MAX_RESTARTS) {
        return { action: CloseAction.DoNotRestart, message: 'adrift: the language server crashed repeatedly and was stopped. See "adrift: Show output"; "adrift: Restart server" starts it again.' };
      }
      output.appendLine(`adrift: the language server stopped unexpectedly; restarting (${restarts.length}/${MAX_RESTARTS}).`);
      if (!told) {
        told = true;
        void vscode.window.showWarningMessage('adrift: the language server stopped unexpectedly and was restarted.');
      }
      return { action: CloseAction.Restart, handled: true };
    },
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('adrift');
  const serverModule = context.asAbsolutePath('dist/server.cjs');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'markdown' }],
    synchronize: { configurationSection: 'adrift' },
    outputChannel: output,
    errorHandler: crashHandler(output),
    diagnosticPullOptions: { onChange: true, onSave: false },
    initializationOptions: { cacheDirectory: (context.storageUri ?? context.globalStorageUri).fsPath },
  };
  client = new LanguageClient('adrift', 'adrift', serverOptions, clientOptions);

  const statusBar = new StatusBar();
  context.subscriptions.push(statusBar, output);
  context.subscriptions.push(client.onNotification('adrift/status', (status: ServerStatus) => statusBar.update(status)));
  registerCommands(context, () => client, output);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
