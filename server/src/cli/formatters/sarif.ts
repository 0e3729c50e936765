import { ruleDocsUrl, type Rule } from '../../core/rule';
import type { Severity } from '../../core/types';
import type { FormatInput } from './shared';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0, for code-scanning upload. */
export function formatSarif(input: FormatInput & { rules: readonly Rule[]; version: string }): string {
  const ruleIds = [...new Set([...input.rules.map((r) => r.id), ...input.findings.map((f) => f.ruleId)])];
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  const describe = (id: string) => input.rules.find((r) => r.id === id);
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'adrift',
            version: input.version,
            informationUri: 'https://github.com/adrift-dev/adrift',
            rules: ruleIds.map((id) => {
              const rule = describe(id);
              const severity = rule?.defaultSeverity;
              return {
                id,
                shortDescription: { text: rule?.description ?? id },
                helpUri: ruleDocsUrl(id),
                defaultConfiguration: { level: severity && severity !== 'off' ? LEVEL[severity] : 'warning', enabled: severity !== 'off' },
              };
            }),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: input.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIndex.get(f.ruleId)!,
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(input.displayPath(f.path)) },
                region: {
                  startLine: f.range.start.line + 1,
                  startColumn: f.range.start.character + 1,
                  endLine: f.range.end.line + 1,
                  endColumn: f.range.end.character + 1,
                },
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
