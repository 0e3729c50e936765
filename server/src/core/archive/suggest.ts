import type { Engine } from '../engine';
import { posixBasename } from '../paths';
import { archiveSettings } from '../config/archive';
import { globMatcher } from '../config/resolved';
import { adrNamedIn } from '../rules/archive/inventory';
import { mappingRows } from './inventory';
import { pathLinks } from './links';

export interface ReplacementSuggestion {
  path: string;
  reason: string;
}

const REPLACEMENT_KINDS = new Set(['concept', 'runbook', 'guide', 'adr', 'other']);

/**
 * Documents that may replace an archived one, best first: what a link
 * mapping table (`Old Link | New Link`) maps it to, the current documents
 * linked from an ADR that names it (or that the configured archive reason
 * names, `see ADR-0031`), and documents on the same topic
 * (`streamlit-auth.md` -> `nicegui-auth.md`).
 */
export function suggestReplacements(engine: Engine, path: string): ReplacementSuggestion[] {
  const suggestions = new Map<string, string>();
  const offer = (candidate: string, reason: string) => {
    if (candidate === path || suggestions.has(candidate) || !engine.hasFile(candidate)) return;
    const kind = engine.getDocument(candidate)?.info.kind;
    if (kind !== undefined && !REPLACEMENT_KINDS.has(kind)) return;
    suggestions.set(candidate, reason);
  };
  const docs = engine.documentPaths().sort();

  for (const doc of docs) {
    for (const row of mappingRows(engine.getDocument(doc)!.model)) {
      if (row.old === path || (/[*?[{]/.test(row.old) && globMatcher(row.old)(path))) offer(row.new, `the link mapping table in \`${doc}\` maps it there`);
    }
  }

  const reasonAdr = adrNamedIn(archiveSettings(engine.config).reason, engine.view());
  for (const doc of docs) {
    const summary = engine.getDocument(doc)!;
    if (summary.info.kind !== 'adr') continue;
    const links = pathLinks(summary.model);
    const namesIt = links.some((l) => l.resolved === path) || summary.model.text.includes(path);
    if (!namesIt && doc !== reasonAdr) continue;
    const why = namesIt ? `\`${doc}\` names the archived document and links here` : `\`${doc}\` (named in the archive reason) links here`;
    for (const link of links) {
      if (link.resolved && link.resolved !== doc && link.resolved.toLowerCase().endsWith('.md')) offer(link.resolved, why);
    }
  }

  const topic = topicOf(posixBasename(path));
  if (topic) {
    for (const doc of docs) {
      if (doc !== path && topicOf(posixBasename(doc)) === topic) offer(doc, `same topic (\`${topic}\`)`);
    }
  }
  return [...suggestions].map(([candidate, reason]) => ({ path: candidate, reason }));
}

/** `streamlit-auth.md` -> `auth`: the name without its first dash-separated word. */
function topicOf(name: string): string | null {
  const stem = name.replace(/\.md$/i, '');
  const dash = stem.indexOf('-');
  return dash > 0 && dash < stem.length - 1 ? stem.slice(dash + 1).toLowerCase() : null;
}
