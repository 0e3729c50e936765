import type { DocumentModel, Link } from '../document';
import { encodeLinkPath, relativeLink, resolveLinkPath } from '../paths';
import { isExternal, parseDestination } from '../rules/links/broken/rule';
import type { Range } from '../types';

/** A link whose destination can be rewritten in place: it has a destination range. */
export interface RewritableLink {
  link: Link;
  urlRange: Range;
  /** The destination exactly as written in the source (percent-encoding and all). */
  written: string;
  /** Written inside `<...>`, where spaces need no encoding. */
  angle: boolean;
  /** What the path part resolves to in the workspace; null when it climbs out of it. */
  resolved: string | null;
  /** The decoded fragment, without `#`; null when there is none. */
  fragment: string | null;
}

/** Links of a document that point into the workspace by a relative or root-relative path. */
export function pathLinks(doc: DocumentModel): RewritableLink[] {
  const result: RewritableLink[] = [];
  for (const link of doc.links) {
    if (!link.urlRange || (link.kind !== 'inline' && link.kind !== 'image' && link.kind !== 'definition')) continue;
    const url = link.url.trim();
    if (url === '' || isExternal(url)) continue;
    const { path, fragment } = parseDestination(url);
    if (path === '') continue;
    const start = doc.lines.offsetAt(link.urlRange.start);
    const written = doc.text.slice(start, doc.lines.offsetAt(link.urlRange.end));
    result.push({
      link,
      urlRange: link.urlRange,
      written,
      angle: doc.text[start - 1] === '<',
      resolved: resolveLinkPath(doc.path, path),
      fragment,
    });
  }
  return result;
}

/**
 * Which of `paths` a resolved destination names: the path itself, or the
 * path without its `.md` (links may omit the extension), which is kept so.
 */
export function matchTarget(resolved: string, paths: ReadonlyMap<string, string>, fileExists: (p: string) => boolean): { old: string; omitsMd: boolean } | null {
  if (paths.has(resolved)) return { old: resolved, omitsMd: false };
  if (!resolved.toLowerCase().endsWith('.md') && paths.has(`${resolved}.md`) && !fileExists(resolved)) return { old: `${resolved}.md`, omitsMd: true };
  return null;
}

/**
 * The destination text for a link in `fromDoc` that should now point at
 * `target`, written in the style of the original: root-relative stays
 * root-relative, `./` and a trailing `/` are kept, `?query#fragment` is kept
 * as written unless `suffix` replaces it.
 */
export function rewriteDestination(written: string, angle: boolean, fromDoc: string, target: string, suffix?: string): string {
  const cut = written.search(/[?#]/);
  const pathPart = cut === -1 ? written : written.slice(0, cut);
  const keptSuffix = suffix ?? (cut === -1 ? '' : written.slice(cut));
  let rel: string;
  if (pathPart.startsWith('/')) rel = `/${target}`;
  else {
    rel = relativeLink(fromDoc, target);
    if (pathPart.startsWith('./') && !rel.startsWith('../')) rel = `./${rel}`;
  }
  if (pathPart.endsWith('/') && !rel.endsWith('/')) rel += '/';
  const encoded = angle ? rel.replace(/[<>]/g, (ch) => encodeURIComponent(ch)) : encodeLinkPath(rel);
  return encoded + keptSuffix;
}
