import type { StoredFinding } from './storedResults';
import { comparePositions } from './text';
import type { Finding } from './types';

/**
 * What one rule run on one document gave and read. There is one per rule and
 * document (hundreds of thousands in a large workspace), so empty parts are
 * shared: most runs report nothing and read no other document.
 */
export interface RuleResult {
  /**
   * The findings as JSON, without their path (one string takes a fraction of
   * the memory of the objects, and most are not read again until they
   * change); `findingsOf` gives them as objects.
   */
  readonly findings: string | Finding[];
  /** Dependency keys read through the workspace view, each once. */
  readonly deps: readonly string[];
  /** Top-level fields of the document model the rule read (a set shared by equal ones); absent when unknown (seeded results). */
  readonly fields?: ReadonlySet<string>;
}

/** Shared by every result without findings or dependencies; never mutated. */
export const NO_FINDINGS: Finding[] = Object.freeze([]) as unknown as Finding[];
export const NO_DEPS: readonly string[] = Object.freeze([]);
/** The result of a rule that found nothing and read nothing else, shared by all such results. */
export const CLEAN_RESULT: RuleResult = Object.freeze({ findings: NO_FINDINGS, deps: NO_DEPS });

/** Findings as JSON without their path, which is the document's: `findingsOf` rebuilds them with it. */
export function compactFindings(findings: string | readonly (Finding | StoredFinding)[]): string {
  return typeof findings === 'string' ? findings : JSON.stringify(findings.map(({ path: _path, ...finding }: Partial<Finding>) => finding));
}

/** A result's findings as objects, with their path. */
export function findingsOf(result: RuleResult, path: string): Finding[] {
  if (typeof result.findings !== 'string') return result.findings;
  // Fresh objects from the parse, completed in place: copying each into a new object cost a third of taking results up.
  const findings = JSON.parse(result.findings) as Finding[];
  for (const finding of findings) finding.path = path;
  return findings;
}

/** The order findings are reported in: by path, then position, then rule and message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    comparePositions(a.range.start, b.range.start) ||
    comparePositions(a.range.end, b.range.end) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
