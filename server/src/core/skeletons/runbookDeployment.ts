import type { Skeleton } from './skeleton';
import { escalationSection, prerequisitesSection, step, verifyStep, type RunbookInput } from './runbookParts';

export function deploymentRunbookSkeleton(input: RunbookInput): Skeleton {
  return {
    id: 'runbook-deployment',
    description: 'Deployment runbook: prerequisites, environment, numbered deployment steps with verification, rollback, escalation',
    title: `${input.service} Deployment Runbook`,
    intro: '{{TODO: What this runbook deploys and when to use it.}}',
    sections: [
      prerequisitesSection(['{{TODO: services that must be running}}', '{{TODO: access and credentials (from the secret store, never pasted here)}}']),
      {
        title: 'Environment Variables',
        body: [
          '| Variable | Required | Default | Description |',
          '| --- | --- | --- | --- |',
          '| `{{TODO_VARIABLE}}` | {{Yes}} | - | {{TODO: what it sets}} |',
        ].join('\n'),
      },
      {
        title: 'Deployment Steps',
        body: '',
        children: [
          step(1, 'Build', '# {{TODO: build command}}'),
          step(2, 'Deploy', '# {{TODO: deploy command}}'),
          verifyStep(3, 'the deployment is healthy'),
        ],
      },
      {
        title: 'Rollback',
        body: '',
        children: [step(1, 'Route Traffic Back', '# {{TODO: command that restores the previous version}}'), verifyStep(2, 'the previous version serves traffic')],
      },
      escalationSection(),
    ],
  };
}
