import type { HtmlComment } from './document';
import type { Finding } from './types';
import type { DocInfo } from './rule';

/**
 * What the engine needs of a document to index it without its model, for a
 * persistent cache to keep beside the model (`Engine.exportSummary`). It holds
 * for the text, config and rules it was made under.
 */
export interface StoredSummary {
  info: DocInfo;
  /** What other documents can observe of it (`doc:` dependencies). */
  signature: string;
  /** `hashString(signature)`. */
  signatureHash: string;
  parseFailure?: string;
  /** Length of its text (without BOM). */
  size: number;
  /** Its HTML comments, control comments among them. */
  htmlComments: HtmlComment[];
  /** The topics its contributions are known for, sorted... */
  topics: string[];
  /** ...and its contribution (JSON) to those it contributes to, by topic name. */
  contributions: [string, string][];
}

/**
 * Every rule result on one document as a persistent cache keeps it: the
 * findings plus, for every dependency a run read (`doc:<path>`, `file:`,
 * `dir:`, `ci:`, `name:`, `docs`, `topic:<name>`), a fingerprint of its value
 * at the time. A result that read another document's whole model (`model:`)
 * has no fingerprint and is not kept: it runs again. A later run that indexed
 * the very same text under the same config, version and day may reuse a
 * result when every fingerprint still matches (`Engine.offerResults`).
 *
 * Shaped for a fast start: most results found nothing and read nothing else,
 * and are only named (`clean`); the keys the others read are listed once.
 */
export interface StoredResults {
  /** Rules that found nothing and read nothing beyond the document. */
  clean: string[];
  /** Every dependency the other results read, each with its fingerprint then (parallel arrays; a key may recur with another fingerprint). */
  deps: string[];
  fingerprints: string[];
  /**
   * The other results: the rule id, its findings without their path (the
   * document's) as JSON (the engine's own compact form) or as the objects,
   * and the indexes in `deps` of what it read. Read back from a cache
   * (`parseStoredResults`), findings are JSON.
   */
  results: [ruleId: string, findings: string | StoredFinding[], deps: number[]][];
}

/** A finding as stored: without its path, which is the document's. */
export type StoredFinding = Omit<Finding, 'path'>;

/**
 * Stored results as text, in two parts. Taking results up reads only `head`;
 * each result's findings stay a slice of `findings` (the engine's compact
 * form) until a report needs them, so a run that reports few documents, or
 * reports them one by one, never holds every finding as objects at once.
 */
export interface SerializedResults {
  /** The results as JSON, each result's findings given by their length in `findings`. */
  head: string;
  /** Every result's findings as JSON, one after another. */
  findings: string;
}

export function serializeStoredResults(results: StoredResults): SerializedResults {
  const findings = results.results.map(([, found]) => (typeof found === 'string' ? found : JSON.stringify(found)));
  const head: StoredHead = {
    clean: results.clean,
    deps: results.deps,
    fingerprints: results.fingerprints,
    results: results.results.map(([ruleId, , deps], i) => [ruleId, findings[i].length, deps]),
  };
  return { head: JSON.stringify(head), findings: findings.join('') };
}

/** Gives back what `serializeStoredResults` made; throws when the two parts do not fit together (a damaged cache). */
export function parseStoredResults({ head, findings }: SerializedResults): StoredResults {
  const parsed = JSON.parse(head) as StoredHead;
  let offset = 0;
  const results = parsed.results.map(([ruleId, length, deps]): StoredResults['results'][number] => {
    const found = findings.slice(offset, (offset += length));
    if (found[0] !== '[' || found[found.length - 1] !== ']') throw new Error(`stored findings of ${ruleId} damaged`);
    return [ruleId, found, deps];
  });
  if (offset !== findings.length) throw new Error('stored findings do not match their results');
  return { clean: parsed.clean, deps: parsed.deps, fingerprints: parsed.fingerprints, results };
}

interface StoredHead extends Omit<StoredResults, 'results'> {
  results: [ruleId: string, findingsLength: number, deps: number[]][];
}

/**
 * cyrb53: a fast 53-bit string hash, plenty for telling whether a value
 * changed (the engine stays free of node:crypto). Hex, with the length
 * appended, as an extra guard against collisions.
 */
export function hashString(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${(h2 >>> 0).toString(16)}${(h1 >>> 0).toString(16).padStart(8, '0')}.${text.length.toString(36)}`;
}
