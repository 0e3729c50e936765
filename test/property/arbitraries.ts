import fc from 'fast-check';

/** Paths a generated workspace uses: one per document kind, so every rule gets exercised. */
export const DOC_PATHS = [
  'docs/ADRs/ADR-0001-first.md',
  'docs/CONCEPTS/auth.md',
  'docs/RUNBOOKS/deploy.md',
  'docs/TASKS/T1_TASK.md',
  'docs/ARCHIVE/streamlit/old.md',
  'docs/INDEX.md',
  'CLAUDE.md',
] as const;

const word = fc.constantFrom('Context', 'Decision', 'Status', 'Rollback', 'Verify', 'Prerequisites', 'Escalation', 'deploy', 'auth', 'Risks', 'References', 'Steps', '漢字', '🚀', 'Ünïcödé', 'âœ…', 'Ã©', 'st.session_state', 'USE_NEW_PANEL1', '/home/user/app', 'AKIAABCDEFGHIJKLMNOP');
const words = fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));
const target = fc.constantFrom(...DOC_PATHS.map((p) => p.split('/').pop()!), '../CONCEPTS/auth.md', 'missing.md', '../../etc/passwd', 'https://example.com', 'Auth.md', '', '<a b.md>', 'x%20y.md', '#context', '#nope');
const anchor = fc.option(fc.constantFrom('context', 'verify', 'Rollback', 'step-1'), { nil: undefined });
const link = fc.tuple(words, target, anchor).map(([text, dest, a]) => `[${text}](${dest}${a ? `#${a}` : ''})`);

const fragment = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 4 }), words).map(([depth, text]) => `${'#'.repeat(depth)} ${text}`),
  fc.tuple(words, link, words).map(([a, l, b]) => `${a} ${l} ${b}`),
  fc.tuple(words, words).map(([a, b]) => `**${a}:** ${b}`),
  fc.constantFrom(
    '| Document | Must Link To |\n|---|---|\n| auth.md | ADR-0001, deploy.md |\n| CLAUDE.md | All concept docs |',
    '| Old Link | New Link |\n|---|---|\n| `st.session_state` | `app.storage` |',
    '| Current Path | Archive Path |\n|---|---|\n| `docs/CONCEPTS/auth.md` | `docs/ARCHIVE/streamlit/auth.md` |',
    '**Deliverable:** `docs/RUNBOOKS/rollback.md`\n\n**Required Sections:**\n\n1. **Context**\n2. **Risks** (under Consequences)',
    '```python\nprint("hi"\n```',
    '```json\n{"a": [1, 2,]}\n```',
    '```yaml\na: [b\n```',
    '```\nunlabelled\n```',
    '```bash\ncurl -f http://x/health\n# Expected: 200\n```',
    '<!-- adrift-disable links/broken -->',
    '<!-- adrift-enable -->',
    '<!-- adrift-disable-next-line -->',
    '- [ ] open item\n- [x] done item\n  - nested item',
    '1. First step\n2. Verify the result\n   ```bash\n   echo ok\n   ```',
    '> quoted\n> > deeper',
    '---\n**DEPRECATED:** old.\n\n**Archived:** 2025-01-01\n**Reason:** replaced\n**Replacement:** See [auth](../../CONCEPTS/auth.md) for current documentation\n\n---',
    '[ref][nowhere] and [def][d]\n\n[d]: deploy.md',
    '<a name="x"></a> <div>html</div>',
    '```',
    // Shapes real docs have that the fragments above miss.
    'Setext title\n============',
    '## Heading with trailing hashes ##',
    '~~~yaml\nkey: value\n~~~',
    '    indented code block',
    '\tTabbed line with a [link](./deploy.md)',
    '| a \\| b | c |\n|:--|--:|\n| `x|y` | [z](auth.md) |',
    '<https://example.com/auto> and <mailto:a@b.c>',
    '![diagram](img/flow.png "Flow")',
    '[emoji 🚀 link](../RUNBOOKS/deploy.md#verify) [paren](a_(b).md) [unicode](Ünïcödé.md)',
    '<details>\n<summary>More</summary>\n\n- [ ] hidden item\n\n</details>',
    '- a\n  > quoted in a list\n  > - nested\n    - deeper',
    '> > > > > > > > deep quote',
    '[^1]: A footnote.\n\nText with a footnote[^1].',
    '## Verify\n\n```bash\n# Expected: 200\ncurl -f localhost/health\n```',
    '**Status:** Superseded by [ADR-0002](ADR-0002-next.md)',
    '---',
    '***',
  ),
);

const frontMatter = fc.constantFrom('', '---\nkind: adr\nstatus: Proposed\n---\n', '---\n---\n', '---\ntags: [a, b\n---\n', '---\nid: T1\nstate: PLANNING\n---\n', '---\nstatus: Accepted\ndate: 2025-01-02\n---\n', '---\ntitle: "broken\n---\n', '---\nkind: runbook\n---\n');

/** A Markdown document built from real-looking fragments, optionally with a BOM and CRLF line ends. */
export const markdownDocument = fc
  .tuple(frontMatter, fc.array(fragment, { maxLength: 12 }), fc.boolean(), fc.boolean())
  .map(([fm, parts, crlf, bom]) => {
    const text = `${fm}${parts.join('\n\n')}\n`;
    return `${bom ? '\uFEFF' : ''}${crlf ? text.replace(/\n/g, '\r\n') : text}`;
  });

export const workspace = fc.dictionary(fc.constantFrom(...DOC_PATHS), markdownDocument, { minKeys: 1, maxKeys: DOC_PATHS.length });

export type WorkspaceOp =
  | { op: 'edit'; path: string; text: string }
  | { op: 'delete'; path: string }
  | { op: 'rename'; from: string; to: string };

export const workspaceOp: fc.Arbitrary<WorkspaceOp> = fc.oneof(
  fc.record({ op: fc.constant('edit' as const), path: fc.constantFrom(...DOC_PATHS), text: markdownDocument }),
  fc.record({ op: fc.constant('delete' as const), path: fc.constantFrom(...DOC_PATHS) }),
  fc.record({ op: fc.constant('rename' as const), from: fc.constantFrom(...DOC_PATHS), to: fc.constantFrom(...DOC_PATHS) }),
);

/** Seeded and bounded in CI; `npm run fuzz` raises the count and varies the seed. */
export function propertyParameters(defaultRuns: number): fc.Parameters<unknown> {
  const runs = Number(process.env.ADRIFT_FUZZ_RUNS ?? defaultRuns);
  const seed = Number(process.env.ADRIFT_FUZZ_SEED ?? 20261122);
  // CI stops at the first failure; `npm run fuzz` shrinks it to a small counterexample.
  return { numRuns: runs, seed, endOnFailure: process.env.ADRIFT_FUZZ_SHRINK !== '1' };
}
