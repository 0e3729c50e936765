import { runArchive } from './archive';
import { CHECK_USAGE, runCheck } from './check';
import { EXIT_USAGE, UsageError, type CliIo } from './io';
import { runLsp } from './lsp';
import { runMatrix } from './matrix';
import { VERSION } from './version';

export const USAGE = `adrift ${VERSION}: keeps docs-as-code honest while a migration moves the ground.

Usage:
  adrift check [paths...] [options]   check the docs (see adrift check --help)
  adrift matrix [--format text|markdown|html]
                                      print the cross-reference matrices as grids
  adrift archive <file...> [options]  move docs into the archive, re-aiming every link (see adrift archive --help)
  adrift lsp --stdio                  run the language server over stdio
  adrift --version                    print the version

`;

type Command = (args: string[], io: CliIo) => Promise<number>;

/** Subcommands; each module owns its arguments and help. */
export const commands: Record<string, Command> = {
  check: runCheck,
  archive: runArchive,
  matrix: runMatrix,
  lsp: runLsp,
};

/** Runs the CLI with the given arguments and I/O; returns the exit code. Never throws. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE + CHECK_USAGE);
    return command === undefined ? EXIT_USAGE : 0;
  }
  const run = commands[command];
  if (!run) {
    io.stderr(`adrift: unknown command '${command}'\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  try {
    return await run(rest, io);
  } catch (error) {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    io.stderr(`adrift: ${error instanceof Error ? error.message : String(error)}\n`);
    if (!usage && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return usage ? EXIT_USAGE : 3;
  }
}
