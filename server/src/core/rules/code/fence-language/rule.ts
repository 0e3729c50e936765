import { DOC_KINDS } from '../../../config/types';
import type { Rule } from '../../../rule';

export const codeFenceLanguage: Rule = {
  id: 'code/fence-language',
  description: 'Fenced code blocks in concept docs and runbooks must name their language, so readers know what to run and how.',
  defaultSeverity: 'warning',
  optionsSchema: {
    kinds: {
      type: 'array',
      items: { enum: [...DOC_KINDS] },
      description: 'Document kinds whose fenced blocks need a language tag.',
    },
  },
  defaultOptions: { kinds: ['concept', 'runbook'] },
  check(ctx) {
    if (!(ctx.options.kinds as string[]).includes(ctx.info.kind)) return;
    for (const block of ctx.doc.codeBlocks) {
      if (!block.fenced || block.lang) continue;
      const line = ctx.doc.lines.lineText(block.range.start.line);
      const fence = /^(\s*(?:>\s*)*)(`{3,}|~{3,})/.exec(line);
      const fenceStart = block.range.start.character;
      const fenceEnd = fence ? fence[0].length : line.length;
      const at = { line: block.range.start.line, character: fenceEnd };
      ctx.report({
        range: { start: { line: at.line, character: fenceStart }, end: at },
        message:
          'Fenced code block has no language tag; name it (`bash`, `python`, `yaml`, ...) so the example is highlighted and ' +
          'readers know how to run it, or tag plain output `text`.',
        fixes: [
          {
            title: 'Tag the block as `text`',
            safe: false,
            changes: [{ kind: 'edit', path: ctx.doc.path, edits: [{ range: { start: at, end: at }, newText: 'text' }] }],
          },
        ],
      });
    }
  },
};
