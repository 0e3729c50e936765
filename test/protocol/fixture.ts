/** A small docs tree, in our own words: a guide with one good, one broken and one case-mismatched link. */
export const GUIDE = `# Field guide

Read the [sign-in concept](CONCEPTS/login.md#sign-in) first.
Then follow the [queue runbook](RUNBOOKS/queue.md).
The [older spelling](concepts/Login.md) still works on a laptop.
`;

export const LOGIN = `# Login

## Sign in

Users sign in with a one-time code. See [ADR-0007](../ADRs/ADR-0007-one-time-codes.md).
`;

export const ADR = `# ADR-0007: One-time codes

Status: Accepted

## Context

Passwords leak.
`;

export const TASK = `---
id: P2T3
---
# P2T3: Replace the login page

## Definition of Done

- [x] Page renders
- [ ] Codes expire
- [ ] Docs updated

The decision is ADR-0007.
`;

export function fixtureFiles(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'docs/guide.md': GUIDE,
    'docs/CONCEPTS/login.md': LOGIN,
    'docs/ADRs/ADR-0007-one-time-codes.md': ADR,
    'docs/TASKS/P2T3-login-page.md': TASK,
    ...extra,
  };
}

export const mentions = (text: string) => (d: { message: string }) => d.message.includes(text);

/** Other rules fire on these fixtures too; the protocol tests look at one rule's findings. */
export const broken = <T extends { code?: number | string }>(diagnostics: T[]): T[] => diagnostics.filter((d) => d.code === 'links/broken');
