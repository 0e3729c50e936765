import * as vscode from 'vscode';
import type { WorkspaceEdit } from 'vscode-languageclient';
import type { ClientAccess } from '.';

interface Suggestion {
  uri: string;
  path: string;
  reason: string;
}

type PlanResponse =
  | { ok: true; edit: WorkspaceEdit; moves: { from: string; to: string }[]; notes: string[]; unsafeMentions: { uri: string; line: number; text: string }[] }
  | { ok: false; error: string };

const NO_REPLACEMENT = 'No replacement';

/**
 * "adrift: Archive Streamlit doc": on the active editor or the explorer
 * selection; asks for the replacement (server suggestions first), then applies
 * the server's plan as one undoable edit behind the refactoring preview.
 */
export async function archiveDocs(client: ClientAccess, clicked?: vscode.Uri, selected?: vscode.Uri[]): Promise<void> {
  const running = client();
  if (!running) return;
  const targets = (selected?.length ? selected : clicked ? [clicked] : vscode.window.activeTextEditor ? [vscode.window.activeTextEditor.document.uri] : [])
    .filter((uri) => uri.scheme === 'file' && uri.path.toLowerCase().endsWith('.md'));
  if (targets.length === 0) {
    void vscode.window.showWarningMessage('adrift: choose one or more Markdown docs to archive.');
    return;
  }
  const suggestions = await running.sendRequest<Suggestion[]>('adrift/suggestReplacements', { uri: targets[0].toString() });
  const picked = await vscode.window.showQuickPick(
    [
      ...suggestions.map((s) => ({ label: s.path, detail: s.reason, uri: s.uri as string | null })),
      { label: 'Other document…', detail: 'Pick the replacement from the file system', uri: 'browse' as string | null },
      { label: NO_REPLACEMENT, detail: 'Archive without naming a replacement', uri: null as string | null },
    ],
    { title: `Archive ${targets.length === 1 ? vscode.workspace.asRelativePath(targets[0]) : `${targets.length} docs`}: replacement`, ignoreFocusOut: true },
  );
  if (!picked) return;
  let replacement = picked.uri;
  if (replacement === 'browse') {
    const chosen = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { Markdown: ['md'] }, defaultUri: targets[0] });
    if (!chosen?.[0]) return;
    replacement = chosen[0].toString();
  }
  const plan = await running.sendRequest<PlanResponse>('adrift/archivePlan', { uris: targets.map((uri) => uri.toString()), replacement });
  if (!plan.ok) {
    void vscode.window.showErrorMessage(`adrift: ${plan.error}`);
    return;
  }
  const edit = await running.protocol2CodeConverter.asWorkspaceEdit(plan.edit);
  const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  if (!applied) {
    void vscode.window.showWarningMessage('adrift: nothing was archived (the preview was cancelled or no change was ticked).');
    return;
  }
  await saveArchivedCopies(plan.moves.map((m) => m.to));
  const notes = [...plan.notes];
  if (plan.unsafeMentions.length) notes.push(`${plan.unsafeMentions.length} plain-text mention(s) of the archived path were left for you to review.`);
  void vscode.window.showInformationMessage(`adrift: archived ${plan.moves.map((m) => m.to).join(', ')}.${notes.length ? ` ${notes.join(' ')}` : ''}`);
}

/**
 * The old file is gone from disk once the edit applies; its text lives on only
 * in the new, unsaved editor. Save those at once so no line depends on an
 * unsaved buffer. Documents the user was editing are left for the user to save.
 */
async function saveArchivedCopies(targets: string[]): Promise<void> {
  const wanted = new Set(targets.map((t) => t.replace(/\\/g, '/')));
  const documents = vscode.workspace.textDocuments.filter(
    (doc) => doc.isDirty && [...wanted].some((target) => doc.uri.path.endsWith(`/${target}`)),
  );
  await Promise.all(documents.map((doc) => doc.save()));
}
