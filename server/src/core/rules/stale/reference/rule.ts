import { isArchivedPath } from '../../../config/archive';
import type { DocKind } from '../../../config/types';
import { code } from '../../../messages';
import { insideAny, metadataSpans, sectionsOf, spanOf, type Span } from '../../../regions';
import type { Rule, RuleContext } from '../../../rule';
import type { Fix } from '../../../types';
import { matchesAny } from '../../../config/resolved';
import { announcesRetirement, contrastsWithReplacement } from './contrast';
import { termOccurrences } from './scan';
import { isMappingTable, mappingTablesTopic, originsText, PRESETS, staleTermsFor, type StaleTerm } from './terms';

const NO_TABLES: ReadonlyMap<string, never[]> = new Map();
const DEPRECATED: ['deprecated'] = ['deprecated'];

/** Where a document discusses the old world on purpose, or declares the mappings themselves. */
function quietSpans(ctx: RuleContext): Span[] {
  const spans = metadataSpans(ctx.doc);
  spans.push(...ctx.doc.tables.filter(isMappingTable).map((t) => spanOf(ctx.doc, t.range)));
  if (ctx.options.codeBlocks === false) spans.push(...ctx.doc.codeBlocks.map((b) => spanOf(ctx.doc, b.range)));
  if (ctx.info.kind === 'adr') {
    const quoted = ((ctx.options.adrHistorySections as string[]) ?? []).map((s) => s.toLowerCase());
    for (const section of sectionsOf(ctx.doc)) {
      const title = section.heading.text.toLowerCase();
      if (quoted.some((q) => title === q || title.startsWith(`${q} `))) spans.push(section);
    }
  }
  return spans;
}

/**
 * A removed entry (no replacement, no advice) is reported at every mention,
 * announcements of its removal included: listing them all is what such an
 * entry is configured for.
 */
function hasSuccessor(term: StaleTerm): boolean {
  return term.replacements.length > 0 || term.advice.length > 0;
}

function describe(ctx: RuleContext, term: StaleTerm, found: string): string {
  const what = term.regex ? `${code(found)} (matches ${code(term.term)})` : code(found);
  const origin = `mapping from ${originsText(ctx.ws, term.origins)}`;
  const notes = term.notes.length ? ` ${term.notes.join(' ')}` : '';
  if (term.replacements.length === 1) return `${what} is retired; use ${code(term.replacements[0])} instead (${origin}).${notes}`;
  if (term.replacements.length > 1) {
    return `${what} is retired; its mappings disagree: ${term.replacements.map(code).join(' or ')} (${origin}).${notes}`;
  }
  if (term.advice.length) return `${what} is retired; instead: ${term.advice.join('; ')} (${origin}).${notes}`;
  return `${what} was removed and has no replacement (${origin}).${notes}`;
}

/**
 * The fixes of every hit of one term in a document. They share the "replace
 * all" fix: a document naming a term n times would otherwise hold n copies of
 * its n edits.
 */
function fixesForHits(ctx: RuleContext, term: StaleTerm, hits: Span[]): (hit: Span) => Fix[] {
  if (term.regex || term.replacements.length !== 1 || term.advice.length) return () => [];
  const replacement = term.replacements[0];
  const edit = (span: Span) => ({ range: ctx.doc.lines.range(span.from, span.to), newText: replacement });
  const replaceAll: Fix | undefined =
    hits.length > 1
      ? {
          title: `Replace all ${hits.length} occurrences of ${term.term} in this file with ${replacement}`,
          safe: false,
          changes: [{ kind: 'edit', path: ctx.doc.path, edits: hits.map(edit) }],
        }
      : undefined;
  return (hit) => [
    // Not safe: the sentence may name the old API on purpose ("is replaced by"), which a blind swap turns into nonsense.
    { title: `Replace with ${replacement}`, safe: false, changes: [{ kind: 'edit', path: ctx.doc.path, edits: [edit(hit)] }] },
    ...(replaceAll ? [replaceAll] : []),
  ];
}

export const staleReference: Rule = {
  id: 'stale/reference',
  description: 'Living documents must not refer to what a migration retired (built-in presets, mapping tables in the docs, `staleReferences` in the config).',
  defaultSeverity: 'warning',
  optionsSchema: {
    presets: {
      type: 'array',
      items: { enum: Object.keys(PRESETS) },
      description: 'Built-in term lists to use; `[]` turns them off.',
    },
    tables: { type: 'boolean', description: 'Read `Old | New`, `Old Link | New Link` and `Deprecated | Replacement` tables in the docs as mappings.' },
    kinds: {
      type: 'array',
      items: { enum: ['adr', 'concept', 'runbook', 'task', 'guide', 'archived', 'other'] },
      description: 'Document kinds that are checked (living documents).',
    },
    adrHistorySections: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'ADR sections that describe the old world on purpose; a heading matches by its first words.',
    },
    codeBlocks: { type: 'boolean', description: 'Also check code blocks.' },
    planningDocs: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Globs of task and planning documents, which discuss the migration on purpose (whatever their kind).',
    },
    contrast: {
      type: 'boolean',
      description: 'Stay silent where the same table row, list item or paragraph also names the replacement, or says the term was replaced, removed or deprecated (mentioned on purpose; entries without a successor are reported at every mention).',
    },
  },
  defaultOptions: {
    presets: ['streamlit-to-nicegui'],
    tables: true,
    kinds: ['concept', 'runbook', 'guide', 'adr', 'other'],
    adrHistorySections: ['Context', 'Alternatives', 'Consequences'],
    codeBlocks: true,
    planningDocs: ['**/TASKS/**', '**/tasks/**', '**/*PLANNING*', '**/*Planning*', '**/*planning*'],
    contrast: true,
  },
  check(ctx) {
    if (!((ctx.options.kinds as DocKind[]) ?? []).includes(ctx.info.kind) || isArchivedPath(ctx.ws.config, ctx.doc.path)) return;
    if (matchesAny((ctx.options.planningDocs as string[]) ?? [], ctx.doc.path)) return;
    const tables = ctx.options.tables === false ? NO_TABLES : ctx.ws.topic(mappingTablesTopic);
    const terms = staleTermsFor(ctx.ws.config, tables, {
      presets: (ctx.options.presets as string[]) ?? [],
      tables: ctx.options.tables !== false,
    });
    if (terms.length === 0) return;
    const quiet = quietSpans(ctx);
    const text = ctx.doc.text;
    const occurrences = termOccurrences(text, terms);
    for (const [index, term] of terms.entries()) {
      const hits = occurrences[index].filter(
        (s) =>
          !insideAny(quiet, s.from, s.to) &&
          !(term.replacements.length === 1 && text.slice(s.from, s.to) === term.replacements[0]) &&
          !(ctx.options.contrast !== false && (term.replacements.some((r) => contrastsWithReplacement(ctx.doc, s, r)) || (hasSuccessor(term) && announcesRetirement(ctx.doc, s)))),
      );
      const fixesFor = fixesForHits(ctx, term, hits);
      // One message per spelling found, shared by its hits.
      const messages = new Map<string, string>();
      for (const hit of hits) {
        const found = text.slice(hit.from, hit.to);
        let message = messages.get(found);
        if (message === undefined) messages.set(found, (message = describe(ctx, term, found)));
        ctx.report({ range: ctx.doc.lines.range(hit.from, hit.to), message, fixes: fixesFor(hit), tags: DEPRECATED });
      }
    }
  },
};
