import assert from 'node:assert/strict';
import { DiagnosticTag } from 'vscode-languageserver';
import type { Finding } from '../core/types';
import { needingConfirmation, toDiagnostic, toWorkspaceEdit, type EditTarget } from './convert';

const target: EditTarget = {
  uriOf: (path) => `file:///ws/${path}`,
  versionOf: (path) => (path === 'docs/open.md' ? 7 : null),
  eolOf: (path) => (path === 'docs/crlf.md' ? '\r\n' : '\n'),
};
const range = { start: { line: 2, character: 1 }, end: { line: 2, character: 9 } };

describe('convert', () => {
  it('turns a finding into a diagnostic with code, docs link, related information, tags and fixes in data', () => {
    const finding: Finding = {
      path: 'docs/open.md',
      range,
      severity: 'warning',
      ruleId: 'links/broken',
      message: 'Stale `st.session_state`.',
      fixes: [{ title: 'Replace', safe: true, changes: [] }],
      related: [{ path: 'docs/matrix.md', range, message: 'required by this row' }],
      tags: ['deprecated', 'unnecessary'],
    };
    assert.deepEqual(toDiagnostic(finding, target, new Set(['links/broken'])), {
      range,
      severity: 2,
      source: 'adrift',
      code: 'links/broken',
      codeDescription: { href: 'https://github.com/adrift-dev/adrift/blob/main/docs/rules/links/broken.md' },
      message: 'Stale `st.session_state`.',
      relatedInformation: [{ location: { uri: 'file:///ws/docs/matrix.md', range }, message: 'required by this row' }],
      tags: [DiagnosticTag.Deprecated, DiagnosticTag.Unnecessary],
      data: { fixes: finding.fixes, version: 7 },
    });
    const internal = toDiagnostic({ ...finding, ruleId: 'adrift/skipped', related: undefined, tags: undefined }, target, new Set());
    assert.equal(internal.codeDescription, undefined);
    assert.equal(internal.tags, undefined);
  });

  it('expresses create, edit, rename and delete as document changes, converting line ends', () => {
    const edit = toWorkspaceEdit(
      [
        { kind: 'create', path: 'docs/new.md', content: '# New\n' },
        { kind: 'edit', path: 'docs/crlf.md', edits: [{ range, newText: 'a\nb' }] },
        { kind: 'rename', from: 'docs/a.md', to: 'docs/b.md' },
        { kind: 'delete', path: 'docs/old.md' },
      ],
      target,
      { documentChanges: true, resourceOperations: true },
    );
    assert.deepEqual(edit?.documentChanges, [
      { kind: 'create', uri: 'file:///ws/docs/new.md', options: { overwrite: false, ignoreIfExists: false } },
      { textDocument: { uri: 'file:///ws/docs/new.md', version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '# New\n' }] },
      { textDocument: { uri: 'file:///ws/docs/crlf.md', version: null }, edits: [{ range, newText: 'a\r\nb' }] },
      { kind: 'rename', oldUri: 'file:///ws/docs/a.md', newUri: 'file:///ws/docs/b.md', options: { overwrite: false } },
      { kind: 'delete', uri: 'file:///ws/docs/old.md', options: { recursive: false, ignoreIfNotExists: true } },
    ]);
    const annotated = needingConfirmation(edit!, 'Archive');
    assert.equal(annotated.changeAnnotations?.['adrift.confirm'].needsConfirmation, true);
    assert.ok(annotated.documentChanges?.every((c) => ('edits' in c ? c.edits.every((e) => 'annotationId' in e) : 'annotationId' in c)));
  });

  it('falls back to `changes` for clients without document changes, and to nothing when resource operations are needed', () => {
    const edits = [{ kind: 'edit' as const, path: 'docs/open.md', edits: [{ range, newText: 'x' }] }];
    assert.deepEqual(toWorkspaceEdit(edits, target, { documentChanges: false, resourceOperations: false }), {
      changes: { 'file:///ws/docs/open.md': [{ range, newText: 'x' }] },
    });
    assert.equal(toWorkspaceEdit([{ kind: 'delete', path: 'docs/a.md' }], target, { documentChanges: true, resourceOperations: false }), null);
  });
});
