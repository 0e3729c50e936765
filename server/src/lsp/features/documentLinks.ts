import type { DocumentLink } from 'vscode-languageserver';
import type { Engine } from '../../core/engine';
import { rangeContains } from '../../core/text';
import { DOC_ID_PATTERN, documentIds } from './docIds';

/** Makes doc ids in prose (`ADR-0031`, `P5T2`) clickable; ids already inside a link are left alone. */
export function documentLinks(engine: Engine, path: string, uriOf: (path: string) => string): DocumentLink[] {
  const model = engine.getDocument(path)?.model;
  if (!model) return [];
  const ids = documentIds(engine);
  const links: DocumentLink[] = [];
  for (const run of model.textRuns) {
    for (const match of run.value.matchAll(DOC_ID_PATTERN)) {
      const target = ids.get(match[1].toUpperCase());
      if (!target || target === path) continue;
      const offset = run.offset + match.index!;
      const range = model.lines.range(offset, offset + match[1].length);
      if (model.links.some((link) => rangeContains(link.range, range))) continue;
      links.push({ range, target: uriOf(target), tooltip: `Open ${target}` });
    }
  }
  return links;
}
