import { randomBytes } from 'node:crypto';
import { promises as fs, constants } from 'node:fs';
import * as path from 'node:path';

/**
 * Writes a file atomically: the content goes to a temporary file beside the
 * target, is flushed, takes the target's mode, and is renamed over it, so a
 * reader (or a crash) sees the old or the new file, never a mix.
 */
export async function writeFileAtomic(target: string, content: string | Uint8Array, options: { mode?: number; exclusive?: boolean } = {}): Promise<void> {
  let mode = options.mode;
  if (mode === undefined) {
    try {
      mode = (await fs.stat(target)).mode & 0o7777;
    } catch {
      mode = 0o644;
    }
  }
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.adrift-${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, mode);
  try {
    await handle.writeFile(content);
    await handle.chmod(mode);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    if (options.exclusive) {
      // link() fails if the target exists: no overwrite even under a race.
      await fs.link(temp, target);
    } else {
      await fs.rename(temp, target);
      return;
    }
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  // The target is in place; a temp name left behind must not turn success into a failure the caller would not undo.
  await fs.rm(temp, { force: true }).catch(() => undefined);
}
