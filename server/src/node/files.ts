import { constants as fsConstants, promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import type { ResolvedConfig } from '../core/config/resolved';

export interface ScanResult {
  /** Every file below the root, workspace-relative with forward slashes. */
  files: string[];
  /** Things not scanned and why (symlink loops, links leaving the workspace, unreadable folders). */
  notes: { path: string; reason: string }[];
}

export function toWorkspacePath(root: string, absolute: string): string {
  return path.relative(root, absolute).split(path.sep).join('/');
}

/** True when `absolute` is the root or lies inside it (no `..` escape). */
export function isInside(root: string, absolute: string): boolean {
  const rel = path.relative(root, absolute);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Lists every file below `root`, skipping excluded folders. Symlinks are
 * followed only when they resolve inside the workspace, and each real folder
 * is entered once, so loops end. Files vanishing mid-scan are simply absent.
 */
export async function scanFiles(root: string, config: ResolvedConfig): Promise<ScanResult> {
  const realRoot = await fs.realpath(root);
  const files: string[] = [];
  const notes: ScanResult['notes'] = [];
  const visited = new Set<string>([realRoot]);
  const queue: string[] = [''];
  while (queue.length > 0) {
    const folder = queue.shift()!;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(path.join(root, folder), { withFileTypes: true });
    } catch (error) {
      const codeName = (error as NodeJS.ErrnoException).code;
      if (codeName !== 'ENOENT') notes.push({ path: folder || '.', reason: `folder could not be read (${codeName ?? String(error)})` });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const rel = folder ? `${folder}/${entry.name}` : entry.name;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const real = await fs.realpath(path.join(root, rel));
          if (!isInside(realRoot, real)) {
            notes.push({ path: rel, reason: 'symbolic link points outside the workspace' });
            continue;
          }
          const stat = await fs.stat(real);
          isDir = stat.isDirectory();
          isFile = stat.isFile();
          if (isDir) {
            if (visited.has(real)) {
              notes.push({ path: rel, reason: 'symbolic link loops back to a folder already scanned' });
              continue;
            }
            visited.add(real);
          }
        } catch (error) {
          const codeName = (error as NodeJS.ErrnoException).code;
          notes.push({ path: rel, reason: codeName === 'ELOOP' ? 'symbolic link loop' : `broken symbolic link (${codeName ?? 'error'})` });
          continue;
        }
      } else if (isDir) {
        try {
          const real = await fs.realpath(path.join(root, rel));
          if (visited.has(real)) continue;
          visited.add(real);
        } catch {
          continue;
        }
      }
      if (isDir) {
        if (!config.isExcludedFolder(rel)) queue.push(rel);
      } else if (isFile && !config.isExcluded(rel)) {
        files.push(rel);
      }
    }
  }
  return { files, notes };
}

export type ReadOutcome = { ok: true; raw: string; mode: number } | { ok: false; reason: string; vanished?: boolean };

// `ignoreBOM` keeps a BOM in the decoded text (the default drops it), so the model knows to write it back.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Reads a workspace document by its workspace path. Nothing outside the root
 * is ever read: a path that escapes it (`../`), or that a symbolic link leads
 * out of, is refused before any byte is read. Bulk readers pass the root's
 * real path (`realRoot`), resolved once.
 */
export async function readWorkspaceDocument(root: string, rel: string, maxBytes: number, realRoot?: string): Promise<ReadOutcome> {
  const absolute = path.resolve(root, rel);
  if (!isInside(path.resolve(root), absolute)) return { ok: false, reason: 'file is outside the workspace' };
  let handle: FileHandle;
  try {
    // Non-blocking, so a FIFO named `.md` cannot stall the reader.
    handle = await fs.open(absolute, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  } catch (error) {
    return unreadable(error);
  }
  try {
    const real = await openedPath(handle, absolute);
    const resolvedRoot = realRoot ?? (await fs.realpath(root).catch(() => path.resolve(root)));
    if (!isInside(resolvedRoot, real)) return { ok: false, reason: 'file is a symbolic link leading outside the workspace' };
    return await readOpened(handle, maxBytes);
  } catch (error) {
    return unreadable(error);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * The real path of the file a handle has open. On Linux the kernel says which
 * file that is (`/proc/self/fd`), which is both cheaper than resolving the path
 * again and immune to a symbolic link swapped in between; elsewhere the path
 * is resolved.
 */
async function openedPath(handle: FileHandle, absolute: string): Promise<string> {
  if (process.platform === 'linux') {
    const viaProc = await fs.readlink(`/proc/self/fd/${handle.fd}`).catch(() => null);
    if (viaProc && path.isAbsolute(viaProc)) return viaProc;
  }
  return fs.realpath(absolute);
}

async function readOpened(handle: FileHandle, maxBytes: number): Promise<ReadOutcome> {
  const stat = await handle.stat();
  if (!stat.isFile()) return { ok: false, reason: 'not a regular file' };
  if (stat.size > maxBytes) {
    return { ok: false, reason: `file is ${formatBytes(stat.size)}, over the ${formatBytes(maxBytes)} limit (\`maxFileSize\`)` };
  }
  return decodeDocument(await handle.readFile(), stat.mode);
}

function unreadable(error: unknown): ReadOutcome {
  const codeName = (error as NodeJS.ErrnoException).code;
  if (codeName === 'ENOENT') return { ok: false, reason: 'file was deleted while being read', vanished: true };
  return { ok: false, reason: `file could not be read (${codeName ?? String(error)})` };
}

function decodeDocument(bytes: Buffer, mode: number): ReadOutcome {
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, reason: 'file looks binary (it contains NUL bytes)' };
  try {
    return { ok: true, raw: utf8.decode(bytes), mode };
  } catch {
    return { ok: false, reason: 'file is not valid UTF-8' };
  }
}

/** Reads a document for indexing; says plainly why when it cannot be used. */
export async function readDocument(absolute: string, maxBytes: number): Promise<ReadOutcome> {
  try {
    const stat = await fs.stat(absolute);
    if (stat.size > maxBytes) {
      return { ok: false, reason: `file is ${formatBytes(stat.size)}, over the ${formatBytes(maxBytes)} limit (\`maxFileSize\`)` };
    }
    return decodeDocument(await fs.readFile(absolute), stat.mode);
  } catch (error) {
    return unreadable(error);
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}
