import type { DocumentModel } from './document';
import type { Finding } from './types';

const ALL = '*';
const DIRECTIVE = /^adrift-(disable-next-line|disable-line|disable|enable)\b(.*)$/s;

interface Interval {
  from: number;
  to: number;
}

/**
 * Inline control comments: `<!-- adrift-disable rule-id -->` ...
 * `<!-- adrift-enable rule-id -->`, `<!-- adrift-disable-next-line rule-id -->`
 * and `<!-- adrift-disable-line -->`. No rule id means every rule.
 */
export class Suppressions {
  private readonly intervals = new Map<string, Interval[]>();

  constructor(doc: Pick<DocumentModel, 'htmlComments'>) {
    const open = new Map<string, number>();
    const add = (rule: string, from: number, to: number) => {
      const list = this.intervals.get(rule) ?? [];
      list.push({ from, to });
      this.intervals.set(rule, list);
    };
    for (const comment of doc.htmlComments) {
      const match = DIRECTIVE.exec(comment.value);
      if (!match) continue;
      const rules = match[2].split(/[\s,]+/).filter(Boolean);
      const targets = rules.length ? rules : [ALL];
      const line = comment.range.start.line;
      for (const rule of targets) {
        switch (match[1]) {
          case 'disable-next-line':
            add(rule, comment.range.end.line + 1, comment.range.end.line + 1);
            break;
          case 'disable-line':
            add(rule, line, comment.range.end.line);
            break;
          case 'disable':
            if (!open.has(rule)) open.set(rule, line);
            break;
          case 'enable':
            if (open.has(rule)) {
              add(rule, open.get(rule)!, line);
              open.delete(rule);
            } else if (rule === ALL) {
              for (const [openRule, from] of open) add(openRule, from, line);
              open.clear();
            }
            break;
        }
      }
    }
    for (const [rule, from] of open) add(rule, from, Number.MAX_SAFE_INTEGER);
  }

  get isEmpty(): boolean {
    return this.intervals.size === 0;
  }

  suppresses(finding: Pick<Finding, 'ruleId' | 'range'>): boolean {
    const line = finding.range.start.line;
    const hit = (list: Interval[] | undefined) => list?.some((i) => i.from <= line && line <= i.to) ?? false;
    return hit(this.intervals.get(finding.ruleId)) || hit(this.intervals.get(ALL));
  }
}
