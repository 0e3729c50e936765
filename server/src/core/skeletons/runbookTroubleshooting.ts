import type { Skeleton } from './skeleton';
import { escalationSection, prerequisitesSection, type RunbookInput } from './runbookParts';

export function troubleshootingRunbookSkeleton(input: RunbookInput): Skeleton {
  return {
    id: 'runbook-troubleshooting',
    description: 'Troubleshooting runbook: prerequisites, issues with symptoms, diagnosis, solution and verification, escalation',
    title: `${input.service} Troubleshooting Runbook`,
    intro: '{{TODO: Which failures this runbook covers.}}',
    sections: [
      prerequisitesSection(['{{TODO: log and metrics access}}', '{{TODO: command-line tools the diagnosis needs}}']),
      {
        title: 'Common Issues',
        body: '',
        children: [
          {
            title: 'Issue: {{TODO: what the user sees}}',
            body: [
              '**Symptoms:**',
              '',
              '- {{TODO: what is observed}}',
              '',
              '**Diagnosis:**',
              '',
              '1. Check the likely cause:',
              '',
              '   ```bash',
              '   # {{TODO: diagnostic command}}',
              '   ```',
              '',
              '2. Apply the solution: {{TODO: what to change}}',
              '',
              '3. Verify the issue is resolved:',
              '',
              '   ```bash',
              '   # {{TODO: command that shows it works again}}',
              '   ```',
            ].join('\n'),
          },
        ],
      },
      escalationSection(),
    ],
  };
}
