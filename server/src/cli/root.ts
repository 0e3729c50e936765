import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAMES } from '../core/config/defaults';

const MARKERS = [...CONFIG_FILE_NAMES, '.git'];

/**
 * The workspace a CLI run checks: the nearest folder at or above `start`
 * holding `.adrift.yaml` or `.git`, else the current directory.
 */
export async function findWorkspaceRoot(start: string, cwd: string): Promise<string> {
  let folder = start;
  try {
    if (!(await fs.stat(folder)).isDirectory()) folder = path.dirname(folder);
  } catch {
    return cwd;
  }
  for (;;) {
    for (const marker of MARKERS) {
      if (await fs.stat(path.join(folder, marker)).then(() => true, () => false)) return folder;
    }
    const parent = path.dirname(folder);
    if (parent === folder) return cwd;
    folder = parent;
  }
}
