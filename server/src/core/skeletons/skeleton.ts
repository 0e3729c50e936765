/**
 * A skeleton is a document outline with placeholder text. One definition
 * feeds three consumers: the "insert missing section" fixes (one section at a
 * time), the "create from skeleton" fixes (the whole document) and the VS Code
 * snippets (the same text with tab stops).
 *
 * Placeholders are written `{{text}}`: rendered as plain Markdown they become
 * `text`; as a snippet they become tab stops `${n:text}`. `{{$NAME}}` is a
 * snippet variable (e.g. `{{$CURRENT_YEAR}}`) and must not reach plain text.
 */
export interface SkeletonSection {
  title: string;
  /** Markdown under the heading, before any subsection; may hold `{{placeholders}}`. */
  body: string;
  children?: SkeletonSection[];
  /** Part of the skeleton, but not required by the built-in schema made from it. */
  optional?: boolean;
  /** A metadata item (Status, Date): a bold field or front matter key satisfies it too. */
  metadata?: boolean;
}

export interface Skeleton {
  /** Snippet and schema name, e.g. `adr`, `runbook-rollback`. */
  id: string;
  description: string;
  title: string;
  /** Prose between the title and the first section. */
  intro?: string;
  sections: SkeletonSection[];
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** Plain Markdown: placeholders become their text. */
export function plain(text: string): string {
  return text.replace(PLACEHOLDER, (_, inner: string) => inner);
}

export function renderSection(section: SkeletonSection, depth: number): string {
  const body = section.body.trimEnd();
  const parts = [`${'#'.repeat(depth)} ${section.title}`, '', ...(body ? [body, ''] : [])];
  for (const child of section.children ?? []) parts.push(renderSection(child, depth + 1));
  return parts.join('\n');
}

/** The skeleton as Markdown with `{{placeholders}}` still in it. */
export function renderTemplate(skeleton: Skeleton): string {
  const parts = [`# ${skeleton.title}`, ''];
  if (skeleton.intro) parts.push(skeleton.intro.trimEnd(), '');
  for (const section of skeleton.sections) parts.push(renderSection(section, 2));
  return `${parts.join('\n').trimEnd()}\n`;
}

/** The whole document as plain Markdown with `\n` line ends. */
export function renderSkeleton(skeleton: Skeleton): string {
  return plain(renderTemplate(skeleton));
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (ch) => `\\${ch}`);
}

/** The skeleton as a VS Code snippet body (one string per line); placeholders become numbered tab stops. */
export function renderSnippet(skeleton: Skeleton): string[] {
  const template = renderTemplate(skeleton);
  let out = '';
  let cursor = 0;
  let stop = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    out += escapeSnippet(template.slice(cursor, match.index));
    const inner = match[1];
    out += inner.startsWith('$') ? `\${${inner.slice(1)}}` : `\${${++stop}:${escapeSnippet(inner)}}`;
    cursor = (match.index ?? 0) + match[0].length;
  }
  out += escapeSnippet(template.slice(cursor));
  return out.replace(/\n$/, '').split('\n');
}

/** Finds a section anywhere in the outline by an exact title. */
export function findSection(sections: readonly SkeletonSection[], matches: (title: string) => boolean): SkeletonSection | undefined {
  for (const section of sections) {
    if (matches(section.title)) return section;
    const inChild = findSection(section.children ?? [], matches);
    if (inChild) return inChild;
  }
  return undefined;
}
