import { archiveSettings } from '../../../config/archive';
import { globMatcher } from '../../../config/resolved';
import { code } from '../../../messages';
import { resolveLinkPath } from '../../../paths';
import type { Rule, RuleContext } from '../../../rule';
import { noticeInsertOffset, renderDeprecationNotice } from '../../../skeletons/deprecationNotice';
import type { Fix, Range } from '../../../types';
import { linksBroken, parseDestination, isExternal } from '../../links/broken/rule';
import { inferReplacement, isArchived, isGlob, markdownPointer } from '../inventory';
import { parseNotice, type NoticeField } from '../notice';
import { isTaskRecord } from '../taskRecord';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** The notice this document should get, with what can be inferred filled in. */
export function noticeFor(ctx: RuleContext, reason: string | null): { text: string; replacementKnown: boolean } {
  const settings = archiveSettings(ctx.ws.config);
  const replacement = inferReplacement(ctx.doc.path, reason, ctx.ws);
  const text = renderDeprecationNotice({
    subject: settings.subject,
    archivedDate: ctx.today(),
    reason: reason ?? settings.reason,
    replacement: replacement ? markdownPointer(ctx.doc.path, replacement) : '`TODO: link the replacement`',
    rollback: settings.rollback ? markdownPointer(ctx.doc.path, settings.rollback) : null,
  });
  return { text, replacementKnown: replacement !== null };
}

function insertNoticeFix(ctx: RuleContext): Fix {
  const { text, replacementKnown } = noticeFor(ctx, null);
  const at = ctx.doc.lines.positionAt(noticeInsertOffset(ctx.doc.text));
  return {
    title: replacementKnown ? 'Insert the deprecation notice' : 'Insert the deprecation notice (fill in the replacement)',
    safe: false,
    changes: [{ kind: 'edit', path: ctx.doc.path, edits: [{ range: { start: at, end: at }, newText: text }] }],
  };
}

function fieldRange(ctx: RuleContext, field: NoticeField): Range {
  const end = ctx.doc.lines.lineContentEnd(field.line);
  return ctx.doc.lines.range(field.value ? field.valueFrom : ctx.doc.lines.lineStart(field.line), end);
}

function insertLineFix(ctx: RuleContext, afterLine: number, line: string, title: string): Fix {
  const at = ctx.doc.lines.positionAt(ctx.doc.lines.lineContentEnd(afterLine));
  return { title, safe: false, changes: [{ kind: 'edit', path: ctx.doc.path, edits: [{ range: { start: at, end: at }, newText: `\n${line}` }] }] };
}

/**
 * Paths the `Replacement:` line points at: its links and path-like code spans.
 * A broken link is `links/broken`'s to report (with its fixes), so links are
 * only checked here when that rule is off for the document.
 */
function replacementTargets(ctx: RuleContext, line: number): { written: string; resolved: string | null; glob: boolean; link: boolean }[] {
  const onLine = (range: Range) => range.start.line === line;
  const targets = ctx.doc.links
    .filter((l) => onLine(l.range) && l.url && !isExternal(l.url))
    .map((l) => {
      const { path } = parseDestination(l.url);
      return { written: path, resolved: path === '' ? ctx.doc.path : resolveLinkPath(ctx.doc.path, path), glob: false, link: true };
    });
  for (const span of ctx.doc.inlineCode.filter((c) => onLine(c.range))) {
    const value = span.value.trim();
    if (!/[/.]/.test(value) || /\s/.test(value)) continue;
    const relative = value.startsWith('./') || value.startsWith('../');
    targets.push({ written: value, resolved: relative ? resolveLinkPath(ctx.doc.path, value) : resolveLinkPath('', value.replace(/^\/+/, '')), glob: isGlob(value), link: false });
  }
  return targets;
}

function exists(ctx: RuleContext, target: { resolved: string | null; glob: boolean }): boolean {
  if (target.resolved === null) return false;
  if (target.glob) {
    const matches = globMatcher(target.resolved);
    return ctx.ws.documentPaths().some((p) => matches(p));
  }
  return ctx.ws.fileExists(target.resolved) || ctx.ws.fileExists(`${target.resolved}.md`) || ctx.ws.directoryExists(target.resolved);
}

export const archiveDeprecationNotice: Rule = {
  id: 'archive/deprecation-notice',
  description: 'Every archived document starts with the deprecation notice: DEPRECATED line, archive date, reason, replacement and rollback pointer.',
  defaultSeverity: 'warning',
  check(ctx) {
    if (!isArchived(ctx.doc.path, ctx.ws) || isTaskRecord(ctx.doc)) return;
    const notice = parseNotice(ctx.doc);
    const top = ctx.doc.lines.positionAt(noticeInsertOffset(ctx.doc.text));
    if (!notice) {
      ctx.report({
        range: ctx.doc.lines.lineRange(top.line),
        message: `Archived document has no deprecation notice; it should start with a ${code('**DEPRECATED:**')} line, ${code('**Archived:**')} date, ${code('**Reason:**')}, ${code('**Replacement:**')} and a rollback pointer.`,
        fixes: [insertNoticeFix(ctx)],
      });
      return;
    }
    const banner = notice.banner!;
    const bannerRange = ctx.doc.lines.lineRange(banner.line);
    const today = ctx.today();
    let lastLine = banner.line;
    if (!notice.archived) {
      ctx.report({
        range: bannerRange,
        message: `The deprecation notice has no ${code('**Archived:** YYYY-MM-DD')} line.`,
        fixes: [insertLineFix(ctx, banner.line, `\n**Archived:** ${today}`, `Add "Archived: ${today}"`)],
      });
    } else {
      lastLine = notice.archived.line;
      const date = notice.archived.value;
      if (!isRealDate(date)) {
        ctx.report({ range: fieldRange(ctx, notice.archived), message: `Archive date ${code(date || '(empty)')} is not an ISO date (${code('YYYY-MM-DD')}).` });
      } else if (date > today) {
        ctx.report({ range: fieldRange(ctx, notice.archived), message: `Archive date ${code(date)} is in the future (today is ${code(today)}).` });
      }
    }
    if (!notice.reason || notice.reason.value === '') {
      const reason = archiveSettings(ctx.ws.config).reason;
      ctx.report({
        range: notice.reason ? fieldRange(ctx, notice.reason) : bannerRange,
        message: `The deprecation notice has no ${code('**Reason:**')}; say why the document was archived.`,
        fixes: notice.reason ? [] : [insertLineFix(ctx, lastLine, `**Reason:** ${reason}`, `Add "Reason: ${reason}"`)],
      });
    } else lastLine = notice.reason.line;
    if (!notice.replacement) {
      const replacement = inferReplacement(ctx.doc.path, notice.reason?.value ?? null, ctx.ws);
      const line = `**Replacement:** See ${replacement ? markdownPointer(ctx.doc.path, replacement) : '`TODO`'} for current documentation`;
      ctx.report({
        range: bannerRange,
        message: `The deprecation notice has no ${code('**Replacement:**')} pointing readers to the current document.`,
        fixes: replacement ? [insertLineFix(ctx, lastLine, line, `Add "Replacement: ${replacement}"`)] : [],
      });
    } else {
      const targets = replacementTargets(ctx, notice.replacement.line);
      if (targets.length === 0) {
        ctx.report({ range: fieldRange(ctx, notice.replacement), message: `${code('**Replacement:**')} names no link or path to the current document.` });
      }
      const linksChecked = ctx.ws.config.ruleSetting(linksBroken, ctx.doc.path).severity !== 'off';
      for (const target of targets.filter((t) => !(t.link && linksChecked) && !exists(ctx, t))) {
        ctx.report({
          range: fieldRange(ctx, notice.replacement),
          message: `${code('**Replacement:**')} points to ${code(target.written)}, which ${target.glob ? 'matches no document' : 'does not exist'}.`,
        });
      }
    }
    if (!notice.rollback) {
      const rollback = archiveSettings(ctx.ws.config).rollback;
      ctx.report({
        range: bannerRange,
        message: `The deprecation notice has no rollback pointer (${code('For rollback procedures, see ...')}).`,
        fixes: rollback
          ? [insertLineFix(ctx, notice.lastLine > banner.line ? notice.replacement?.line ?? lastLine : lastLine, `\nFor rollback procedures, see ${markdownPointer(ctx.doc.path, rollback)}`, 'Add the rollback pointer')]
          : [],
      });
    }
  },
};
