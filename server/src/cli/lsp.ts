import { UsageError, type CliIo } from './io';

export const LSP_USAGE = `Usage: adrift lsp --stdio

Runs the adrift language server for editors other than VS Code (Neovim, Emacs, Helix, ...).
Transports: --stdio, --node-ipc, --socket=<port>, --pipe=<name>.
`;

const TRANSPORT = /^--(stdio|node-ipc|socket=\d+|pipe=.+)$/;

/** `adrift lsp --stdio`: the same server the VS Code extension bundles. Runs until the client says `exit`. */
export async function runLsp(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(LSP_USAGE);
    return 0;
  }
  if (!args.some((arg) => TRANSPORT.test(arg))) throw new UsageError(`adrift lsp needs a transport, e.g. --stdio\n\n${LSP_USAGE}`);
  const { startLanguageServer } = await import('../lsp/start');
  startLanguageServer();
  return new Promise<number>(() => undefined);
}
