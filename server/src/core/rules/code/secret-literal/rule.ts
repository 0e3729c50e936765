import type { Rule, RuleContext } from '../../../rule';
import type { Range } from '../../../types';
import { findSecrets, type SecretHit } from './detect';

/**
 * Hits per code block or span object, as offsets into its own source: an
 * incremental re-parse keeps the blocks an edit did not touch as the very same
 * objects (with the same text), so a keystroke does not rescan every block of
 * a large document.
 */
const hitsByBlock = new WeakMap<object, SecretHit[]>();

function scan(ctx: RuleContext, block: { range: Range }, lang: string | null, where: string) {
  const { range } = block;
  const from = ctx.doc.lines.offsetAt(range.start);
  let hits = hitsByBlock.get(block);
  if (!hits) {
    hits = findSecrets(ctx.doc.text.slice(from, ctx.doc.lines.offsetAt(range.end)), lang);
    hitsByBlock.set(block, hits);
  }
  for (const hit of hits) {
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
    for (const block of ctx.doc.codeBlocks) scan(ctx, block, block.lang, 'code block');
    for (const inline of ctx.doc.inlineCode) scan(ctx, inline, null, 'inline code');
  },
};
