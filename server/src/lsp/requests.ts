import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { WorkspaceEdit } from 'vscode-languageserver';
import { planArchive, suggestReplacements } from '../core/archive/plan';
import { buildMatrixGrids } from '../core/xref/grid';
import { renderGridsHtml, renderGridsMarkdown } from '../core/xref/render';
import { needingConfirmation, toWorkspaceEdit } from './convert';
import type { AdriftServer } from './server';

/** Requests of the VS Code client's commands (and of other editors that want them). */
export const CHECK_ALL_REQUEST = 'adrift/checkAll';
export const RESUME_INDEXING_REQUEST = 'adrift/resumeIndexing';

export const ARCHIVE_PLAN_REQUEST = 'adrift/archivePlan';
export const SUGGEST_REPLACEMENTS_REQUEST = 'adrift/suggestReplacements';
export const MATRIX_REQUEST = 'adrift/matrix';

export interface MatrixResponse {
  folders: { uri: string; name: string; markdown: string; html: string; grids: number }[];
}

export interface ArchivePlanParams {
  uris: string[];
  /** The chosen replacement document's URI. */
  replacement?: string | null;
  redirectInbound?: boolean;
}

export type ArchivePlanResponse =
  | { ok: true; edit: WorkspaceEdit; moves: { from: string; to: string }[]; notes: string[]; unsafeMentions: { uri: string; line: number; text: string }[] }
  | { ok: false; error: string };

export interface CheckAllResult {
  documents: number;
  errors: number;
  warnings: number;
}

export function registerCustomRequests(server: AdriftServer): void {
  const connection = server.connection;

  connection.onRequest(CHECK_ALL_REQUEST, async (): Promise<CheckAllResult> => {
    await server.flushAll();
    await Promise.all(server.folders.map((folder) => folder.recheckAll()));
    let documents = 0;
    let errors = 0;
    let warnings = 0;
    for (const folder of server.folders) {
      server.drain(folder);
      for (const rel of folder.reportablePaths()) {
        documents++;
        for (const finding of folder.settings.enable ? folder.findings(rel) : []) {
          if (finding.severity === 'error') errors++;
          else if (finding.severity === 'warning') warnings++;
        }
      }
    }
    return { documents, errors, warnings };
  });

  connection.onRequest(MATRIX_REQUEST, async (): Promise<MatrixResponse> => {
    await server.flushAll();
    const folders = [];
    for (const folder of server.folders) {
      await folder.whenIdle();
      const grids = buildMatrixGrids(folder.engine.view());
      folders.push({
        uri: folder.uri,
        name: path.basename(folder.root),
        markdown: renderGridsMarkdown(grids),
        html: renderGridsHtml(grids, (rel) => folder.uriOf(rel), `Cross-reference matrix: ${path.basename(folder.root)}`),
        grids: grids.length,
      });
    }
    return { folders };
  });

  connection.onRequest(SUGGEST_REPLACEMENTS_REQUEST, async (params: { uri: string }) => {
    const located = await server.ready(params.uri);
    if (!located) return [];
    await located.folder.whenIdle();
    return suggestReplacements(located.folder.engine, located.rel).map((s) => ({ ...s, uri: located.folder.uriOf(s.path) }));
  });

  connection.onRequest(ARCHIVE_PLAN_REQUEST, async (params: ArchivePlanParams): Promise<ArchivePlanResponse> => {
    await server.flushAll();
    const located = params.uris.map((uri) => server.locate(uri));
    const folder = located[0]?.folder;
    if (!folder || located.some((l) => l?.folder !== folder)) return { ok: false, error: 'The documents to archive must all lie in one workspace folder.' };
    await folder.whenIdle();
    const replacement = params.replacement ? folder.relPath(params.replacement) : null;
    const target = server.editTarget(folder);
    const readText = (rel: string) => {
      try {
        return readFileSync(path.join(folder.root, rel), 'utf8').replace(/^\uFEFF/, '');
      } catch {
        return undefined;
      }
    };
    const result = planArchive(
      folder.engine,
      { paths: located.map((l) => l!.rel), replacement, redirectInbound: params.redirectInbound ?? false, today: localDate() },
      readText,
    );
    if (!result.ok) return result;
    const edit = toWorkspaceEdit(result.plan.changes, target, { documentChanges: true, resourceOperations: true });
    if (!edit) return { ok: false, error: 'The plan could not be expressed as a workspace edit.' };
    return {
      ok: true,
      edit: needingConfirmation(edit, 'Archive Streamlit doc'),
      moves: result.plan.moves,
      notes: result.plan.notes,
      unsafeMentions: result.plan.unsafeMentions.map((m) => ({ uri: folder.uriOf(m.path), line: m.range.start.line, text: m.text })),
    };
  });

  connection.onRequest(RESUME_INDEXING_REQUEST, () => server.resume());
}

function localDate(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
