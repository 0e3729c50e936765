import type { CodeBlock } from '../../../document';
import type { Rule } from '../../../rule';
import { code } from '../../../messages';
import { BlockText, infoFlags } from '../blockText';
import { findElisions, firstRealProblem } from './elisions';
import { json, python, yaml, type Language } from './languages';

const LANGUAGES: Record<string, { language: Language; option: string }> = {
  json: { language: json, option: 'json' },
  yaml: { language: yaml, option: 'yaml' },
  yml: { language: yaml, option: 'yaml' },
  python: { language: python, option: 'python' },
  py: { language: python, option: 'python' },
  python3: { language: python, option: 'python' },
};

/** Helm/Jinja templates are YAML or JSON only after rendering. */
const TEMPLATE = /(?<!\$)\{\{|\{%/;

function checkable(block: CodeBlock, language: Language): boolean {
  if (block.value.trim() === '') return false;
  if (language !== python) return !TEMPLATE.test(block.value);
  // An interactive session (`>>> x = 1`) is a transcript, not a program.
  return !/^\s*>>>/.test(block.value);
}

export const codeSyntax: Rule = {
  id: 'code/syntax',
  description: 'Fenced `json`, `yaml` and `python` blocks must parse, so the examples can be copied and run.',
  defaultSeverity: 'warning',
  optionsSchema: {
    languages: {
      type: 'array',
      items: { enum: ['json', 'yaml', 'python'] },
      description: 'Languages to parse (`yml`, `py` and `python3` tags count as their language).',
    },
    skipFlags: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Info-string words that exempt a block, e.g. ```` ```python skip-check ````.',
    },
  },
  defaultOptions: { languages: ['json', 'yaml', 'python'], skipFlags: ['skip-check'] },
  check(ctx) {
    const enabled = ctx.options.languages as string[];
    const skipFlags = ctx.options.skipFlags as string[];
    for (const block of ctx.doc.codeBlocks) {
      if (!block.fenced || !block.lang) continue;
      const entry = LANGUAGES[block.lang.toLowerCase()];
      if (!entry || !enabled.includes(entry.option)) continue;
      if (infoFlags(block).some((flag) => skipFlags.includes(flag))) continue;
      if (!checkable(block, entry.language)) continue;
      const problem = firstRealProblem(entry.language, block.value, findElisions(block.value, entry.language !== yaml));
      if (!problem) continue;
      const text = new BlockText(ctx.doc, block);
      const line = text.lineOf(problem.offset);
      const end = Math.min(problem.offset + Math.max(problem.length, 1), text.lineContentEnd(line));
      ctx.report({
        range: text.range(problem.offset, Math.max(problem.offset, end)),
        message:
          `${entry.language.name} in this ${code(block.lang)} block does not parse (line ${line + 1} of the block): ${problem.message}. ` +
          `Fix the example, or add ${code(skipFlags[0] ?? 'skip-check')} after the language if it is deliberately partial.`,
      });
    }
  },
};

