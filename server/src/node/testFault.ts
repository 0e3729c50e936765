import type { Rule } from '../core/rule';

/**
 * TEST-ONLY fault injection: when `ADRIFT_TEST_FAILING_RULE_ON` names a
 * workspace path, a rule `test/always-fails` is added that throws on that one
 * document, so tests can prove (through the real CLI and server) that a
 * failing rule costs one finding and a log entry and nothing else. Unset in
 * normal use, where the rule list is returned unchanged.
 */
export const FAILING_RULE_ENV = 'ADRIFT_TEST_FAILING_RULE_ON';

export function withTestFault(rules: readonly Rule[], env: NodeJS.ProcessEnv = process.env): readonly Rule[] {
  const target = env[FAILING_RULE_ENV];
  if (!target) return rules;
  const failing: Rule = {
    id: 'test/always-fails',
    description: 'Test only: throws on the document named by ADRIFT_TEST_FAILING_RULE_ON.',
    defaultSeverity: 'warning',
    check(ctx) {
      if (ctx.doc.path === target) throw new Error(`injected failure on ${target}`);
    },
  };
  return [...rules, failing];
}
