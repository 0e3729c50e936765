import type { Rule, RuleContext } from '../../../rule';
import type { Fix, Range } from '../../../types';
import { code } from '../../../messages';
import { escalationSection, prerequisitesSection, verifyStep } from '../../../skeletons/runbookParts';
import { plain, renderSection } from '../../../skeletons/skeleton';
import { isStepHeading, outline, Phrases, stepTitle, type Section } from './outline';

const DEFAULTS = {
  prerequisiteHeadings: ['prerequisites', 'pre-requisites', 'requirements', 'before you begin', 'before you start', 'preconditions'],
  verificationKeywords: ['verify', 'verification', 'validate', 'validation', 'confirm', 'check', 'expected', 'smoke test', 'health check'],
  commentKeywords: ['expected', 'verify', 'check', 'confirm', 'validate', 'should', 'assert'],
  escalationKeywords: ['escalation', 'escalate', 'on-call', 'oncall', 'pagerduty', 'opsgenie', 'contact'],
  remediationLabels: ['solution', 'resolution', 'fix', 'remediation', 'workaround', 'mitigation'],
  procedureWords: ['procedure', 'steps', 'how to', 'instructions', 'playbook'],
  deploymentWords: ['deploy', 'deployment', 'release', 'rollout', 'upgrade'],
  rollbackWords: ['rollback', 'roll back', 'revert', 'back out', 'backout'],
  reRolloutWords: ['re-rollout', 're-deploy', 'redeploy', 'roll forward', 'roll-forward', 'rollforward', 're-enable'],
};
type Options = typeof DEFAULTS;

const DESCRIPTIONS: Record<keyof Options, string> = {
  prerequisiteHeadings: 'Headings (or bold labels) that count as the Prerequisites section.',
  verificationKeywords: 'Words that make a step, heading or line a verification when they open it (`Verify`, `Expected`, `Check`).',
  commentKeywords: 'Words that make a code comment a verification when they open it (`# Expected: 200 OK`).',
  escalationKeywords: 'Words in a heading or line that define an escalation path.',
  remediationLabels: 'Labels (`**Solution:**`) that make a troubleshooting entry a procedure needing a verification after them.',
  procedureWords: 'Heading words that make a numbered list a procedure even when its steps have no commands.',
  deploymentWords: 'File-name or title words of deployment runbooks, which need rollback steps.',
  rollbackWords: 'Words of rollback runbooks (by file name or title) and of rollback sections.',
  reRolloutWords: 'Heading words of the re-rollout section a rollback runbook needs.',
};

/** The runbook skeletons' own sections, so a fix inserts what a new runbook would start with. */
const PREREQUISITES_SECTION = plain(renderSection(prerequisitesSection(['{{TODO: access, tools and services needed before the first step}}']), 2));

/** Indexes and templates live in the runbook folder but are not runbooks. */
const NOT_RUNBOOKS = /^(readme|index|_index)\.md$|template/i;

/** Sections that describe or surround procedures rather than being one. */
const NOT_PROCEDURES = ['overview', 'introduction', 'summary', 'references', 'related', 'see also', 'background', 'glossary', 'triggers', 'rollback triggers'];

interface Procedure {
  section: Section;
  kind: 'steps' | 'list' | 'remediation';
  stepCount: number;
  /** Verification must appear at or after this line (after the first step, or after the solution). */
  verifyFromLine: number;
}

class RunbookReader {
  readonly prerequisites: Phrases;
  readonly verification: Phrases;
  /** Verification words strong enough to count anywhere in a title (`Deploy and verify`). */
  readonly strongVerification: Phrases;
  readonly comments: Phrases;
  readonly escalation: Phrases;
  readonly remediation: Phrases;
  readonly procedureWords: Phrases;
  readonly notProcedures: Phrases;
  readonly sections: Section[];
  private readonly codeLines = new Set<number>();

  constructor(
    readonly ctx: RuleContext,
    readonly options: Options,
  ) {
    this.prerequisites = new Phrases(options.prerequisiteHeadings);
    this.verification = new Phrases(options.verificationKeywords);
    this.strongVerification = new Phrases(options.verificationKeywords.filter((word) => /^(verif|valid)/i.test(word)));
    this.comments = new Phrases(options.commentKeywords);
    this.escalation = new Phrases(options.escalationKeywords);
    this.remediation = new Phrases(options.remediationLabels);
    this.procedureWords = new Phrases(options.procedureWords);
    this.notProcedures = new Phrases([...NOT_PROCEDURES, ...options.prerequisiteHeadings, ...options.escalationKeywords]);
    this.sections = outline(ctx.doc);
    for (const block of ctx.doc.codeBlocks) {
      for (let line = block.range.start.line; line <= block.range.end.line; line++) this.codeLines.add(line);
    }
  }

  /** Prose lines with list markers, quote markers and emphasis removed. */
  proseLines(fromLine: number, toLine: number): { line: number; text: string }[] {
    const lines = [];
    for (let line = fromLine; line < toLine; line++) {
      if (this.codeLines.has(line)) continue;
      const text = this.ctx.doc.lines
        .lineText(line)
        .replace(/^\s*(?:>\s*)*(?:[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)?/, '')
        .replace(/[*_`]/g, '');
      if (text.trim()) lines.push({ line, text });
    }
    return lines;
  }

  isVerificationTitle(text: string): boolean {
    const title = stepTitle(text);
    return this.verification.startOf(title) || this.strongVerification.in(title);
  }

  /** A verification step, heading, introduced block or `# Expected:` comment between the lines. */
  hasVerification(fromLine: number, toLine: number): boolean {
    for (const section of this.sections) {
      const line = section.heading.range.start.line;
      if (line >= fromLine && line < toLine && this.isVerificationTitle(section.heading.text)) return true;
    }
    if (this.proseLines(fromLine, toLine).some(({ text }) => this.verification.startOf(text))) return true;
    return this.ctx.doc.codeBlocks.some((block) => {
      if (block.range.start.line < fromLine || block.range.start.line >= toLine) return false;
      return block.value.split('\n').some((line) => {
        const comment = /^\s*(?:#|\/\/|--|;)\s*(.*)$/.exec(line);
        return comment !== null && !comment[0].trimStart().startsWith('#!') && this.comments.startOf(comment[1]);
      });
    });
  }

  procedures(): Procedure[] {
    const found: Procedure[] = [];
    const inStep = new Set<Section>();
    const title = this.sections.find((s) => s.heading.depth === 1);
    const markStep = (section: Section) => {
      inStep.add(section);
      section.children.forEach(markStep);
    };
    for (const section of this.sections) {
      if (section === title || inStep.has(section) || this.notProcedures.startOf(stepTitle(section.heading.text))) continue;
      if (this.isVerificationTitle(section.heading.text) && !this.procedureWords.in(section.heading.text)) continue;
      const steps = section.children.filter((child) => isStepHeading(child.heading.text));
      if (steps.length >= 2) {
        steps.forEach(markStep);
        found.push({ section, kind: 'steps', stepCount: steps.length, verifyFromLine: steps[1].heading.range.start.line });
        continue;
      }
      const items = this.ctx.doc.listItems.filter(
        (item) => item.ordered && item.depth === 1 && item.range.start.line >= section.bodyStartLine && item.range.start.line < section.bodyEndLine,
      );
      const itemHasCode = items.some((item) => this.ctx.doc.codeBlocks.some((b) => b.range.start.line > item.range.start.line && b.range.end.line <= item.range.end.line));
      if (items.length >= 2 && (this.procedureWords.in(section.heading.text) || itemHasCode || items.some((i) => this.verification.startOf(i.text)))) {
        found.push({ section, kind: 'list', stepCount: items.length, verifyFromLine: items[1].range.start.line });
        continue;
      }
      const label = this.proseLines(section.bodyStartLine, section.bodyEndLine).find(({ text }) => /^[^:]{1,40}:/.test(text) && this.remediation.startOf(text.split(':')[0]));
      const labelHeading = section.children.find((child) => this.remediation.startOf(child.heading.text));
      if (label || labelHeading) {
        found.push({ section, kind: 'remediation', stepCount: 0, verifyFromLine: label ? label.line + 1 : labelHeading!.bodyStartLine });
      }
    }
    if (found.length === 0 && title) {
      // A short runbook may number its top-level sections as the steps (`## 1. Build`, `## 2. Verify`).
      const steps = title.children.filter((child) => isStepHeading(child.heading.text) && !this.notProcedures.startOf(stepTitle(child.heading.text)));
      if (steps.length >= 2) found.push({ section: title, kind: 'steps', stepCount: steps.length, verifyFromLine: steps[1].heading.range.start.line });
    }
    return found;
  }

  /** The section right after `section` is a verification section (`## Verification Checklist`). */
  followedByVerification(section: Section): boolean {
    const next = this.sections.find((s) => s.heading.range.start.line === section.endLine);
    return next !== undefined && next.heading.depth <= section.heading.depth && this.isVerificationTitle(next.heading.text);
  }
}

function insertAt(ctx: RuleContext, line: number, text: string): Fix['changes'] {
  const atEnd = line >= ctx.doc.lines.lineCount;
  const offset = atEnd ? ctx.doc.text.length : ctx.doc.lines.lineStart(line);
  const position = ctx.doc.lines.positionAt(offset);
  const lead = atEnd && !ctx.doc.text.endsWith('\n') ? '\n\n' : atEnd ? '\n' : '';
  return [{ kind: 'edit', path: ctx.doc.path, edits: [{ range: { start: position, end: position }, newText: lead + text + (atEnd ? '' : '\n') }] }];
}

function titleRange(ctx: RuleContext, sections: Section[]): Range {
  return sections.find((s) => s.heading.depth === 1)?.heading.range ?? ctx.doc.lines.lineRange(0);
}

function checkVerification(ctx: RuleContext, reader: RunbookReader, procedure: Procedure) {
  const { section } = procedure;
  if (reader.hasVerification(procedure.verifyFromLine, section.endLine) || reader.followedByVerification(section)) return;
  const name = code(section.heading.text);
  const what =
    procedure.kind === 'remediation'
      ? `Troubleshooting entry ${name} gives a solution but no way to confirm it worked`
      : `Procedure ${name} has no verification step after its first step`;
  const stepDepth = section.children[0]?.heading.depth ?? section.heading.depth + 1;
  const numbered = section.children.filter((c) => isStepHeading(c.heading.text)).length;
  const skeleton =
    procedure.kind === 'steps'
      ? plain(renderSection(verifyStep(numbered + 1, 'it worked'), stepDepth))
      : procedure.kind === 'list'
        ? `${procedure.stepCount + 1}. **Verify:** TODO: the command to run and the output to expect\n`
        : '**Verify:** TODO: the command to run and the output to expect\n';
  ctx.report({
    range: section.heading.range,
    message: `${what}; end it with a step, heading or code block introduced by Verify / Expected / Check (or a \`# Expected:\` comment) showing the command and the result to expect.`,
    fixes: [{ title: 'Add a verification step', safe: false, changes: insertAt(ctx, section.endLine, skeleton) }],
  });
}

function hasLinkMatching(ctx: RuleContext, phrases: Phrases): boolean {
  return ctx.doc.links.some((link) => phrases.in(`${link.text} ${link.url.replace(/\.md\b.*$/, '')}`));
}

function checkRollout(ctx: RuleContext, reader: RunbookReader, procedures: Procedure[], options: Options) {
  const rollback = new Phrases(options.rollbackWords);
  const deployment = new Phrases(options.deploymentWords);
  const reRollout = new Phrases(options.reRolloutWords);
  const fileName = ctx.doc.path.slice(ctx.doc.path.lastIndexOf('/') + 1).replace(/\.md$/i, '');
  const identity = `${fileName} ${ctx.doc.title ?? ''}`;
  const headingMatches = (phrases: Phrases) => reader.sections.some((s) => phrases.in(s.heading.text));
  const at = (phrases: Phrases) =>
    (procedures.find((p) => phrases.in(p.section.heading.text)) ?? procedures[0])?.section.heading.range ?? titleRange(ctx, reader.sections);
  if (rollback.in(identity)) {
    if (headingMatches(reRollout) || hasLinkMatching(ctx, deployment)) return;
    ctx.report({
      range: at(rollback),
      message: `Rollback runbook has no re-rollout steps; add a section such as ${code('## Re-rollout Procedure')} (or link the deployment runbook) saying how to roll forward once the cause is fixed.`,
    });
  } else if (deployment.in(identity)) {
    if (headingMatches(rollback) || hasLinkMatching(ctx, rollback)) return;
    ctx.report({
      range: at(deployment),
      message: `Deployment runbook has no rollback steps; add a ${code('## Rollback')} section or link the rollback runbook so a failed deployment can be undone.`,
    });
  }
}

export const runbookStructure: Rule = {
  id: 'runbook/structure',
  description: 'Runbooks need prerequisites, step-by-step procedures that end with a verification, rollback steps for deployments and an escalation path.',
  defaultSeverity: 'warning',
  optionsSchema: Object.fromEntries(
    Object.keys(DEFAULTS).map((key) => [key, { type: 'array', items: { type: 'string', minLength: 1 }, description: DESCRIPTIONS[key as keyof Options] }]),
  ),
  defaultOptions: DEFAULTS,
  check(ctx) {
    if (ctx.info.kind !== 'runbook' || NOT_RUNBOOKS.test(ctx.doc.path.slice(ctx.doc.path.lastIndexOf('/') + 1))) return;
    const options = ctx.options as unknown as Options;
    const reader = new RunbookReader(ctx, options);
    const title = titleRange(ctx, reader.sections);
    const firstSection = reader.sections.find((s) => s.heading.depth > 1);

    const hasPrerequisites =
      reader.sections.some((s) => reader.prerequisites.startOf(stepTitle(s.heading.text))) ||
      reader.proseLines(0, ctx.doc.lines.lineCount).some(({ text, line }) => /^\s*\*\*/.test(ctx.doc.lines.lineText(line)) && reader.prerequisites.startOf(text));
    if (!hasPrerequisites) {
      ctx.report({
        range: title,
        message: 'Runbook has no Prerequisites section; list the access, tools and services that must be in place before the first step.',
        fixes: [
          {
            title: 'Add a Prerequisites section',
            safe: false,
            changes: insertAt(ctx, firstSection?.heading.range.start.line ?? ctx.doc.lines.lineCount, PREREQUISITES_SECTION),
          },
        ],
      });
    }

    const procedures = reader.procedures();
    if (procedures.length === 0) {
      ctx.report({
        range: title,
        message: 'Runbook has no step-by-step procedure; write the steps as a numbered list or as numbered step headings (`### 1. ...`).',
      });
    }
    for (const procedure of procedures) checkVerification(ctx, reader, procedure);
    checkRollout(ctx, reader, procedures, options);

    const hasEscalation =
      reader.sections.some((s) => reader.escalation.in(s.heading.text)) ||
      reader.proseLines(0, ctx.doc.lines.lineCount).some(({ text }) => reader.escalation.in(text));
    if (!hasEscalation) {
      ctx.report({
        range: title,
        message: 'Runbook defines no escalation path; say who to contact (on-call rotation, channel, pager) when the procedure does not work.',
        fixes: [
          {
            title: 'Add an Escalation section',
            safe: false,
            changes: insertAt(ctx, ctx.doc.lines.lineCount, plain(renderSection(escalationSection(), 2))),
          },
        ],
      });
    }
  },
};

