import * as path from 'node:path';
import type { Finding } from '../../core/types';

export interface FormatInput {
  /** Findings in report order, paths workspace-relative. */
  findings: readonly Finding[];
  /** Turns a workspace-relative path into the path shown (relative to the current directory). */
  displayPath: (workspacePath: string) => string;
}

export function displayPathFor(root: string, cwd: string): (workspacePath: string) => string {
  // A report names the same few thousand files over and over.
  const shown = new Map<string, string>();
  return (workspacePath) => {
    let display = shown.get(workspacePath);
    if (display === undefined) {
      const absolute = path.isAbsolute(workspacePath) ? workspacePath : path.join(root, workspacePath);
      display = path.relative(cwd, absolute).split(path.sep).join('/') || '.';
      shown.set(workspacePath, display);
    }
    return display;
  };
}
