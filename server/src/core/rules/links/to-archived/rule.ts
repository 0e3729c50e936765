import { globMatcher } from '../../../config/resolved';
import type { DocKind } from '../../../config/types';
import { code } from '../../../messages';
import { relativeLink, resolveLinkPath } from '../../../paths';
import type { Rule, RuleContext } from '../../../rule';
import type { Fix } from '../../../types';
import { inferReplacement, isArchived, isGlob } from '../../archive/inventory';
import { parseNotice } from '../../archive/notice';
import { isTaskRecord } from '../../archive/taskRecord';
import { destinationOf, isExternal, parseDestination } from '../broken/rule';

/**
 * What the archived document names as its replacement: its notice first, then
 * what the inventory implies. Only a replacement that exists is named: sending
 * readers to a missing page is worse than naming none.
 */
function replacementOf(ctx: RuleContext, archived: string): string | null {
  const target = ctx.ws.getDocument(archived);
  const notice = target && parseNotice(target.model);
  if (target && notice?.replacement) {
    const link = target.model.links.find((l) => l.range.start.line === notice.replacement!.line && l.url && !isExternal(l.url));
    const resolved = link ? resolveLinkPath(archived, parseDestination(link.url).path) : null;
    if (resolved && ctx.ws.fileExists(resolved)) return resolved;
    const span = target.model.inlineCode.find((c) => c.range.start.line === notice.replacement!.line && /[/.]/.test(c.value));
    const named = span?.value.trim().replace(/^\/+/, '');
    if (named && (isGlob(named) ? ctx.ws.documentPaths().some(globMatcher(named)) : ctx.ws.fileExists(named))) return named;
  }
  // Without a notice nothing says why it was archived: the configured default reason (and the ADR it names) is no evidence.
  return inferReplacement(archived, notice ? (notice.reason?.value ?? null) : '', ctx.ws);
}

export const linksToArchived: Rule = {
  id: 'links/to-archived',
  description: 'Living documents should link to current documents, not into the archive.',
  defaultSeverity: 'warning',
  optionsSchema: {
    kinds: {
      type: 'array',
      items: { enum: ['adr', 'concept', 'runbook', 'task', 'guide', 'archived', 'other'] },
      description: 'Document kinds that are checked (living documents).',
    },
  },
  defaultOptions: { kinds: ['concept', 'runbook', 'guide', 'other'] },
  check(ctx) {
    if (!((ctx.options.kinds as DocKind[]) ?? []).includes(ctx.info.kind) || isArchived(ctx.doc.path, ctx.ws)) return;
    for (const link of ctx.doc.links) {
      if (link.kind === 'reference' || link.kind === 'imageReference' || link.kind === 'autolink') continue;
      const destination = destinationOf(ctx.doc.path, link);
      if (!destination) continue;
      const { query, resolved } = destination;
      if (resolved === null || !isArchived(resolved, ctx.ws)) continue;
      const target = ctx.ws.getDocument(resolved);
      if (target && isTaskRecord(target.model)) continue;
      const replacement = replacementOf(ctx, resolved);
      const fixes: Fix[] = [];
      if (replacement && !isGlob(replacement) && link.urlRange) {
        const rel = relativeLink(ctx.doc.path, replacement);
        fixes.push({
          title: `Link to ${rel} instead`,
          safe: false,
          changes: [{ kind: 'edit', path: ctx.doc.path, edits: [{ range: link.urlRange, newText: `${rel}${query}` }] }],
        });
      }
      ctx.report({
        range: link.urlRange ?? link.range,
        message:
          `Link to archived document ${code(resolved)}: it describes deprecated behaviour` +
          (replacement ? `; link its replacement ${code(replacement)} instead.` : '.'),
        tags: ['deprecated'],
        fixes,
      });
    }
  },
};
