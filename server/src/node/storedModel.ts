import type { DocumentModel, TextRun } from '../core/document';
import { deserialize, serialize } from 'node:v8';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { trackBlocks, trackedBlocks } from '../core/incrementalParse';
import type { ModelStore } from '../core/liveModels';
import { LineIndex, splitBom } from '../core/text';
import type { Range } from '../core/types';

/**
 * A parsed model without its text and line index, packed: what crosses a
 * worker boundary and what the persistent cache keeps. The text is on disk (or
 * in the editor) anyway and the line index is rebuilt from it in linear time;
 * prose runs keep only their offset and length (their value is a slice of the text), and
 * every range becomes an `Int32Array` of four numbers, which the structured
 * clone stores far more compactly than three nested objects.
 */
export interface StoredModel {
  packed: unknown;
  textRunOffsets: Int32Array;
  textRunLengths: Int32Array;
  /** The top-level blocks of a model parsed for incremental re-parsing (`trackedBlocks`): types, then start and end offsets. */
  blocks?: { types: string[]; offsets: Int32Array };
}

export function storeModel(model: DocumentModel): StoredModel {
  const { text: _text, lines: _lines, textRuns, ...rest } = model;
  const lengths = new Int32Array(textRuns.length);
  textRuns.forEach((run, i) => (lengths[i] = run.value.length));
  const blocks = trackedBlocks(model);
  return {
    packed: pack(rest),
    textRunOffsets: Int32Array.from(textRuns, (run) => run.offset),
    textRunLengths: lengths,
    ...(blocks ? { blocks: { types: blocks.map((b) => b.type), offsets: Int32Array.from(blocks.flatMap((b) => [b.start, b.end])) } } : {}),
  };
}

/** A frozen model back with its top-level blocks, when they were kept, so that a new version of its text can be taken in as an edit (`reparse`). */
export function thawTracked(frozen: Uint8Array): DocumentModel {
  const { stored, text } = thawStored(frozen);
  const model = restoreModel(stored, text);
  const blocks = stored.blocks;
  if (blocks) trackBlocks(model, blocks.types.map((type, i) => ({ type, start: blocks.offsets[2 * i], end: blocks.offsets[2 * i + 1] })));
  return model;
}

function thawStored(frozen: Uint8Array): { stored: StoredModel; text: string } {
  return deserialize(inflateRawSync(frozen)) as { stored: StoredModel; text: string };
}

/** Re-attaches the text (raw, BOM allowed) the model was parsed from. */
export function restoreModel(stored: StoredModel, raw: string): DocumentModel {
  const { text } = splitBom(raw);
  const rest = unpack(stored.packed) as Omit<DocumentModel, 'text' | 'lines' | 'textRuns'>;
  const textRuns: TextRun[] = Array.from(stored.textRunOffsets, (offset, i) => ({
    value: text.slice(offset, offset + stored.textRunLengths[i]),
    offset,
  }));
  return { ...rest, path: rest.path, text, lines: new LineIndex(text), textRuns };
}

function isRange(value: object): value is Range {
  const range = value as Range;
  return (
    Object.keys(value).length === 2 &&
    typeof range.start?.line === 'number' &&
    typeof range.end?.character === 'number' &&
    Object.keys(range.start).length === 2 &&
    Object.keys(range.end).length === 2
  );
}

function pack(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map(pack);
  if (isRange(value)) return Int32Array.of(value.start.line, value.start.character, value.end.line, value.end.character);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = pack(item);
  return out;
}

function unpack(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (value instanceof Int32Array) return { start: { line: value[0], character: value[1] }, end: { line: value[2], character: value[3] } };
  if (Array.isArray(value)) return value.map(unpack);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = unpack(item);
  return out;
}

/**
 * Models out of memory as a deflated V8 serialization of the `StoredModel`
 * and the text: about a tenth of a live model's size with its text, frozen in
 * about 0.4 ms and back in about 0.3 ms. Level 1: the fastest deflate, and
 * Markdown and packed models compress well even so.
 */
export const serializedModelStore: ModelStore = {
  // Copied out: zlib hands back a view of its 16 KB output chunk, which would keep the whole chunk alive.
  freeze: (model) => new Uint8Array(deflateRawSync(serialize({ stored: storeModel(model), text: model.text }), { level: 1 })),
  thaw: (frozen) => {
    const { stored, text } = thawStored(frozen as Uint8Array);
    return restoreModel(stored, text);
  },
};
