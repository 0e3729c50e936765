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

// A worker process of `ParsePool`: it exits when the pool closes the channel or kills it.
process.on('message', (message) => {
  const request = message as ParseRequest;
  const models = request.documents.map((doc) => storeModel(parseDocument(doc.path, doc.raw)));
  process.send!({ id: request.id, models } satisfies ParseResponse);
});
