import { loadConfig } from '../../server/src/core/config/load';
import { ResolvedConfig } from '../../server/src/core/config/resolved';
import { Engine } from '../../server/src/core/engine';
import type { Rule } from '../../server/src/core/rule';
import { allRules } from '../../server/src/core/rules';
import type { Finding } from '../../server/src/core/types';

export interface TestWorkspace {
  /** Workspace-relative path -> text. Markdown files in the configured scope are indexed as documents. */
  files: Record<string, string>;
  /** `.adrift.yaml` text, if any. */
  config?: string;
  rules?: readonly Rule[];
  /** Today's date (`YYYY-MM-DD`) as rules see it through `ctx.today()`. */
  today?: string;
}

/** An in-memory engine over the given files, exactly as the hosts feed it. */
export function createTestEngine({ files, config, rules = allRules, today }: TestWorkspace): Engine {
  const resolved = config === undefined ? new ResolvedConfig() : loadConfig(config, '.adrift.yaml', rules).config;
  const clock = today === undefined ? undefined : () => new Date(`${today}T12:00:00Z`);
  const engine = new Engine({ rules, config: resolved, clock });
  for (const path of Object.keys(files)) engine.addFile(path);
  for (const [path, text] of Object.entries(files)) {
    if (path.endsWith('.md') && engine.isIncluded(path)) engine.upsertDocument(path, text);
  }
  return engine;
}

/** Findings of one rule (or all) across the workspace, as `path:line:col rule message` strings for readable asserts. */
export function findingLines(engine: Engine, ruleId?: string): string[] {
  return [...engine.allFindings().values()]
    .flat()
    .filter((f) => ruleId === undefined || f.ruleId === ruleId)
    .map(formatFinding);
}

export function formatFinding(f: Finding): string {
  return `${f.path}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId} ${f.message}`;
}

export function findingsOf(engine: Engine, ruleId?: string): Finding[] {
  return [...engine.allFindings().values()].flat().filter((f) => ruleId === undefined || f.ruleId === ruleId);
}
