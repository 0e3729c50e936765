import { archiveSettings, type ArchiveSettings } from '../config/archive';
import { globMatcher } from '../config/resolved';
import type { DocumentModel } from '../document';
import type { Engine } from '../engine';
import { applyTextEdits } from '../fixes';
import { parseDocument } from '../parse';
import { dirname, encodeLinkPath, posixBasename, resolveLinkPath } from '../paths';
import { isGlob, markdownPointer } from '../rules/archive/inventory';
import { parseNotice } from '../rules/archive/notice';
import { noticeInsertOffset, renderDeprecationNotice } from '../skeletons/deprecationNotice';
import type { Change, Range, TextEdit } from '../types';
import { inventoryRowFor, placedInventoryRows, type PlacedInventoryRow } from './inventory';
import { matchTarget, pathLinks, rewriteDestination } from './links';
import { findMentions } from './mentions';
import { suggestReplacements } from './suggest';

export { suggestReplacements };

export interface ArchiveRequest {
  /** Workspace-relative documents to archive. */
  paths: string[];
  /** Workspace-relative replacement document chosen by the user. */
  replacement?: string | null;
  /** Rewrite inbound links to the replacement instead of the new path. */
  redirectInbound?: boolean;
  /** YYYY-MM-DD */
  today: string;
}

export interface RewrittenLink {
  /** The file the link is written in, as it is now (before the move). */
  path: string;
  /** The destination's range in that file, as it is now. */
  range: Range;
  from: string;
  to: string;
}

export interface ArchivePlan {
  moves: { from: string; to: string }[];
  /** Ordered: create new files first, rewrite links, delete the old files last. */
  changes: Change[];
  /** Plain-text mentions of an archived path that were not rewritten. */
  unsafeMentions: { path: string; range: Range; text: string }[];
  /** Every link destination the plan rewrites, in the archived documents and elsewhere. */
  rewrittenLinks: RewrittenLink[];
  /** Things the user should know that do not stop the plan. */
  notes: string[];
}

export type ArchivePlanResult = { ok: true; plan: ArchivePlan } | { ok: false; error: string };

interface Source {
  path: string;
  target: string;
  model: DocumentModel;
}

class Refusal extends Error {}

const GENERIC_NAMES = /^(readme|index|claude|agents)\.md$/i;

/**
 * Plans moving documents into the archive: the target of each, the archived
 * text (deprecation notice + original, with its relative links re-aimed from
 * the new place), every inbound link re-aimed, and the plain mentions left
 * for the user. Pure: reads only the engine and `readText` (for Markdown the
 * engine does not hold). Refuses, with a reason, whatever cannot be done safely.
 */
export function planArchive(engine: Engine, request: ArchiveRequest, readText: (path: string) => string | undefined): ArchivePlanResult {
  try {
    return { ok: true, plan: buildPlan(engine, request, readText) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.message };
    throw error;
  }
}

function buildPlan(engine: Engine, request: ArchiveRequest, readText: (path: string) => string | undefined): ArchivePlan {
  const settings = archiveSettings(engine.config);
  const date = /^\d{4}-\d{2}-\d{2}$/.test(request.today) ? new Date(`${request.today}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== request.today) {
    throw new Refusal(`The date \`${request.today}\` is not a real date as YYYY-MM-DD.`);
  }
  if (request.paths.length === 0) throw new Refusal('No document to archive was named.');
  const inventory = engine.documentPaths().sort().flatMap((p) => placedInventoryRows(engine.getDocument(p)!.model));
  const notes: string[] = [];

  const sources: Source[] = [];
  const targets = new Map<string, string>();
  for (const requested of request.paths) {
    const path = workspacePath(requested, 'The document');
    if (targets.has(path)) continue;
    const target = targetFor(path, inventory, settings);
    const model = sourceModel(engine, path, readText);
    if (!model) {
      if (engine.hasFile(target)) throw new Refusal(`\`${path}\` does not exist; it was already archived to \`${target}\`.`);
      throw new Refusal(`\`${path}\` does not exist or cannot be read as text.`);
    }
    refuseIfArchived(engine, model, settings);
    if (engine.hasFile(target)) throw new Refusal(`The target \`${target}\` already exists; nothing was changed.`);
    if (isFolder(engine, target)) throw new Refusal(`The target \`${target}\` is a folder; nothing was changed.`);
    const clash = [...targets].find(([, other]) => other === target);
    if (clash) throw new Refusal(`\`${clash[0]}\` and \`${path}\` would both be archived to \`${target}\`.`);
    targets.set(path, target);
    sources.push({ path, target, model });
  }

  const { path: replacement, glob: replacementGlob } = replacementFor(engine, request, settings, targets);
  const rollback = settings.rollback;
  if (rollback && !engine.hasFile(rollback)) {
    notes.push(`The rollback runbook \`${rollback}\` named in the config does not exist yet; the notice names it without linking it.`);
  }

  const rewrittenLinks: RewrittenLink[] = [];
  const creates: Change[] = sources.map((source) => {
    const content = archivedText(source, targets, settings, request.today, replacement ?? replacementGlob, rollback, engine, rewrittenLinks);
    return { kind: 'create', path: source.target, content, modeFrom: source.path };
  });

  const redirectTo = request.redirectInbound ? replacement : null;
  if (request.redirectInbound && !replacement) throw new Refusal('Redirecting inbound links needs a replacement document.');
  const { docs: linking, unread } = linkingDocuments(engine, sources, readText);
  if (unread.length) {
    notes.push(`${unread.length === 1 ? 'This Markdown file was' : 'These Markdown files were'} not read, so links in ${unread.length === 1 ? 'it' : 'them'} were not rewritten: ${unread.map((p) => `\`${p}\``).join(', ')}.`);
  }
  const edits: Change[] = [];
  for (const doc of linking) {
    const docEdits = inboundEdits(engine, doc, targets, redirectTo, rewrittenLinks);
    if (docEdits.length) edits.push({ kind: 'edit', path: doc.path, edits: docEdits });
  }

  const unsafeMentions = findMentions({
    docs: linking,
    archived: sources.map((s) => ({ path: s.path, bareNameCounts: !GENERIC_NAMES.test(posixBasename(s.path)) })),
    rewritten: rewrittenLinks,
    inventory: inventory.filter((row) => sources.some((s) => inventoryRowFor([row], s.path))),
  });

  return {
    moves: sources.map((s) => ({ from: s.path, to: s.target })),
    changes: [...creates, ...edits, ...sources.map((s): Change => ({ kind: 'delete', path: s.path }))],
    unsafeMentions,
    rewrittenLinks,
    notes,
  };
}

/** Validates a workspace-relative path: no `..` escape, no absolute path. */
function workspacePath(path: string, what: string): string {
  const cleaned = path.replace(/\\/g, '/').replace(/^\.\//, '');
  const normalized = cleaned.startsWith('/') ? null : resolveLinkPath('', cleaned);
  if (normalized === null || normalized === '') throw new Refusal(`${what} \`${path}\` is outside the workspace.`);
  return normalized;
}

function sourceModel(engine: Engine, path: string, readText: (path: string) => string | undefined): DocumentModel | undefined {
  const held = engine.getDocument(path);
  if (held) return held.model;
  const raw = readText(path);
  return raw === undefined ? undefined : parseDocument(path, raw);
}

function refuseIfArchived(engine: Engine, model: DocumentModel, settings: ArchiveSettings): void {
  const inFolder = model.path.startsWith(`${settings.folder}/`) || settings.include.some((glob) => globMatcher(glob)(model.path));
  const kind = engine.getDocument(model.path)?.info.kind;
  const hasNotice = parseNotice(model) !== null;
  if (inFolder || kind === 'archived' || hasNotice) {
    const why = inFolder ? `it is in the archive folder \`${settings.folder}\`` : hasNotice ? 'it already starts with a deprecation notice' : 'its kind is `archived`';
    throw new Refusal(`\`${model.path}\` is already archived (${why}); nothing was changed.`);
  }
}

/** The inventory's Archive Path when the document is listed, else the archive folder mirroring its place. */
export function targetFor(path: string, inventory: readonly PlacedInventoryRow[], settings: ArchiveSettings): string {
  const row = inventoryRowFor(inventory, path);
  if (row) {
    if (!row.archive) {
      throw new Refusal(`The inventory in \`${row.doc}\` keeps \`${path}\` in place (no archive path); nothing was changed.`);
    }
    const isFolderTarget = row.archive.endsWith('/') || (row.current !== path && !/\.[a-z0-9]+$/i.test(posixBasename(row.archive)));
    const target = isFolderTarget ? `${row.archive.replace(/\/+$/, '')}/${posixBasename(path)}` : row.archive;
    return workspacePath(target, `The archive path in \`${row.doc}\``);
  }
  const docsRoot = settings.folder.split('/')[0];
  const inDocs = path.startsWith(`${docsRoot}/`) ? path.slice(docsRoot.length + 1) : path;
  const folder = dirname(inDocs).toLowerCase();
  return workspacePath(`${settings.folder}/${folder ? `${folder}/` : ''}${posixBasename(path)}`, 'The archive target');
}

function isFolder(engine: Engine, path: string): boolean {
  const prefix = `${path}/`;
  for (const file of engine.allFiles()) if (file.startsWith(prefix)) return true;
  return false;
}

/** The replacement document; the config's default may instead be a glob (`docs/CONCEPTS/nicegui-*.md`), named but not linked. */
function replacementFor(
  engine: Engine,
  request: ArchiveRequest,
  settings: ArchiveSettings,
  targets: ReadonlyMap<string, string>,
): { path: string | null; glob: string | null } {
  const chosen = request.replacement ?? settings.replacement;
  if (!chosen) return { path: null, glob: null };
  if (!request.replacement && isGlob(chosen)) return { path: null, glob: chosen };
  const path = workspacePath(chosen, 'The replacement');
  if (targets.has(path)) throw new Refusal(`The replacement \`${path}\` is itself being archived.`);
  if (!engine.hasFile(path)) throw new Refusal(`The replacement \`${path}\` does not exist.`);
  return { path, glob: null };
}

function archivedText(
  source: Source,
  targets: ReadonlyMap<string, string>,
  settings: ArchiveSettings,
  today: string,
  replacement: string | null,
  rollback: string | null,
  engine: Engine,
  rewritten: RewrittenLink[],
): string {
  const { model, target } = source;
  if (!replacement) {
    const candidates = suggestReplacements(engine, source.path).slice(0, 3);
    const hint = candidates.length ? `; candidates: ${candidates.map((c) => `\`${c.path}\` (${c.reason})`).join(', ')}` : '';
    throw new Refusal(`Name the replacement document for \`${source.path}\` (the notice points readers to it)${hint}.`);
  }
  const offset = noticeInsertOffset(model.text);
  const notice = renderDeprecationNotice({
    subject: settings.subject,
    archivedDate: today,
    reason: settings.reason,
    replacement: markdownPointer(target, replacement),
    // A runbook still to be written is named as the template does, in a code span: no broken link.
    rollback: rollback ? (engine.hasFile(rollback) ? markdownPointer(target, rollback) : `\`${rollback}\``) : null,
  });
  // Front matter closing the file without a line break must not run into the notice's rule.
  const separator = offset > 0 && model.text[offset - 1] !== '\n' ? '\n' : '';
  const edits: TextEdit[] = [{ range: model.lines.range(offset, offset), newText: separator + notice }];
  for (const own of pathLinks(model)) {
    if (own.resolved === null) {
      throw new Refusal(`The link \`${own.written}\` in \`${source.path}\` (line ${own.urlRange.start.line + 1}) leads outside the workspace; fix it before archiving.`);
    }
    const match = matchTarget(own.resolved, targets, (p) => engine.hasFile(p));
    const pointsAt = match ? stripMd(targets.get(match.old)!, match.omitsMd) : own.resolved;
    const next = rewriteDestination(own.written, own.angle, target, pointsAt);
    if (next === own.written) continue;
    edits.push({ range: own.urlRange, newText: next });
    rewritten.push({ path: source.path, range: own.urlRange, from: own.written, to: next });
  }
  return (model.bom ? '\uFEFF' : '') + applyTextEdits(model.text, edits);
}

function stripMd(path: string, omitsMd: boolean): string {
  return omitsMd ? path.replace(/\.md$/i, '') : path;
}

/**
 * Documents that may link to or mention an archived document: every indexed
 * document, plus Markdown files outside the configured scope whose text
 * names one of them (read through `readText`).
 */
function linkingDocuments(engine: Engine, sources: readonly Source[], readText: (path: string) => string | undefined): { docs: DocumentModel[]; unread: string[] } {
  const archived = new Set(sources.map((s) => s.path));
  const stems = sources.map((s) => posixBasename(s.path).replace(/\.md$/i, ''));
  const names = (text: string) => stems.some((stem) => text.includes(stem) || text.includes(encodeLinkPath(stem)));
  const result: DocumentModel[] = [];
  for (const path of engine.documentPaths().sort()) {
    if (archived.has(path)) continue;
    const model = engine.getDocument(path)!.model;
    if (names(model.text)) result.push(model);
  }
  const skipped = engine.skippedFiles();
  const unread: string[] = [];
  for (const path of [...engine.allFiles()].sort()) {
    if (archived.has(path) || !/\.md$/i.test(path) || engine.getDocument(path)) continue;
    const raw = skipped.has(path) ? undefined : readText(path);
    if (raw === undefined) unread.push(path);
    else if (names(raw)) result.push(parseDocument(path, raw));
  }
  return { docs: result, unread };
}

function inboundEdits(
  engine: Engine,
  doc: DocumentModel,
  targets: ReadonlyMap<string, string>,
  redirectTo: string | null,
  rewritten: RewrittenLink[],
): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const link of pathLinks(doc)) {
    if (link.resolved === null) continue;
    const match = matchTarget(link.resolved, targets, (p) => engine.hasFile(p));
    if (!match) continue;
    let next: string;
    if (redirectTo && redirectTo !== doc.path) {
      const slugs = engine.getDocument(redirectTo)?.outline.headings.map((h) => h.slug) ?? [];
      const cut = link.written.search(/[?#]/);
      const query = cut === -1 ? '' : link.written.slice(cut).split('#')[0];
      const keepsFragment = link.fragment !== null && slugs.includes(link.fragment);
      const suffix = query + (keepsFragment ? link.written.slice(link.written.indexOf('#')) : '');
      next = rewriteDestination(link.written, link.angle, doc.path, redirectTo, suffix);
    } else {
      next = rewriteDestination(link.written, link.angle, doc.path, stripMd(targets.get(match.old)!, match.omitsMd));
    }
    if (next === link.written) continue;
    edits.push({ range: link.urlRange, newText: next });
    rewritten.push({ path: doc.path, range: link.urlRange, from: link.written, to: next });
  }
  return edits;
}
