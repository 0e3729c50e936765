import type { Skeleton } from './skeleton';
import { escalationSection, prerequisitesSection, step, verifyStep, type RunbookInput } from './runbookParts';

export function rollbackRunbookSkeleton(input: RunbookInput): Skeleton {
  return {
    id: 'runbook-rollback',
    description: 'Rollback runbook: triggers, prerequisites, numbered rollback steps with verification, re-rollout, escalation',
    title: `${input.service} Rollback Runbook`,
    intro: '{{TODO: What this runbook rolls back, and who may decide to.}}',
    sections: [
      {
        title: 'Rollback Triggers',
        body: ['Roll back when any of these holds for 15 minutes or more:', '', '| Metric | Threshold |', '| --- | --- |', '| {{TODO: error rate}} | {{TODO: threshold}} |'].join('\n'),
      },
      prerequisitesSection(['{{TODO: access to the routing configuration}}', '{{TODO: the previous version still deployed and healthy}}']),
      {
        title: 'Rollback Procedure',
        body: '',
        children: [
          step(1, 'Switch Traffic to the Previous Version', '# {{TODO: command}}'),
          step(2, 'Preserve Evidence', '# {{TODO: capture logs and metrics}}'),
          verifyStep(3, 'the previous version is healthy'),
        ],
      },
      {
        title: 'Re-rollout Procedure',
        body: '',
        children: [step(1, 'Deploy the Fix to Staging', '# {{TODO: command}}'), step(2, 'Roll Out Gradually', '# {{TODO: 10% -> 50% -> 100%}}'), verifyStep(3, 'the new version is stable')],
      },
      escalationSection(),
    ],
  };
}
