import {
  CreditsString,
  EntityId,
  InstantString,
  InvoiceLine,
  MoneyCodec,
  Owner,
  decodeWith,
  entriesOf,
  persistentMapOf,
  type CreditPackState,
  type IssuedPack,
} from '@packledger/domain';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { Json } from '../event-store';
import type { StateCodec } from '../snapshots';

const ConsumptionJson = t.intersection([
  t.type({ credits: CreditsString, projectId: EntityId, productId: EntityId, refunded: CreditsString }),
  t.partial({ invoiceLine: InvoiceLine }),
]);

const RefundJson = t.type({ consumptionId: EntityId, credits: CreditsString });

/** An issued pack in JSON: decimals as strings, maps as `[key, value]` lists, a set as a list, absent fields left out. */
const IssuedPackJson = t.intersection([
  t.type({
    kind: t.literal('issued'),
    packId: EntityId,
    orderId: EntityId,
    name: t.string,
    owner: Owner,
    price: MoneyCodec,
    linkedProducts: t.readonlyArray(EntityId),
    relationshipManagerId: EntityId,
    projectManagerId: EntityId,
    invoiceContactId: EntityId,
    issuedAt: InstantString,
    expiresAt: InstantString,
    issuedCredits: CreditsString,
    creditValue: CreditsString,
    consumed: CreditsString,
    refunded: CreditsString,
    transferred: CreditsString,
    remaining: CreditsString,
    forfeited: CreditsString,
    status: t.keyof({ active: null, exhausted: null, expired: null, cancelled: null }),
    creditStatus: t.string,
    specialNotes: t.string,
    consumptions: t.readonlyArray(t.tuple([EntityId, ConsumptionJson])),
    refunds: t.readonlyArray(t.tuple([EntityId, RefundJson])),
    warningsRecorded: t.readonlyArray(t.string),
  }),
  t.partial({
    reissuedFrom: EntityId,
    reissuedTo: t.type({ newPackId: EntityId, newOwner: Owner }),
    cancelReason: t.string,
  }),
], 'IssuedPackSnapshot');

const CreditPackStateJson = t.union([t.type({ kind: t.literal('none') }), IssuedPackJson], 'CreditPackStateSnapshot');

type IssuedPackJson = t.TypeOf<typeof IssuedPackJson>;

const withoutUndefined = <A extends object>(a: A): A =>
  Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as A;

const toJsonShape = (pack: IssuedPack): IssuedPackJson =>
  withoutUndefined({
    ...pack,
    consumptions: [...entriesOf(pack.consumptions)].map(([id, c]) => [id, withoutUndefined(c)] as const),
    refunds: [...entriesOf(pack.refunds)].map(([id, r]) => [id, r] as [typeof id, typeof r]),
    warningsRecorded: [...pack.warningsRecorded],
  });

const fromJsonShape = (json: IssuedPackJson): IssuedPack => ({
  ...json,
  consumptions: persistentMapOf(json.consumptions.map(([id, c]) => [id, { ...c, invoiceLine: c.invoiceLine }] as const)),
  refunds: persistentMapOf(json.refunds),
  warningsRecorded: new Set(json.warningsRecorded),
  reissuedFrom: json.reissuedFrom,
  reissuedTo: json.reissuedTo,
  cancelReason: json.cancelReason,
});

/**
 * The snapshot form of a credit pack's state: every decimal as a string (never a JS
 * number), consumptions and refunds as `[id, record]` lists in the order they happened,
 * recorded warnings as a list. Decoding gives back a state equal to the one encoded.
 *
 * @example
 * const handle = commandHandler(store, creditPackAggregate, { snapshots: { every: 100, codec: creditPackStateCodec } });
 */
export const creditPackStateCodec: StateCodec<CreditPackState> = {
  version: 1,
  encode: (state) => (state.kind === 'none' ? { kind: 'none' } : (IssuedPackJson.encode(toJsonShape(state)) as unknown as Json)),
  decode: (json) =>
    E.map((decoded: t.TypeOf<typeof CreditPackStateJson>): CreditPackState => (decoded.kind === 'none' ? { kind: 'none' } : fromJsonShape(decoded)))(
      decodeWith(CreditPackStateJson, json),
    ),
};
