import { distance } from 'fastest-levenshtein';
import type { DocumentModel } from '../../../document';
import { code } from '../../../messages';
import { posixBasename, resolveLinkPath } from '../../../paths';
import type { Rule, RuleContext } from '../../../rule';
import { adrFileNumber, isDecisionRecord } from '../../../structure/adrFiles';
import { sameSection } from '../../../structure/names';
import { fieldValue, outlineOf, type Occurrence } from '../../../structure/outline';
import { isTemplatePath } from '../../../structure/templates';
import type { Fix, Range } from '../../../types';

export const DEFAULT_STATUSES = ['Proposed', 'Accepted', 'Rejected', 'Deprecated', 'Superseded'];

interface MetadataValue {
  text: string;
  range: Range;
  form: Occurrence['form'];
  /** Lines the value spans, to find the superseding link in. */
  lines: [number, number];
}

/** The value of every Status (or Date) the document states: heading section, bold field or front matter. */
export function metadataValues(doc: DocumentModel, name: string): MetadataValue[] {
  const outline = outlineOf(doc);
  const values: MetadataValue[] = [];
  for (const occurrence of outline.occurrences) {
    if (!sameSection(occurrence.name, name)) continue;
    if (occurrence.form === 'field') {
      const value = fieldValue(doc, occurrence);
      values.push({ ...value, form: 'field', lines: [occurrence.line, occurrence.line] });
    } else if (occurrence.form === 'frontmatter') {
      const raw = doc.frontMatter?.data?.[occurrence.name];
      const text = raw instanceof Date ? raw.toISOString().slice(0, 10) : typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '';
      values.push({ text, range: occurrence.range, form: 'frontmatter', lines: [occurrence.line, occurrence.line] });
    } else if (occurrence.heading && occurrence.heading.depth > 1) {
      let found: MetadataValue | null = null;
      for (let line = occurrence.line + 1; line < occurrence.end && !found; line++) {
        if (outline.codeLines.has(line)) continue;
        const lineText = doc.lines.lineText(line);
        const text = lineText.trim();
        if (!text || text.startsWith('<!--')) continue;
        const start = lineText.indexOf(text);
        found = { text, range: { start: { line, character: start }, end: { line, character: start + text.length } }, form: 'heading', lines: [line, occurrence.end - 1] };
      }
      values.push(found ?? { text: '', range: occurrence.range, form: 'heading', lines: [occurrence.line, occurrence.line] });
    }
  }
  return values;
}

/** The status word, past decorations such as `**`, `✅` or a leading list marker. */
function firstWord(text: string): string {
  return /[A-Za-z][A-Za-z-]*/.exec(text)?.[0] ?? '';
}

function replaceFix(ctx: RuleContext, range: Range, newText: string, title: string, safe: boolean): Fix {
  return { title, safe, changes: [{ kind: 'edit', path: ctx.doc.path, edits: [{ range, newText }] }] };
}

function titleRange(ctx: RuleContext): Range {
  return ctx.doc.headings.find((h) => h.depth === 1)?.range ?? ctx.doc.lines.lineRange(0);
}

function checkStatus(ctx: RuleContext, statuses: string[]) {
  const values = metadataValues(ctx.doc, 'Status');
  if (values.length === 0) {
    ctx.report({
      range: titleRange(ctx),
      message: `ADR has no status; expected a ${code('## Status')} section, a ${code('**Status:**')} field or ${code('status:')} in front matter.`,
    });
    return;
  }
  for (const value of values) {
    const word = firstWord(value.text);
    if (!word) {
      ctx.report({ range: value.range, message: `ADR status is empty; expected one of ${statuses.join(', ')}.` });
      continue;
    }
    const known = statuses.find((s) => s.toLowerCase() === word.toLowerCase());
    if (!known) {
      const near = statuses.filter((s) => distance(s.toLowerCase(), word.toLowerCase()) <= 2);
      const wordStart = value.text.indexOf(word);
      const wordRange: Range = value.form === 'frontmatter' ? value.range : { start: { line: value.range.start.line, character: value.range.start.character + wordStart }, end: { line: value.range.start.line, character: value.range.start.character + wordStart + word.length } };
      ctx.report({
        range: value.range,
        message: `ADR status ${code(word)} is not one of ${statuses.join(', ')}.`,
        fixes: value.form === 'frontmatter' ? [] : near.map((s) => replaceFix(ctx, wordRange, s, `Change the status to ${s}`, false)),
      });
      continue;
    }
    if (known.toLowerCase() === 'superseded') checkSuperseded(ctx, value);
  }
}

function checkSuperseded(ctx: RuleContext, value: MetadataValue) {
  const [from, to] = value.lines;
  const links = ctx.doc.links.filter((l) => l.range.start.line >= from && l.range.start.line <= to && l.kind !== 'autolink');
  const fm = ctx.doc.frontMatter?.data ?? {};
  const declared = ['superseded_by', 'superseded-by', 'supersededBy'].map((k) => fm[k]).find((v) => typeof v === 'string') as string | undefined;
  const targets = [...links.map((l) => ({ url: l.url.split('#')[0], range: l.urlRange ?? l.range })), ...(declared ? [{ url: declared, range: value.range }] : [])];
  if (targets.length === 0) {
    ctx.report({
      range: value.range,
      message: `ADR is ${code('Superseded')} but does not link the ADR that supersedes it; write e.g. ${code('Superseded by [ADR-0042](ADR-0042-new-decision.md)')}.`,
    });
    return;
  }
  for (const target of targets) {
    if (!target.url || /^[a-z][a-z0-9+.-]*:/i.test(target.url)) continue;
    const resolved = resolveLinkPath(ctx.doc.path, decodeURIComponent(target.url));
    if (resolved && (ctx.ws.fileExists(resolved) || ctx.ws.fileExists(`${resolved}.md`))) continue;
    ctx.report({ range: target.range, message: `The superseding ADR ${code(target.url)} does not exist.` });
  }
}

function checkDate(ctx: RuleContext) {
  const values = metadataValues(ctx.doc, 'Date');
  if (values.length === 0) {
    ctx.report({
      range: titleRange(ctx),
      message: `ADR has no date; expected a ${code('## Date')} section, a ${code('**Date:**')} field or ${code('date:')} in front matter, as YYYY-MM-DD.`,
    });
    return;
  }
  const today = ctx.today();
  for (const value of values) {
    const iso = /^\d{4}-\d{2}-\d{2}(?![\d])/.exec(value.text.replace(/^[*_`]+/, ''))?.[0];
    if (!iso || !isCalendarDate(iso)) {
      ctx.report({ range: value.range, message: `ADR date ${code(value.text || '(empty)')} is not an ISO date; expected YYYY-MM-DD.` });
    } else if (iso > today) {
      ctx.report({ range: value.range, message: `ADR date ${code(iso)} is in the future (today is ${today}).` });
    }
  }
}

function isCalendarDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const TITLE_NUMBER = /^(?:ADR[-\s_]?)?(\d+)(?=[:.\s-])/i;

function checkNumber(ctx: RuleContext) {
  const fileNumber = adrFileNumber(ctx.doc.path);
  const heading = ctx.doc.headings.find((h) => h.depth === 1);
  if (fileNumber === null || !heading) return;
  const lineText = ctx.doc.lines.lineText(heading.range.start.line);
  const titleStart = lineText.search(/[^#\s]/);
  const match = TITLE_NUMBER.exec(lineText.slice(titleStart));
  if (!match || Number(match[1]) === fileNumber) return;
  const digitsStart = titleStart + match[0].length - match[1].length;
  const range: Range = { start: { line: heading.range.start.line, character: digitsStart }, end: { line: heading.range.start.line, character: digitsStart + match[1].length } };
  const replacement = String(fileNumber).padStart(match[1].length, '0');
  ctx.report({
    range,
    message: `The title says ADR ${code(match[1])} but the file name ${code(posixBasename(ctx.doc.path))} says ${fileNumber}.`,
    fixes: [replaceFix(ctx, range, replacement, `Change the title number to ${replacement}`, false)],
  });
}

export const adrMetadata: Rule = {
  id: 'adr/metadata',
  description: 'ADRs state a known status (a superseded one links its successor), an ISO date not in the future, and the number their file name carries.',
  defaultSeverity: 'warning',
  optionsSchema: {
    statuses: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, description: 'The statuses an ADR may have.' },
  },
  defaultOptions: { statuses: DEFAULT_STATUSES },
  check(ctx) {
    if (!isDecisionRecord(ctx.doc, ctx.info) || isTemplatePath(ctx.doc.path, ctx.ws.config)) return;
    checkStatus(ctx, ctx.options.statuses as string[]);
    checkDate(ctx);
    checkNumber(ctx);
  },
};
