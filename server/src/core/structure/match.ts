import type { DocumentModel, TextRun } from '../document';
import { canonicalName, sameSection } from './names';
import { outlineOf, type Occurrence, type Outline } from './outline';
import type { RequiredSection } from './requirements';

export interface MatchedSection {
  requirement: RequiredSection;
  occurrence: Occurrence;
  children: MatchedSection[];
}

export interface MissingSection {
  requirement: RequiredSection;
  parent: RequiredSection | null;
  /** The parent's heading, for subsections whose parent is present. */
  parentOccurrence: Occurrence | null;
  /** The requirement's siblings (its own list) and the matched ones among them, to place an insertion. */
  siblings: readonly RequiredSection[];
  matchedSiblings: MatchedSection[];
}

export interface MisplacedSection {
  requirement: RequiredSection;
  parent: RequiredSection;
  occurrence: Occurrence;
  parentOccurrence: Occurrence;
}

export interface MatchResult {
  outline: Outline;
  matched: MatchedSection[];
  missing: MissingSection[];
  misplaced: MisplacedSection[];
}

interface Scope {
  parent: Occurrence | null;
}

const cache = new WeakMap<DocumentModel, WeakMap<readonly RequiredSection[], MatchResult>>();

/**
 * Compares a document with a requirement tree, as a reviewer would read it.
 * Cached per (document model, requirement list), so the rules that share a
 * requirement match it once.
 */
export function matchRequirement(doc: DocumentModel, sections: readonly RequiredSection[]): MatchResult {
  let byRequirement = cache.get(doc);
  if (!byRequirement) {
    byRequirement = new WeakMap();
    cache.set(doc, byRequirement);
  }
  let result = byRequirement.get(sections);
  if (!result) {
    result = computeMatch(doc, sections);
    byRequirement.set(sections, result);
  }
  return result;
}

function computeMatch(doc: DocumentModel, sections: readonly RequiredSection[]): MatchResult {
  const outline = outlineOf(doc);
  const result: MatchResult = { outline, matched: [], missing: [], misplaced: [] };
  result.matched = matchList(doc, outline, sections, null, { parent: null }, result);
  return result;
}

function inScope(outline: Outline, occurrence: Occurrence, scope: Scope): boolean {
  if (occurrence.heading && occurrence.heading === outline.title) return false;
  const parent = scope.parent;
  if (!parent) return true;
  return occurrence.line > parent.line && occurrence.line < parent.end && occurrence.depth > parent.depth;
}

function candidates(outline: Outline, requirement: RequiredSection, scope: Scope): Occurrence[] {
  const found = outline.occurrences.filter(
    (o) =>
      (o.form === 'heading' || (requirement.metadata && (o.form === 'field' || (o.form === 'frontmatter' && !scope.parent)))) &&
      sameSection(o.name, requirement.name) &&
      inScope(outline, o, scope),
  );
  return found.sort((a, b) => formRank(a) - formRank(b) || a.depth - b.depth || a.line - b.line);
}

const formRank = (o: Occurrence) => (o.form === 'heading' ? 0 : o.form === 'field' ? 1 : 2);

/** Prose between the title and the first section reads as an overview. */
function introOccurrence(doc: DocumentModel, outline: Outline): Occurrence | null {
  const title = outline.title;
  if (!title) return null;
  const firstSection = outline.occurrences.find((o) => o.form === 'heading' && o.line > title.range.start.line);
  const end = firstSection ? firstSection.line : outline.lineCount;
  const lineOf = (run: TextRun) => doc.lines.positionAt(run.offset).line;
  const prose = doc.textRuns.find((run) => lineOf(run) > title.range.start.line && lineOf(run) < end && run.value.trim().length > 20);
  if (!prose) return null;
  const range = doc.lines.range(prose.offset, prose.offset + prose.value.length);
  if (doc.listItems.some((item) => item.range.start.line === range.start.line)) return null;
  return { name: 'Overview', form: 'field', depth: Infinity, line: range.start.line, range, end: range.start.line + 1 };
}

function matchList(
  doc: DocumentModel,
  outline: Outline,
  requirements: readonly RequiredSection[],
  parent: RequiredSection | null,
  scope: Scope,
  result: MatchResult,
): MatchedSection[] {
  const matched: MatchedSection[] = [];
  const missing: RequiredSection[] = [];
  for (const requirement of requirements) {
    let occurrence: Occurrence | null | undefined;
    if (requirement.title) {
      const title = outline.title;
      occurrence = title ? { name: title.text, form: 'heading', depth: 1, line: title.range.start.line, range: title.range, end: outline.lineCount, heading: title } : null;
    } else {
      occurrence = candidates(outline, requirement, scope)[0];
      if (!occurrence && !parent && canonicalName(requirement.name) === 'overview') occurrence = introOccurrence(doc, outline);
    }
    if (occurrence) {
      const children =
        occurrence.form === 'heading' && !requirement.title
          ? matchList(doc, outline, requirement.children, requirement, { parent: occurrence }, result)
          : [];
      matched.push({ requirement, occurrence, children });
      continue;
    }
    if (parent && scope.parent) {
      const elsewhere = candidates(outline, requirement, { parent: null })[0];
      if (elsewhere) {
        result.misplaced.push({ requirement, parent, occurrence: elsewhere, parentOccurrence: scope.parent });
        continue;
      }
    }
    missing.push(requirement);
  }
  for (const requirement of missing) {
    result.missing.push({ requirement, parent, parentOccurrence: scope.parent, siblings: requirements, matchedSiblings: matched });
  }
  return matched;
}

/**
 * The matched sections that break the required order: everything outside one
 * longest run that follows it. Only headings count (fields sit in a metadata block).
 */
export function outOfOrder(
  matched: readonly MatchedSection[],
  requirements: readonly RequiredSection[],
): { section: MatchedSection; after: MatchedSection | null; before: MatchedSection | null }[] {
  const headings = matched.filter((m) => m.occurrence.form === 'heading' && !m.requirement.title).sort((a, b) => a.occurrence.line - b.occurrence.line);
  const order = headings.map((m) => requirements.indexOf(m.requirement));
  const best: number[] = [];
  const previous: number[] = [];
  order.forEach((value, i) => {
    best[i] = 1;
    previous[i] = -1;
    for (let j = 0; j < i; j++) {
      if (order[j] < value && best[j] + 1 > best[i]) {
        best[i] = best[j] + 1;
        previous[i] = j;
      }
    }
  });
  const keep = new Set<number>();
  let end = best.length ? best.indexOf(Math.max(...best)) : -1;
  for (; end !== -1; end = previous[end]) keep.add(end);
  const kept = headings.filter((_, i) => keep.has(i));
  const result: { section: MatchedSection; after: MatchedSection | null; before: MatchedSection | null }[] = [];
  headings.forEach((section, i) => {
    if (keep.has(i)) return;
    const index = order[i];
    const after = [...kept].reverse().find((k) => requirements.indexOf(k.requirement) < index) ?? null;
    const before = kept.find((k) => requirements.indexOf(k.requirement) > index) ?? null;
    result.push({ section, after, before });
  });
  for (const m of matched) result.push(...outOfOrder(m.children, m.requirement.children));
  return result;
}
