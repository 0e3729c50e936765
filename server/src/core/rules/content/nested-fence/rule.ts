import { code } from '../../../messages';
import type { Rule, RuleContext } from '../../../rule';
import type { CodeBlock } from '../../../document';

const MARKDOWN_LANGS = new Set(['markdown', 'md', 'mdx', 'gfm']);
const OPENER = /^ {0,3}(`{3,}|~{3,})/;
const ATX_HEADING = /^ {0,3}#{1,6}\s+\S/;

interface Fence {
  char: string;
  length: number;
}

function fenceOf(line: string): Fence | null {
  const run = OPENER.exec(line)?.[1];
  return run ? { char: run[0], length: run.length } : null;
}

/**
 * Why the example at `block` was cut short, if it was: the line number (0-based)
 * of the fence that ended it too early, or of the nested opener whose closer did.
 */
function prematureEnd(ctx: RuleContext, block: CodeBlock): { line: number; why: 'opener' | 'heading' } | null {
  const { lines } = ctx.doc;
  const outer = fenceOf(lines.lineText(block.range.start.line));
  if (!outer) return null;
  const last = block.range.end.line;
  const closed = last > block.range.start.line && fenceOf(lines.lineText(last))?.char === outer.char;
  const contentEnd = closed ? last - 1 : last;
  // A fence with an info string cannot close a block, so CommonMark keeps it as content;
  // its own bare closer then closes the outer example instead.
  for (let line = block.contentStartLine; line <= contentEnd; line++) {
    const text = lines.lineText(line);
    const inner = fenceOf(text);
    if (inner && inner.char === outer.char && inner.length >= outer.length && text.trim().length > inner.length) return { line, why: 'opener' };
  }
  if (!closed || last + 1 >= lines.lineCount || lines.lineText(last + 1).trim() === '') return null;
  // The fence is followed at once by text, as an opening fence is, and comes after a heading or a
  // "...:" lead-in: it opened a nested block. (Skeletal examples end on an empty heading too, but
  // their closing fence is followed by a blank line or the end.)
  for (let line = contentEnd; line >= block.contentStartLine; line--) {
    const text = lines.lineText(line).trim();
    if (text === '') continue;
    return ATX_HEADING.test(text) || text.replace(/[*_]+$/, '').endsWith(':') ? { line: last, why: 'heading' } : null;
  }
  return null;
}

/**
 * Example openers (```` ```markdown ````) that CommonMark keeps as content of
 * another block: an earlier example was cut short and the fences after it
 * pair up the wrong way, so this example never opens.
 */
function swallowedOpeners(ctx: RuleContext, block: CodeBlock): { line: number; lang: string }[] {
  const { lines } = ctx.doc;
  const outer = fenceOf(lines.lineText(block.range.start.line));
  if (!outer) return [];
  const found: { line: number; lang: string }[] = [];
  const last = Math.min(block.range.end.line, lines.lineCount - 1);
  for (let line = block.contentStartLine; line <= last; line++) {
    const text = lines.lineText(line);
    const inner = fenceOf(text);
    const lang = /^\s*[`~]+\s*([\w-]+)/.exec(text)?.[1];
    if (inner && lang && inner.char === outer.char && inner.length >= outer.length && MARKDOWN_LANGS.has(lang.toLowerCase())) found.push({ line, lang });
  }
  return found;
}

export const contentNestedFence: Rule = {
  id: 'content/nested-fence',
  description: 'A Markdown example in a code fence must not contain fences as long as its own: the first inner fence ends the example early.',
  defaultSeverity: 'warning',
  check(ctx) {
    for (const block of ctx.doc.codeBlocks) {
      if (!block.fenced) continue;
      if (!block.lang || !MARKDOWN_LANGS.has(block.lang.toLowerCase())) {
        for (const swallowed of swallowedOpeners(ctx, block)) {
          ctx.report({
            range: ctx.doc.lines.lineRange(swallowed.line),
            message:
              `This ${code(swallowed.lang)} example never opens: it is read as content of the code block opened on line ${block.range.start.line + 1}, ` +
              `because an earlier example was cut short by its own nested fences and the fences after it pair up the wrong way. ` +
              `Fence every example that contains code blocks with a longer fence than theirs.`,
          });
        }
        continue;
      }
      const end = prematureEnd(ctx, block);
      if (!end) continue;
      const opener = ctx.doc.lines.lineText(block.range.start.line).trim();
      const fence = fenceOf(opener)!;
      const longer = `${fence.length + 1} ${fence.char === '`' ? 'backticks' : 'tildes'}`;
      const cause =
        end.why === 'opener'
          ? `the nested fence on line ${end.line + 1} opens a block whose closing fence ends this example instead`
          : `the fence on line ${end.line + 1} was meant to open a nested block but ends this example`;
      ctx.report({
        range: ctx.doc.lines.lineRange(block.range.start.line),
        message:
          `The ${code(block.lang)} example opened here is cut short: ${cause}, so what follows is read inside out (code as prose, headings and tables as code). ` +
          `Open and close the example with a longer fence (${longer}) than the blocks inside it.`,
      });
    }
  },
};
