import type { Hover, Position } from 'vscode-languageserver';
import type { Engine } from '../../core/engine';
import { resolveLinkPath } from '../../core/paths';
import { isExternal, parseDestination } from '../../core/rules/links/broken/rule';
import { rangeContains } from '../../core/text';
import { code } from '../../core/messages';
import { describeDocument } from '../../core/describeDocument';
import { describeMatrixCell } from '../../core/xref/grid';
import type { Finding } from '../../core/types';
import { adrStatus } from './adrStatus';

const STALE_RULE = 'stale/reference';

/**
 * Hover text at a position: on a stale term, its replacement and the mapping's origin;
 * on a matrix cell, what it resolved to; on a link,
 * what it points to; on the first line, the document's kind and required structure.
 */
export function hoverAt(engine: Engine, path: string, position: Position, findings: readonly Finding[] = []): Hover | null {
  const summary = engine.getDocument(path);
  if (!summary) return null;
  const at0 = { start: position, end: position };
  const stale = findings.find((f) => f.ruleId === STALE_RULE && rangeContains(f.range, at0));
  if (stale) return { range: stale.range, contents: { kind: 'markdown', value: `**Stale reference**\n\n${stale.message}` } };
  const cell = describeMatrixCell(engine.view(), path, position);
  if (cell) return { contents: { kind: 'markdown', value: cell } };
  const at = { start: position, end: position };
  const link = summary.model.links.find((l) => rangeContains(l.range, at) && !isExternal(l.url.trim()) && l.url.trim() !== '');
  if (link) {
    const { path: linkPath, fragment } = parseDestination(link.url.trim());
    const resolved = linkPath === '' ? path : resolveLinkPath(path, linkPath);
    if (resolved === null) return null;
    const target = engine.getDocument(resolved) ?? engine.getDocument(`${resolved}.md`);
    if (!target) {
      const exists = engine.hasFile(resolved);
      return { range: link.range, contents: { kind: 'markdown', value: exists ? `${code(resolved)} (not a checked document)` : `${code(resolved)} does not exist` } };
    }
    const lines = [`**${target.model.title ?? target.model.path}**`, '', `${code(target.model.path)} · ${target.info.kind}`];
    if (target.info.kind === 'adr') lines.push('', `Status: ${adrStatus(target.model) ?? 'unknown'}`);
    if (fragment) {
      const heading = target.model.headings.find((h) => h.slug === fragment);
      lines.push('', heading ? `Section: ${heading.text}` : `No heading with anchor ${code(`#${fragment}`)}`);
    }
    return { range: link.range, contents: { kind: 'markdown', value: lines.join('\n') } };
  }
  if (position.line === 0) {
    const lines = [describeDocument(summary, engine.view())];
    if (summary.info.kind === 'adr') lines.push('', `Status: ${adrStatus(summary.model) ?? 'unknown'}`);
    return { contents: { kind: 'markdown', value: lines.join('\n') } };
  }
  return null;
}
