import type { Positioned } from './view';

/** A change to one document: its new content, or null to delete it. */
export interface DocumentChange {
  readonly id: string;
  readonly doc: Positioned | null;
}

/**
 * Where views live. `commit` writes a batch of document changes and the view's checkpoint
 * together, atomically where the store can, so a crash never leaves documents ahead of or
 * behind their checkpoint: the runner resumes after the checkpoint and each event counts once.
 *
 * @example
 * const store = new InMemoryReadModelStore();
 * await store.commit('credit_balances', [{ id: 'p1', doc }], 42n);
 * await store.checkpoint('credit_balances'); // 42n
 */
export interface ReadModelStore {
  /** The documents with these ids (absent ids are absent from the map). */
  get(view: string, ids: readonly string[]): Promise<ReadonlyMap<string, Positioned>>;
  /** Writes the changes and moves the checkpoint, all or nothing. */
  commit(view: string, changes: readonly DocumentChange[], checkpoint: bigint): Promise<void>;
  /** The position of the last event the view has taken in, or undefined when it has none. */
  checkpoint(view: string): Promise<bigint | undefined>;
  /** Every document of the view, in id order. */
  all(view: string): Promise<readonly Positioned[]>;
  /** Removes the view's documents and checkpoint (before a rebuild). */
  drop(view: string): Promise<void>;
}

// Frozen parts (a document's earlier entries, kept by a view's new document) are not walked again.
const needsFreezing = (v: unknown): v is object => typeof v === 'object' && v !== null && !Object.isFrozen(v);
const deepFreeze = <A>(value: A): A => {
  if (!needsFreezing(value)) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (needsFreezing(item)) deepFreeze(item);
    }
  } else {
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      const item: unknown = (value as Record<string, unknown>)[key];
      if (needsFreezing(item)) deepFreeze(item);
    }
  }
  return Object.freeze(value);
};

/**
 * The embedded read-model store: views in memory, each commit applied at once (a single
 * JavaScript turn, so it is atomic). Documents are deeply frozen when committed, so neither
 * the writer nor any reader can change a stored document afterwards; views build new
 * documents rather than editing old ones, so nothing is copied.
 */
export class InMemoryReadModelStore implements ReadModelStore {
  private readonly views = new Map<string, { docs: Map<string, Positioned>; checkpoint: bigint | undefined }>();

  private view(name: string) {
    let v = this.views.get(name);
    if (v === undefined) {
      v = { docs: new Map(), checkpoint: undefined };
      this.views.set(name, v);
    }
    return v;
  }

  async get(view: string, ids: readonly string[]): Promise<ReadonlyMap<string, Positioned>> {
    const docs = this.view(view).docs;
    const found = new Map<string, Positioned>();
    for (const id of ids) {
      const doc = docs.get(id);
      if (doc !== undefined) found.set(id, doc);
    }
    return found;
  }

  async commit(view: string, changes: readonly DocumentChange[], checkpoint: bigint): Promise<void> {
    const v = this.view(view);
    if (v.checkpoint !== undefined && checkpoint < v.checkpoint) {
      throw new Error(`view ${view}: checkpoint ${checkpoint} is behind the stored ${v.checkpoint}; two runners feed one view`);
    }
    for (const c of changes) if (c.doc !== null) deepFreeze(c.doc);
    for (const c of changes) {
      if (c.doc === null) v.docs.delete(c.id);
      else v.docs.set(c.id, c.doc);
    }
    v.checkpoint = checkpoint;
  }

  async checkpoint(view: string): Promise<bigint | undefined> {
    return this.views.get(view)?.checkpoint;
  }

  async all(view: string): Promise<readonly Positioned[]> {
    return [...this.view(view).docs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, doc]) => doc);
  }

  async drop(view: string): Promise<void> {
    this.views.delete(view);
  }
}
