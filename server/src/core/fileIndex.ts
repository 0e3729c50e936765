import { dirname, posixBasename } from './paths';

/**
 * Every file of the workspace (documents or not), with the lookups rules make
 * through the workspace view: by path, by path ignoring case, by file name
 * ignoring case, and which folders hold at least one file.
 */
export class FileIndex {
  private readonly files = new Set<string>();
  private readonly byLowerPath = new Map<string, Set<string>>();
  private readonly byLowerName = new Map<string, Set<string>>();
  private readonly folderFileCounts = new Map<string, number>();

  /** Adds a file; returns the folders that held no file before, or undefined when the file was known. */
  add(path: string): string[] | undefined {
    if (this.files.has(path)) return undefined;
    this.files.add(path);
    addToIndex(this.byLowerPath, path.toLowerCase(), path);
    addToIndex(this.byLowerName, posixBasename(path).toLowerCase(), path);
    const newFolders: string[] = [];
    for (let folder = dirname(path); folder !== ''; folder = dirname(folder)) {
      const count = this.folderFileCounts.get(folder) ?? 0;
      this.folderFileCounts.set(folder, count + 1);
      if (count === 0) newFolders.push(folder);
    }
    return newFolders;
  }

  /** Removes a file; returns the folders left without a file, or undefined when the file was not known. */
  remove(path: string): string[] | undefined {
    if (!this.files.delete(path)) return undefined;
    removeFromIndex(this.byLowerPath, path.toLowerCase(), path);
    removeFromIndex(this.byLowerName, posixBasename(path).toLowerCase(), path);
    const emptiedFolders: string[] = [];
    for (let folder = dirname(path); folder !== ''; folder = dirname(folder)) {
      const count = (this.folderFileCounts.get(folder) ?? 1) - 1;
      if (count === 0) {
        this.folderFileCounts.delete(folder);
        emptiedFolders.push(folder);
      } else this.folderFileCounts.set(folder, count);
    }
    return emptiedFolders;
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  values(): IterableIterator<string> {
    return this.files.values();
  }

  /** Whether a folder holds a file at any depth; the workspace root (`''`) always exists. */
  directoryExists(folder: string): boolean {
    return folder === '' || this.folderFileCounts.has(folder);
  }

  /** The files whose lower-cased path is `lowerPath`, sorted. */
  withLowerPath(lowerPath: string): string[] {
    return sortedMembers(this.byLowerPath, lowerPath);
  }

  /** The files whose lower-cased name is `lowerName`, sorted. */
  withLowerName(lowerName: string): string[] {
    return sortedMembers(this.byLowerName, lowerName);
  }
}

function sortedMembers(index: Map<string, Set<string>>, key: string): string[] {
  const set = index.get(key);
  return set ? [...set].sort() : [];
}

function addToIndex<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  let set = index.get(key);
  if (!set) {
    set = new Set();
    index.set(key, set);
  }
  set.add(value);
}

function removeFromIndex<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) index.delete(key);
}
