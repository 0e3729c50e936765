/**
 * Documents whose diagnostics are due to be published, in two lanes: open
 * documents first (the one being typed into is what the user waits for), then
 * the rest in the order they changed. A document queued twice keeps its first
 * place: its findings are computed when it is reached, so they are current.
 */
export class PublishQueue<Owner> {
  private readonly urgent = new Lane<Owner>();
  private readonly rest = new Lane<Owner>();

  add(owner: Owner, path: string, urgent: boolean): void {
    if (urgent) this.urgent.add(owner, path);
    else if (!this.urgent.has(owner, path)) this.rest.add(owner, path);
  }

  /** The next document to publish, urgent ones first (only those with `urgentOnly`); undefined when none is due. */
  take(urgentOnly = false): { owner: Owner; path: string; urgent: boolean } | undefined {
    const urgent = this.urgent.take();
    if (urgent) return { ...urgent, urgent: true };
    const rest = urgentOnly ? undefined : this.rest.take();
    return rest && { ...rest, urgent: false };
  }

  /** Puts a document taken from the rest back at the head of its lane (its work was cut short), unless it was queued again meanwhile. */
  putBack(owner: Owner, path: string): void {
    if (!this.urgent.has(owner, path)) this.rest.addFirst(owner, path);
  }

  /** Forgets every document of `owner` (a removed workspace folder). */
  dropOwner(owner: Owner): void {
    this.urgent.dropOwner(owner);
    this.rest.dropOwner(owner);
  }

  get size(): number {
    return this.urgent.size + this.rest.size;
  }

  get hasUrgent(): boolean {
    return this.urgent.size > 0;
  }
}

/** A first-in first-out queue without duplicates; taking from its head is O(1). */
class Lane<Owner> {
  private items: { owner: Owner; path: string }[] = [];
  private head = 0;
  private readonly queued = new Map<Owner, Set<string>>();

  get size(): number {
    return this.items.length - this.head;
  }

  has(owner: Owner, path: string): boolean {
    return this.queued.get(owner)?.has(path) ?? false;
  }

  add(owner: Owner, path: string): void {
    let paths = this.queued.get(owner);
    if (!paths) this.queued.set(owner, (paths = new Set()));
    if (paths.has(path)) return;
    paths.add(path);
    this.items.push({ owner, path });
  }

  addFirst(owner: Owner, path: string): void {
    let paths = this.queued.get(owner);
    if (!paths) this.queued.set(owner, (paths = new Set()));
    if (paths.has(path)) return;
    paths.add(path);
    if (this.head > 0) this.items[--this.head] = { owner, path };
    else this.items.unshift({ owner, path });
  }

  take(): { owner: Owner; path: string } | undefined {
    if (this.head === this.items.length) return undefined;
    const item = this.items[this.head++];
    this.queued.get(item.owner)?.delete(item.path);
    // Drop the taken prefix now and then, so a long-lived queue does not keep it.
    if (this.head === this.items.length || this.head >= 1024) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  dropOwner(owner: Owner): void {
    this.items = this.items.slice(this.head).filter((item) => item.owner !== owner);
    this.head = 0;
    this.queued.delete(owner);
  }
}
