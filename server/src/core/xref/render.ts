import type { CellState, MatrixGrid } from './grid';

/** Renderings of the matrix grids for `adrift matrix` and the editor's matrix view. */

const SYMBOL: Record<CellState, string> = { present: '✓', missing: '✗', unresolved: '?' };
const WORD: Record<CellState, string> = { present: 'present', missing: 'missing', unresolved: 'unresolved' };

function where(grid: MatrixGrid): string {
  return grid.path === null ? 'crossReferences.rows (config)' : `${grid.path}:${grid.line + 1}`;
}

function summary(grid: MatrixGrid): string {
  return `${grid.rows.length} rows, ${grid.required} required links, ${grid.present} present`;
}

export function renderGridsText(grids: readonly MatrixGrid[]): string {
  if (grids.length === 0) return 'No cross-reference matrix found (a table with the header `Document | Must Link To`).\n';
  const out: string[] = [];
  for (const grid of grids) {
    out.push(`${where(grid)}: ${summary(grid)}`, '');
    const width = String(grid.columns.length).length + 1;
    grid.columns.forEach((column, i) => out.push(`  ${String(i + 1).padStart(width - 1)}  ${column.label}${column.path && !column.exists ? ' (does not exist)' : ''}`));
    out.push('');
    const labelWidth = Math.max(8, ...grid.rows.map((r) => r.label.length + (r.exists ? 0 : 2)));
    out.push(`  ${''.padEnd(labelWidth)}  ${grid.columns.map((_, i) => String(i + 1).padStart(width)).join('')}`);
    for (const row of grid.rows) {
      const label = `${row.label}${row.exists ? '' : ' ?'}`.padEnd(labelWidth);
      const cells = grid.columns.map((_, i) => (row.cells[i] ? SYMBOL[row.cells[i]!] : '·').padStart(width)).join('');
      out.push(`  ${label}  ${cells}`);
    }
    out.push('', `  ✓ present  ✗ missing  ? unresolved  · not required${grid.rows.some((r) => !r.exists) ? '  (label ?: document does not exist)' : ''}`, '');
  }
  return `${out.join('\n')}`;
}

function escapeMarkdownCell(text: string): string {
  return text.replace(/[|\\`*[\]]/g, (ch) => `\\${ch}`);
}

export function renderGridsMarkdown(grids: readonly MatrixGrid[]): string {
  if (grids.length === 0) return 'No cross-reference matrix found.\n';
  const out: string[] = [];
  for (const grid of grids) {
    out.push(`## ${escapeMarkdownCell(where(grid))}`, '', `${summary(grid)}.`, '');
    out.push(`| Document | ${grid.columns.map((c) => escapeMarkdownCell(c.label)).join(' | ')} |`);
    out.push(`| --- |${grid.columns.map(() => ' :-: |').join('')}`);
    for (const row of grid.rows) {
      const cells = grid.columns.map((_, i) => (row.cells[i] ? `${SYMBOL[row.cells[i]!]} ${WORD[row.cells[i]!]}` : ''));
      out.push(`| ${escapeMarkdownCell(row.label)}${row.exists ? '' : ' (missing)'} | ${cells.join(' | ')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #1f2328; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 2em; }
table { border-collapse: collapse; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: center; }
th.col { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; font-weight: normal; }
th.row { text-align: left; font-weight: normal; white-space: nowrap; }
td.present { background: #2da44e; color: #fff; }
td.missing { background: #cf222e; color: #fff; }
td.unresolved { background: #bf8700; color: #fff; }
td.none { background: #f6f8fa; }
.absent { font-style: italic; color: #cf222e; }
.legend span { display: inline-block; padding: 2px 8px; margin-right: 8px; color: #fff; }
`;

/**
 * One self-contained HTML page (inline CSS, no scripts): green cells for
 * links that are there, red for missing ones. `hrefFor` turns a workspace
 * path into a link (a `file:` URL for the CLI, a command URI in the editor).
 */
export function renderGridsHtml(grids: readonly MatrixGrid[], hrefFor: (path: string) => string, title = 'Cross-reference matrix'): string {
  const link = (path: string | null, label: string, exists: boolean) => {
    const text = escapeHtml(label);
    if (path === null) return `<span class="absent">${text}</span>`;
    return `<a href="${escapeHtml(hrefFor(path))}"${exists ? '' : ' class="absent" title="does not exist"'}>${text}</a>`;
  };
  const sections = grids.map((grid) => {
    const head = grid.columns.map((c) => `<th class="col" scope="col">${link(c.path, c.label, c.exists)}</th>`).join('');
    const body = grid.rows
      .map((row) => {
        const cells = grid.columns
          .map((column, i) => {
            const state = row.cells[i];
            if (!state) return '<td class="none"></td>';
            return `<td class="${state}" title="${escapeHtml(`${row.label} → ${column.label}: ${WORD[state]}`)}">${SYMBOL[state]}</td>`;
          })
          .join('');
        return `<tr><th class="row" scope="row">${link(row.path, row.label, row.exists)}</th>${cells}</tr>`;
      })
      .join('\n');
    const heading = grid.path === null ? escapeHtml(where(grid)) : link(grid.path, where(grid), true);
    return `<section>\n<h2>${heading}</h2>\n<p>${escapeHtml(summary(grid))}</p>\n<table>\n<thead><tr><th scope="col">Document</th>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n</section>`;
  });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="legend"><span style="background:#2da44e">✓ present</span><span style="background:#cf222e">✗ missing</span><span style="background:#bf8700">? unresolved</span></p>
${sections.length ? sections.join('\n') : '<p>No cross-reference matrix found.</p>'}
</body>
</html>
`;
}
