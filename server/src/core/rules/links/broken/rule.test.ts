import { strict as assert } from 'node:assert';
import { createTestEngine, findingLines, findingsOf } from '../../../../../../test/helpers/engine';

const run = (files: Record<string, string>) => findingLines(createTestEngine({ files }), 'links/broken');

describe('links/broken', () => {
  it('reports a missing file at the destination, with the resolved path', () => {
    assert.deepEqual(run({ 'docs/a.md': '# A\n\nSee [b](sub/b.md).\n' }), [
      'docs/a.md:3:9 links/broken Link target `sub/b.md` does not exist (resolved to `docs/sub/b.md`).',
    ]);
  });

  it('stays silent on files, folders, root-relative links, extensionless docs and external URLs', () => {
    const files = {
      'docs/a.md': [
        '# A',
        '',
        '[file](sub/b.md) [folder](sub) [folder/](sub/) [root](/infra/nginx.conf) [bare](sub/b)',
        '[web](https://example.com/x.md) [mail](mailto:a@b.c) [proto](//cdn/x) <https://auto.link>',
        '[self](#a) [other](sub/b.md#b-heading) [encoded](sub/with%20space.md) [angle](<sub/with space.md>)',
        '[query](sub/b.md?plain=1#b-heading) ![img](img/logo.png) [line](/infra/nginx.conf#L10)',
        '',
      ].join('\n'),
      'docs/sub/b.md': '# B heading\n',
      'docs/sub/with space.md': '# S\n',
      'docs/img/logo.png': '',
      'infra/nginx.conf': '',
    };
    assert.deepEqual(run(files), []);
  });

  it('reports broken anchors in the same and in other documents, suggesting near slugs', () => {
    const engine = createTestEngine({
      files: {
        'docs/a.md': '# A\n\n## Rollback Plan\n\n[x](#rollback-plna) [y](b.md#verifcation) [z](b.md#nothing-like-it)\n',
        'docs/b.md': '# B\n\n## Verification\n',
      },
    });
    const findings = findingsOf(engine, 'links/broken');
    assert.deepEqual(
      findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`),
      [
        '5:5 No heading with anchor `#rollback-plna` in this document; did you mean `#rollback-plan`?',
        '5:25 No heading with anchor `#verifcation` in `docs/b.md`; did you mean `#verification`?',
        '5:47 No heading with anchor `#nothing-like-it` in `docs/b.md`.',
      ],
    );
    assert.deepEqual(findings[1].fixes.map((f) => [f.title, f.safe]), [['Change the anchor to #verification', false]]);
    const edit = findings[1].fixes[0].changes[0];
    assert.ok(edit.kind === 'edit' && edit.edits[0].newText === 'b.md#verification');
  });

  it('reports a case mismatch as such, with a safe fix', () => {
    const engine = createTestEngine({ files: { 'docs/a.md': '# A\n\n[r](Runbooks/Deploy.md#steps)\n', 'docs/runbooks/deploy.md': '# D\n\n## Steps\n' } });
    const [finding] = findingsOf(engine, 'links/broken');
    assert.equal(finding.message, 'Link `Runbooks/Deploy.md` differs in case from the file `docs/runbooks/deploy.md`; it works on macOS and Windows but breaks on Linux.');
    assert.deepEqual(finding.fixes.map((f) => [f.title, f.safe]), [['Change the link to runbooks/deploy.md', true]]);
    const change = finding.fixes[0].changes[0];
    assert.ok(change.kind === 'edit' && change.edits[0].newText === 'runbooks/deploy.md#steps');
  });

  it('reports anchors that differ only in case', () => {
    assert.deepEqual(run({ 'docs/a.md': '# A\n\n## Context\n\n[c](#Context)\n' }), [
      'docs/a.md:5:5 links/broken Anchor `#Context` differs in case from the heading anchor `#context` in this document; anchors are case-sensitive.',
    ]);
  });

  it('offers the file with the same name elsewhere as a fix', () => {
    const engine = createTestEngine({ files: { 'docs/CONCEPTS/a.md': '# A\n\n[r](rollback.md)\n', 'docs/RUNBOOKS/rollback.md': '# R\n' } });
    const [finding] = findingsOf(engine, 'links/broken');
    assert.match(finding.message, /a file with that name exists at `docs\/RUNBOOKS\/rollback.md`/);
    assert.deepEqual(finding.fixes.map((f) => f.title), ['Change the link to ../RUNBOOKS/rollback.md']);
  });

  it('finds a task doc that moved under another name by its front-matter id, with a safe fix', () => {
    const text = '# Plan\n\n[login](P3T1_TASK.md#scope) and [gone](P3T9_TASK.md)\n';
    const files = { 'docs/TASKS/plan.md': text, 'docs/ARCHIVE/tasks/P3T1_DONE.md': '---\nid: P3T1\n---\n# P3T1\n\n## Scope\n' };
    const engine = createTestEngine({ files });
    assert.deepEqual(findingLines(engine, 'links/broken'), [
      'docs/TASKS/plan.md:3:9 links/broken Link target `P3T1_TASK.md` does not exist (resolved to `docs/TASKS/P3T1_TASK.md`); task P3T1 is now `docs/ARCHIVE/tasks/P3T1_DONE.md`.',
      'docs/TASKS/plan.md:3:40 links/broken Link target `P3T9_TASK.md` does not exist (resolved to `docs/TASKS/P3T9_TASK.md`).',
    ]);
    const [moved] = findingsOf(engine, 'links/broken');
    assert.deepEqual(moved.fixes.map((f) => [f.title, f.safe]), [['Change the link to ../ARCHIVE/tasks/P3T1_DONE.md', true]]);
    const change = moved.fixes[0].changes[0];
    assert.equal(change.kind === 'edit' && change.edits[0].newText, '../ARCHIVE/tasks/P3T1_DONE.md#scope');
  });

  it('reports references without definitions and checks definitions’ destinations', () => {
    assert.deepEqual(run({ 'docs/a.md': '# A\n\nSee [the ADR][adr] and [plan][].\n\n[plan]: missing-plan.md\n' }), [
      'docs/a.md:3:5 links/broken Reference `[adr]` has no definition; add `[adr]: <url>` or use an inline link.',
      'docs/a.md:5:9 links/broken Link target `missing-plan.md` does not exist (resolved to `docs/missing-plan.md`).',
    ]);
  });

  it('reports links that climb out of the workspace without reading them', () => {
    assert.deepEqual(run({ 'docs/a.md': '# A\n\n[p](../../../../etc/passwd)\n' }), [
      'docs/a.md:3:5 links/broken Link `../../../../etc/passwd` points outside the workspace; it is not checked.',
    ]);
  });

  it('keeps positions exact after emoji and CJK, in CRLF documents with a BOM', () => {
    assert.deepEqual(run({ 'docs/a.md': '\uFEFF# A\r\n\r\n✅ 完成 [x](gone.md)\r\n' }), [
      'docs/a.md:3:10 links/broken Link target `gone.md` does not exist (resolved to `docs/gone.md`).',
    ]);
  });

  it('can leave anchors unchecked', () => {
    const engine = createTestEngine({
      files: { 'docs/a.md': '# A\n\n[x](#nope)\n' },
      config: 'rules:\n  links/broken:\n    checkAnchors: false\n',
    });
    assert.deepEqual(findingLines(engine, 'links/broken'), []);
  });
});
