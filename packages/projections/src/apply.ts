import type { DocumentChange, ReadModelStore } from './read-model-store';
import { applyEvent, type AnyView, type Positioned, type ProjectedEvent } from './view';

/**
 * The working copy of one view between commits. Documents an event needs come from the
 * working copy, else from the store. During a rebuild (`ownsEveryDocument`) the view
 * started empty and every document lives in the working copy, so the store is never read.
 */
export class ViewBatch {
  private readonly docs = new Map<string, Positioned | null>();
  private readonly dirty = new Set<string>();
  /** Position of the last event taken in since the last commit. */
  position: bigint | undefined;
  /** Events taken in since the last commit. */
  events = 0;

  constructor(readonly view: AnyView, private readonly store: ReadModelStore, private readonly ownsEveryDocument = false) {}

  /**
   * Applies one event (the caller knows it is after the view's checkpoint). Synchronous when
   * the document is in the working copy (always, during a rebuild); a promise only when it
   * has to be read from the store first, so a replay pays no asynchronous step per event.
   */
  apply(e: ProjectedEvent): Promise<void> | undefined {
    const id = this.view.documentId(e);
    if (id !== undefined && !this.ownsEveryDocument && !this.docs.has(id)) {
      return this.store.get(this.view.name, [id]).then((found) => {
        this.docs.set(id, found.get(id) ?? null);
        this.applyTo(id, e);
      });
    }
    this.applyTo(id, e);
    return undefined;
  }

  private applyTo(id: string | undefined, e: ProjectedEvent): void {
    if (id !== undefined) {
      const next = applyEvent(this.view, this.docs.get(id) ?? undefined, e);
      if (next !== undefined) {
        this.docs.set(id, next);
        this.dirty.add(id);
      }
    }
    this.position = e.position;
    this.events += 1;
  }

  /** Writes the changed documents and the checkpoint in one commit. */
  async commit(): Promise<bigint | undefined> {
    if (this.position === undefined) return undefined;
    const changes: DocumentChange[] = [...this.dirty].map((id) => ({ id, doc: this.docs.get(id) ?? null }));
    await this.store.commit(this.view.name, changes, this.position);
    const committed = this.position;
    this.dirty.clear();
    if (!this.ownsEveryDocument) this.docs.clear();
    this.position = undefined;
    this.events = 0;
    return committed;
  }
}
