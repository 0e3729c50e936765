import type { DocumentModel } from '../../../document';
import { code } from '../../../messages';
import { relativeLink, resolveLinkPath } from '../../../paths';
import type { Rule, RuleContext } from '../../../rule';
import { sameSection } from '../../../structure/names';
import { fieldValue, outlineOf } from '../../../structure/outline';
import { taskIdFromFileName, taskIdsTopic } from '../../../structure/topics';
import type { Fix, Range } from '../../../types';

const SAME_STATE: string[][] = [['DONE', 'COMPLETE', 'COMPLETED', 'FINISHED'], ['IN_PROGRESS', 'ACTIVE', 'STARTED', 'WIP'], ['PLANNING', 'PLANNED', 'NOT_STARTED', 'TODO']];

export function normalizeState(value: string): string {
  const words = value.replace(/\([^)]*\)/g, ' ').toUpperCase().match(/[A-Z]+/g) ?? [];
  const joined = words.join('_');
  return SAME_STATE.find((group) => group.includes(joined))?.[0] ?? joined;
}

/** Where `entry` is written inside front matter key `key` (flow `[a, b]` or block `- a` style). */
function frontMatterEntryRange(doc: DocumentModel, key: string, entry: string): Range | null {
  const fm = doc.frontMatter;
  if (!fm) return null;
  let inKey = false;
  for (let line = fm.range.start.line; line <= fm.range.end.line; line++) {
    const text = doc.lines.lineText(line);
    if (text.startsWith(`${key}:`)) inKey = true;
    else if (inKey && /^\S/.test(text)) inKey = false;
    if (!inKey) continue;
    const escaped = entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const match = new RegExp(`(?<![\\w./-])${escaped}(?![\\w./-])`).exec(text);
    if (match) return { start: { line, character: match.index }, end: { line, character: match.index + entry.length } };
  }
  return null;
}

function listOf(value: unknown): string[] {
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
  return Array.isArray(value) ? value.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map(String) : [];
}

function checkState(ctx: RuleContext) {
  const state = ctx.doc.frontMatter?.data?.state;
  if (typeof state !== 'string' || !state.trim()) return;
  const stateRange = frontMatterEntryRange(ctx.doc, 'state', state);
  for (const occurrence of outlineOf(ctx.doc).occurrences) {
    if (occurrence.form !== 'field' || !sameSection(occurrence.name, 'Status')) continue;
    const value = fieldValue(ctx.doc, occurrence);
    if (!value.text || normalizeState(value.text) === normalizeState(state)) continue;
    const fixes: Fix[] = [{ title: `Change the status to ${state}`, safe: false, changes: [{ kind: 'edit', path: ctx.doc.path, edits: [{ range: value.range, newText: state }] }] }];
    const bodyWord = /^[A-Za-z_ -]+?(?=\s*(?:\(|$))/.exec(value.text)?.[0].trim();
    if (stateRange && bodyWord) {
      fixes.push({ title: `Change front matter state to ${bodyWord}`, safe: false, changes: [{ kind: 'edit', path: ctx.doc.path, edits: [{ range: stateRange, newText: bodyWord }] }] });
    }
    ctx.report({
      range: value.range,
      message: `Status ${code(value.text)} disagrees with the front matter ${code(`state: ${state}`)}.`,
      fixes,
      related: stateRange ? [{ path: ctx.doc.path, range: stateRange, message: 'The front matter state.' }] : undefined,
    });
  }
}

function checkReferences(ctx: RuleContext) {
  const data = ctx.doc.frontMatter?.data;
  if (!data) return;
  const fmRange = ctx.doc.frontMatter!.range;
  const ids = () => ctx.ws.topic(taskIdsTopic);
  for (const key of ['dependencies', 'related_docs']) {
    for (const entry of listOf(data[key])) {
      const range = frontMatterEntryRange(ctx.doc, key, entry) ?? { start: fmRange.start, end: fmRange.start };
      const isFile = /\.md$/i.test(entry);
      if (!isFile) {
        if (ids()[entry]) continue;
        ctx.report({ range, message: `Dependency ${code(entry)} names no task doc: no document has ${code(`id: ${entry}`)}.` });
        continue;
      }
      const resolved = resolveLinkPath(ctx.doc.path, entry);
      if (resolved && ctx.ws.fileExists(resolved)) continue;
      if (!entry.includes('/') && ctx.ws.filesNamed(entry).length > 0) continue;
      const id = taskIdFromFileName(entry);
      const moved = id ? (ids()[id] ?? []).filter((p) => p !== ctx.doc.path) : [];
      if (moved.length === 1) {
        const replacement = relativeLink(ctx.doc.path, moved[0]);
        ctx.report({
          range,
          message: `${code(entry)} cannot be found; task ${id} is now ${code(moved[0])}.`,
          fixes: [{ title: `Refer to ${replacement}`, safe: true, changes: [{ kind: 'edit', path: ctx.doc.path, edits: [{ range, newText: replacement }] }] }],
          related: [{ path: moved[0], range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: `Task ${id}.` }],
        });
      } else {
        ctx.report({ range, message: `${code(entry)} cannot be found${moved.length > 1 ? `; task ${id} is in ${moved.length} documents` : ''}.` });
      }
    }
  }
}

export const taskConsistency: Rule = {
  id: 'task/consistency',
  description: 'A task doc’s front matter agrees with its body, and its dependencies and related docs can be found.',
  defaultSeverity: 'warning',
  check(ctx) {
    if (ctx.info.kind !== 'task') return;
    checkState(ctx);
    checkReferences(ctx);
  },
};
