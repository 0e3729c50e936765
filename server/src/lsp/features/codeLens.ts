import type { CodeLens } from 'vscode-languageserver';
import type { Engine } from '../../core/engine';
import { matrixCodeLenses } from '../../core/xref/grid';

/** Matrix summaries and cross-reference counts, then checklist progress. */
export function codeLenses(engine: Engine, path: string): CodeLens[] {
  const matrix = matrixCodeLenses(engine.view(), path).map((lens) => ({ range: lens.range, command: { title: lens.title, command: '' } }));
  return [...matrix, ...checklistLenses(engine, path)];
}

/** "Definition of Done: 7/12" above each section of a task doc that has a checklist. */
export function checklistLenses(engine: Engine, path: string): CodeLens[] {
  const summary = engine.getDocument(path);
  if (!summary || summary.info.kind !== 'task') return [];
  const { headings, listItems } = summary.model;
  const lenses: CodeLens[] = [];
  headings.forEach((heading, index) => {
    const sectionEnd = headings.slice(index + 1).find((next) => next.depth <= heading.depth)?.range.start.line ?? Number.MAX_SAFE_INTEGER;
    const ownEnd = headings[index + 1]?.range.start.line ?? Number.MAX_SAFE_INTEGER;
    const items = listItems.filter((item) => item.checked !== null && item.range.start.line > heading.range.start.line && item.range.start.line < Math.min(sectionEnd, ownEnd));
    if (items.length === 0) return;
    const done = items.filter((item) => item.checked).length;
    lenses.push({ range: heading.range, command: { title: `${heading.text}: ${done}/${items.length}`, command: '' } });
  });
  return lenses;
}
