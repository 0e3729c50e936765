import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { applyTextEdits } from '../core/fixes';
import { splitBom } from '../core/text';
import type { Change } from '../core/types';
import { writeFileAtomic } from './atomicWrite';
import { isInside } from './files';

export class ChangeRefused extends Error {}

export interface ApplyOptions {
  /** Test hook: throw after this many file-system writes, to prove the rollback. */
  failAfterWrites?: number;
}

interface Undo {
  (): Promise<void>;
}

/**
 * Applies an ordered list of changes to the workspace as one transaction:
 * everything is checked first (inside the workspace, nothing overwritten),
 * each file is written once and atomically keeping its BOM, line endings and
 * mode, and if any step fails every step already done is undone.
 */
export async function applyChanges(root: string, changes: readonly Change[], options: ApplyOptions = {}): Promise<string[]> {
  const realRoot = await fs.realpath(root);
  const abs = async (rel: string) => {
    const target = path.resolve(realRoot, rel);
    if (!isInside(realRoot, target)) throw new ChangeRefused(`${rel} is outside the workspace`);
    const parent = await nearestExistingParent(path.dirname(target));
    if (!isInside(realRoot, await fs.realpath(parent))) throw new ChangeRefused(`${rel} leads outside the workspace through a symbolic link`);
    return target;
  };
  const exists = async (p: string) => fs.lstat(p).then(() => true, () => false);

  // Plan: final content per edited path, validated before anything is written.
  const edited = new Map<string, { original: Buffer; next: string; mode: number }>();
  const createdPaths = new Set<string>();
  for (const change of changes) {
    if (change.kind === 'create') {
      const target = await abs(change.path);
      if ((await exists(target)) || createdPaths.has(target)) throw new ChangeRefused(`${change.path} already exists; nothing was changed`);
      createdPaths.add(target);
    } else if (change.kind === 'edit') {
      const target = await abs(change.path);
      const current = edited.get(target);
      const original = current?.original ?? (await fs.readFile(target).catch(() => {
        throw new ChangeRefused(`${change.path} cannot be read; nothing was changed`);
      }));
      const mode = current?.mode ?? ((await fs.stat(target)).mode & 0o7777);
      const { text, bom } = splitBom(current?.next ?? original.toString('utf8'));
      edited.set(target, { original, next: (bom ? '\uFEFF' : '') + applyTextEdits(text, change.edits), mode });
    } else if (change.kind === 'rename') {
      const [from, to] = [await abs(change.from), await abs(change.to)];
      if (!(await exists(from))) throw new ChangeRefused(`${change.from} does not exist; nothing was changed`);
      if (await exists(to)) throw new ChangeRefused(`${change.to} already exists; nothing was changed`);
    } else {
      const target = await abs(change.path);
      if (!(await exists(target))) throw new ChangeRefused(`${change.path} does not exist; nothing was changed`);
    }
  }

  const undo: Undo[] = [];
  let writes = 0;
  const wrote = () => {
    writes++;
    if (options.failAfterWrites !== undefined && writes >= options.failAfterWrites) throw new Error(`injected failure after ${writes} writes`);
  };
  const touched: string[] = [];
  const writtenEdits = new Set<string>();
  try {
    for (const change of changes) {
      if (change.kind === 'create') {
        const target = await abs(change.path);
        const madeDirs = await makeParents(path.dirname(target));
        undo.push(async () => {
          for (const dir of madeDirs.reverse()) await fs.rmdir(dir).catch(() => undefined);
        });
        const mode = change.modeFrom ? (await fs.stat(await abs(change.modeFrom))).mode & 0o7777 : undefined;
        await writeFileAtomic(target, change.content, { mode, exclusive: true });
        undo.unshift(async () => fs.rm(target, { force: true }));
        touched.push(change.path);
        wrote();
      } else if (change.kind === 'edit') {
        const target = await abs(change.path);
        if (writtenEdits.has(target)) continue;
        writtenEdits.add(target);
        const plan = edited.get(target)!;
        await writeFileAtomic(target, plan.next, { mode: plan.mode });
        undo.unshift(async () => writeFileAtomic(target, plan.original, { mode: plan.mode }));
        touched.push(change.path);
        wrote();
      } else if (change.kind === 'rename') {
        const [from, to] = [await abs(change.from), await abs(change.to)];
        const madeDirs = await makeParents(path.dirname(to));
        await fs.link(from, to);
        await fs.unlink(from);
        undo.unshift(async () => {
          await fs.link(to, from).catch(() => undefined);
          await fs.unlink(to).catch(() => undefined);
          for (const dir of madeDirs.reverse()) await fs.rmdir(dir).catch(() => undefined);
        });
        touched.push(change.to);
        wrote();
      } else {
        const target = await abs(change.path);
        const original = await fs.readFile(target);
        const mode = (await fs.stat(target)).mode & 0o7777;
        await fs.unlink(target);
        undo.unshift(async () => writeFileAtomic(target, original, { mode }));
        touched.push(change.path);
        wrote();
      }
    }
  } catch (error) {
    for (const step of undo) await step();
    throw error;
  }
  return touched;
}

async function nearestExistingParent(dir: string): Promise<string> {
  let current = dir;
  for (;;) {
    try {
      await fs.stat(current);
      return current;
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return current;
      current = parent;
    }
  }
}

/** Creates missing parent folders, returning the ones it made (outermost first). */
async function makeParents(dir: string): Promise<string[]> {
  const missing: string[] = [];
  for (let current = dir; ; current = path.dirname(current)) {
    try {
      await fs.stat(current);
      break;
    } catch {
      missing.unshift(current);
      if (path.dirname(current) === current) break;
    }
  }
  for (const folder of missing) await fs.mkdir(folder);
  return missing;
}
