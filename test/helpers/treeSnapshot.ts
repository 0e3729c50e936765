import { lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import * as path from 'node:path';

/** Every file, folder and symbolic link below `root` with its exact bytes and mode, for "the tree is unchanged" asserts. */
export function snapshotTree(root: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(root, rel)).sort()) {
      const child = rel ? `${rel}/${name}` : name;
      const stat = lstatSync(path.join(root, child));
      const mode = (stat.mode & 0o7777).toString(8);
      if (stat.isSymbolicLink()) entries[child] = `link -> ${readlinkSync(path.join(root, child))}`;
      else if (stat.isDirectory()) {
        entries[`${child}/`] = `dir ${mode}`;
        walk(child);
      } else entries[child] = `file ${mode} ${readFileSync(path.join(root, child)).toString('base64')}`;
    }
  };
  walk('');
  return entries;
}
