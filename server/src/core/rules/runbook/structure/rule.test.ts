import { strict as assert } from 'node:assert';
import { createTestEngine, findingsOf } from '../../../../../../test/helpers/engine';
import { applyTextEdits } from '../../../fixes';
import { runbookStructure } from './rule';

const fence = '```';

function findings(files: Record<string, string>, config?: string) {
  const engine = createTestEngine({ files, config, rules: [runbookStructure] });
  return findingsOf(engine, 'runbook/structure');
}

/** `line:col what` for each finding, `what` being the message up to its first `;`. */
function check(path: string, text: string, config?: string): string[] {
  return findings({ [path]: text }, config).map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message.split(';')[0]}`);
}

const deployment = [
  '# Quotes Service Deployment', //               1
  '', //                                         2
  '## Prerequisites', //                          3
  '', //                                         4
  '- Registry push access', //                    5
  '', //                                         6
  '## Deployment Steps', //                       7
  '', //                                         8
  '### 1. Build the Image', //                    9
  '', //                                        10
  `${fence}bash`, //                            11
  'docker build -t quotes:"$TAG" .', //         12
  fence, //                                     13
  '', //                                        14
  '### 2. Roll Out', //                          15
  '', //                                        16
  `${fence}bash`, //                            17
  'kubectl apply -f deploy/quotes.yaml', //     18
  fence, //                                     19
  '', //                                        20
  '### 3. Verify Health', //                     21
  '', //                                        22
  `${fence}bash`, //                            23
  'curl -f http://quotes:8080/health', //       24
  '# Expected: {"status": "ok"}', //            25
  fence, //                                     26
  '', //                                        27
  '## Rollback', //                              28
  '', //                                        29
  'Follow the [rollback runbook](quotes-rollback.md).', // 30
  '', //                                        31
  '## Escalation', //                            32
  '', //                                        33
  'Page the market-data on-call.', //            34
  '',
];
const DEPLOY = 'docs/RUNBOOKS/quotes-deployment.md';

const without = (lines: string[], from: number, to: number) => [...lines.slice(0, from - 1), ...lines.slice(to)].join('\n');

describe('runbook/structure', () => {
  describe('stays silent', () => {
    it('on a complete deployment runbook with step headings', () => {
      assert.deepEqual(check(DEPLOY, deployment.join('\n')), []);
    });

    it('on documents that are not runbooks, and on the index and template of the runbook folder', () => {
      assert.deepEqual(check('docs/guide.md', '# Guide\n\n## Steps\n\n1. Run `make`\n\n   ```bash\n   make\n   ```\n\n2. Done\n'), []);
      assert.deepEqual(check('docs/RUNBOOKS/README.md', '# Runbooks\n\n- [Deploy](deploy.md)\n'), []);
      assert.deepEqual(check('docs/RUNBOOKS/runbook-template.md', '# Title\n'), []);
    });

    it('when the verification is a section right after the procedure', () => {
      const text = without(deployment, 21, 27).replace('## Rollback', '## Verification Checklist\n\n- [ ] Health endpoint returns 200\n\n## Rollback');
      assert.deepEqual(check(DEPLOY, text), []);
    });

    it('on numbered-list procedures verified by a later step, a comment or an introduced block', () => {
      const text = [
        '# Cache Warmup Runbook',
        '',
        '**Prerequisites:** `redis-cli` and access to the cache subnet.',
        '',
        '## Procedure: Warm the Cache',
        '',
        '1. **Load the symbols:**',
        '   ```bash',
        '   quotesctl warm --all',
        '   ```',
        '2. **Confirm the hit rate:**',
        '   ```bash',
        '   redis-cli info stats | grep keyspace_hits',
        '   ```',
        '',
        '## Flush Procedure',
        '',
        '1. Drain traffic from the node',
        '2. Flush the cache',
        '   ```bash',
        '   redis-cli flushall',
        '   # Should print OK',
        '   ```',
        '',
        '## Escalation',
        '',
        'Contact #cache-oncall.',
        '',
      ].join('\n');
      assert.deepEqual(check('docs/RUNBOOKS/cache.md', text), []);
    });

    it('on numbered lists that are not procedures (no commands, no procedure wording)', () => {
      const text = ['# Quotes Runbook', '', '## Prerequisites', '', '- VPN', '', '## Investigation', '', '1. Read the logs', '2. Compare with yesterday', '', '## Restart Steps', '', '### 1. Stop', '', '### 2. Check it is down', '', 'Escalate to the on-call.', ''].join('\n');
      assert.deepEqual(check('docs/RUNBOOKS/quotes.md', text), []);
    });

    it('on a troubleshooting entry whose solution is followed by a verification', () => {
      const text = [
        '# Quotes Troubleshooting',
        '',
        '## Prerequisites',
        '',
        '- Log access',
        '',
        '### Issue: Stale Prices',
        '',
        '**Symptoms:** prices stop moving.',
        '',
        '**Solution:** restart the feed handler.',
        '',
        '**Expected:** the price panel updates within 5 seconds.',
        '',
        '## Escalation',
        '',
        'On-call: market data team.',
      ].join('\n');
      assert.deepEqual(check('docs/RUNBOOKS/quotes-troubleshooting.md', text), []);
    });

    it('on a rollback runbook with a re-rollout section or a link to the deployment runbook', () => {
      const rollback = (ending: string) =>
        ['# Quotes Rollback', '', '## Prerequisites', '', '- Cluster access', '', '## Rollback Procedure', '', '### 1. Undo', '', '### 2. Verify', '', ending, '', '## Escalation', '', 'Escalate to the on-call.', ''].join('\n');
      assert.deepEqual(check('docs/RUNBOOKS/quotes-rollback.md', rollback('## Re-rollout Procedure\n\n1. Fix\n2. Verify on staging')), []);
      assert.deepEqual(check('docs/RUNBOOKS/quotes-rollback.md', rollback('Roll forward with the [deployment runbook](quotes-deployment.md).')), []);
    });
    it('on a short runbook whose numbered top-level sections are the steps', () => {
      const text = ['# Restart Quotes', '', '## 1. Prerequisites', '', '- Shell on the host', '', '## 2. Stop', '', '`systemctl stop quotes`', '', '## 3. Start', '', '## 4. Confirm It Serves', '', 'Escalate to the on-call if not.', ''].join('\n');
      assert.deepEqual(check('docs/RUNBOOKS/restart.md', text), []);
    });

    it('on dotted step numbers (`### 2.1 Verify`)', () => {
      const text = ['# Quotes', '', '## Prerequisites', '', '- VPN', '', '## Upgrade Steps', '', '### 2.1 Drain', '', '### 2.2 Verify Drained', '', 'Contact: #quotes', ''].join('\n');
      assert.deepEqual(check('docs/RUNBOOKS/quotes.md', text), []);
    });
  });

  describe('fires', () => {
    it('on a missing Prerequisites section, at the title', () => {
      assert.deepEqual(check(DEPLOY, without(deployment, 3, 6)), ['1:1 Runbook has no Prerequisites section']);
    });

    it('on a step-heading procedure without verification, at its heading', () => {
      assert.deepEqual(check(DEPLOY, without(deployment, 21, 27)), ['7:1 Procedure `Deployment Steps` has no verification step after its first step']);
    });

    it('when the only check is the first step', () => {
      const text = deployment.join('\n').replace('### 1. Build the Image', '### 1. Check the Image').replace('### 3. Verify Health', '### 3. Announce').replace('# Expected: {"status": "ok"}', 'echo done');
      assert.deepEqual(check(DEPLOY, text), ['7:1 Procedure `Deployment Steps` has no verification step after its first step']);
    });

    it('on a deployment runbook without rollback steps, at the deployment procedure', () => {
      assert.deepEqual(check(DEPLOY, without(deployment, 28, 31)), ['7:1 Deployment runbook has no rollback steps']);
    });

    it('on a missing escalation path, at the title', () => {
      assert.deepEqual(check(DEPLOY, without(deployment, 32, 34)), ['1:1 Runbook defines no escalation path']);
    });

    it('on a runbook without any procedure, besides its other gaps', () => {
      assert.deepEqual(check('docs/RUNBOOKS/notes.md', '# Quotes Notes\n\nSome prose about the service.\n'), [
        '1:1 Runbook defines no escalation path',
        '1:1 Runbook has no Prerequisites section',
        '1:1 Runbook has no step-by-step procedure',
      ]);
    });

    it('on each unverified procedure and troubleshooting entry separately', () => {
      const text = [
        '# Quotes Troubleshooting', //  1
        '', //                         2
        '## Prerequisites', //          3
        '', //                         4
        '- Log access', //              5
        '', //                         6
        '### Issue: Stale Prices', //   7
        '', //                         8
        '**Diagnosis:**', //            9
        '```bash', //                  10
        '# Check the feed lag', //     11
        'quotesctl lag', //            12
        '```', //                      13
        '', //                         14
        '**Solution:**', //            15
        'Restart the feed handler.', // 16
        '', //                         17
        '### Replay Procedure', //      18
        '', //                         19
        '1. Pause consumers', //        20
        '2. Replay the topic', //       21
        '', //                         22
        'Contact: #quotes.', //         23
      ].join('\n');
      assert.deepEqual(check('docs/RUNBOOKS/quotes-troubleshooting.md', text), [
        '7:1 Troubleshooting entry `Issue: Stale Prices` gives a solution but no way to confirm it worked',
        '18:1 Procedure `Replay Procedure` has no verification step after its first step',
      ]);
    });

    it('on a short runbook whose numbered top-level steps are never verified, at the title', () => {
      const text = ['# Restart Quotes', '', '## 1. Prerequisites', '', '- Shell on the host', '', '## 2. Stop', '', '## 3. Start', '', 'Escalate to the on-call.', ''].join('\n');
      assert.deepEqual(check('docs/RUNBOOKS/restart.md', text), ['1:1 Procedure `Restart Quotes` has no verification step after its first step']);
    });

    it('on a rollback runbook without re-rollout steps, at the rollback procedure', () => {
      const text = ['# Quotes Rollback', '', '## Prerequisites', '', '- Cluster access', '', '## Rollback Procedure', '', '### 1. Undo', '', '### 2. Verify', '', '## Escalation', '', 'Escalate to the on-call.', ''].join('\n');
      assert.deepEqual(check('docs/RUNBOOKS/quotes-rollback.md', text), ['7:1 Rollback runbook has no re-rollout steps']);
    });

    it('with configured keywords: only `smoke` counts as verification', () => {
      const config = 'rules:\n  runbook/structure:\n    verificationKeywords: [smoke]\n    commentKeywords: []\n';
      assert.deepEqual(check(DEPLOY, deployment.join('\n'), config), ['7:1 Procedure `Deployment Steps` has no verification step after its first step']);
      assert.deepEqual(check(DEPLOY, deployment.join('\n').replace('### 3. Verify Health', '### 3. Smoke Test'), config), []);
    });
  });

  describe('fixes', () => {
    it('adds sections whose insertion removes the findings', () => {
      const text = '# Quotes Notes\n\n## Restart Steps\n\n### 1. Stop\n\n### 2. Start\n';
      // Applied one at a time, as an editor does: each fix is computed on the current text.
      let current = text;
      for (let round = 0; round < 3; round++) {
        const [finding] = findings({ 'docs/RUNBOOKS/quotes.md': current });
        assert.equal(finding.fixes.length, 1);
        assert.equal(finding.fixes[0].safe, false);
        current = applyTextEdits(current, finding.fixes[0].changes.flatMap((c) => (c.kind === 'edit' ? c.edits : [])));
      }
      assert.equal(
        current,
        [
          '# Quotes Notes',
          '',
          '## Prerequisites',
          '',
          '- TODO: access, tools and services needed before the first step',
          '',
          '## Restart Steps',
          '',
          '### 1. Stop',
          '',
          '### 2. Start',
          '',
          '### 3. Verify it worked',
          '',
          '```bash',
          '# TODO: a command whose output proves it worked',
          '```',
          '',
          'Expected: TODO: the output when it worked',
          '',
          '## Escalation',
          '',
          '| Level | Contact | When |',
          '| --- | --- | --- |',
          '| 1 | TODO: on-call engineer | TODO: the procedure above did not resolve it within 15 minutes |',
          '| 2 | TODO: team lead | TODO: customer impact, or level 1 needs help |',
          '',
        ].join('\n'),
      );
      assert.deepEqual(check('docs/RUNBOOKS/quotes.md', current), []);
    });

    it('adds a numbered verification step after a list procedure', () => {
      const text = ['# Cache', '', '## Prerequisites', '', '- VPN', '', '## Flush Procedure', '', '1. Drain', '2. Flush', '', '## Escalation', '', 'On-call.', ''].join('\n');
      const [finding] = findings({ 'docs/RUNBOOKS/cache.md': text });
      const fixed = applyTextEdits(text, finding.fixes[0].changes.flatMap((c) => (c.kind === 'edit' ? c.edits : [])));
      assert.match(fixed, /2\. Flush\n\n3\. \*\*Verify:\*\* TODO: the command to run and the output to expect\n\n## Escalation/);
      assert.deepEqual(check('docs/RUNBOOKS/cache.md', fixed), []);
    });
  });
});
