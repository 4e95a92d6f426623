import type { AccountPackageEvent, ClientPackageEvent, CreditPackEvent } from '@packledger/domain';

/** Any domain event a view can see. */
export type DomainEvent = CreditPackEvent | ClientPackageEvent | AccountPackageEvent;

/** A decoded event with where it was stored: its stream and its global position. */
export interface ProjectedEvent<E = DomainEvent> {
  readonly stream: string;
  readonly position: bigint;
  readonly event: E;
}

/** Every document of a view remembers the position of the last event applied to it. */
export interface Positioned {
  /** Global position of the last event applied, as a decimal string (JSON has no bigint). */
  readonly position: string;
}

/**
 * A view: a collection of JSON documents, each updated by the events that concern it.
 * Pure: `evolve` reads no clock and no other document. A document is plain JSON (decimals
 * as strings) so any read-model store can keep it.
 *
 * @example
 * const doc = applyEvent(creditBalances, docs.get(id), projected); // the new document, null (deleted) or undefined (unchanged)
 */
export interface View<Doc extends Positioned> {
  readonly name: string;
  /** The stream prefixes whose events this view reads (a filter for subscriptions and replays). */
  readonly streamPrefixes: readonly string[];
  /** The id of the document an event updates, or undefined when the view ignores the event. */
  documentId(e: ProjectedEvent): string | undefined;
  /**
   * The document after the event (with `position` set), or null to delete it. A method, so
   * that a view of any document type is also a view of `Positioned` documents ({@link AnyView}).
   */
  evolve(doc: Doc | undefined, e: ProjectedEvent): Doc | null;
}

/**
 * Applies one event to a view's document, idempotently by position: an event at or
 * below the document's position (delivered twice, or replayed after a crash) changes
 * nothing and returns undefined.
 */
export const applyEvent = <Doc extends Positioned>(view: View<Doc>, doc: Doc | undefined, e: ProjectedEvent): Doc | null | undefined =>
  doc !== undefined && BigInt(doc.position) >= e.position ? undefined : view.evolve(doc, e);

/** A view of any document type, for lists of views. */
export type AnyView = View<Positioned>;

/** Orders strings by code unit: the same in every runtime and locale (sorts of report rows). */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
