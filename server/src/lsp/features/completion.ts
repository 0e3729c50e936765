import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver';
import type { Engine } from '../../core/engine';
import { encodeLinkPath, relativeLink, resolveLinkPath } from '../../core/paths';
import { documentIds } from './docIds';

const LINK_DESTINATION = /\]\(<?([^()\s>]*)$/;
const PARTIAL_ID = /\b(ADR-\d*|P\d+T?\d*)$/;

/**
 * Completion in a link destination (`[text](|`): workspace documents by
 * path, then `#anchors` of the chosen one; and doc ids typed in prose
 * (`ADR-00`, `P5T`) complete to a link to that document.
 */
export function completionsAt(engine: Engine, path: string, lineText: string, position: Position): CompletionItem[] {
  const before = lineText.slice(0, position.character);
  const destination = LINK_DESTINATION.exec(before);
  if (destination) return destinationCompletions(engine, path, destination[1], position);
  const id = PARTIAL_ID.exec(before);
  if (id) return idCompletions(engine, path, id[1], position);
  return [];
}

function destinationCompletions(engine: Engine, path: string, typed: string, position: Position): CompletionItem[] {
  const hash = typed.indexOf('#');
  if (hash !== -1) {
    const targetPart = typed.slice(0, hash);
    const target = targetPart === '' ? path : resolveLinkPath(path, decodeURIComponent(targetPart));
    const doc = target === null ? undefined : (engine.getDocument(target) ?? engine.getDocument(`${target}.md`));
    if (!doc) return [];
    const start = { line: position.line, character: position.character - (typed.length - hash - 1) };
    return doc.model.headings.map((heading, index) => ({
      label: `#${heading.slug}`,
      kind: CompletionItemKind.Reference,
      detail: heading.text,
      sortText: String(index).padStart(5, '0'),
      filterText: heading.slug,
      textEdit: { range: { start, end: position }, newText: heading.slug },
    }));
  }
  const start = { line: position.line, character: position.character - typed.length };
  return engine
    .documentPaths()
    .filter((doc) => doc !== path)
    .sort()
    .map((doc) => {
      const link = encodeLinkPath(relativeLink(path, doc));
      const summary = engine.getDocument(doc);
      return {
        label: doc,
        kind: CompletionItemKind.File,
        detail: summary?.outline.title ?? undefined,
        filterText: link,
        textEdit: { range: { start, end: position }, newText: link },
      };
    });
}

function idCompletions(engine: Engine, path: string, typed: string, position: Position): CompletionItem[] {
  const start = { line: position.line, character: position.character - typed.length };
  const items: CompletionItem[] = [];
  for (const [id, doc] of documentIds(engine)) {
    if (!id.startsWith(typed.toUpperCase()) || doc === path) continue;
    items.push({
      label: id,
      kind: CompletionItemKind.Reference,
      detail: engine.getDocument(doc)?.outline.title ?? doc,
      textEdit: { range: { start, end: position }, newText: `[${id}](${encodeLinkPath(relativeLink(path, doc))})` },
    });
  }
  return items;
}
