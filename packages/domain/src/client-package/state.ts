import type Decimal from 'decimal.js';
import type { EntityId, Instant, Money } from '../kernel';
import { entriesOf, type PersistentMap } from '../kernel/persistent-map';
import type { CatalogPackage, ClientPackageOptions } from './commands';
import type { PackagePeriod, PeriodLimit } from './events';

/** A limit of the current period and how much of it is used. */
export interface LimitInUse {
  readonly limit: PeriodLimit;
  readonly used: Decimal;
}

/** The period the package is in, with its limits, what was charged for it and what was rated in it. */
export interface CurrentPeriod {
  readonly period: PackagePeriod;
  readonly limits: readonly LimitInUse[];
  /** The limits by kind, currency and prefix (see `findLimit`). */
  readonly limitIndex: ReadonlyMap<string, number>;
  readonly fees: readonly Money[];
  readonly subscriptionCharged: boolean;
  /** Proration factor of this period's fees and limits (1 for a full period). */
  readonly factor: Decimal;
  /**
   * The usage records rated in this period, by their place in it (`"0"`, `"1"`, ...): a
   * persistent map, so a period with many records costs O(log n) per record, not a copied
   * array (see {@link usageIdsInOrder}).
   */
  readonly usageIds: PersistentMap<EntityId>;
}

/** The usage ids of a period in the order they were rated. */
export const usageIdsInOrder = (ids: PersistentMap<EntityId>): EntityId[] => {
  const inOrder = new Array<EntityId>(ids.size);
  for (const [place, id] of entriesOf(ids)) inOrder[Number(place)] = id;
  return inOrder;
};

/**
 * `pending` until a package-manager run activates it; `active` while periods renew;
 * `stopping` when it will not renew after the current period; `stopped` and `cancelled`
 * until archived; `archived`; `deleted` (the stream is to be removed).
 */
export type ClientPackageStatus = 'pending' | 'active' | 'stopping' | 'stopped' | 'cancelled' | 'archived' | 'deleted';

/** An assigned client package. */
export interface AssignedClientPackage {
  readonly kind: 'assigned';
  readonly clientPackageId: EntityId;
  readonly clientId: EntityId;
  readonly accountId: EntityId | undefined;
  readonly package: CatalogPackage;
  /** The name shown now (the catalog may have renamed it since assignment). */
  readonly name: string;
  readonly startDate: Instant;
  readonly endDate: Instant | undefined;
  readonly quantity: number;
  readonly activateInPast: boolean;
  readonly options: ClientPackageOptions;
  readonly status: ClientPackageStatus;
  readonly current: CurrentPeriod | undefined;
  /** Periods activated so far: the first activation and every renewal. */
  readonly reactivations: number;
  /** Periods are counted from this instant (moves when a renewal comes late). */
  readonly anchor: Instant | undefined;
  readonly periodsSinceAnchor: number;
  /** The due instant of a renewal that was deferred for low balance. */
  readonly renewalDeferredAt: Instant | undefined;
  /** Every usage record ever rated, by id, with a key of its content. */
  readonly usage: PersistentMap<string, EntityId>;
}

/** The state of a client-package stream. */
export type ClientPackageState = { readonly kind: 'none' } | AssignedClientPackage;

/** The state of a stream with no events. */
export const initialClientPackageState: ClientPackageState = { kind: 'none' };
