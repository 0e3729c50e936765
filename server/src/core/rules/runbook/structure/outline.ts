import type { DocumentModel, Heading } from '../../../document';

/** A heading with the extent of its section: `bodyEnd` stops at the first child heading, `end` at the next heading of the same or a higher level. */
export interface Section {
  heading: Heading;
  index: number;
  /** Line after the heading. */
  bodyStartLine: number;
  bodyEndLine: number;
  endLine: number;
  children: Section[];
}

export function outline(doc: DocumentModel): Section[] {
  const lineCount = doc.lines.lineCount;
  const sections = doc.headings.map((heading, index): Section => {
    const next = doc.headings[index + 1];
    const closing = doc.headings.slice(index + 1).find((h) => h.depth <= heading.depth);
    return {
      heading,
      index,
      bodyStartLine: heading.range.end.line + 1,
      bodyEndLine: next ? next.range.start.line : lineCount,
      endLine: closing ? closing.range.start.line : lineCount,
      children: [],
    };
  });
  const stack: Section[] = [];
  for (const section of sections) {
    while (stack.length && stack[stack.length - 1].heading.depth >= section.heading.depth) stack.pop();
    stack[stack.length - 1]?.children.push(section);
    stack.push(section);
  }
  return sections;
}

/** Lowercase words only: `**Step 2:** Verify-Health` -> `step 2 verify health`. */
export function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const STEP_PREFIX = /^(?:step\s*)?\d+(?:\.\d+)*[a-z]?(?:[.):]|\s*[-\u2013\u2014:]|\s)\s*(?:[-\u2013\u2014:]\s*)?|^step\s+\d+\s*/i;

export function isStepHeading(text: string): boolean {
  return /^(?:step\s*\d+|\d+(?:\.\d+)*[a-z]?[.):]?\s)/i.test(text.trim());
}

/** A step's title without its number: `Step 2: Verify Health` -> `Verify Health`. */
export function stepTitle(text: string): string {
  return text.trim().replace(STEP_PREFIX, '');
}

function phrasePattern(phrases: string[]): RegExp {
  const alternatives = phrases.map((p) => normalize(p)).filter(Boolean);
  if (alternatives.length === 0) return /(?!)/;
  return new RegExp(`(?:^| )(?:${alternatives.join('|')})(?:s|es|ed|d|ing|list|lists)?(?= |$)`);
}

/** Whole-word phrase matching on normalized text, allowing plural and verb endings. */
export class Phrases {
  private readonly anywhere: RegExp;
  private readonly atStart: RegExp;

  constructor(phrases: string[]) {
    this.anywhere = phrasePattern(phrases);
    this.atStart = new RegExp(`^${this.anywhere.source.replace('(?:^| )', '')}`);
    if (this.anywhere.source === '(?!)') this.atStart = this.anywhere;
  }

  in(text: string): boolean {
    return this.anywhere.test(normalize(text));
  }

  startOf(text: string): boolean {
    return this.atStart.test(normalize(text));
  }
}
