import { CREDIT_PACK_STREAM_PREFIX, InstantString, isBefore, toProblems, type Instant } from '@packledger/domain';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { creditPackEventCodec } from '../credit-pack';
import type { EventStore, GlobalPosition } from '../event-store';
import type { OpenPack, OpenPacks } from './expiry';

/**
 * Any store of view documents that can list a view's documents: the projections'
 * `ReadModelStore` (`InMemoryReadModelStore`, the PostgreSQL one) fits as it is.
 */
export interface ViewDocuments {
  all(view: string): Promise<readonly unknown[]>;
}

/** The fields of a `credit_balances` document the expiry source reads. */
const CreditBalanceFields = t.type({
  packId: t.string,
  expiresAt: InstantString,
  remaining: t.string,
  status: t.keyof({ active: null, exhausted: null, expired: null, cancelled: null }),
}, 'CreditBalanceDocument');

/**
 * Open packs from the projections' credit-balances view (`credit_balances`, one document
 * per pack with `expiresAt`, `remaining` and `status`). The view may lag behind the events
 * by a little: a pack it does not show yet is found by a later tick, and a pack it still
 * shows open after it expired gets a command that changes nothing.
 *
 * @example
 * const readModels = new InMemoryReadModelStore(); // fed by startProjections({ views: allViews, ... })
 * const expiry = expirySource({ store, packs: openPacksFromCreditBalances(readModels), warnings });
 */
export const openPacksFromCreditBalances = (documents: ViewDocuments, view = 'credit_balances'): OpenPacks => ({
  expiringBefore: async (until) => {
    const open: OpenPack[] = [];
    for (const doc of await documents.all(view)) {
      const decoded = CreditBalanceFields.decode(doc);
      if (E.isLeft(decoded)) {
        throw new Error(`a ${view} document cannot be read: ${toProblems(decoded.left).map((p) => `${p.path} ${p.message}`).join('; ')}`);
      }
      const { packId, expiresAt, remaining, status } = decoded.right;
      if ((status === 'active' || status === 'exhausted') && isBefore(expiresAt, until)) open.push({ packId, expiresAt, remaining });
    }
    return open;
  },
});

interface ScannedPack {
  readonly expiresAt: Instant;
  readonly remaining: string;
  readonly open: boolean;
}

/**
 * Open packs by a catch-up scan of the credit-pack events: the first call reads every
 * credit-pack event, later calls only the events appended since. No view needed: the
 * embedded default, and the fallback when views are being rebuilt. It keeps one small
 * entry per pack in memory.
 *
 * @example
 * const expiry = expirySource({ store, packs: openPacksFromEventScan(store), warnings });
 */
export const openPacksFromEventScan = (store: EventStore): OpenPacks => {
  const packs = new Map<string, ScannedPack>();
  let position: GlobalPosition | undefined;
  const take = (packId: string, change: (p: ScannedPack) => ScannedPack): void => {
    const p = packs.get(packId);
    if (p !== undefined) packs.set(packId, change(p));
  };
  return {
    expiringBefore: async (until) => {
      for await (const recorded of store.readAll({ fromPosition: position, filter: { streamPrefixes: [CREDIT_PACK_STREAM_PREFIX] } })) {
        const decoded = creditPackEventCodec.decode({ type: recorded.type, data: recorded.data, schemaVersion: recorded.metadata.schemaVersion });
        if (E.isLeft(decoded)) throw new Error(`${recorded.stream} at revision ${recorded.revision}: ${decoded.left.message}`);
        const e = decoded.right;
        switch (e.type) {
          case 'CreditPackIssued':
            packs.set(e.data.packId, { expiresAt: e.data.expiresAt, remaining: e.data.credits.toFixed(), open: true });
            break;
          case 'CreditsConsumed':
          case 'CreditsRefunded':
          case 'CreditValueCorrected':
            take(e.data.packId, (p) => ({ ...p, remaining: e.data.remaining.toFixed() }));
            break;
          case 'CreditPackReissued':
          case 'CreditPackCancelled':
          case 'CreditPackExpired':
            take(e.data.packId, (p) => ({ ...p, open: false }));
            break;
          default:
            break;
        }
        position = recorded.position;
      }
      const open: OpenPack[] = [];
      for (const [packId, p] of packs) if (p.open && isBefore(p.expiresAt, until)) open.push({ packId, expiresAt: p.expiresAt, remaining: p.remaining });
      return open;
    },
  };
};
