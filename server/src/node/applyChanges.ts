import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { applyTextEdits } from '../core/fixes';
import { splitBom } from '../core/text';
import type { Change, TextEdit } from '../core/types';
import { writeFileAtomic } from './atomicWrite';
import { isInside } from './files';

/** A change that was not made because it would be unsafe; nothing was written. */
export class ChangeRefused extends Error {}

export interface ApplyOptions {
  /**
   * Test hook: throw after this many file-system writes (creates, edits,
   * renames, deletes), to prove that a failure mid-way leaves the tree as before.
   */
  failAfterWrites?: number;
}

type Undo = () => Promise<void>;

interface PlannedEdit {
  /** The file actually written: the real path when the workspace path is a symbolic link. */
  real: string;
  original: Buffer;
  next: string;
  mode: number;
  /** Edits already folded in per workspace path, so a symlinked alias with the same edits is not applied twice. */
  editsByAlias: Map<string, string>;
}

/**
 * Applies an ordered list of changes to the workspace as one transaction:
 * everything is checked first (inside the workspace, also through symbolic
 * links; nothing overwritten), each file is written once and atomically
 * keeping its BOM, line endings and mode, and if any step fails every step
 * already done is undone, so the tree is left exactly as before.
 */
export async function applyChanges(root: string, changes: readonly Change[], options: ApplyOptions = {}): Promise<string[]> {
  const realRoot = await fs.realpath(root);
  const inWorkspace = async (rel: string) => {
    const target = path.resolve(realRoot, rel);
    if (!isInside(realRoot, target)) throw new ChangeRefused(`${rel} is outside the workspace; nothing was changed`);
    const parent = await nearestExistingParent(path.dirname(target));
    if (!isInside(realRoot, await fs.realpath(parent))) throw new ChangeRefused(`${rel} leads outside the workspace through a symbolic link; nothing was changed`);
    return target;
  };
  /** The file a path really names; refused when a symbolic link leads outside the workspace. */
  const realFile = async (rel: string, target: string) => {
    const real = await fs.realpath(target).catch(() => {
      throw new ChangeRefused(`${rel} does not exist; nothing was changed`);
    });
    if (!isInside(realRoot, real)) throw new ChangeRefused(`${rel} is a symbolic link leading outside the workspace; nothing was changed`);
    return real;
  };
  const exists = async (p: string) => fs.lstat(p).then(() => true, () => false);

  // Plan: validate everything and compute each edited file's final content before writing anything.
  const edited = new Map<string, PlannedEdit>();
  const createdPaths = new Set<string>();
  const removedPaths = new Set<string>();
  for (const change of changes) {
    if (change.kind === 'create') {
      const target = await inWorkspace(change.path);
      if ((await exists(target)) || createdPaths.has(target)) throw new ChangeRefused(`${change.path} already exists; nothing was changed`);
      if (change.modeFrom) await realFile(change.modeFrom, await inWorkspace(change.modeFrom));
      createdPaths.add(target);
    } else if (change.kind === 'edit') {
      const real = await realFile(change.path, await inWorkspace(change.path));
      const planned = edited.get(real) ?? (await planEdit(change.path, real));
      const editsKey = JSON.stringify(change.edits);
      const aliasesWithSameEdits = [...planned.editsByAlias].some(([alias, key]) => alias !== change.path && key === editsKey);
      if (!aliasesWithSameEdits) {
        const { text, bom } = splitBom(planned.next);
        planned.next = (bom ? '\uFEFF' : '') + applyOrRefuse(change.path, text, change.edits);
      }
      planned.editsByAlias.set(change.path, editsKey);
      edited.set(real, planned);
    } else if (change.kind === 'rename') {
      const [from, to] = [await inWorkspace(change.from), await inWorkspace(change.to)];
      if (!(await exists(from))) throw new ChangeRefused(`${change.from} does not exist; nothing was changed`);
      if ((await exists(to)) || createdPaths.has(to)) throw new ChangeRefused(`${change.to} already exists; nothing was changed`);
      createdPaths.add(to);
    } else {
      const target = await inWorkspace(change.path);
      if (!(await exists(target)) || removedPaths.has(target)) throw new ChangeRefused(`${change.path} does not exist; nothing was changed`);
      removedPaths.add(target);
    }
  }

  const undo: Undo[] = [];
  let writes = 0;
  const wrote = () => {
    writes++;
    if (options.failAfterWrites !== undefined && writes >= options.failAfterWrites) throw new Error(`injected failure after ${writes} writes`);
  };
  const touched: string[] = [];
  const written = new Set<string>();
  try {
    for (const change of changes) {
      if (change.kind === 'create') {
        const target = await inWorkspace(change.path);
        await makeParents(path.dirname(target), undo);
        const mode = change.modeFrom ? (await fs.stat(await inWorkspace(change.modeFrom))).mode & 0o7777 : undefined;
        await writeFileAtomic(target, change.content, { mode, exclusive: true });
        undo.unshift(async () => fs.rm(target, { force: true }));
        touched.push(change.path);
        wrote();
      } else if (change.kind === 'edit') {
        const real = await realFile(change.path, await inWorkspace(change.path));
        if (written.has(real)) continue;
        written.add(real);
        const plan = edited.get(real)!;
        const current = await fs.readFile(real);
        if (!current.equals(plan.original)) throw new ChangeRefused(`${change.path} changed while the changes were being applied; nothing was changed`);
        await writeFileAtomic(real, plan.next, { mode: plan.mode });
        undo.unshift(async () => writeFileAtomic(real, plan.original, { mode: plan.mode }));
        touched.push(change.path);
        wrote();
      } else if (change.kind === 'rename') {
        const [from, to] = [await inWorkspace(change.from), await inWorkspace(change.to)];
        await makeParents(path.dirname(to), undo);
        // link() refuses an existing target, so a file appearing meanwhile is never overwritten.
        await fs.link(from, to);
        undo.unshift(async () => fs.unlink(to));
        await fs.unlink(from);
        undo.unshift(async () => fs.link(to, from));
        touched.push(change.to);
        wrote();
      } else {
        const target = await inWorkspace(change.path);
        const restore = await snapshot(target);
        await fs.unlink(target);
        undo.unshift(restore);
        touched.push(change.path);
        wrote();
      }
    }
  } catch (error) {
    const failures: string[] = [];
    for (const step of undo) {
      // One failed undo step must not stop the others.
      await step().catch((undoError: unknown) => failures.push(undoError instanceof Error ? undoError.message : String(undoError)));
    }
    if (failures.length) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}; undoing also failed, the tree may be partly changed: ${failures.join('; ')}`);
    }
    throw error;
  }
  return touched;
}

async function planEdit(rel: string, real: string): Promise<PlannedEdit> {
  const original = await fs.readFile(real).catch(() => {
    throw new ChangeRefused(`${rel} cannot be read; nothing was changed`);
  });
  const mode = (await fs.stat(real)).mode & 0o7777;
  return { real, original, next: original.toString('utf8'), mode, editsByAlias: new Map() };
}

function applyOrRefuse(rel: string, text: string, edits: readonly TextEdit[]): string {
  try {
    return applyTextEdits(text, edits);
  } catch (error) {
    throw new ChangeRefused(`${rel}: ${error instanceof Error ? error.message : String(error)}; nothing was changed`);
  }
}

/** What it takes to put a file (or symbolic link) back after it was removed. */
async function snapshot(target: string): Promise<Undo> {
  const stat = await fs.lstat(target);
  if (stat.isSymbolicLink()) {
    const link = await fs.readlink(target);
    return async () => fs.symlink(link, target);
  }
  const content = await fs.readFile(target);
  const mode = stat.mode & 0o7777;
  return async () => writeFileAtomic(target, content, { mode, exclusive: true });
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

/** Creates missing parent folders, registering the removal of each one as soon as it exists. */
async function makeParents(dir: string, undo: Undo[]): Promise<void> {
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
  for (const folder of missing) {
    await fs.mkdir(folder);
    // Runs after the files created inside it are removed (undo steps run in reverse order).
    undo.unshift(async () => fs.rmdir(folder));
  }
}
