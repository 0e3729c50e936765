import { posix } from 'node:path';

/** Workspace-relative POSIX path helpers; `''` is the workspace root. */

export function dirname(path: string): string {
  const dir = posix.dirname(path);
  return dir === '.' ? '' : dir;
}

export function posixBasename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Resolves a link destination path against the folder of `fromPath`. A leading
 * `/` means the workspace root. Returns null when the result leaves the workspace.
 */
export function resolveLinkPath(fromPath: string, target: string): string | null {
  const folder = target.startsWith('/') ? '' : dirname(fromPath);
  const key = `${folder}\u0000${target}`;
  let resolved = resolvedLinkPaths.get(key);
  if (resolved === undefined) {
    // Rules resolve every link of a document on each keystroke, and the same few destinations recur.
    if (resolvedLinkPaths.size >= MAX_RESOLVED_LINK_PATHS) resolvedLinkPaths.clear();
    resolved = resolveInFolder(folder, target);
    resolvedLinkPaths.set(key, resolved);
  }
  return resolved;
}

const resolvedLinkPaths = new Map<string, string | null>();
const MAX_RESOLVED_LINK_PATHS = 20_000;

function resolveInFolder(folder: string, target: string): string | null {
  const joined = target.startsWith('/') ? target.slice(1) : posix.join(folder, target);
  const normalized = posix.normalize(joined === '' ? '.' : joined);
  if (normalized === '..' || normalized.startsWith('../')) return null;
  return normalized === '.' ? '' : normalized.replace(/\/$/, '');
}

/** The relative link from the document at `fromPath` to `toPath`. */
export function relativeLink(fromPath: string, toPath: string): string {
  const rel = posix.relative(dirname(fromPath) || '.', toPath);
  return rel === '' ? posixBasename(toPath) : rel;
}

/** Encodes a path for use as a Markdown link destination (spaces and parens would break it). */
export function encodeLinkPath(path: string): string {
  return path.replace(/[ ()<>%]/g, (ch) => encodeURIComponent(ch));
}

/** True for a relative path with forward slashes and no empty, `.` or `..` segment: one that can be joined to a folder as it is. */
export function isPlainRelativePath(path: string): boolean {
  return path !== '' && !path.startsWith('/') && !NOT_PLAIN_SEGMENT.test(path);
}

const NOT_PLAIN_SEGMENT = /(?:^|\/)\.{0,2}(?:\/|$)/;
