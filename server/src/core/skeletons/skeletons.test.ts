import { strict as assert } from 'node:assert';
import { createTestEngine, findingLines } from '../../../../test/helpers/engine';
import { adrSkeleton } from './adr';
import { adrMigrationSkeleton } from './adrMigration';
import { conceptSkeleton } from './concept';
import { deprecationNoticeSnippet } from './deprecationNotice';
import { markdownSnippets, skeletonForNewDocument, snippetSkeletons } from './index';
import { deploymentRunbookSkeleton } from './runbookDeployment';
import { performanceRunbookSkeleton } from './runbookPerformance';
import { rollbackRunbookSkeleton } from './runbookRollback';
import { troubleshootingRunbookSkeleton } from './runbookTroubleshooting';
import { renderSkeleton, renderSnippet, type Skeleton } from './skeleton';

const today = '2026-06-01';
const adrInput = { number: '0042', title: 'Event Bus', date: '2026-05-30' };

const PLACED: [string, Skeleton][] = [
  ['docs/ADRs/ADR-0042-event-bus.md', adrSkeleton(adrInput)],
  ['docs/ADRs/ADR-0043-event-bus.md', adrMigrationSkeleton({ ...adrInput, number: '0043' })],
  ['docs/CONCEPTS/event-bus.md', conceptSkeleton({ title: 'Event Bus' })],
  ['docs/RUNBOOKS/bus-deployment.md', deploymentRunbookSkeleton({ service: 'Event Bus' })],
  ['docs/RUNBOOKS/bus-troubleshooting.md', troubleshootingRunbookSkeleton({ service: 'Event Bus' })],
  ['docs/RUNBOOKS/bus-performance.md', performanceRunbookSkeleton({ service: 'Event Bus' })],
  ['docs/RUNBOOKS/bus-rollback.md', rollbackRunbookSkeleton({ service: 'Event Bus' })],
];

/** The checks a skeleton feeds; a skeleton that fails them would turn a fix into a new finding. */
const CHECKED = ['structure/', 'adr/', 'runbook/', 'code/', 'task/'];

describe('skeletons', () => {
  it('render as plain Markdown with no placeholder left', () => {
    for (const [path, skeleton] of PLACED) {
      const text = renderSkeleton(skeleton);
      assert.ok(!/\{\{|\}\}|\$\{/.test(text), `${path} keeps a placeholder`);
      assert.ok(text.endsWith('\n') && !text.includes('\n\n\n'), `${path} has stray blank lines`);
    }
  });

  it('pass the checks they feed when written as documents', () => {
    const config = 'structure:\n  schemas:\n    - files: ["docs/ADRs/ADR-0043-*"]\n      schema: adr-migration\n';
    const files = Object.fromEntries(PLACED.map(([path, skeleton]) => [path, renderSkeleton(skeleton)]));
    const engine = createTestEngine({ files, config, today });
    const lines = findingLines(engine).filter((line) => CHECKED.some((family) => line.split(' ')[1].startsWith(family)));
    assert.deepEqual(lines, []);
  });

  it('the adr-migration skeleton holds every section of the migration schema', () => {
    const headings = renderSkeleton(adrMigrationSkeleton(adrInput))
      .split('\n')
      .filter((l) => /^#{2,3} /.test(l));
    for (const name of ['## Security Considerations', '## Performance Requirements', '## Rollback Plan', '### Risks', '### Migration Path', '### Testing Approach', '### Timeline', '### Team Assignments', '## References']) {
      assert.ok(headings.includes(name), `missing ${name}`);
    }
  });

  it('pick the runbook skeleton a file name suggests', () => {
    const titleOf = (path: string) => skeletonForNewDocument({ path, kind: 'runbook', date: today })?.title;
    assert.equal(titleOf('docs/RUNBOOKS/api-rollback.md'), 'Api Rollback Runbook');
    assert.equal(titleOf('docs/RUNBOOKS/api-troubleshooting.md'), 'Api Troubleshooting Runbook');
    assert.equal(titleOf('docs/RUNBOOKS/api-performance.md'), 'Api Performance Runbook');
    assert.equal(titleOf('docs/RUNBOOKS/api-deployment.md'), 'Api Deployment Runbook');
    assert.equal(skeletonForNewDocument({ path: 'docs/notes.md', kind: 'other', date: today }), null);
  });
});

describe('snippets', () => {
  it('have one entry per skeleton plus the deprecation notice, with adrift- prefixes', () => {
    const snippets = markdownSnippets();
    assert.deepEqual(
      Object.values(snippets).map((s) => s.prefix),
      [
        'adrift-adr',
        'adrift-adr-migration',
        'adrift-concept',
        'adrift-runbook-deployment',
        'adrift-runbook-troubleshooting',
        'adrift-runbook-performance',
        'adrift-runbook-rollback',
        'adrift-deprecation-notice',
      ],
    );
    assert.deepEqual(snippets['adrift: deprecation-notice'].body, deprecationNoticeSnippet());
  });

  it('use only numbered tab stops, known variables and escaped dollars', () => {
    for (const skeleton of snippetSkeletons()) {
      const body = renderSnippet(skeleton).join('\n');
      const unescaped = body.replace(/\\[\\$}]/g, '');
      const stops = [...unescaped.matchAll(/\$\{(\d+):/g)].map((m) => Number(m[1]));
      assert.deepEqual(stops, stops.map((_, i) => i + 1), `${skeleton.id}: tab stops out of sequence`);
      const strayDollars = unescaped.replace(/\$\{\d+:/g, '').replace(/\$\{CURRENT_(YEAR|MONTH|DATE)\}/g, '');
      assert.ok(!strayDollars.includes('$'), `${skeleton.id}: unescaped $`);
    }
  });

  it('start the ADR with a title whose number and name are tab stops, dated today', () => {
    const adr = markdownSnippets()['adrift: adr'].body;
    assert.equal(adr[0], '# ADR-${1:0000}: ${2:Title of the decision}');
    assert.ok(adr.includes('${CURRENT_YEAR}-${CURRENT_MONTH}-${CURRENT_DATE}'));
  });
});
