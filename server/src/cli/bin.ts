import { main } from './main';

export { main };

/** Entry of the bundled CLI: real process I/O into `main()`. */
export function run(argv: string[]): Promise<number> {
  return main(argv, {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTTY: Boolean(process.stderr.isTTY),
  });
}
