import {
  CodeAction,
  CodeActionKind,
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic,
  type TextDocumentEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { ruleDocsUrl } from '../core/rule';
import type { Change, Finding, Fix, FindingTag, Severity } from '../core/types';

/** How paths of one workspace folder become URIs, versions and line endings. */
export interface EditTarget {
  uriOf(path: string): string;
  /** The open document's version, or null for a file only on disk. */
  versionOf(path: string): number | null;
  /** The line ending fix text must be converted to. */
  eolOf(path: string): '\n' | '\r\n';
}

/** What a diagnostic carries so code actions need no second computation. */
export interface DiagnosticData {
  fixes: Fix[];
  /** The version of the open document the findings were computed on. */
  version: number | null;
}

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

const TAGS: Record<FindingTag, DiagnosticTag> = {
  deprecated: DiagnosticTag.Deprecated,
  unnecessary: DiagnosticTag.Unnecessary,
};

export const DIAGNOSTIC_SOURCE = 'adrift';

export function toDiagnostic(finding: Finding, target: EditTarget, documentedRules: ReadonlySet<string>): Diagnostic {
  const data: DiagnosticData = { fixes: finding.fixes, version: target.versionOf(finding.path) };
  return {
    range: finding.range,
    severity: SEVERITIES[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    ...(documentedRules.has(finding.ruleId) ? { codeDescription: { href: ruleDocsUrl(finding.ruleId) } } : {}),
    message: finding.message,
    ...(finding.related?.length
      ? {
          relatedInformation: finding.related.map((related) => ({
            location: { uri: target.uriOf(related.path), range: related.range },
            message: related.message,
          })),
        }
      : {}),
    ...(finding.tags?.length ? { tags: finding.tags.map((tag) => TAGS[tag]) } : {}),
    data,
  };
}

export function isAdriftDiagnostic(diagnostic: Diagnostic): diagnostic is Diagnostic & { data: DiagnosticData } {
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  return diagnostic.source === DIAGNOSTIC_SOURCE && Array.isArray(data?.fixes);
}

/**
 * Turns engine changes into one workspace edit. Resource operations (create,
 * rename, delete) need `documentChanges`; without client support for them
 * such a change cannot be expressed and null is returned.
 */
export function toWorkspaceEdit(
  changes: readonly Change[],
  target: EditTarget,
  client: { documentChanges: boolean; resourceOperations: boolean },
  versionOverride?: { path: string; version: number | null },
): WorkspaceEdit | null {
  const versionOf = (path: string) => (versionOverride?.path === path ? versionOverride.version : target.versionOf(path));
  const withEol = (path: string, text: string) => (target.eolOf(path) === '\n' ? text : text.replace(/\r?\n/g, '\r\n'));
  const hasResourceOperation = changes.some((change) => change.kind !== 'edit');
  if (hasResourceOperation && !client.resourceOperations) return null;
  if (!client.documentChanges) {
    const byUri: NonNullable<WorkspaceEdit['changes']> = {};
    for (const change of changes) {
      if (change.kind !== 'edit') continue;
      const uri = target.uriOf(change.path);
      byUri[uri] = [...(byUri[uri] ?? []), ...change.edits.map((edit) => ({ range: edit.range, newText: withEol(change.path, edit.newText) }))];
    }
    return { changes: byUri };
  }
  const documentChanges: NonNullable<WorkspaceEdit['documentChanges']> = [];
  for (const change of changes) {
    switch (change.kind) {
      case 'edit': {
        const edit: TextDocumentEdit = {
          textDocument: { uri: target.uriOf(change.path), version: versionOf(change.path) },
          edits: change.edits.map((e) => ({ range: e.range, newText: withEol(change.path, e.newText) })),
        };
        documentChanges.push(edit);
        break;
      }
      case 'create': {
        const uri = target.uriOf(change.path);
        documentChanges.push({ kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } });
        if (change.content !== '') {
          const start = { line: 0, character: 0 };
          documentChanges.push({ textDocument: { uri, version: null }, edits: [{ range: { start, end: start }, newText: change.content }] });
        }
        break;
      }
      case 'rename':
        documentChanges.push({ kind: 'rename', oldUri: target.uriOf(change.from), newUri: target.uriOf(change.to), options: { overwrite: false } });
        break;
      case 'delete':
        documentChanges.push({ kind: 'delete', uri: target.uriOf(change.path), options: { recursive: false, ignoreIfNotExists: true } });
        break;
    }
  }
  return { documentChanges };
}

/** Marks every change of an edit as needing confirmation, so VS Code shows its refactoring preview. */
export function needingConfirmation(edit: WorkspaceEdit, label: string): WorkspaceEdit {
  const annotationId = 'adrift.confirm';
  const documentChanges = (edit.documentChanges ?? []).map((change) =>
    'textDocument' in change
      ? { ...change, edits: change.edits.map((e) => ({ ...e, annotationId })) }
      : { ...change, annotationId },
  );
  return { documentChanges, changeAnnotations: { [annotationId]: { label, needsConfirmation: true } } };
}

export function fixAction(fix: Fix, diagnostic: Diagnostic, edit: WorkspaceEdit, preferred: boolean): CodeAction {
  return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit, ...(preferred ? { isPreferred: true } : {}) };
}

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.adrift`;
