import type { Skeleton } from './skeleton';

export interface ConceptInput {
  title: string;
}

export const CONCEPT_SNIPPET_INPUT: ConceptInput = { title: '{{Concept name}}' };

/**
 * A concept document (the built-in `concept` schema requires Overview and
 * Related Documents; the examples section is part of the skeleton only).
 * The example block is tagged so it can be checked and copied as is.
 */
export function conceptSkeleton(input: ConceptInput): Skeleton {
  return {
    id: 'concept',
    description: 'Concept document: overview, key ideas, runnable examples, related documents',
    title: input.title,
    sections: [
      { title: 'Overview', body: '{{TODO: What this concept is, and when a reader needs it.}}' },
      { title: 'Key Ideas', optional: true, body: '{{TODO: The model a reader must have in mind, with a diagram where it is not obvious.}}' },
      {
        title: 'Examples',
        optional: true,
        body: ['```python', '# {{TODO: a copy-paste runnable example, imports included}}', '```'].join('\n'),
      },
      { title: 'Related Documents', body: '- {{TODO: link the ADR and the related concept documents}}' },
    ],
  };
}
