import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from '../server/src/core/parse';
import { allRules } from '../server/src/core/rules';
import type { Range } from '../server/src/core/types';
import { NodeHost } from '../server/src/node/host';
import { typingSession } from './corpus';
import { percentile } from './measure';
import type { Latency } from './lsp';

export interface EngineFigures {
  indexSeconds: number;
  firstFindingsSeconds: number;
  heapUsedMb: number;
  /** Characters of document text the index holds (`DocumentModel.text`), in MB (one byte per ASCII character in V8). */
  textMb: number;
  keystrokes: Record<string, { incremental: Latency; fullParse: Latency }>;
}

/**
 * The engine's own keystroke cost, in this process: apply one typed character
 * and recompute every finding that may have changed, once through the
 * incremental re-parse (`engine.applyEdits`) and once by parsing the whole
 * new text (`engine.setModel(parseDocument(...))`), the way a server without
 * it would (`upsertDocument` itself now re-parses incrementally too).
 */
export async function measureEngine(root: string, files: readonly string[], keystrokes: number): Promise<EngineFigures> {
  const host = new NodeHost({ root, rules: allRules });
  await host.loadConfig();
  let started = performance.now();
  await host.indexAll();
  const indexSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  host.allFindings();
  const firstFindingsSeconds = (performance.now() - started) / 1000;
  const engine = host.engine;
  engine.takeChangedPaths();
  const heapUsedMb = process.memoryUsage().heapUsed / 1024 / 1024;
  let textChars = 0;
  for (const doc of engine.documentPaths()) textChars += engine.getDocument(doc)!.model.text.length;

  const figures: EngineFigures['keystrokes'] = {};
  for (const file of files) {
    const original = await fs.readFile(path.join(root, file), 'utf8');
    const { text: opened, offset: typingOffset } = typingSession(original);
    const measure = (incremental: boolean): Latency => {
      engine.upsertDocument(file, opened);
      for (const changed of engine.takeChangedPaths()) engine.findings(changed);
      let text = opened;
      let offset = typingOffset;
      const samples: number[] = [];
      for (let i = 0; i < keystrokes; i++) {
        const model = engine.getDocument(file)!.model;
        const at = model.lines.positionAt(offset);
        const range: Range = { start: at, end: at };
        const typed = 'abcdefghij'[i % 10];
        text = text.slice(0, offset) + typed + text.slice(offset);
        offset++;
        const t = performance.now();
        if (incremental) engine.applyEdits(file, [{ range, text: typed }]);
        else engine.setModel(parseDocument(file, text));
        for (const changed of engine.takeChangedPaths()) engine.findings(changed);
        samples.push(performance.now() - t);
      }
      return { p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples), samples: samples.length };
    };
    figures[file] = { incremental: measure(true), fullParse: measure(false) };
    engine.upsertDocument(file, original);
  }
  return { indexSeconds, firstFindingsSeconds, heapUsedMb, textMb: textChars / 1024 / 1024, keystrokes: figures };
}
