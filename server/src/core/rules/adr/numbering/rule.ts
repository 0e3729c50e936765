import { code } from '../../../messages';
import { dirname, posixBasename } from '../../../paths';
import type { Rule, RuleContext, Topic } from '../../../rule';
import { isDecisionRecord } from '../../../structure/adrFiles';
import { isTemplatePath } from '../../../structure/templates';
import type { Range } from '../../../types';

/** How a numbered file name is written: `ADR-` + 4 digits + `-` is shown as `ADR-NNNN-slug.md`. */
export interface NamingConvention {
  prefix: string;
  width: number;
  separator: string;
}

const NUMBERED = /^([A-Za-z]*[-_ ]?)(\d+)([-_. ])/;

export function conventionOf(fileName: string): (NamingConvention & { number: number; digits: string }) | null {
  const match = NUMBERED.exec(fileName);
  if (!match) return null;
  return { prefix: match[1], width: match[2].length, separator: match[3], number: Number(match[2]), digits: match[2] };
}

export function describeConvention(convention: NamingConvention): string {
  return `${convention.prefix}${'N'.repeat(convention.width)}${convention.separator === '.' ? '' : `${convention.separator}slug`}.md`;
}

function follows(fileName: string, convention: NamingConvention): boolean {
  const own = conventionOf(fileName);
  if (!own || own.prefix !== convention.prefix || own.separator !== convention.separator) return false;
  // Numbers that outgrow the padding (ADR-10000 in an ADR-NNNN folder) still follow it.
  return own.width === convention.width || (own.width > convention.width && !own.digits.startsWith('0'));
}

/** The convention most numbered files of a folder follow, when more than half of them (and at least two) do. */
export function majorityConvention(fileNames: readonly string[]): { convention: NamingConvention; count: number } | null {
  const numbered = fileNames.map(conventionOf).filter((c): c is NonNullable<typeof c> => c !== null);
  const counts = new Map<string, { convention: NamingConvention; count: number }>();
  for (const c of numbered) {
    const key = JSON.stringify([c.prefix, c.width, c.separator]);
    const entry = counts.get(key) ?? { convention: { prefix: c.prefix, width: c.width, separator: c.separator }, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  const best = [...counts.values()].sort((a, b) => b.count - a.count)[0];
  if (!best) return null;
  const count = fileNames.filter((name) => follows(name, best.convention)).length;
  return count >= 2 && count * 2 > numbered.length ? { convention: best.convention, count } : null;
}

interface FolderNumbering {
  count: number;
  majority: { convention: NamingConvention; count: number } | null;
  /** ADR number -> file names carrying it. */
  byNumber: Record<number, string[]>;
}

/**
 * Per folder, computed once from the numbered decision records' file names:
 * the majority convention and who carries which number. Checks read their
 * folder's entry instead of comparing every file with every other.
 */
export const adrFoldersTopic: Topic<string, Record<string, FolderNumbering>> = {
  name: 'adr/folders',
  contribute(doc, info, config) {
    if (!isDecisionRecord(doc, info) || isTemplatePath(doc.path, config) || !conventionOf(posixBasename(doc.path))) return undefined;
    return doc.path;
  },
  aggregate(contributions) {
    const names: Record<string, string[]> = {};
    for (const path of contributions.values()) (names[dirname(path)] ??= []).push(posixBasename(path));
    const result: Record<string, FolderNumbering> = {};
    for (const [folder, files] of Object.entries(names)) {
      const byNumber: Record<number, string[]> = {};
      for (const name of files.sort()) (byNumber[conventionOf(name)!.number] ??= []).push(name);
      result[folder] = { count: files.length, majority: majorityConvention(files), byNumber };
    }
    return result;
  },
};

function titleRange(ctx: RuleContext): Range {
  return ctx.doc.headings.find((h) => h.depth === 1)?.range ?? ctx.doc.lines.lineRange(0);
}

export const adrNumbering: Rule = {
  id: 'adr/numbering',
  description: 'ADR numbers are unique within a folder, and file names follow the folder’s majority naming convention.',
  defaultSeverity: 'warning',
  check(ctx) {
    if (!isDecisionRecord(ctx.doc, ctx.info) || isTemplatePath(ctx.doc.path, ctx.ws.config)) return;
    const own = conventionOf(posixBasename(ctx.doc.path));
    if (!own) return;
    const folder = dirname(ctx.doc.path);
    const numbering = ctx.ws.topic(adrFoldersTopic)[folder];
    if (!numbering) return;
    const inFolder = (name: string) => (folder ? `${folder}/${name}` : name);

    const duplicates = (numbering.byNumber[own.number] ?? []).map(inFolder).filter((p) => p !== ctx.doc.path);
    if (duplicates.length) {
      ctx.report({
        range: titleRange(ctx),
        message: `ADR number ${own.number} is also used by ${duplicates.map((p) => code(posixBasename(p))).join(', ')}; each decision needs its own number.`,
        related: duplicates.map((p) => ({ path: p, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: `Also numbered ${own.number}.` })),
      });
    }

    const majority = numbering.majority;
    const name = posixBasename(ctx.doc.path);
    if (majority && !follows(name, majority.convention)) {
      const expected = `${majority.convention.prefix}${String(own.number).padStart(majority.convention.width, '0')}${majority.convention.separator}${name.slice(NUMBERED.exec(name)![0].length)}`;
      ctx.report({
        range: titleRange(ctx),
        message: `File name ${code(name)} breaks this folder's naming convention ${code(describeConvention(majority.convention))} (${majority.count} of ${numbering.count} files follow it); expected ${code(expected)}.`,
        fixes: [{ title: `Rename to ${expected}`, safe: false, changes: [{ kind: 'rename', from: ctx.doc.path, to: folder ? `${folder}/${expected}` : expected }] }],
      });
    }
  },
};
