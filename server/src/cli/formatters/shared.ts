import * as path from 'node:path';
import { isPlainRelativePath } from '../../core/paths';
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
  const rootShown = path.relative(cwd, root);
  // Unless the current directory is inside the root, a plain workspace path is shown after the root's own path:
  // joining and relating each one cost 10 ms per 1,000 files.
  const prefix = path.sep !== '/' || /^\.\.(?:\/\.\.)*$/.test(rootShown) ? undefined : rootShown ? `${rootShown}/` : '';
  return (workspacePath) => {
    let display = shown.get(workspacePath);
    if (display === undefined) {
      if (prefix !== undefined && isPlainRelativePath(workspacePath)) display = prefix + workspacePath;
      else {
        const absolute = path.isAbsolute(workspacePath) ? workspacePath : path.join(root, workspacePath);
        display = path.relative(cwd, absolute).split(path.sep).join('/') || '.';
      }
      shown.set(workspacePath, display);
    }
    return display;
  };
}
