import type { DocumentModel } from '../document';
import type { DocInfo, WorkspaceView } from '../rule';
import { isDecisionRecord } from './adrFiles';
import { assignedSchema, defaultSchema } from './config';
import { builtInSchema, type StructureRequirement } from './requirements';
import { isTemplatePath, templatePathFor, templateRequirements } from './templates';
import { governedPathsTopic, specTopicFor } from './topics';

/**
 * The structure a document is held to, most specific first: a deliverable
 * spec in a task doc, a schema assigned by config, the repository's template
 * for the kind, the built-in schema of the kind. Null when nothing applies.
 */
export function requirementFor(doc: DocumentModel, info: DocInfo, ws: WorkspaceView): StructureRequirement | null {
  if (isTemplatePath(doc.path, ws.config)) return null;
  const governed = ws.topic(governedPathsTopic)[doc.path];
  if (governed) {
    const spec = ws.topic(specTopicFor(doc.path))[0];
    if (spec) {
      return {
        source: { kind: 'task', label: `${spec.taskPath}${spec.feature ? ` ${spec.feature}` : ''}`, path: spec.taskPath, range: spec.range },
        sections: spec.sections,
      };
    }
  }
  const assigned = assignedSchema(ws.config, doc.path);
  if (assigned) {
    const sections = builtInSchema(assigned.schema);
    if (!sections) return null;
    const where = ws.config.sourcePath ?? 'the config';
    return { source: { kind: 'schema', label: `the built-in \`${assigned.schema}\` schema (assigned in ${where})`, schema: assigned.schema }, sections };
  }
  if (info.kind === 'adr' && !isDecisionRecord(doc, info)) return null;
  const template = templatePathFor(doc.path, info.kind, ws);
  if (template) {
    return { source: { kind: 'template', label: `the template ${template}`, path: template }, sections: templateRequirements(ws, template) };
  }
  const name = defaultSchema(info.kind);
  const sections = name ? builtInSchema(name) : null;
  return name && sections ? { source: { kind: 'schema', label: `the built-in \`${name}\` schema`, schema: name }, sections } : null;
}
