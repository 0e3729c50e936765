import { createHash, randomUUID } from 'node:crypto';
import { DocumentDiagnosticReportKind, type Diagnostic } from 'vscode-languageserver';

export type PullReport =
  | { kind: typeof DocumentDiagnosticReportKind.Unchanged; resultId: string }
  | { kind: typeof DocumentDiagnosticReportKind.Full; resultId: string; items: Diagnostic[] };

interface Reported {
  version: number;
  enabled: boolean;
  digest: string;
  resultId: string;
}

/**
 * Result ids for pull diagnostics that change only when a document's
 * diagnostics do. The engine reports a document as changed when one of its
 * inputs changed (a target's headings, a topic it reads), which often leaves
 * its findings as they were; a client holding the old id then gets
 * "unchanged" instead of the same list again.
 */
export class PullResults<Owner> {
  private readonly versions = new Map<Owner, Map<string, number>>();
  private readonly reported = new Map<Owner, Map<string, Reported>>();
  /** Ids a client kept from an earlier server process never match this one's. */
  private readonly session = randomUUID().slice(0, 8);

  /** Counts a change of the document's inputs: its next pull recomputes and compares. */
  bump(owner: Owner, rel: string): void {
    const versions = this.versions.get(owner) ?? new Map<string, number>();
    this.versions.set(owner, versions);
    versions.set(rel, (versions.get(rel) ?? 0) + 1);
  }

  /** Whether the client's id is current, without computing anything when no input changed since it was handed out. */
  report(owner: Owner, rel: string, enabled: boolean, previousResultId: string | undefined, diagnostics: () => Diagnostic[]): PullReport {
    const version = this.versions.get(owner)?.get(rel) ?? 0;
    const reported = this.reported.get(owner) ?? new Map<string, Reported>();
    this.reported.set(owner, reported);
    const last = reported.get(rel);
    if (last && last.version === version && last.enabled === enabled) {
      if (previousResultId === last.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId: last.resultId, items: diagnostics() };
    }
    const items = diagnostics();
    const digest = createHash('sha1').update(JSON.stringify(items)).digest('base64');
    const same = last !== undefined && last.enabled === enabled && last.digest === digest;
    const resultId = same ? last.resultId : `${this.session}:${enabled ? 'on' : 'off'}:${version}`;
    reported.set(rel, { version, enabled, digest, resultId });
    if (previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  }

  forget(owner: Owner): void {
    this.versions.delete(owner);
    this.reported.delete(owner);
  }
}
