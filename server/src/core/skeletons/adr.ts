import type { Skeleton, SkeletonSection } from './skeleton';

export interface AdrInput {
  /** As it should appear in the title, e.g. `0031`. */
  number: string;
  title: string;
  /** ISO date, YYYY-MM-DD. */
  date: string;
}

/** What the snippets pass: tab stops for number and title, today's date from snippet variables. */
export const ADR_SNIPPET_INPUT: AdrInput = {
  number: '{{0000}}',
  title: '{{Title of the decision}}',
  date: '{{$CURRENT_YEAR}}-{{$CURRENT_MONTH}}-{{$CURRENT_DATE}}',
};

export function adrStatusSection(): SkeletonSection {
  return { title: 'Status', metadata: true, body: '{{Proposed}}' };
}

export function adrDateSection(date: string): SkeletonSection {
  return { title: 'Date', metadata: true, body: date };
}

export const ADR_CONTEXT_BODY =
  '{{TODO: The forces at play: the problem, the constraints, and why a decision is needed now.}}';
export const ADR_DECISION_BODY = 'We will {{TODO: state the decision in one or two sentences, then the key changes it brings}}.';
export const ADR_ALTERNATIVES_BODY =
  '{{TODO: For each option considered: what it is, and why it was rejected.}}';

/** The general ADR (the built-in `adr` schema): status, date, context, decision, consequences, alternatives. */
export function adrSkeleton(input: AdrInput): Skeleton {
  return {
    id: 'adr',
    description: 'Architecture decision record: status, date, context, decision, consequences, alternatives',
    title: `ADR-${input.number}: ${input.title}`,
    sections: [
      adrStatusSection(),
      adrDateSection(input.date),
      { title: 'Context', body: ADR_CONTEXT_BODY },
      { title: 'Decision', body: ADR_DECISION_BODY },
      {
        title: 'Consequences',
        body: '{{TODO: What becomes easier and what becomes harder because of this decision.}}',
      },
      { title: 'Alternatives Considered', body: ADR_ALTERNATIVES_BODY },
    ],
  };
}
