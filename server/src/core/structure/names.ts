/**
 * Section names compared the way a careful reviewer compares them: case,
 * punctuation, numbering, singular/plural and common synonyms do not matter.
 */

const STOP_WORDS = new Set(['a', 'an', 'and', 'the', 'of', 'for', 'to']);

/** Each group lists normalized names that mean the same section; the first is canonical. */
const SYNONYM_GROUPS: string[][] = [
  ['alternative', 'alternative considered', 'considered alternative', 'option considered', 'considered option', 'other option', 'option'],
  ['reference', 'related document', 'related doc', 'see also', 'further reading', 'related', 'related link'],
  ['context', 'background', 'context problem statement', 'problem context'],
  ['decision', 'decision outcome'],
  ['consequence', 'implication'],
  ['risk', 'risk mitigation', 'known risk'],
  ['prerequisite', 'precondition', 'before you begin', 'before you start'],
  ['escalation', 'escalation path', 'escalation contact', 'escalation procedure', 'who to contact', 'contact'],
  ['security consideration', 'security', 'security implication'],
  ['performance requirement', 'performance', 'performance consideration', 'performance target'],
  ['rollback plan', 'rollback', 'rollback procedure', 'rollback strategy'],
  ['implementation note', 'implementation', 'implementation detail', 'implementation plan'],
  ['migration path', 'migration plan', 'migration strategy'],
  ['testing approach', 'testing strategy', 'testing', 'test strategy', 'test plan', 'testing plan'],
  ['timeline', 'timeline milestone', 'milestone', 'schedule'],
  ['team assignment', 'team'],
  ['overview', 'introduction', 'summary', 'purpose'],
  ['date', 'decision date'],
  ['decision maker', 'decider', 'author'],
  ['verification', 'verify', 'verification step', 'verification checklist'],
];

const CANONICAL = new Map<string, string>();
for (const group of SYNONYM_GROUPS) for (const name of group) CANONICAL.set(name, group[0]);

function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** `## 2. Trade-offs:` -> `tradeoff`; `Risks & Mitigations` -> `risk mitigation`. */
export function normalizeName(name: string): string {
  let text = name.toLowerCase().replace(/[`*_~]/g, '');
  text = text.replace(/^\s*(?:step\s+)?(?:\d+(?:\.\d+)*[.):]?|[ivx]+[.)])\s+/, '');
  text = text.replace(/\([^)]*\)/g, ' ');
  text = text.replace(/['\u2019]/g, '').replace(/(\w)-(\w)/g, '$1$2').replace(/&/g, ' and ');
  return text
    .split(/[^a-z0-9]+/)
    .filter((word) => word && !STOP_WORDS.has(word))
    .map(singular)
    .join(' ');
}

const canonicalCache = new Map<string, string>();

export function canonicalName(name: string): string {
  let canonical = canonicalCache.get(name);
  if (canonical === undefined) {
    const normalized = normalizeName(name);
    canonical = CANONICAL.get(normalized) ?? normalized;
    // Heading texts repeat across a repository; the bound keeps a long-running server's memory flat.
    if (canonicalCache.size > 20_000) canonicalCache.clear();
    canonicalCache.set(name, canonical);
  }
  return canonical;
}

export function sameSection(a: string, b: string): boolean {
  return canonicalName(a) === canonicalName(b);
}

/** Metadata items: a bold field or front matter key satisfies them as well as a heading. */
export function isMetadataName(name: string): boolean {
  return ['status', 'date', 'decision maker', 'last updated', 'owner'].includes(canonicalName(name));
}

/** `Title and Metadata`, `Title`: satisfied by the document's title heading. */
export function isTitleName(name: string): boolean {
  const normalized = normalizeName(name);
  return normalized === 'title' || normalized === 'title metadata' || normalized === 'header';
}
