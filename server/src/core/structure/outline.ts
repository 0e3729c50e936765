import type { DocumentModel, Heading } from '../document';
import type { Range } from '../types';

/** A place in a document that can satisfy a required section. */
export interface Occurrence {
  name: string;
  form: 'heading' | 'field' | 'frontmatter';
  /** Heading depth; fields and front matter keys sit below every heading (Infinity). */
  depth: number;
  line: number;
  range: Range;
  /** For headings: the line where the heading's section ends (the next heading of equal or lower depth). */
  end: number;
  heading?: Heading;
}

export interface Outline {
  occurrences: Occurrence[];
  /** The first level-1 heading: the document's title. */
  title: Heading | undefined;
  /** Lines inside fenced or indented code blocks. */
  codeLines: Set<number>;
  lineCount: number;
}

const cache = new WeakMap<DocumentModel, Outline>();

const BOLD_FIELD = /^(\s*(?:[-*+]\s+)?)(?:\*\*|__)([^*_:\n]{1,60}?)\s*(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:)/;

export function outlineOf(doc: DocumentModel): Outline {
  let outline = cache.get(doc);
  if (!outline) {
    outline = buildOutline(doc);
    cache.set(doc, outline);
  }
  return outline;
}

function buildOutline(doc: DocumentModel): Outline {
  const lineCount = doc.lines.lineCount;
  const codeLines = new Set<number>();
  for (const block of doc.codeBlocks) for (let l = block.range.start.line; l <= block.range.end.line; l++) codeLines.add(l);
  const occurrences: Occurrence[] = [];
  doc.headings.forEach((heading, index) => {
    const next = doc.headings.slice(index + 1).find((h) => h.depth <= heading.depth);
    occurrences.push({
      name: heading.text,
      form: 'heading',
      depth: heading.depth,
      line: heading.range.start.line,
      range: heading.range,
      end: next ? next.range.start.line : lineCount,
      heading,
    });
  });
  const fm = doc.frontMatter;
  const firstBodyLine = fm ? fm.range.end.line + 1 : 0;
  for (let line = firstBodyLine; line < lineCount; line++) {
    if (codeLines.has(line)) continue;
    const match = BOLD_FIELD.exec(doc.lines.lineText(line));
    if (!match) continue;
    const start = match[1].length;
    occurrences.push({
      name: match[2].trim(),
      form: 'field',
      depth: Infinity,
      line,
      range: { start: { line, character: start }, end: { line, character: match[0].length } },
      end: line + 1,
    });
  }
  if (fm?.data) {
    for (const key of Object.keys(fm.data)) {
      let line = fm.range.start.line;
      for (let l = fm.range.start.line; l <= fm.range.end.line; l++) {
        if (doc.lines.lineText(l).startsWith(`${key}:`)) {
          line = l;
          break;
        }
      }
      occurrences.push({ name: key, form: 'frontmatter', depth: Infinity, line, range: doc.lines.lineRange(line), end: line + 1 });
    }
  }
  occurrences.sort((a, b) => a.line - b.line);
  return { occurrences, title: doc.headings.find((h) => h.depth === 1), codeLines, lineCount };
}

/** The value written after a bold field (`**Status:** Accepted` -> `Accepted`). */
export function fieldValue(doc: DocumentModel, occurrence: Occurrence): { text: string; range: Range } {
  const line = doc.lines.lineText(occurrence.line);
  const start = occurrence.range.end.character;
  const raw = line.slice(start);
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  return { text, range: { start: { line: occurrence.line, character: start + lead }, end: { line: occurrence.line, character: start + lead + text.length } } };
}
