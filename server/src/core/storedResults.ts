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
   * document's), as JSON (the engine's own compact form) or as the objects
   * (`serializeStoredResults` writes either as plain JSON, which parses back
   * into objects), and the indexes in `deps` of what it read.
   */
  results: [ruleId: string, findings: string | StoredFinding[], deps: number[]][];
}

/** A finding as stored: without its path, which is the document's. */
export type StoredFinding = Omit<Finding, 'path'>;

/**
 * Stored results as JSON, with each result's findings written in as JSON
 * rather than as a string holding JSON: parsing it back then reads every
 * finding once, instead of unescaping a string that is parsed again later.
 */
export function serializeStoredResults(results: StoredResults): string {
  const parts = results.results.map(
    ([ruleId, findings, deps]) => `[${JSON.stringify(ruleId)},${typeof findings === 'string' ? findings : JSON.stringify(findings)},${JSON.stringify(deps)}]`,
  );
  return `{"clean":${JSON.stringify(results.clean)},"deps":${JSON.stringify(results.deps)},"fingerprints":${JSON.stringify(results.fingerprints)},"results":[${parts.join(',')}]}`;
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
