import type { ResolvedConfig } from '../config/resolved';
import type { DocKind } from '../config/types';
import { dirname, posixBasename } from '../paths';
import type { WorkspaceView } from '../rule';
import { structureConfig } from './config';
import { requiredSection, type RequiredSection } from './requirements';

const TEMPLATE_NAMES = ['0000-template.md', 'template.md', 'adr-template.md', 'TEMPLATE.md', '_template.md'];

/** Template documents describe structure; they are not held to it. */
export function isTemplatePath(path: string, config: ResolvedConfig): boolean {
  if (/^(?:0+-|adr-|_)?template\.md$/i.test(posixBasename(path))) return true;
  return Object.values(structureConfig(config).templates ?? {}).includes(path);
}

/** The template governing a document of this kind: the configured one, else one in the document's folder. */
export function templatePathFor(path: string, kind: DocKind, ws: WorkspaceView): string | null {
  const configured = structureConfig(ws.config).templates?.[kind];
  if (configured) return ws.getDocument(configured) ? configured : null;
  if (kind === 'other' || kind === 'guide' || kind === 'archived') return null;
  const folder = dirname(path);
  for (const name of TEMPLATE_NAMES) {
    const candidate = folder ? `${folder}/${name}` : name;
    if (candidate !== path && ws.fileExists(candidate) && ws.getDocument(candidate)) return candidate;
  }
  return null;
}

/** The template's level-2 headings, with their level-3 headings as required subsections. */
export function templateRequirements(ws: WorkspaceView, templatePath: string): RequiredSection[] {
  const template = ws.getDocument(templatePath);
  if (!template) return [];
  const roots: RequiredSection[] = [];
  for (const heading of template.outline.headings) {
    if (heading.depth === 2) roots.push(requiredSection(heading.text));
    else if (heading.depth === 3 && roots.length) roots[roots.length - 1].children.push(requiredSection(heading.text));
  }
  return roots;
}
