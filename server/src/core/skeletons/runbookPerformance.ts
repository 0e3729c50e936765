import type { Skeleton } from './skeleton';
import { escalationSection, prerequisitesSection, step, verifyStep, type RunbookInput } from './runbookParts';

export function performanceRunbookSkeleton(input: RunbookInput): Skeleton {
  return {
    id: 'runbook-performance',
    description: 'Performance runbook: key metrics, prerequisites, measurement and load-test procedures with verification, sizing, escalation',
    title: `${input.service} Performance Runbook`,
    intro: '{{TODO: Which service levels this runbook keeps, and how.}}',
    sections: [
      {
        title: 'Key Metrics',
        body: ['| Metric | Target | Alert Threshold |', '| --- | --- | --- |', '| {{TODO: metric}} | {{TODO: target}} | {{TODO: threshold}} |'].join('\n'),
      },
      prerequisitesSection(['{{TODO: dashboard and metrics access}}', '{{TODO: load-testing tool installed}}']),
      {
        title: 'Load Testing',
        body: '',
        children: [step(1, 'Run the Baseline Test', '# {{TODO: load-test command}}'), verifyStep(2, 'the results meet the targets')],
      },
      {
        title: 'Bottleneck Identification',
        body: '',
        children: [step(1, 'Check Resource Utilization', '# {{TODO: command}}'), verifyStep(2, 'the bottleneck is found')],
      },
      {
        title: 'Resource Sizing',
        body: ['| Users | Replicas | CPU | Memory |', '| --- | --- | --- | --- |', '| {{TODO}} | {{TODO}} | {{TODO}} | {{TODO}} |'].join('\n'),
      },
      escalationSection(),
    ],
  };
}
