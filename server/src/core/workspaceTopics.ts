import type { Topic } from './rule';
import { adrFoldersTopic } from './rules/adr/numbering/rule';
import { inventoryTopic } from './rules/archive/inventory';
import { mappingStartsTopic, mappingTablesTopic } from './rules/stale/reference/terms';
import { governedPathsTopic, taskIdsTopic } from './structure/topics';
import { catalogTopic, indexLinksTopic, matricesTopic, matrixStartsTopic } from './xref/topics';

/**
 * Every topic the built-in rules read, for hosts to hand the engine up
 * front (`EngineOptions.topics`): each document then contributes while its
 * model is in memory, instead of every model being read again when a rule
 * first asks for a topic. A topic missing here still works, only slower.
 */
export const WORKSPACE_TOPICS: readonly Topic<any, unknown>[] = [
  adrFoldersTopic,
  inventoryTopic,
  mappingStartsTopic,
  mappingTablesTopic,
  governedPathsTopic,
  taskIdsTopic,
  catalogTopic,
  indexLinksTopic,
  matricesTopic,
  matrixStartsTopic,
];
