import { code } from '../../../messages';
import type { Rule, RuleContext } from '../../../rule';
import type { Fix, Range } from '../../../types';
import { expandRow, inventoryRows, type PlannedMove } from '../inventory';
import { parseNotice } from '../notice';

const ARCHIVE_COMMAND_TITLE = (path: string) => `Run "adrift: Archive Streamlit doc" (or \`adrift archive ${path}\`) to move it`;

function runArchiveCommand(path: string): Fix {
  // The move rewrites links across the workspace and inserts the notice: that is
  // the archive command's job, so the fix only points to it.
  return { title: ARCHIVE_COMMAND_TITLE(path), safe: false, changes: [] };
}

function checkKeep(ctx: RuleContext, move: PlannedMove, range: Range) {
  if (!ctx.ws.fileExists(move.current)) {
    ctx.report({ range, message: `${code(move.current)} is listed to be kept and marked deprecated, but it does not exist.` });
    return;
  }
  if (!move.current.endsWith('.md')) return; // adrift reads Markdown only; see the docs page.
  const doc = ctx.ws.getDocument(move.current);
  if (doc && !parseNotice(doc.model)) {
    ctx.report({
      range,
      message: `${code(move.current)} is to be kept but marked deprecated; it does not start with the deprecation notice.`,
    });
  }
}

function checkMove(ctx: RuleContext, move: PlannedMove & { archive: string }, range: Range) {
  const atCurrent = ctx.ws.fileExists(move.current);
  const atArchive = ctx.ws.fileExists(move.archive);
  if (atCurrent && atArchive) {
    ctx.report({
      range,
      message: `${code(move.current)} exists both at its current path and at its archive path ${code(move.archive)}; delete one copy.`,
    });
  } else if (atCurrent) {
    ctx.report({
      range,
      message: `${code(move.current)} is not archived yet; the inventory moves it to ${code(move.archive)}.`,
      fixes: [runArchiveCommand(move.current)],
    });
  }
}

export const archiveInventory: Rule = {
  id: 'archive/inventory',
  description: 'Every row of a `Current Path | Archive Path` table is carried out: the file is archived (not duplicated), or kept and marked deprecated.',
  defaultSeverity: 'warning',
  check(ctx) {
    for (const row of inventoryRows(ctx.doc)) {
      for (const move of expandRow(row, ctx.ws)) {
        const range = row.currentRange;
        if (move.archive === null) checkKeep(ctx, move, range);
        else checkMove(ctx, { ...move, archive: move.archive }, range);
      }
    }
  },
};
