import { strict as assert } from 'node:assert';
import { planCorpus, type CorpusFile } from '../../bench/corpus';
import { Engine } from '../../server/src/core/engine';
import type { ModelStore } from '../../server/src/core/liveModels';
import { allRules } from '../../server/src/core/rules';
import { serializedModelStore } from '../../server/src/node/storedModel';

const TODAY = () => new Date('2026-11-20T12:00:00Z');

function engineOver(files: readonly CorpusFile[], modelStore?: ModelStore): Engine {
  const engine = new Engine({ rules: allRules, clock: TODAY, ...(modelStore ? { modelStore } : {}) });
  for (const file of files) engine.addFile(file.path);
  for (const file of files) engine.upsertDocument(file.path, file.text);
  return engine;
}

function snapshot(engine: Engine): string {
  return JSON.stringify([...engine.allFindings()]);
}

/** A store that counts what it does, so tests can tell models really left memory and came back. */
function countingStore() {
  const counts = { frozen: 0, thawed: 0 };
  const store: ModelStore = {
    freeze: (model) => (counts.frozen++, serializedModelStore.freeze(model)),
    thaw: (frozen) => (counts.thawed++, serializedModelStore.thaw(frozen)),
  };
  return { store, counts };
}

describe('Engine: document models out of memory', () => {
  // Without the few very large documents of the mix, which only make the test slow.
  const files = planCorpus({ documents: 60, seed: 4 }).files.filter((f) => f.text.length < 40_000);
  const sizeOf = (path: string) => files.find((f) => f.path === path)!.text.length;
  const taskWithMappings = files.find((f) => f.text.includes('| Old Link | New Link |'))!;
  const adr = files.find((f) => /\/adr-\d+/.test(f.path) && /^## /m.test(f.text))!;

  it('keeps within its budget and finds exactly what an engine holding every model finds, through edits that reach many documents', () => {
    const reference = engineOver(files);
    const { store, counts } = countingStore();
    const lean = engineOver(files, store);
    assert.equal(snapshot(lean), snapshot(reference));

    const budget = 30_000;
    lean.setModelBudget(budget);
    assert.ok(lean.releaseModels());
    assert.ok(lean.liveModelSize() <= budget, `${lean.liveModelSize()} chars of models in memory`);
    assert.ok(counts.frozen > files.length / 2, `${counts.frozen} models frozen`);

    const edits: [string, string][] = [
      // A mapping table row changes: every living document's stale-term check runs again.
      [taskWithMappings.path, taskWithMappings.text.replace('| Old Link | New Link |', '| Old Link | New Link |\n| `legacy_widget.py` | `widgets/modern.py` |')],
      // A heading other documents link to changes.
      [adr.path, adr.text.replace(/^## .*$/m, '## Renamed after review')],
    ];
    for (const [path, text] of edits) {
      lean.upsertDocument(path, text);
      reference.upsertDocument(path, text);
      assert.equal(snapshot(lean), snapshot(reference), `after editing ${path}`);
      assert.ok(lean.releaseModels());
      assert.ok(lean.liveModelSize() <= budget);
    }
    assert.ok(counts.thawed > 0, 'models were read back');
    lean.removeFile(adr.path);
    reference.removeFile(adr.path);
    assert.equal(snapshot(lean), snapshot(reference), 'after a removal');
  });

  it('drops a reloadable model over the budget at once, and freezes fresh ones only when released', () => {
    const { store, counts } = countingStore();
    const engine = engineOver(files, store);
    engine.setModelBudget(0);
    assert.equal(counts.frozen, 0, 'setting a budget freezes nothing by itself');
    let calls = 0;
    assert.equal(engine.releaseModels(() => ++calls > 3), false, 'stopped when told');
    assert.equal(counts.frozen, 3);
    assert.ok(engine.releaseModels());
    assert.equal(engine.liveModelSize(), 0);
    // What other documents see of one (anchors, title, front matter) needs no model.
    const outline = engine.getDocument(adr.path)!.outline;
    assert.equal(counts.thawed, 0);
    const model = engine.getDocument(adr.path)!.model;
    assert.deepEqual(outline, {
      title: model.title,
      headings: model.headings.map(({ depth, slug, text }) => ({ depth, slug, text })),
      frontMatter: JSON.parse(JSON.stringify(model.frontMatter?.data ?? null)),
    });
    engine.getDocument(taskWithMappings.path)!.model;
    assert.equal(engine.liveModelSize(), sizeOf(taskWithMappings.path));
    // A model read comes back and stays while it is the one in use; reading another sends it out again, without freezing it anew.
    const frozenBefore = counts.frozen;
    engine.getDocument(adr.path)!.model;
    assert.equal(engine.liveModelSize(), sizeOf(adr.path));
    assert.equal(counts.frozen, frozenBefore);
    assert.equal(counts.thawed, 3);
  });

  it('keeps the model in use: reading it makes it the last to leave', () => {
    const { store, counts } = countingStore();
    const engine = engineOver(files, store);
    const [a, b, c] = files.slice(0, 3).map((f) => f.path);
    engine.setModelBudget(sizeOf(a) + Math.max(sizeOf(b), sizeOf(c)));
    assert.ok(engine.releaseModels());
    engine.getDocument(a)!.model;
    const thawed = counts.thawed;
    engine.getDocument(b)!.model;
    engine.getDocument(a)!.model;
    engine.getDocument(c)!.model;
    engine.getDocument(a)!.model;
    assert.equal(counts.thawed, thawed + 2, 'b and c came in; a, read between them, never left');
  });

  it('keeps a pinned (open) document in memory whatever the budget, through edits, until unpinned', () => {
    const { store, counts } = countingStore();
    const engine = engineOver(files, store);
    const open = adr.path;
    engine.pinModel(open, true);
    engine.setModelBudget(0);
    assert.ok(engine.releaseModels(), 'done, though the pinned model keeps the size over a zero budget');
    assert.equal(engine.liveModelSize(), sizeOf(open));
    const before = engine.getDocument(open)!.model;
    engine.applyEdits(open, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
    engine.getDocument(files[0].path)!.model;
    engine.releaseModels();
    const after = engine.getDocument(open)!.model;
    assert.notEqual(after, before, 'the edit made a new model');
    assert.equal(after.text, `x${before.text}`);
    assert.equal(engine.liveModelSize(), after.text.length, 'only the pinned model stays');
    const thawed = counts.thawed;
    engine.getDocument(open)!.model;
    assert.equal(counts.thawed, thawed, 'read without thawing');
    engine.pinModel(open, false);
    assert.ok(engine.releaseModels());
    assert.equal(engine.liveModelSize(), 0);
  });

  it('keeps every model without a budget', () => {
    const { store, counts } = countingStore();
    const engine = engineOver(files, store);
    engine.allFindings();
    assert.ok(engine.releaseModels());
    assert.equal(counts.frozen, 0);
    assert.equal(engine.liveModelSize(), files.reduce((sum, f) => sum + f.text.replace(/^\uFEFF/, '').length, 0));
  });
});
