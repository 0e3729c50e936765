import type { Engine } from '../core/engine';
import { encodeLinkPath, relativeLink, resolveLinkPath } from '../core/paths';
import { isExternal, parseDestination } from '../core/rules/links/broken/rule';
import type { Change, TextEdit } from '../core/types';

export interface Move {
  from: string;
  to: string;
}

/**
 * The link edits that keep a workspace consistent when files or folders move
 * (VS Code's `markdown.updateLinksOnFileMove`): links into a moved file or
 * folder point to its new place, and relative links inside a moved document
 * still reach their targets from its new folder. Edits address documents by
 * their current path: they are applied before the move happens.
 */
export function linkUpdatesForMoves(engine: Engine, moves: readonly Move[]): Change[] {
  const mapPath = (path: string): string => {
    for (const move of moves) {
      if (path === move.from) return move.to;
      if (move.from === '' || path.startsWith(`${move.from}/`)) return `${move.to}${path.slice(move.from.length)}`;
    }
    return path;
  };
  const changes: Change[] = [];
  for (const docPath of engine.documentPaths().sort()) {
    const model = engine.getDocument(docPath)?.model;
    if (!model) continue;
    const newDocPath = mapPath(docPath);
    const edits: TextEdit[] = [];
    for (const link of model.links) {
      if (!link.urlRange || link.kind === 'reference' || link.kind === 'imageReference' || link.kind === 'autolink') continue;
      const url = link.url.trim();
      if (url === '' || isExternal(url)) continue;
      const { path } = parseDestination(url);
      if (path === '') continue;
      const target = resolveLinkPath(docPath, path);
      if (target === null) continue;
      const newTarget = mapPath(target);
      if (newTarget === target && newDocPath === docPath) continue;
      const written = model.text.slice(model.lines.offsetAt(link.urlRange.start), model.lines.offsetAt(link.urlRange.end));
      const suffixAt = written.search(/[?#]/);
      const writtenPath = suffixAt === -1 ? written : written.slice(0, suffixAt);
      const suffix = suffixAt === -1 ? '' : written.slice(suffixAt);
      let newPath = path.startsWith('/') ? `/${newTarget}` : relativeLink(newDocPath, newTarget);
      if (writtenPath.startsWith('./') && !newPath.startsWith('.')) newPath = `./${newPath}`;
      if (writtenPath.endsWith('/') && !newPath.endsWith('/')) newPath = `${newPath}/`;
      const newText = `${encodeLinkPath(newPath)}${suffix}`;
      if (newText !== written) edits.push({ range: link.urlRange, newText });
    }
    if (edits.length) changes.push({ kind: 'edit', path: docPath, edits });
  }
  return changes;
}
