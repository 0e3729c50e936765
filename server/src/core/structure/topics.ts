import type { Topic } from '../rule';
import type { Range } from '../types';
import type { RequiredSection } from './requirements';
import { taskDeliverables } from './taskSpecs';

/** Paths governed by a deliverable spec -> the task docs that govern them. Changes only when the set of governed paths does. */
export const governedPathsTopic: Topic<string[], Record<string, string[]>> = {
  name: 'structure/governed-paths',
  contribute(doc, info) {
    if (info.kind !== 'task') return undefined;
    const targets = [...new Set(taskDeliverables(doc).filter((d) => d.sections.length > 0).map((d) => d.path))].sort();
    return targets.length ? targets : undefined;
  },
  aggregate(contributions) {
    const result: Record<string, string[]> = {};
    for (const [taskPath, targets] of [...contributions].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      for (const target of targets) (result[target] ??= []).push(taskPath);
    }
    return result;
  },
};

export interface GoverningSpec {
  taskPath: string;
  feature: string | null;
  range: Range;
  sections: RequiredSection[];
}

const specTopics = new Map<string, Topic<Omit<GoverningSpec, 'taskPath'>[], GoverningSpec[]>>();

/**
 * The deliverable specs for one path. One topic per governed path, so that
 * editing a spec re-checks only the document it governs.
 */
export function specTopicFor(target: string): Topic<Omit<GoverningSpec, 'taskPath'>[], GoverningSpec[]> {
  let topic = specTopics.get(target);
  if (!topic) {
    topic = {
      name: `structure/spec:${target}`,
      contribute(doc, info) {
        if (info.kind !== 'task') return undefined;
        const specs = taskDeliverables(doc)
          .filter((d) => d.path === target && d.sections.length > 0)
          .map((d) => ({ feature: d.feature, range: d.range, sections: d.sections }));
        return specs.length ? specs : undefined;
      },
      aggregate(contributions) {
        return [...contributions]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .flatMap(([taskPath, specs]) => specs.map((spec) => ({ taskPath, ...spec })));
      },
    };
    specTopics.set(target, topic);
  }
  return topic;
}

/** Task ids (front matter `id`) -> the documents that carry them, archived ones included. */
/** `P5T2_TASK.md` -> `P5T2`: the task id a task doc's file name carries (`_TASK`, `_DONE` ... suffix dropped). */
export function taskIdFromFileName(name: string): string | null {
  const base = name.slice(name.lastIndexOf('/') + 1);
  return /^([A-Za-z0-9]+?)(?:_[A-Za-z]+)?\.md$/i.exec(base)?.[1] ?? null;
}

export const taskIdsTopic: Topic<string, Record<string, string[]>> = {
  name: 'structure/task-ids',
  contribute(doc) {
    const id = doc.frontMatter?.data?.id;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
  },
  aggregate(contributions) {
    const result: Record<string, string[]> = {};
    for (const [path, id] of contributions) (result[id] ??= []).push(path);
    for (const paths of Object.values(result)) paths.sort();
    return result;
  },
};

