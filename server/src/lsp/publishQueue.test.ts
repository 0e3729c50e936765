import assert from 'node:assert/strict';
import { PublishQueue } from './publishQueue';

function drain<Owner>(queue: PublishQueue<Owner>): [Owner, string][] {
  const taken: [Owner, string][] = [];
  for (let next = queue.take(); next; next = queue.take()) taken.push([next.owner, next.path]);
  return taken;
}

describe('PublishQueue', () => {
  it('hands out open (urgent) documents first, the rest in the order they changed, each once', () => {
    const queue = new PublishQueue<string>();
    queue.add('a', 'one.md', false);
    queue.add('a', 'two.md', false);
    queue.add('a', 'one.md', false);
    queue.add('b', 'open.md', true);
    queue.add('b', 'open.md', true);
    assert.equal(queue.size, 3);
    assert.deepEqual(drain(queue), [
      ['b', 'open.md'],
      ['a', 'one.md'],
      ['a', 'two.md'],
    ]);
    assert.equal(queue.size, 0);
    assert.equal(queue.take(), undefined);
  });

  it('hands out only urgent documents when asked to', () => {
    const queue = new PublishQueue<string>();
    queue.add('a', 'closed.md', false);
    queue.add('a', 'open.md', true);
    assert.equal(queue.hasUrgent, true);
    assert.deepEqual(queue.take(true), { owner: 'a', path: 'open.md', urgent: true });
    assert.equal(queue.hasUrgent, false);
    assert.equal(queue.take(true), undefined);
    assert.deepEqual(queue.take(), { owner: 'a', path: 'closed.md', urgent: false });
  });

  it('puts a document whose work was cut short back first, unless it was queued again meanwhile', () => {
    const queue = new PublishQueue<string>();
    for (const path of ['one.md', 'two.md', 'three.md']) queue.add('a', path, false);
    const first = queue.take()!;
    queue.take();
    queue.putBack(first.owner, first.path);
    assert.deepEqual(drain(queue), [
      ['a', 'one.md'],
      ['a', 'three.md'],
    ]);
    queue.add('a', 'four.md', false);
    queue.putBack('a', 'four.md');
    queue.add('a', 'open.md', true);
    queue.putBack('a', 'open.md');
    assert.deepEqual(drain(queue), [
      ['a', 'open.md'],
      ['a', 'four.md'],
    ]);
  });

  it('queues a document again once it was taken', () => {
    const queue = new PublishQueue<string>();
    queue.add('a', 'one.md', false);
    assert.deepEqual(queue.take(), { owner: 'a', path: 'one.md', urgent: false });
    queue.add('a', 'one.md', false);
    assert.deepEqual(drain(queue), [['a', 'one.md']]);
  });

  it('a document waiting as urgent is not queued again as the rest', () => {
    const queue = new PublishQueue<string>();
    queue.add('a', 'open.md', true);
    queue.add('a', 'open.md', false);
    assert.deepEqual(drain(queue), [['a', 'open.md']]);
  });

  it('forgets a removed owner, keeping the order of the others', () => {
    const queue = new PublishQueue<string>();
    for (let i = 0; i < 3000; i++) queue.add(i % 2 ? 'a' : 'b', `doc-${i}.md`, false);
    for (let i = 0; i < 1500; i++) queue.take();
    queue.dropOwner('b');
    const rest = drain(queue);
    assert.ok(rest.every(([owner]) => owner === 'a'));
    assert.deepEqual(
      rest.map(([, path]) => Number(path.slice(4, -3))),
      rest.map(([, path]) => Number(path.slice(4, -3))).sort((x, y) => x - y),
    );
    assert.equal(rest.length, 750);
  });
});
