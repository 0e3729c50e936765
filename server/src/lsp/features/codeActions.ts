import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import type { DocumentModel } from '../../core/document';
import { chooseSafeFixes, mergeChanges } from '../../core/fixes';
import type { Change, Finding } from '../../core/types';
import { FIX_ALL_KIND, fixAction, isAdriftDiagnostic, toWorkspaceEdit, type DiagnosticData, type EditTarget } from '../convert';

export interface CodeActionContext {
  path: string;
  model: DocumentModel | undefined;
  target: EditTarget;
  client: { documentChanges: boolean; resourceOperations: boolean };
  /** Rules that control comments can silence (the registered rules). */
  suppressibleRules: ReadonlySet<string>;
  /** Current findings of the document, for "fix all". */
  findings: () => Finding[];
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

/** Quick fixes from each diagnostic's data, "disable" comments, and "fix all" for the file. */
export function codeActions(params: CodeActionParams, ctx: CodeActionContext): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (wants(only, CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics.filter(isAdriftDiagnostic)) {
      const { fixes, version } = diagnostic.data as DiagnosticData;
      const preferred = fixes.findIndex((fix) => fix.safe);
      fixes.forEach((fix, index) => {
        const edit = toWorkspaceEdit(fix.changes, ctx.target, ctx.client, { path: ctx.path, version });
        if (edit) actions.push(fixAction(fix, diagnostic, edit, index === preferred));
      });
      actions.push(...disableActions(diagnostic, ctx));
    }
  }
  if (wants(only, FIX_ALL_KIND)) {
    const fixes = chooseSafeFixes(ctx.findings());
    const edit = fixes.length ? toWorkspaceEdit(mergeChanges(fixes), ctx.target, ctx.client) : null;
    if (edit) actions.push({ title: 'Fix all adrift findings in this file', kind: FIX_ALL_KIND, edit });
  }
  return actions;
}

function disableActions(diagnostic: Diagnostic, ctx: CodeActionContext): CodeAction[] {
  const rule = String(diagnostic.code ?? '');
  const model = ctx.model;
  if (!model || !ctx.suppressibleRules.has(rule)) return [];
  const actions: CodeAction[] = [];
  const frontMatterEnd = model.frontMatter ? model.frontMatter.range.end.line : -1;
  const line = diagnostic.range.start.line;
  const insert = (atLine: number, text: string, title: string): CodeAction | null => {
    const position = { line: atLine, character: 0 };
    const changes: Change[] = [{ kind: 'edit', path: ctx.path, edits: [{ range: { start: position, end: position }, newText: text }] }];
    const edit = toWorkspaceEdit(changes, ctx.target, ctx.client);
    return edit && { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit };
  };
  if (line > frontMatterEnd) {
    const indent = /^[ \t]*/.exec(model.lines.lineText(line))![0];
    const action = insert(line, `${indent}<!-- adrift-disable-next-line ${rule} -->\n`, `Disable ${rule} for this line`);
    if (action) actions.push(action);
  }
  const fileAction = insert(frontMatterEnd + 1, `<!-- adrift-disable ${rule} -->\n`, `Disable ${rule} for this file`);
  if (fileAction) actions.push(fileAction);
  return actions;
}
