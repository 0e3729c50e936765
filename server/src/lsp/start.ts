import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { AdriftServer } from './server';

/** Starts the language server on the transport named in argv (`--stdio`, `--node-ipc`, `--socket=N`). */
export function startLanguageServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  new AdriftServer(connection);
  connection.listen();
}
