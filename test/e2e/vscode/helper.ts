import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SeenDiagnostic } from '../scenarios';
import { waitFor } from '../support/tools';

/**
 * The test side of the helper extension's file channel (see helper-extension/extension.js):
 * what the extension host sees, read without going through the page.
 */
export class HelperChannel {
  private next = 0;

  constructor(readonly dir: string) {
    mkdirSync(join(dir, 'requests'), { recursive: true });
  }

  /** Environment for code-server, inherited by its extension host. */
  get env(): Record<string, string> {
    return { ADRIFT_E2E_CHANNEL: this.dir };
  }

  async ready(): Promise<void> {
    await waitFor('the e2e helper extension to activate', () => existsSync(join(this.dir, 'ready.json')), { timeoutMs: 90_000 });
  }

  /** All diagnostics by workspace-relative path, as last published by the extension host. */
  diagnostics(): Record<string, SeenDiagnostic[]> {
    const file = join(this.dir, 'diagnostics.json');
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).files : {};
  }

  adriftDiagnostics(path: string): SeenDiagnostic[] {
    return (this.diagnostics()[path] ?? []).filter((d) => d.source === 'adrift');
  }

  /** Waits until `accept` holds for the adrift diagnostics of `path`, and returns them. */
  async waitForDiagnostics(path: string, what: string, accept: (diagnostics: SeenDiagnostic[]) => boolean, timeoutMs = 60_000): Promise<SeenDiagnostic[]> {
    return waitFor(`diagnostics of ${path}: ${what}`, () => {
      const diagnostics = this.adriftDiagnostics(path);
      return accept(diagnostics) && diagnostics;
    }, { timeoutMs, describe: () => `adrift diagnostics now: ${JSON.stringify(this.diagnostics(), null, 1)}` });
  }

  async request<T>(query: string, ...args: unknown[]): Promise<T> {
    const name = `${process.pid}-${++this.next}.json`;
    const temp = join(this.dir, `${name}.tmp`);
    writeFileSync(temp, JSON.stringify({ query, args }));
    renameSync(temp, join(this.dir, 'requests', name));
    const responseFile = join(this.dir, 'responses', name);
    await waitFor(`the helper to answer ${query}`, () => existsSync(responseFile), { timeoutMs: 60_000 });
    const answer = JSON.parse(readFileSync(responseFile, 'utf8'));
    rmSync(responseFile, { force: true });
    if (answer.error) throw new Error(`helper ${query} failed: ${answer.error}`);
    return answer.result as T;
  }

  /** Waits until the open document's in-memory text satisfies `accept`; returns it. */
  async waitForText(path: string, what: string, accept: (text: string) => boolean): Promise<string> {
    let last: string | undefined;
    return waitFor(`${path}: ${what}`, async () => {
      last = (await this.documentText(path))?.text;
      return last !== undefined && accept(last) && last;
    }, { describe: () => `text now:\n${last}` });
  }

  waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>): Promise<T> {
    return waitFor(what, probe);
  }

  documentText(path: string): Promise<{ text: string; isDirty: boolean } | null> {
    return this.request('documentText', path);
  }
}
