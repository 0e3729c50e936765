import { Suppressions } from './controlComments';
import type { DocumentModel } from './document';
import type { ModelHolder } from './liveModels';
import type { DocInfo, Outline } from './rule';
import type { StoredSummary } from './storedResults';

/** An indexed document; its model (and text) is reached through the engine's `LiveModels`, as it may be out of memory. */
export interface DocEntry extends ModelHolder {
  info: DocInfo;
  /** What other documents can observe of this one (`outline` and kind, as JSON); a change invalidates `doc:` dependents. */
  signature: string;
  /** `signature` parsed, once needed. */
  outline?: Outline;
  /** `hashString(signature)`, once needed (the fingerprint of `doc:` dependencies). */
  signatureHash?: string;
  suppressions: Suppressions;
  parseFailure?: string;
  /** The summary the entry was made from, which stays true of it; absent for an entry made from a model. */
  stored?: StoredSummary;
}

/** The entry of a document indexed from its stored summary; `load` gives its model when first read. */
export function storedEntry(summary: StoredSummary, load: () => DocumentModel): DocEntry {
  return {
    reload: load,
    size: summary.size,
    info: summary.info,
    signature: summary.signature,
    signatureHash: summary.signatureHash,
    suppressions: new Suppressions(summary),
    ...(summary.parseFailure ? { parseFailure: summary.parseFailure } : {}),
    stored: summary,
  };
}

const topicSets = new WeakMap<readonly string[], Set<string>>();

/** A stored contribution to `topic`: its JSON, null when there is none, undefined when the summary predates the topic. */
export function storedContribution(summary: StoredSummary, topic: string): string | null | undefined {
  const found = summary.contributions.find(([name]) => name === topic);
  if (found) return found[1];
  let known = topicSets.get(summary.topics);
  if (!known) {
    known = new Set(summary.topics);
    topicSets.set(summary.topics, known);
  }
  return known.has(topic) ? null : undefined;
}

/** What other documents can observe of a document, as JSON: its kind, title, headings and front matter. */
export function signatureOf(model: DocumentModel, info: DocInfo): string {
  return JSON.stringify([
    info.kind,
    model.title,
    model.headings.map((h) => [h.depth, h.slug, h.text]),
    model.frontMatter?.data ?? null,
  ]);
}

/** The outline a signature stands for. */
export function outlineOf(signature: string): Outline {
  const [, title, headings, frontMatter] = JSON.parse(signature) as [string, string | null, [number, string, string][], Record<string, unknown> | null];
  return { title, headings: headings.map(([depth, slug, text]) => ({ depth, slug, text })), frontMatter };
}
