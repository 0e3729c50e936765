import type { DocumentModel } from '../document';
import { resolveLinkPath } from '../paths';
import { isExternal, parseDestination } from '../rules/links/broken/rule';

/**
 * The workspace paths a document links to (inline links and reference
 * definitions). Fragments are ignored: a link with a broken anchor still
 * reaches its document. An extension-less destination also stands for `.md`.
 */
export function linkedPaths(doc: DocumentModel): Set<string> {
  const paths = new Set<string>();
  for (const link of doc.links) {
    if (link.kind !== 'inline' && link.kind !== 'definition') continue;
    const url = link.url.trim();
    if (url === '' || isExternal(url)) continue;
    const { path } = parseDestination(url);
    const resolved = path === '' ? doc.path : resolveLinkPath(doc.path, path);
    if (resolved === null) continue;
    paths.add(resolved);
    if (!/\.md$/i.test(resolved)) paths.add(`${resolved}.md`);
  }
  return paths;
}
