import { isArchivedPath } from '../../../config/archive';
import type { DocKind } from '../../../config/types';
import type { DocumentModel } from '../../../document';
import { code } from '../../../messages';
import { dirname, encodeLinkPath, posixBasename, relativeLink } from '../../../paths';
import type { Rule, RuleContext } from '../../../rule';
import type { Fix, TextEdit } from '../../../types';
import { appendAtEnd, appendToSection } from '../../../xref/edits';
import { linkedPaths } from '../../../xref/links';
import { anchorRange } from '../../../xref/model';
import { catalogTopic, indexFiles, indexLinksTopic, type CatalogEntry } from '../../../xref/topics';

const INDEXED_KINDS: { kind: DocKind; heading: RegExp; title: string; label: string }[] = [
  { kind: 'adr', heading: /\bADRs?\b|decision/i, title: 'Architecture Decisions', label: 'ADR' },
  { kind: 'concept', heading: /concept/i, title: 'Concepts', label: 'concept doc' },
  { kind: 'runbook', heading: /runbook|operations/i, title: 'Runbooks', label: 'runbook' },
];

/** The index file findings go to: the first configured (or default) index file that exists. */
export function primaryIndexFile(ctx: RuleContext): string | null {
  return indexFiles(ctx.ws.config).find((path) => ctx.ws.fileExists(path)) ?? null;
}

function sectionFor(doc: DocumentModel, kind: DocKind) {
  const spec = INDEXED_KINDS.find((k) => k.kind === kind)!;
  return doc.headings.find((h) => h.depth > 1 && spec.heading.test(h.text)) ?? null;
}

/** One edit per section: entries of a kind go under that kind's heading, new sections are appended together. */
function addEntriesFix(ctx: RuleContext, entries: readonly CatalogEntry[], title: string): Fix {
  const edits: TextEdit[] = [];
  const newSections: string[] = [];
  for (const spec of INDEXED_KINDS) {
    const ofKind = entries.filter((e) => e.kind === spec.kind);
    if (ofKind.length === 0) continue;
    const lines = ofKind.map((e) => {
      const text = ctx.ws.getDocument(e.path)?.outline.title ?? posixBasename(e.path);
      return `- [${text.replace(/[[\]]/g, '\\$&')}](${encodeLinkPath(relativeLink(ctx.doc.path, e.path))})`;
    });
    const heading = sectionFor(ctx.doc, spec.kind);
    if (heading) edits.push(appendToSection(ctx.doc, heading, spec.title, lines));
    else newSections.push(`## ${spec.title}\n\n${lines.join('\n')}`);
  }
  if (newSections.length) edits.push(appendAtEnd(ctx.doc, `${newSections.join('\n\n')}\n`));
  return { title, safe: true, changes: [{ kind: 'edit', path: ctx.doc.path, edits }] };
}

export const xrefIndexCoverage: Rule = {
  id: 'xref/index-coverage',
  description: 'Every ADR, concept doc and runbook must be linked from the docs index or from its folder’s README.',
  defaultSeverity: 'warning',
  check(ctx) {
    if (primaryIndexFile(ctx) !== ctx.doc.path) return;
    const ownLinks = linkedPaths(ctx.doc);
    const otherLinks = ctx.ws.topic(indexLinksTopic);
    const indexes = indexFiles(ctx.ws.config);
    const linkedFrom = (path: string) => [...indexes, `${dirname(path)}/README.md`].some((from) => from !== ctx.doc.path && otherLinks.get(from)?.has(path));
    const catalog = ctx.ws.topic(catalogTopic);
    const unlisted = INDEXED_KINDS.flatMap((k) => catalog.ofKind(k.kind))
      .filter((e) => !/^(readme|index)\.md$/i.test(posixBasename(e.path)))
      // Archived documents leave the index (linking them is what `links/to-archived` reports).
      .filter((e) => !isArchivedPath(ctx.ws.config, e.path))
      .filter((e) => !ownLinks.has(e.path) && !linkedFrom(e.path));
    for (const entry of unlisted) {
      const spec = INDEXED_KINDS.find((k) => k.kind === entry.kind)!;
      const heading = sectionFor(ctx.doc, entry.kind);
      const fixes = [addEntriesFix(ctx, [entry], `Add ${posixBasename(entry.path)} under "${heading?.text ?? spec.title}"`)];
      if (unlisted.length > 1) fixes.unshift(addEntriesFix(ctx, unlisted, `Add all ${unlisted.length} unlisted documents to the index`));
      ctx.report({
        range: heading?.range ?? anchorRange(ctx.doc),
        message: `The ${spec.label} ${code(entry.path)} is not linked from ${code(ctx.doc.path)} (or any index file, or ${code(`${dirname(entry.path)}/README.md`)}).`,
        fixes,
      });
    }
  },
};
