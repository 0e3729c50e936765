import { parentPort } from 'node:worker_threads';
import { parseDocument } from '../core/parse';
import { storeModel, type StoredModel } from './storedModel';

/** A batch of documents to parse, and the models sent back in the same order. */
export interface ParseRequest {
  id: number;
  documents: { path: string; raw: string }[];
}

export interface ParseResponse {
  id: number;
  models: StoredModel[];
}

parentPort?.on('message', (request: ParseRequest) => {
  const models = request.documents.map((doc) => storeModel(parseDocument(doc.path, doc.raw)));
  parentPort!.postMessage({ id: request.id, models } satisfies ParseResponse);
});
