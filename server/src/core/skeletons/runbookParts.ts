import type { SkeletonSection } from './skeleton';

/** Pieces every runbook shares: what must be in place first, and whom to call when it goes wrong. */

export interface RunbookInput {
  /** The system the runbook is about, e.g. "Web console". */
  service: string;
}

export const RUNBOOK_SNIPPET_INPUT: RunbookInput = { service: '{{Service}}' };

export function prerequisitesSection(items: string[]): SkeletonSection {
  return { title: 'Prerequisites', body: items.map((item) => `- ${item}`).join('\n') };
}

export function escalationSection(): SkeletonSection {
  return {
    title: 'Escalation',
    body: [
      '| Level | Contact | When |',
      '| --- | --- | --- |',
      '| 1 | {{TODO: on-call engineer}} | {{TODO: the procedure above did not resolve it within 15 minutes}} |',
      '| 2 | {{TODO: team lead}} | {{TODO: customer impact, or level 1 needs help}} |',
    ].join('\n'),
  };
}

/** A numbered step: a title, what to do, and the command as a bash block. */
export function step(number: number, title: string, command: string, note?: string): SkeletonSection {
  const body = [...(note ? [note, ''] : []), '```bash', command, '```'].join('\n');
  return { title: `${number}. ${title}`, body };
}

/** The step that ends a procedure: the command that proves it worked, and the expected result. */
export function verifyStep(number: number, what: string): SkeletonSection {
  return {
    title: `${number}. Verify ${what}`,
    body: ['```bash', `# {{TODO: a command whose output proves ${what}}}`, '```', '', 'Expected: {{TODO: the output when it worked}}'].join('\n'),
  };
}
