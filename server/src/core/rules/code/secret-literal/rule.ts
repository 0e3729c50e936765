import type { Rule, RuleContext } from '../../../rule';
import type { Range } from '../../../types';
import { findSecrets } from './detect';

function scan(ctx: RuleContext, range: Range, lang: string | null, where: string) {
  const from = ctx.doc.lines.offsetAt(range.start);
  const source = ctx.doc.text.slice(from, ctx.doc.lines.offsetAt(range.end));
  for (const hit of findSecrets(source, lang)) {
    const hitRange = ctx.doc.lines.range(from + hit.start, from + hit.end);
    ctx.report({
      range: hitRange,
      message:
        `This ${where} contains what looks like ${hit.what}. Docs are copied, indexed and shared: ` +
        `use a placeholder (\`$ENV_VAR\`, \`${hit.placeholder}\`) and rotate the credential if it was real.`,
      fixes: [
        {
          title: `Replace with ${hit.placeholder}`,
          safe: false,
          changes: [{ kind: 'edit', path: ctx.doc.path, edits: [{ range: hitRange, newText: hit.placeholder }] }],
        },
      ],
    });
  }
}

export const codeSecretLiteral: Rule = {
  id: 'code/secret-literal',
  description: 'Code blocks and inline code must not contain real-looking credentials (private keys, cloud keys, tokens, literal passwords).',
  defaultSeverity: 'error',
  check(ctx) {
    for (const block of ctx.doc.codeBlocks) scan(ctx, block.range, block.lang, 'code block');
    for (const inline of ctx.doc.inlineCode) scan(ctx, inline.range, null, 'inline code');
  },
};
