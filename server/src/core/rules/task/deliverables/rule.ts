import { code } from '../../../messages';
import { plannedForArchive } from '../../archive/inventory';
import type { Rule } from '../../../rule';
import { newDeliverableContent } from '../../../structure/newDocument';
import { filesToModify, taskDeliverables } from '../../../structure/taskSpecs';
import type { Fix } from '../../../types';

const FORM_LABEL = { field: 'deliverable', heading: 'deliverable', tree: 'file to create' } as const;

export const taskDeliverablesRule: Rule = {
  id: 'task/deliverables',
  description: 'Every file a task doc declares as a deliverable (a Deliverable field, a heading naming a path, a "Files to Create" tree) or plans to modify (a File field, a "Files to Modify" tree) must exist.',
  defaultSeverity: 'warning',
  check(ctx) {
    if (ctx.info.kind !== 'task') return;
    const seen = new Set<string>();
    const today = ctx.today();
    for (const deliverable of taskDeliverables(ctx.doc)) {
      if (seen.has(deliverable.path)) continue;
      seen.add(deliverable.path);
      if (ctx.ws.fileExists(deliverable.path)) continue;
      // The spec (if any) is on another declaration of the same path; the new file should follow it.
      const withSpec = taskDeliverables(ctx.doc).find((d) => d.path === deliverable.path && d.sections.length > 0) ?? deliverable;
      const content = newDeliverableContent({ ...withSpec, title: withSpec.title ?? deliverable.title }, ctx.ws.config, today, ctx.doc.text);
      const fixes: Fix[] = content === null ? [] : [{ title: `Create ${deliverable.path} from the skeleton`, safe: !plannedForArchive(deliverable.path, ctx.ws), changes: [{ kind: 'create', path: deliverable.path, content }] }];
      const feature = deliverable.feature ? ` (${deliverable.feature})` : '';
      ctx.report({
        range: deliverable.range,
        message: `The ${FORM_LABEL[deliverable.form]} ${code(deliverable.path)}${feature} does not exist.`,
        fixes,
      });
    }
    for (const planned of filesToModify(ctx.doc)) {
      if (seen.has(planned.path)) continue;
      seen.add(planned.path);
      if (ctx.ws.fileExists(planned.path)) continue;
      const feature = planned.feature ? ` (${planned.feature})` : '';
      ctx.report({
        range: planned.range,
        message: `The file to modify ${code(planned.path)}${feature} does not exist; correct the path, or move the file to the files to create.`,
      });
    }
  },
};
