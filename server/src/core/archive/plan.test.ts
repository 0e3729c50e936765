import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { applyInMemory, archiveFixture, ARCHIVE_CONFIG, SESSIONS_DOC } from '../../../../test/helpers/archiveFixture';
import { createTestEngine, findingLines } from '../../../../test/helpers/engine';
import { renderDeprecationNotice } from '../skeletons/deprecationNotice';
import { applyTextEdits } from '../fixes';
import { parseDocument } from '../parse';
import { resolveLinkPath } from '../paths';
import { parseDestination } from '../rules/links/broken/rule';
import type { Change } from '../types';
import { planArchive, suggestReplacements, type ArchivePlan, type ArchiveRequest } from './plan';

const TODAY = '2025-03-01';
const OLD = 'docs/CONCEPTS/streamlit-sessions.md';
const NEW = 'docs/ARCHIVE/streamlit/concepts/streamlit-sessions.md';

function engineOver(files: Record<string, string>) {
  const { '.adrift.yaml': config, ...rest } = files;
  return createTestEngine({ files: rest, config, today: TODAY });
}

function plan(files: Record<string, string>, request: Partial<ArchiveRequest> = {}, outside: Record<string, string> = {}): ArchivePlan {
  const result = planArchive(engineOver(files), { paths: [OLD], replacement: 'docs/CONCEPTS/nicegui-sessions.md', today: TODAY, ...request }, (p) => outside[p] ?? files[p]);
  if (!result.ok) assert.fail(result.error);
  return result.plan;
}

function refusal(files: Record<string, string>, request: Partial<ArchiveRequest> = {}, outside: Record<string, string> = {}): string {
  const result = planArchive(engineOver(files), { paths: [OLD], replacement: 'docs/CONCEPTS/nicegui-sessions.md', today: TODAY, ...request }, (p) => outside[p] ?? files[p]);
  assert.equal(result.ok, false, 'the plan should be refused');
  return (result as { error: string }).error;
}

const created = (p: ArchivePlan, path: string) => (p.changes.find((c) => c.kind === 'create' && c.path === path) as Extract<Change, { kind: 'create' }>).content;

const at = (line: number, character: number) => ({ line, character });

const NOTICE = renderDeprecationNotice({
  subject: 'the legacy Streamlit web console',
  archivedDate: TODAY,
  reason: 'Replaced by NiceGUI implementation (see ADR-0031)',
  replacement: '[nicegui-sessions.md](../../../CONCEPTS/nicegui-sessions.md)',
  rollback: '[ui-rollback.md](../../../RUNBOOKS/ui-rollback.md)',
});

describe('planArchive', () => {
  it('moves the document into the archive folder, mirroring its place', () => {
    const p = plan(archiveFixture());
    assert.deepEqual(p.moves, [{ from: OLD, to: NEW }]);
    assert.deepEqual(
      p.changes.map((c) => `${c.kind} ${c.kind === 'rename' ? c.to : c.path}`),
      [`create ${NEW}`, 'edit CLAUDE.md', 'edit docs/ADRs/ADR-0007-ui.md', 'edit docs/CONCEPTS/nicegui-sessions.md', 'edit docs/INDEX.md', 'edit docs/RUNBOOKS/cache.md', `delete ${OLD}`],
    );
    assert.equal((p.changes[0] as Extract<Change, { kind: 'create' }>).modeFrom, OLD);
  });

  it('writes the notice after the front matter and re-aims only the relative links', () => {
    const expected = SESSIONS_DOC.replace('---\n# Session', `---\n${NOTICE}# Session`)
      .replace('(../overview.md#layout)', '(../../../overview.md#layout)')
      .replace('(img/flow.png "Flow")', '(../../../CONCEPTS/img/flow.png "Flow")')
      .replace('(<../API notes.md>)', '(<../../../API notes.md>)')
      .replace('[cache]: ../RUNBOOKS/cache.md#warm-up "Cache runbook"', '[cache]: ../../../RUNBOOKS/cache.md#warm-up "Cache runbook"');
    assert.equal(created(plan(archiveFixture()), NEW), expected);
  });

  it('rewrites every inbound link, keeping anchors, references, missing extensions and root-relative style', () => {
    const after = applyInMemory(archiveFixture(), plan(archiveFixture()).changes);
    assert.equal(after['CLAUDE.md'], '# Guidance\n\nRead [sessions](docs/ARCHIVE/streamlit/concepts/streamlit-sessions.md#caveats) before touching state.\n');
    assert.match(after['docs/INDEX.md'], /\n\[s\]: ARCHIVE\/streamlit\/concepts\/streamlit-sessions\.md\n$/);
    assert.match(after['docs/RUNBOOKS/cache.md'], /\[sessions\]\(\.\.\/ARCHIVE\/streamlit\/concepts\/streamlit-sessions\)/);
    assert.match(after['docs/ADRs/ADR-0007-ui.md'], /\(\/docs\/ARCHIVE\/streamlit\/concepts\/streamlit-sessions\.md#caveats\)/);
    assert.match(after['docs/CONCEPTS/nicegui-sessions.md'], /\(\.\.\/ARCHIVE\/streamlit\/concepts\/streamlit-sessions\.md#session-handling\)/);
    assert.equal(after[OLD], undefined);
  });

  it('leaves no broken link and an archived file the notice rule accepts', () => {
    const before = findingLines(engineOver(archiveFixture()), 'links/broken');
    const after = applyInMemory(archiveFixture(), plan(archiveFixture()).changes);
    const engine = engineOver(after);
    assert.deepEqual(findingLines(engine, 'links/broken'), before);
    assert.deepEqual(before, []);
    assert.deepEqual(engine.findings(NEW).filter((f) => f.ruleId.startsWith('archive/')), []);
  });

  it('lists plain mentions of the old path and counts rewritten links', () => {
    const p = plan(archiveFixture());
    assert.deepEqual(
      p.unsafeMentions.map((m) => `${m.path}:${m.range.start.line + 1}:${m.range.start.character + 1} ${m.text}`),
      ['docs/INDEX.md:4:10 - Path: `docs/CONCEPTS/streamlit-sessions.md`'],
    );
    assert.equal(p.rewrittenLinks.filter((l) => l.path === OLD).length, 4);
    assert.equal(p.rewrittenLinks.filter((l) => l.path !== OLD).length, 5);
  });

  it('redirects inbound links to the replacement, keeping anchors only where the replacement has them', () => {
    const after = applyInMemory(archiveFixture(), plan(archiveFixture(), { redirectInbound: true }).changes);
    assert.match(after['CLAUDE.md'], /\(docs\/CONCEPTS\/nicegui-sessions\.md#caveats\)/);
    assert.match(after['docs/RUNBOOKS/cache.md'], /\(\.\.\/CONCEPTS\/nicegui-sessions\.md\)/);
    // The replacement's own link to the old page goes to the archive, not to itself.
    assert.match(after['docs/CONCEPTS/nicegui-sessions.md'], /\(\.\.\/ARCHIVE\/streamlit\/concepts\/streamlit-sessions\.md#session-handling\)/);
    assert.deepEqual(findingLines(engineOver(after), 'links/broken'), []);
  });

  it('takes the inventory table’s archive path, file or folder, for documents outside the docs scope', () => {
    const files = {
      ...archiveFixture(),
      'docs/TASKS/archive-plan.md':
        '# Plan\n\n| Current Path | Archive Path | Description |\n| --- | --- | --- |\n| `apps/console/README.md` | `docs/ARCHIVE/streamlit/console_readme.md` | old console |\n| `docs/CONCEPTS/streamlit-*` (if any) | `docs/ARCHIVE/streamlit/legacy/` | concepts |\n| `tests/test_csp.py` | Keep but mark deprecated | tests |\n',
      'apps/console/README.md': '# Console\n\nSee [sessions](../../docs/CONCEPTS/streamlit-sessions.md).\n',
    };
    const readme = plan(files, { paths: ['apps/console/README.md'] });
    assert.deepEqual(readme.moves, [{ from: 'apps/console/README.md', to: 'docs/ARCHIVE/streamlit/console_readme.md' }]);
    assert.match(created(readme, 'docs/ARCHIVE/streamlit/console_readme.md'), /See \[sessions\]\(\.\.\/\.\.\/CONCEPTS\/streamlit-sessions\.md\)\.\n$/);
    assert.deepEqual(plan(files).moves, [{ from: OLD, to: 'docs/ARCHIVE/streamlit/legacy/streamlit-sessions.md' }]);
    assert.match(refusal(files, { paths: ['tests/test_csp.py'] }), /keeps `tests\/test_csp.py` in place/);
  });

  it('rewrites links from Markdown files outside the configured scope', () => {
    const files = { ...archiveFixture(), 'apps/web/README.md': 'Old docs: [here](../../docs/CONCEPTS/streamlit-sessions.md).\n' };
    const after = applyInMemory(files, plan(files).changes);
    assert.equal(after['apps/web/README.md'], 'Old docs: [here](../../docs/ARCHIVE/streamlit/concepts/streamlit-sessions.md).\n');
  });

  it('says which Markdown files could not be read for links', () => {
    const files = { ...archiveFixture(), 'apps/web/README.md': 'x' };
    const result = planArchive(engineOver(files), { paths: [OLD], replacement: 'docs/CONCEPTS/nicegui-sessions.md', today: TODAY }, (p) => (p === 'apps/web/README.md' ? undefined : files[p as keyof typeof files]));
    assert.ok(result.ok);
    assert.deepEqual(result.plan.notes, ['This Markdown file was not read, so links in it were not rewritten: `apps/web/README.md`.']);
  });

  it('names a rollback runbook that does not exist yet in a code span instead of linking it', () => {
    const files = { ...archiveFixture() };
    delete (files as Record<string, string>)['docs/RUNBOOKS/ui-rollback.md'];
    const p = plan(files);
    assert.match(created(p, NEW), /\nFor rollback procedures, see `docs\/RUNBOOKS\/ui-rollback\.md`\n/);
    assert.deepEqual(p.notes, ['The rollback runbook `docs/RUNBOOKS/ui-rollback.md` named in the config does not exist yet; the notice names it without linking it.']);
    const engine = engineOver(applyInMemory(files, p.changes));
    assert.deepEqual(engine.findings(NEW).filter((f) => f.ruleId.startsWith('archive/') || f.ruleId === 'links/broken'), []);
  });

  it('names a configured replacement glob in a code span', () => {
    const files = { ...archiveFixture(), '.adrift.yaml': `${ARCHIVE_CONFIG}  replacement: docs/CONCEPTS/nicegui-*.md\n` };
    assert.match(created(plan(files, { replacement: null }), NEW), /\*\*Replacement:\*\* See `docs\/CONCEPTS\/nicegui-\*\.md` for current documentation\n/);
    assert.match(refusal(files, { replacement: null, redirectInbound: true }), /Redirecting inbound links needs a replacement document/);
  });

  it('keeps a BOM and CRLF line endings, the notice included', () => {
    const original = '\uFEFF# Old page\r\n\r\nText with [a link](../overview.md).\r\n';
    const files = { ...archiveFixture(), [OLD]: original };
    const text = created(plan(files), NEW);
    assert.equal(text, `\uFEFF${NOTICE.replace(/\n/g, '\r\n')}# Old page\r\n\r\nText with [a link](../../../overview.md).\r\n`);
  });

  it('archived text is exactly the notice followed by the original when there is nothing to re-aim', () => {
    const line = fc.stringMatching(/^[A-Za-z0-9 #*_.,`>-]{0,30}$/);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.boolean(), fc.boolean(), (lines, crlf, bom) => {
        const body = `# Title\n${lines.join('\n')}\n`.replace(/\n/g, crlf ? '\r\n' : '\n');
        const files = { ...archiveFixture(), [OLD]: (bom ? '\uFEFF' : '') + body };
        const text = created(plan(files), NEW);
        assert.equal(text, (bom ? '\uFEFF' : '') + (crlf ? NOTICE.replace(/\n/g, '\r\n') : NOTICE) + body);
      }),
      { numRuns: 25 },
    );
  });

  it('archived text differs from notice + original only in rewritten destinations, which still reach the same targets', () => {
    const destination = fc.constantFrom(
      '../overview.md#layout', 'img/flow.png', 'streamlit-sessions.md#caveats', '/docs/INDEX.md', '../RUNBOOKS/cache',
      '<../API notes.md>', '#caveats', 'https://example.com/x.md', './nicegui-sessions.md', '../RUNBOOKS/', '../overview.md?plain=1#layout',
    );
    const piece = fc.oneof(
      fc.stringMatching(/^[A-Za-z ,.]{0,20}$/),
      fc.tuple(fc.stringMatching(/^[A-Za-z ]{1,8}$/), destination).map(([text, dest]) => `[${text}](${dest})`),
      destination.map((dest) => `![img](${dest} "t")`),
    );
    const line = fc.array(piece, { maxLength: 4 }).map((parts) => parts.join(' '));
    const definitions = fc.array(destination, { maxLength: 3 }).map((dests) => dests.map((dest, i) => `[d${i}]: ${dest}`).join('\n'));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), definitions, (lines, defs) => {
        const original = `# Title\n\n${lines.join('\n\n')}\n\n${defs}\n`;
        const files = { ...archiveFixture(), [OLD]: original };
        const p = plan(files);
        const archived = created(p, NEW);
        const own = p.rewrittenLinks.filter((l) => l.path === OLD);
        const expected = applyTextEdits(original, [{ range: { start: at(0, 0), end: at(0, 0) }, newText: NOTICE }, ...own.map((l) => ({ range: l.range, newText: l.to }))]);
        assert.equal(archived, expected);
        const targets = (path: string, text: string) =>
          parseDocument(path, text).links.filter((l) => l.urlRange && l.url && !/^[a-z]+:/.test(l.url) && !l.url.startsWith('#'))
            .map((l) => {
              const { path: target, fragment } = parseDestination(l.url);
              const resolved = resolveLinkPath(path, target);
              return `${resolved === OLD ? NEW : resolved}#${fragment}`;
            });
        assert.deepEqual(targets(NEW, archived.slice(NOTICE.length)), targets(OLD, original));
      }),
      { numRuns: 25 },
    );
  });

  it('refuses a second archive, an existing target and an already archived document', () => {
    const after = applyInMemory(archiveFixture(), plan(archiveFixture()).changes);
    assert.equal(refusal(after), `\`${OLD}\` does not exist; it was already archived to \`${NEW}\`.`);
    assert.match(refusal(after, { paths: [NEW] }), /is already archived/);
    assert.equal(refusal({ ...archiveFixture(), [NEW]: '# Someone else\n' }), `The target \`${NEW}\` already exists; nothing was changed.`);
    const noticed = { ...archiveFixture(), [OLD]: `${NOTICE}# Old page\n` };
    assert.match(refusal(noticed), /is already archived \(it already starts with a deprecation notice\)/);
  });

  it('refuses paths and links that climb out of the workspace', () => {
    assert.match(refusal(archiveFixture(), { paths: ['../outside.md'] }), /is outside the workspace/);
    assert.match(refusal(archiveFixture(), { replacement: '../x.md' }), /The replacement `..\/x.md` is outside the workspace/);
    const files = { ...archiveFixture(), [OLD]: '# Old\n\n[secret](../../../../etc/passwd)\n' };
    assert.match(refusal(files), /leads outside the workspace/);
  });

  it('asks for a replacement when none is named or configured', () => {
    assert.match(refusal(archiveFixture(), { replacement: null }), /Name the replacement document/);
    assert.match(refusal(archiveFixture(), { replacement: 'docs/CONCEPTS/nope.md' }), /does not exist/);
    assert.match(refusal(archiveFixture(), { today: '2025-02-30' }), /is not a real date/);
  });

  it('archives several documents at once, re-aiming links between them', () => {
    const files = { ...archiveFixture(), 'docs/CONCEPTS/streamlit-pages.md': '# Pages\n\nState lives in [sessions](streamlit-sessions.md).\n' };
    const p = plan(files, { paths: [OLD, 'docs/CONCEPTS/streamlit-pages.md'] });
    assert.match(created(p, 'docs/ARCHIVE/streamlit/concepts/streamlit-pages.md'), /\[sessions\]\(streamlit-sessions\.md\)/);
    assert.deepEqual(findingLines(engineOver(applyInMemory(files, p.changes)), 'links/broken'), []);
  });

  it('suggests replacements from mapping tables and topic names', () => {
    const files = {
      ...archiveFixture(),
      'docs/TASKS/links.md': '# Links\n\n| Old Link | New Link |\n| --- | --- |\n| `docs/CONCEPTS/streamlit-sessions.md` | `docs/overview.md` |\n',
    };
    assert.deepEqual(suggestReplacements(engineOver(files), OLD), [
      { path: 'docs/overview.md', reason: 'the link mapping table in `docs/TASKS/links.md` maps it there' },
      { path: 'docs/CONCEPTS/nicegui-sessions.md', reason: 'same topic (`sessions`)' },
    ]);
  });

  it('suggests the current documents an ADR naming the archived one links to', () => {
    const files = { ...archiveFixture(), 'docs/ADRs/ADR-0031-new-ui.md': '# ADR-0031: New UI\n\nRetires [the old page](../CONCEPTS/streamlit-sessions.md); read [the overview](../overview.md).\n' };
    assert.deepEqual(suggestReplacements(engineOver(files), OLD)[0], {
      path: 'docs/overview.md',
      reason: '`docs/ADRs/ADR-0031-new-ui.md` names the archived document and links here',
    });
  });

  it('configured archive folder comes from the shared archive section', () => {
    const files = { ...archiveFixture(), '.adrift.yaml': ARCHIVE_CONFIG.replace('docs/ARCHIVE/streamlit', 'docs/OLD') };
    assert.deepEqual(plan(files).moves, [{ from: OLD, to: 'docs/OLD/concepts/streamlit-sessions.md' }]);
  });
});
