import { ADR_ALTERNATIVES_BODY, ADR_CONTEXT_BODY, ADR_DECISION_BODY, adrDateSection, adrStatusSection, type AdrInput } from './adr';
import type { Skeleton } from './skeleton';

/**
 * The ADR for a migration (the built-in `adr-migration` schema): the general
 * ADR plus what a migration plan must answer before it is accepted —
 * security, performance targets, a rollback plan, how the work is carried out,
 * and risks under the consequences.
 */
export function adrMigrationSkeleton(input: AdrInput): Skeleton {
  return {
    id: 'adr-migration',
    description: 'ADR for a migration: the general ADR plus security, performance, rollback plan, implementation notes and risks',
    title: `ADR-${input.number}: ${input.title}`,
    sections: [
      adrStatusSection(),
      adrDateSection(input.date),
      {
        title: 'Context',
        body: ADR_CONTEXT_BODY,
        children: [
          { title: 'Problem Statement', optional: true, body: '{{TODO: The limitations of the current system, one numbered item each.}}' },
        ],
      },
      { title: 'Decision', body: ADR_DECISION_BODY },
      { title: 'Alternatives Considered', body: ADR_ALTERNATIVES_BODY },
      {
        title: 'Consequences',
        body: '',
        children: [
          { title: 'Positive', optional: true, body: '- {{TODO: what improves}}' },
          { title: 'Negative', optional: true, body: '- {{TODO: what it costs}}' },
          { title: 'Trade-offs', optional: true, body: '- {{TODO: what was given up for what}}' },
          {
            title: 'Risks',
            body: [
              '| Risk | Likelihood | Impact | Mitigation |',
              '| --- | --- | --- | --- |',
              '| {{TODO: risk}} | {{Medium}} | {{Medium}} | {{TODO: mitigation}} |',
            ].join('\n'),
          },
        ],
      },
      {
        title: 'Security Considerations',
        body: '{{TODO: Changes to sessions, authentication flows, CSRF protection and cookie flags.}}',
      },
      {
        title: 'Performance Requirements',
        body: [
          '| Metric | Current | Target |',
          '| --- | --- | --- |',
          '| {{TODO: metric}} | {{TODO: today}} | {{TODO: target}} |',
          '',
          '{{TODO: How the targets are validated.}}',
        ].join('\n'),
      },
      {
        title: 'Rollback Plan',
        body: '',
        children: [
          { title: 'Triggers', optional: true, body: '- {{TODO: the error rate or latency that starts a rollback, and for how long}}' },
          { title: 'Procedure', optional: true, body: '1. {{TODO: switch traffic back to the previous system}}\n2. {{TODO: verify the previous system is healthy}}' },
        ],
      },
      {
        title: 'Implementation Notes',
        body: '',
        children: [
          { title: 'Migration Path', body: '1. {{TODO: phases, and when the parallel run starts and ends}}' },
          { title: 'Testing Approach', body: '- {{TODO: unit, integration, end-to-end and load tests}}' },
          { title: 'Timeline', body: '{{TODO: milestones and dates}}' },
          { title: 'Team Assignments', body: '- {{TODO: who owns which part}}' },
        ],
      },
      { title: 'References', body: '- {{TODO: links to the planning document and the task documents}}' },
    ],
  };
}
