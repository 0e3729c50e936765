import { distance } from 'fastest-levenshtein';
import type { Link } from '../../../document';
import { encodeLinkPath, posixBasename, relativeLink, resolveLinkPath } from '../../../paths';
import type { Rule, RuleContext } from '../../../rule';
import { taskIdFromFileName, taskIdsTopic } from '../../../structure/topics';
import type { Fix, Range } from '../../../types';
import { code } from '../../../messages';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export interface ParsedDestination {
  path: string;
  query: string;
  fragment: string | null;
}

/**
 * Destinations already split, by their text: a rule run re-checks every link
 * of a document after each keystroke, and most destinations repeat (the same
 * few targets, over and over in a large document). Bounded: cleared when full.
 */
const parsedDestinations = new Map<string, ParsedDestination>();
const MAX_PARSED_DESTINATIONS = 20_000;

/** Splits a link destination into its decoded path, query and fragment. Never mutate the result: it is shared. */
export function parseDestination(url: string): ParsedDestination {
  let parsed = parsedDestinations.get(url);
  if (!parsed) {
    if (parsedDestinations.size >= MAX_PARSED_DESTINATIONS) parsedDestinations.clear();
    parsed = splitDestination(url);
    parsedDestinations.set(url, parsed);
  }
  return parsed;
}

function splitDestination(url: string): ParsedDestination {
  const hash = url.indexOf('#');
  const beforeHash = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? null : safeDecode(url.slice(hash + 1));
  const question = beforeHash.indexOf('?');
  const rawPath = question === -1 ? beforeHash : beforeHash.slice(0, question);
  const query = question === -1 ? '' : beforeHash.slice(question);
  return { path: safeDecode(rawPath), query, fragment };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** True for destinations that point at the web or another scheme: never checked, never fetched. */
export function isExternal(url: string): boolean {
  return SCHEME.test(url) || url.startsWith('//');
}

function replaceDestination(ctx: RuleContext, link: Link, newUrl: string, title: string, safe: boolean): Fix[] {
  if (!link.urlRange) return [];
  return [{ title, safe, changes: [{ kind: 'edit', path: ctx.doc.path, edits: [{ range: link.urlRange, newText: newUrl }] }] }];
}

function withSuffix(path: string, query: string, fragment: string | null): string {
  return `${encodeLinkPath(path)}${query}${fragment !== null ? `#${fragment}` : ''}`;
}

interface Anchors {
  slugs: string[];
  slugSet: Set<string>;
  /** Closest anchors per missing fragment (lower-cased), for the suggestion. */
  near: Map<string, { slug: string; d: number }[]>;
}

/**
 * A document's heading anchors per headings array (a new array whenever its
 * headings change): the many links into the same documents, re-checked on
 * each keystroke, do not rebuild them or measure edit distances again.
 */
const anchorsByHeadings = new WeakMap<readonly { slug: string }[], Anchors>();

function anchorsOf(headings: readonly { slug: string }[]): Anchors {
  let anchors = anchorsByHeadings.get(headings);
  if (!anchors) {
    const slugs = headings.map((h) => h.slug);
    anchors = { slugs, slugSet: new Set(slugs), near: new Map() };
    anchorsByHeadings.set(headings, anchors);
  }
  return anchors;
}

function checkAnchor(ctx: RuleContext, link: Link, range: Range, targetPath: string, fragment: string, writtenPath: () => string) {
  if (fragment === '' || /^L\d+(C\d+)?(-L\d+(C\d+)?)?$/.test(fragment)) return;
  const target = ctx.ws.getDocument(targetPath);
  if (!target) return;
  const anchors = anchorsOf(target.outline.headings);
  if (anchors.slugSet.has(fragment)) return;
  const slugs = anchors.slugs;
  const where = targetPath === ctx.doc.path ? 'this document' : code(targetPath);
  const destinationPrefix = link.urlRange ? writtenPath() : '';
  const lower = fragment.toLowerCase();
  if (anchors.slugSet.has(lower)) {
    ctx.report({
      range,
      message: `Anchor ${code(`#${fragment}`)} differs in case from the heading anchor ${code(`#${lower}`)} in ${where}; anchors are case-sensitive.`,
      fixes: replaceDestination(ctx, link, `${destinationPrefix}#${lower}`, `Change the anchor to #${lower}`, true),
    });
    return;
  }
  let near = anchors.near.get(lower);
  if (!near) {
    near = slugs
      .map((slug) => ({ slug, d: distance(slug, lower) }))
      .filter(({ slug, d }) => d <= Math.max(2, Math.floor(Math.max(slug.length, lower.length) * 0.3)))
      .sort((a, b) => a.d - b.d || a.slug.localeCompare(b.slug))
      .slice(0, 3);
    anchors.near.set(lower, near);
  }
  ctx.report({
    range,
    message: `No heading with anchor ${code(`#${fragment}`)} in ${where}${near.length ? `; did you mean ${code(`#${near[0].slug}`)}?` : '.'}`,
    fixes: near.flatMap(({ slug }) => replaceDestination(ctx, link, `${destinationPrefix}#${slug}`, `Change the anchor to #${slug}`, false)),
  });
}

/**
 * A task doc that moved under another name (`P5T2_TASK.md` archived as
 * `P5T2_DONE.md`): the one document whose front matter carries the id the
 * old file name names.
 */
function movedTask(ctx: RuleContext, resolved: string): { id: string; path: string } | null {
  const id = taskIdFromFileName(resolved);
  if (!id) return null;
  const holders = ctx.ws.topic(taskIdsTopic)[id] ?? [];
  return holders.length === 1 && holders[0] !== ctx.doc.path ? { id, path: holders[0] } : null;
}

interface Destination extends ParsedDestination {
  /** The workspace path the link's path resolves to; null outside the workspace. */
  resolved: string | null;
}

/**
 * A link's destination, split and resolved, memoised per link object: an
 * incremental re-parse keeps the links outside the edited blocks as the very
 * same objects, so a keystroke does not re-split every link of a large
 * document. Null for links that are not checked (external, empty).
 */
const destinations = new WeakMap<Link, { from: string; destination: Destination | null }>();

export function destinationOf(from: string, link: Link): Destination | null {
  const known = destinations.get(link);
  if (known?.from === from) return known.destination;
  const url = link.url.trim();
  let destination: Destination | null = null;
  if (url !== '' && !isExternal(url)) {
    const parsed = parseDestination(url);
    destination = { ...parsed, resolved: parsed.path === '' ? null : resolveLinkPath(from, parsed.path) };
  }
  destinations.set(link, { from, destination });
  return destination;
}

function checkLink(ctx: RuleContext, link: Link) {
  if (link.kind === 'reference' || link.kind === 'imageReference' || link.kind === 'autolink') return;
  const destination = destinationOf(ctx.doc.path, link);
  if (!destination) return;
  const range = link.urlRange ?? link.range;
  const { path, query, fragment, resolved } = destination;
  // The destination as written (before any `#`), for fixes that keep it and change only the anchor.
  const writtenPath = () =>
    link.urlRange ? ctx.doc.text.slice(ctx.doc.lines.offsetAt(link.urlRange.start), ctx.doc.lines.offsetAt(link.urlRange.end)).split('#')[0] : '';

  if (path === '') {
    if (fragment !== null && ctx.options.checkAnchors !== false) checkAnchor(ctx, link, range, ctx.doc.path, fragment, () => '');
    return;
  }
  if (resolved === null) {
    ctx.report({ range, message: `Link ${code(path)} points outside the workspace; it is not checked.`, severity: 'warning' });
    return;
  }
  const target = [resolved, `${resolved}.md`].find((candidate) => ctx.ws.fileExists(candidate));
  if (target) {
    if (fragment !== null && ctx.options.checkAnchors !== false) checkAnchor(ctx, link, range, target, fragment, writtenPath);
    return;
  }
  if (ctx.ws.directoryExists(resolved)) return;

  const caseMatches = ctx.ws.filesIgnoringCase(resolved);
  if (caseMatches.length > 0) {
    const actual = caseMatches[0];
    ctx.report({
      range,
      message: `Link ${code(path)} differs in case from the file ${code(actual)}; it works on macOS and Windows but breaks on Linux.`,
      fixes: replaceDestination(ctx, link, withSuffix(relativeLink(ctx.doc.path, actual), query, fragment), `Change the link to ${relativeLink(ctx.doc.path, actual)}`, true),
    });
    return;
  }
  const candidates = ctx.ws.filesNamed(posixBasename(resolved)).slice(0, 5);
  const kind = link.kind === 'image' ? 'Image' : 'Link';
  if (candidates.length === 0) {
    const moved = movedTask(ctx, resolved);
    if (moved) {
      const rel = relativeLink(ctx.doc.path, moved.path);
      ctx.report({
        range,
        message: `${kind} target ${code(path)} does not exist (resolved to ${code(resolved)}); task ${moved.id} is now ${code(moved.path)}.`,
        fixes: replaceDestination(ctx, link, withSuffix(rel, query, fragment), `Change the link to ${rel}`, true),
      });
      return;
    }
  }
  ctx.report({
    range,
    message:
      `${kind} target ${code(path)} does not exist (resolved to ${code(resolved)})` +
      (candidates.length === 1 ? `; a file with that name exists at ${code(candidates[0])}.` : candidates.length > 1 ? `; files with that name exist in ${candidates.length} places.` : '.'),
    fixes: candidates.flatMap((candidate) => {
      const rel = relativeLink(ctx.doc.path, candidate);
      return replaceDestination(ctx, link, withSuffix(rel, query, fragment), `Change the link to ${rel}`, false);
    }),
  });
}

export const linksBroken: Rule = {
  id: 'links/broken',
  description: 'Relative links and images must point to files, folders and headings that exist.',
  defaultSeverity: 'error',
  optionsSchema: {
    checkAnchors: { type: 'boolean', description: 'Check `#anchor` fragments against the target document’s headings.' },
  },
  defaultOptions: { checkAnchors: true },
  check(ctx) {
    for (const link of ctx.doc.links) checkLink(ctx, link);
    for (const reference of ctx.doc.undefinedReferences) {
      ctx.report({
        range: reference.range,
        message: `Reference ${code(`[${reference.label}]`)} has no definition; add ${code(`[${reference.label}]: <url>`)} or use an inline link.`,
      });
    }
  },
};
