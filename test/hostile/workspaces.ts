import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { scratchDir } from '../helpers/scratch';

export const GUIDE = '# Guide\n\n## Usage\n\nSee [the missing page](nowhere.md).\n';

/** How many links the many-links document has; every 1,000th is broken. */
export const LINK_COUNT = 100_000;
export const NESTING = 10_000;

/**
 * A workspace of hostile documents, one per kind of trouble, plus a normal
 * guide whose finding proves the rest of the workspace is still checked.
 * Returns the root and a folder outside it that a symbolic link points into.
 */
export async function hostileWorkspace(): Promise<{ root: string; outside: string }> {
  const root = scratchDir('adrift-hostile-');
  const outside = scratchDir('adrift-outside-');
  await fs.writeFile(path.join(outside, 'secret.md'), '# Outside\n\n[leak](gone.md)\n');
  const docs = path.join(root, 'docs');
  await fs.mkdir(docs, { recursive: true });
  const write = (rel: string, content: string | Buffer) => fs.writeFile(path.join(root, rel), content);
  await write('docs/guide.md', GUIDE);
  await write('docs/bad-utf8.md', Buffer.concat([Buffer.from('# Title\n\nCaf'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('\n')]));
  await write('docs/binary.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]));
  await write('docs/huge.md', `# Huge\n\n${'A line of prose that repeats.\n'.repeat(Math.ceil((20 * 1024 * 1024) / 30))}`);
  await write('docs/deep-list.md', `# Deep list\n\n${'- '.repeat(NESTING)}bottom\n`);
  await write('docs/deep-quote.md', `# Deep quote\n\n${'> '.repeat(NESTING)}bottom\n`);
  await write('docs/deep-indented-list.md', `# Deep indented list\n\n${Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')}\n`);
  await write('docs/long-line.md', `# Long line\n\n${'word '.repeat(1024 * 1024 / 5)}[end](nowhere-long.md)\n`);
  const links = Array.from({ length: LINK_COUNT }, (_, i) => (i % 1000 === 999 ? `[l${i}](missing-${i}.md)` : `[l${i}](guide.md#usage)`));
  await write('docs/many-links.md', `# Many links\n\n${links.join(' ')}\n\n${links.slice(0, 5000).join('\n\n')}\n`);
  await write('docs/broken-front-matter.md', '---\ntitle: "never closed\ntags: [a, b\n---\n# Broken front matter\n');
  await write('docs/regex.md', `# Regex\n\n${'a'.repeat(200_000)}!\n\nThe retired word is legacyapi here.\n`);
  await write('docs/escape.md', '# Escape\n\nDo not read [the password file](../../../../etc/passwd).\n');
  await write('.adrift.yaml', 'staleReferences:\n  - term: (a+)+$\n    regex: true\n  - term: legacyapi\n    replacement: the new API\n');
  await fs.symlink('..', path.join(docs, 'loop'));
  await fs.symlink(outside, path.join(docs, 'outside-folder'));
  await fs.symlink(path.join(outside, 'secret.md'), path.join(docs, 'outside-file.md'));
  await fs.symlink('self-a.md', path.join(docs, 'self-b.md'));
  await fs.symlink('self-b.md', path.join(docs, 'self-a.md'));
  await write('docs/unreadable.md', '# Unreadable\n');
  await fs.chmod(path.join(docs, 'unreadable.md'), 0o000);
  return { root, outside };
}

/** Lets an unprivileged user walk and read the tree (mkdtemp makes it private to us). */
export async function openToOthers(...dirs: string[]): Promise<void> {
  for (const dir of dirs) await fs.chmod(dir, 0o755);
}
