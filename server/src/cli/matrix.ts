import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { allRules } from '../core/rules';
import { buildMatrixGrids } from '../core/xref/grid';
import { renderGridsHtml, renderGridsMarkdown, renderGridsText } from '../core/xref/render';
import { NodeHost } from '../node/host';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from './io';
import { findWorkspaceRoot } from './root';

const FORMATS = ['text', 'markdown', 'html'] as const;
type Format = (typeof FORMATS)[number];

export const MATRIX_USAGE = `Usage: adrift matrix [options]

Prints every cross-reference matrix as a grid: rows are documents, columns the
documents they must link to, each cell present, missing or unresolved.

Options:
  --format <text|markdown|html>  output format (default: text); html is one self-contained page
  --config <file>                use this config file instead of .adrift.yaml
  --root <dir>                   workspace root (default: the nearest folder with .adrift.yaml or .git)
  -h, --help                     show this help
`;

export async function runMatrix(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      format: { type: 'string', default: 'text' },
      config: { type: 'string' },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(MATRIX_USAGE);
    return EXIT_OK;
  }
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const root = values.root ? path.resolve(io.cwd, values.root) : await findWorkspaceRoot(io.cwd, io.cwd);
  const host = new NodeHost({ root, rules: allRules, configFile: values.config ? path.resolve(io.cwd, values.config) : undefined });
  const configState = await host.loadConfig();
  if (configState.missing || configState.unreadable) {
    io.stderr(`adrift: cannot use config file ${configState.missing ?? configState.file}\n`);
    return EXIT_USAGE;
  }
  await host.indexAll();
  const grids = buildMatrixGrids(host.engine.view());
  if (format === 'html') io.stdout(renderGridsHtml(grids, (p) => pathToFileURL(path.join(root, p)).href));
  else if (format === 'markdown') io.stdout(renderGridsMarkdown(grids));
  else io.stdout(renderGridsText(grids));
  return EXIT_OK;
}
