import { strict as assert } from 'node:assert';
import { applyTextEdits } from '../../../fixes';
import { createTestEngine, findingLines, findingsOf } from '../../../../../../test/helpers/engine';

const RULE = 'links/to-archived';

const archived = [
  '---',
  '**DEPRECATED:** This document describes the old console.',
  '',
  '**Archived:** 2025-05-30',
  '**Reason:** Replaced (see ADR-0031)',
  '**Replacement:** See [auth](../../CONCEPTS/nicegui-auth.md) for current documentation',
  '',
  '---',
  '',
  '# Old auth',
  '',
].join('\n');

const files = {
  'docs/ARCHIVE/streamlit/auth.md': archived,
  'docs/ARCHIVE/streamlit/misc.md': '# Misc\n',
  'docs/CONCEPTS/nicegui-auth.md': '# Auth\n',
};

describe('links/to-archived', () => {
  it('warns about links into the archive and names the replacement from the notice', () => {
    const guide = '# Guide\n\nRead [auth](ARCHIVE/streamlit/auth.md#old-auth) and [misc](ARCHIVE/streamlit/misc.md).\n';
    const engine = createTestEngine({ files: { ...files, 'docs/guide.md': guide } });
    assert.deepEqual(findingLines(engine, RULE), [
      'docs/guide.md:3:13 links/to-archived Link to archived document `docs/ARCHIVE/streamlit/auth.md`: it describes deprecated behaviour; link its replacement `docs/CONCEPTS/nicegui-auth.md` instead.',
      'docs/guide.md:3:60 links/to-archived Link to archived document `docs/ARCHIVE/streamlit/misc.md`: it describes deprecated behaviour.',
    ]);
    const [first] = findingsOf(engine, RULE);
    assert.deepEqual(first.tags, ['deprecated']);
    const change = first.fixes[0].changes[0];
    assert.equal(
      applyTextEdits(guide, change.kind === 'edit' ? change.edits : []),
      '# Guide\n\nRead [auth](CONCEPTS/nicegui-auth.md) and [misc](ARCHIVE/streamlit/misc.md).\n',
    );
  });

  it('follows an edit of the archived document’s notice, which leaves its headings as they were', () => {
    const guide = '# Guide\n\nRead [auth](ARCHIVE/streamlit/auth.md).\n';
    const engine = createTestEngine({ files: { ...files, 'docs/CONCEPTS/login.md': '# Login\n', 'docs/guide.md': guide } });
    assert.match(findingLines(engine, RULE)[0], /link its replacement `docs\/CONCEPTS\/nicegui-auth\.md` instead/);
    engine.upsertDocument('docs/ARCHIVE/streamlit/auth.md', archived.replace('nicegui-auth.md', 'login.md'));
    assert.match(findingLines(engine, RULE)[0], /link its replacement `docs\/CONCEPTS\/login\.md` instead/);
  });

  it('names no replacement that does not exist (falling back to the ADR the reason names), nor one guessed for a document without a notice', () => {
    const gone = archived.replace('../../CONCEPTS/nicegui-auth.md', '../../CONCEPTS/nicegui-login.md');
    const guide = '# Guide\n\n[auth](ARCHIVE/streamlit/auth.md) and [done](ARCHIVE/tasks/P1T2_DONE.md)\n';
    const engine = createTestEngine({
      files: {
        ...files,
        'docs/ARCHIVE/streamlit/auth.md': gone,
        'docs/ARCHIVE/tasks/P1T2_DONE.md': '# Done\n',
        'docs/ADRs/ADR-0031-move.md': '# ADR-0031: Move\n\n[auth](../CONCEPTS/nicegui-auth.md)\n',
        'docs/guide.md': guide,
      },
    });
    assert.deepEqual(findingLines(engine, RULE), [
      'docs/guide.md:3:8 links/to-archived Link to archived document `docs/ARCHIVE/streamlit/auth.md`: it describes deprecated behaviour; link its replacement `docs/ADRs/ADR-0031-move.md` instead.',
      'docs/guide.md:3:46 links/to-archived Link to archived document `docs/ARCHIVE/tasks/P1T2_DONE.md`: it describes deprecated behaviour.',
    ]);
    assert.deepEqual(findingsOf(engine, RULE).map((f) => f.fixes.length), [1, 0]);
  });

  it('leaves links to finished task plans in the archive alone (they are records, not deprecated text)', () => {
    const concept = '# Auth\n\nBuilt in [P1T2](../ARCHIVE/tasks/P1T2_DONE.md).\n';
    const engine = createTestEngine({ files: { 'docs/ARCHIVE/tasks/P1T2_DONE.md': '---\nid: P1T2\nstate: COMPLETE\n---\n# P1T2\n', 'docs/CONCEPTS/auth.md': concept } });
    assert.deepEqual(findingLines(engine, RULE), []);
  });

  it('stays silent in archived and task documents, and for links elsewhere', () => {
    const engine = createTestEngine({
      files: {
        ...files,
        'docs/ARCHIVE/streamlit/index.md': '# Index\n\n[auth](auth.md)\n',
        'docs/TASKS/P5T8.md': '---\nid: P5T8\n---\n# Task\n\n[auth](../ARCHIVE/streamlit/auth.md)\n',
        'docs/guide.md': '# Guide\n\n[auth](CONCEPTS/nicegui-auth.md) and [web](https://example.com/docs/ARCHIVE/x.md)\n',
      },
    });
    assert.deepEqual(findingLines(engine, RULE), []);
  });
});
