import * as path from 'node:path';
import type { Finding } from '../../core/types';

export interface FormatInput {
  /** Findings in report order, paths workspace-relative. */
  findings: readonly Finding[];
  /** Turns a workspace-relative path into the path shown (relative to the current directory). */
  displayPath: (workspacePath: string) => string;
}

export function displayPathFor(root: string, cwd: string): (workspacePath: string) => string {
  return (workspacePath) => {
    const absolute = path.isAbsolute(workspacePath) ? workspacePath : path.join(root, workspacePath);
    return path.relative(cwd, absolute).split(path.sep).join('/') || '.';
  };
}
