import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type Decimal from 'decimal.js';
import { Dec, actorLabel, addMoney, compareMoney, isAtOrAfter, isBefore, type Actor, type Instant, type Money } from '../kernel';
import type { AssignClientPackage, ClientPackageCommand, RateUsage, RunPackageManager, UsageRecord } from './commands';
import { lookup } from '../kernel/persistent-map';
import { authorizeClientPackage, refuseClientPackage as refuse, type ClientPackageError } from './errors';
import type { ClientPackageEvent, PeriodLimit } from './events';
import { findLimit } from './limits';
import { firstPeriod, periodBoundary, periodFee, periodLimits } from './periods';
import { usageIdsInOrder, type AssignedClientPackage, type ClientPackageState } from './state';

type Decision = E.Either<ClientPackageError, readonly ClientPackageEvent[]>;
const NOTHING: readonly ClientPackageEvent[] = [];
const accept = (...events: ClientPackageEvent[]): Decision => E.right(events);

/** A key of a usage record's content, to tell a retry from a reused id. */
export const usageKey = (u: { readonly usageType: string; readonly destination: string; readonly requested: Decimal; readonly currency?: string | undefined }): string =>
  `${u.usageType}:${u.destination}:${u.requested.toString()}:${u.currency ?? ''}`;

const requestOf = (u: UsageRecord) =>
  u.type === 'minutes'
    ? { usageType: u.type, destination: u.destination, requested: u.minutes, currency: undefined }
    : { usageType: u.type, destination: u.destination, requested: u.amount.amount, currency: u.amount.currency };

const limitKey = (l: { type: string; prefix: string; amount?: Money }): string => `${l.type}:${l.prefix}:${l.amount?.currency ?? ''}`;

const assigned = (state: ClientPackageState, id: string): E.Either<ClientPackageError, AssignedClientPackage> =>
  state.kind === 'none'
    ? E.left(refuse('client_package_not_found', { clientPackageId: id }, `No client package ${id} has been assigned; check the id.`))
    : state.status === 'deleted'
      ? E.left(refuse('client_package_deleted', { clientPackageId: id }, `Client package ${id} was deleted entirely.`))
      : E.right(state);

const open = (p: AssignedClientPackage, doing: string): E.Either<ClientPackageError, AssignedClientPackage> =>
  p.status === 'archived' || p.status === 'cancelled' || p.status === 'stopped'
    ? E.left(refuse('package_closed', { clientPackageId: p.clientPackageId, status: p.status }, `Client package ${p.clientPackageId} is ${p.status}; you cannot ${doing} it.`))
    : E.right(p);

const decideAssign = (c: AssignClientPackage, state: ClientPackageState): Decision =>
  pipe(
    authorizeClientPackage(c.actor, 'manage'),
    E.chain(() => {
      if (state.kind === 'assigned') {
        return state.clientId === c.clientId && state.package.catalogPackageId === c.package.catalogPackageId && state.startDate === c.startDate && state.quantity === c.quantity
          ? E.right(NOTHING)
          : E.left(refuse('client_package_exists', { clientPackageId: c.clientPackageId }, `Client package ${c.clientPackageId} already exists; assign the new package under a new id.`));
      }
      if (c.endDate !== undefined && !isBefore(c.startDate, c.endDate)) {
        return E.left(refuse('end_date_before_start', { startDate: c.startDate, endDate: c.endDate }, `The end date ${c.endDate} must be after the start date ${c.startDate}.`));
      }
      if (c.package.activationFee.currency !== c.package.subscriptionFee.currency) {
        return E.left(refuse('fee_currency_mismatch', { activationFee: c.package.activationFee.currency, subscriptionFee: c.package.subscriptionFee.currency },
          'The activation and subscription fees must be in the same currency (the client\'s balance currency).'));
      }
      const keys = c.package.limits.map(limitKey);
      const duplicate = keys.find((k, i) => keys.indexOf(k) !== i);
      if (duplicate !== undefined) {
        return E.left(refuse('duplicate_limit', { limit: duplicate }, `The package has two limits for ${duplicate}; merge them into one.`));
      }
      return accept({
        type: 'ClientPackageAssigned',
        data: {
          clientPackageId: c.clientPackageId, clientId: c.clientId, ...(c.accountId === undefined ? {} : { accountId: c.accountId }),
          package: c.package, startDate: c.startDate, ...(c.endDate === undefined ? {} : { endDate: c.endDate }),
          quantity: c.quantity, activateInPast: c.activateInPast, options: c.options, by: c.actor, at: c.at,
        },
      });
    }),
  );

const covers = (p: AssignedClientPackage, balance: Money, required: Money): E.Either<ClientPackageError, void> => {
  const compared = compareMoney(balance, required);
  if (E.isLeft(compared)) {
    return E.left(refuse('balance_currency_mismatch', { balance: balance.currency, required: required.currency },
      `The client's balance is in ${balance.currency} but package ${p.clientPackageId} charges ${required.currency}.`));
  }
  return compared.right < 0
    ? E.left(refuse('insufficient_balance', { clientPackageId: p.clientPackageId, balance: balance.amount.toFixed(), required: required.amount.toFixed(), currency: required.currency },
      `Client ${p.clientId} has ${balance.amount.toFixed()} ${balance.currency}; package ${p.clientPackageId} needs ${required.amount.toFixed()} ${required.currency}. It stays as it is until a run finds enough balance.`))
    : E.right(undefined);
};

const sum = (fees: readonly Money[], currency: Money['currency']): Money =>
  fees.reduce<Money>((total, fee) => E.getOrElse(() => total)(addMoney(total, fee)), { amount: new Dec(0), currency });

const archive = (p: AssignedClientPackage, reason: 'end_date_passed' | 'stopped' | 'cancelled' | 'never_activated', actor: Actor, at: Instant): Decision =>
  accept({ type: 'ClientPackageArchived', data: { clientPackageId: p.clientPackageId, reason, by: actor, at } });

const activate = (p: AssignedClientPackage, c: RunPackageManager): Decision => {
  if (isBefore(c.at, p.startDate)) {
    return E.left(refuse('start_date_not_reached', { clientPackageId: p.clientPackageId, startDate: p.startDate, at: c.at },
      `Client package ${p.clientPackageId} starts at ${p.startDate}; it stays pending until then.`));
  }
  const start = p.activateInPast ? p.startDate : c.at;
  const first = firstPeriod(start, p.package.period, p.options.alignToPaymentTerms, p.options.recalculateToPeriod);
  const fees = [
    periodFee(p.package.activationFee, p.quantity, new Dec(1)),
    ...(p.options.chargeOnEvent ? [] : [periodFee(p.package.subscriptionFee, p.quantity, first.factor)]),
  ];
  return pipe(
    covers(p, c.clientBalance, sum(fees, p.package.activationFee.currency)),
    E.map(() => [{
      type: 'ClientPackageActivated' as const,
      data: {
        clientPackageId: p.clientPackageId,
        packageName: p.name,
        period: { number: 1, start, end: first.end },
        limits: periodLimits(p.package, p.quantity, first.factor),
        proration: first.factor,
        fees,
        reactivations: p.reactivations + 1,
        ...(isBefore(start, c.at) ? { rerate: { from: start, to: c.at } } : {}),
        by: c.actor,
        at: c.at,
      },
    }]),
  );
};

const renew = (p: AssignedClientPackage, c: RunPackageManager, dueAt: Instant, number: number): Decision => {
  const fee = p.options.chargeOnEvent ? [] : [periodFee(p.package.subscriptionFee, p.quantity, new Dec(1))];
  const required = sum(fee, p.package.subscriptionFee.currency);
  const enough = covers(p, c.clientBalance, required);
  if (E.isLeft(enough)) {
    if (enough.left.code === 'insufficient_balance' && p.renewalDeferredAt !== dueAt) {
      return accept({ type: 'ClientPackageRenewalDeferred', data: { clientPackageId: p.clientPackageId, dueAt, balance: c.clientBalance, required, by: c.actor, at: c.at } });
    }
    return enough;
  }
  const late = p.renewalDeferredAt === dueAt && isBefore(dueAt, c.at);
  const anchor = late ? c.at : (p.anchor ?? dueAt);
  const index = late ? 0 : p.periodsSinceAnchor;
  const start = late ? c.at : dueAt;
  return accept({
    type: 'ClientPackageRenewed',
    data: {
      clientPackageId: p.clientPackageId,
      packageName: p.name,
      period: { number, start, end: periodBoundary(anchor, p.package.period, index + 1) },
      limits: periodLimits(p.package, p.quantity, new Dec(1)),
      fees: fee,
      late,
      reactivations: p.reactivations + 1,
      ...(late ? { rerate: { from: dueAt, to: c.at } } : {}),
      by: c.actor,
      at: c.at,
    },
  });
};

/**
 * The package-manager policy for one package at one instant: activate a pending package
 * whose start has come when the balance covers activation + subscription; renew a period
 * that has ended (late, with a re-rate window, if it was deferred for low balance); archive
 * past the end date, after a stop or a cancel. A Left reports why nothing could happen.
 */
const decideRun = (c: RunPackageManager, state: ClientPackageState): Decision =>
  pipe(
    authorizeClientPackage(c.actor, 'run'),
    E.chain(() => assigned(state, c.clientPackageId)),
    E.chain((p) => {
      switch (p.status) {
        case 'archived':
          return E.right(NOTHING);
        case 'stopped':
          return archive(p, 'stopped', c.actor, c.at);
        case 'cancelled':
          return archive(p, 'cancelled', c.actor, c.at);
        case 'pending':
          return p.endDate !== undefined && isAtOrAfter(c.at, p.endDate) ? archive(p, 'never_activated', c.actor, c.at) : activate(p, c);
        case 'active':
        case 'stopping': {
          if (p.endDate !== undefined && isAtOrAfter(c.at, p.endDate)) return archive(p, 'end_date_passed', c.actor, c.at);
          const current = p.current;
          if (current === undefined || isBefore(c.at, current.period.end)) return E.right(NOTHING);
          if (p.status === 'stopping') return archive(p, 'stopped', c.actor, c.at);
          if (p.endDate !== undefined && isAtOrAfter(current.period.end, p.endDate)) return archive(p, 'end_date_passed', c.actor, c.at);
          return renew(p, c, current.period.end, current.period.number + 1);
        }
        case 'deleted':
          return E.right(NOTHING);
      }
    }),
  );

/** The limit a usage record draws on: same kind (and currency), the longest prefix of the destination. */
export const matchingLimit = (limits: readonly { readonly limit: PeriodLimit }[], usage: UsageRecord): number => {
  let best = -1;
  let bestLength = -1;
  limits.forEach(({ limit }, i) => {
    const sameKind = usage.type === 'minutes' ? limit.type === 'volume' : limit.type === 'money' && limit.amount.currency === usage.amount.currency;
    if (sameKind && usage.destination.startsWith(limit.prefix) && limit.prefix.length > bestLength) {
      best = i;
      bestLength = limit.prefix.length;
    }
  });
  return best;
};

const limitAmount = (l: PeriodLimit): Decimal => (l.type === 'volume' ? l.minutes : l.amount.amount);

const decideRate = (c: RateUsage, state: ClientPackageState): Decision =>
  pipe(
    authorizeClientPackage(c.actor, 'run'),
    E.chain(() => assigned(state, c.clientPackageId)),
    E.chain((p) => {
      const earlier = lookup(p.usage, c.usage.usageId);
      if (earlier !== undefined) {
        return earlier === usageKey(requestOf(c.usage))
          ? E.right(NOTHING)
          : E.left(refuse('usage_id_conflict', { usageId: c.usage.usageId }, `Usage record ${c.usage.usageId} was already rated with different content; give a new record a new id.`));
      }
      const current = p.current;
      if ((p.status !== 'active' && p.status !== 'stopping') || current === undefined) {
        return E.left(refuse('package_not_active', { clientPackageId: p.clientPackageId, status: p.status }, `Client package ${p.clientPackageId} is ${p.status}; rate this usage normally.`));
      }
      if (p.endDate !== undefined && isAtOrAfter(c.at, p.endDate)) {
        return E.left(refuse('package_ended', { endDate: p.endDate, at: c.at }, `Client package ${p.clientPackageId} ended at ${p.endDate}; rate this usage normally.`));
      }
      if (isBefore(c.at, current.period.start)) {
        return E.left(refuse('usage_before_current_period', { periodStart: current.period.start, at: c.at },
          `The usage at ${c.at} is before the current period (from ${current.period.start}); rate it normally or re-rate that period.`));
      }
      if (isAtOrAfter(c.at, current.period.end)) {
        return E.left(refuse('period_not_renewed', { periodEnd: current.period.end, at: c.at },
          `The period ended at ${current.period.end} and has not been renewed; rate this usage normally and re-rate once the package renews.`));
      }
      const requested = c.usage.type === 'minutes' ? c.usage.minutes : c.usage.amount.amount;
      const index = findLimit(current.limitIndex, c.usage);
      const match = current.limits[index];
      const left = match === undefined ? new Dec(0) : limitAmount(match.limit).minus(match.used);
      const consumed = Dec.min(requested, left);
      const fees = p.options.chargeOnEvent && !current.subscriptionCharged ? [periodFee(p.package.subscriptionFee, p.quantity, current.factor)] : [];
      return accept({
        type: 'UsageRatedAgainstLimits',
        data: {
          clientPackageId: p.clientPackageId,
          usageId: c.usage.usageId,
          usageType: c.usage.type,
          destination: c.usage.destination,
          requested,
          consumed,
          overflow: requested.minus(consumed),
          periodNumber: current.period.number,
          packageName: p.name,
          fees,
          ...(match === undefined ? {} : { prefix: match.limit.prefix }),
          ...(c.usage.type === 'money' ? { currency: c.usage.amount.currency } : {}),
          by: c.actor,
          at: c.at,
        },
      });
    }),
  );

const manage = (state: ClientPackageState, c: { clientPackageId: string; actor: Actor }) =>
  pipe(authorizeClientPackage(c.actor, 'manage'), E.chain(() => assigned(state, c.clientPackageId)));

/** Decides a client-package command. Pure: balances, instants and usage come in the command. */
export const decideClientPackage = (c: ClientPackageCommand, state: ClientPackageState): Decision => {
  switch (c.type) {
    case 'AssignClientPackage':
      return decideAssign(c, state);
    case 'RunPackageManager':
      return decideRun(c, state);
    case 'RateUsage':
      return decideRate(c, state);
    case 'StopAtPeriodStart':
      return pipe(manage(state, c), E.chain((p) => {
        if (p.status === 'stopped') return E.right(NOTHING);
        if ((p.status !== 'active' && p.status !== 'stopping') || p.current === undefined) {
          return E.left(refuse('package_not_active', { status: p.status }, `Client package ${p.clientPackageId} is ${p.status}; only an active package can be stopped (cancel a pending one).`));
        }
        return accept({ type: 'ClientPackageStoppedAtPeriodStart', data: {
          clientPackageId: p.clientPackageId, periodNumber: p.current.period.number, refundedFees: p.current.fees, returnedUsageIds: usageIdsInOrder(p.current.usageIds), by: c.actor, at: c.at,
        } });
      }));
    case 'StopAtPeriodEnd':
      return pipe(manage(state, c), E.chain((p) => {
        if (p.status === 'stopping') return E.right(NOTHING);
        if (p.status !== 'active' || p.current === undefined) {
          return E.left(refuse('package_not_active', { status: p.status }, `Client package ${p.clientPackageId} is ${p.status}; only an active package can be stopped (cancel a pending one).`));
        }
        return accept({ type: 'ClientPackageStopScheduled', data: { clientPackageId: p.clientPackageId, stopsAt: p.current.period.end, by: c.actor, at: c.at } });
      }));
    case 'CancelClientPackage':
      return pipe(manage(state, c), E.chain((p) => {
        if (p.status === 'cancelled') return E.right(NOTHING);
        return pipe(open(p, 'cancel'), E.map(() => [{ type: 'ClientPackageCancelled' as const, data: { clientPackageId: p.clientPackageId, by: c.actor, at: c.at } }]));
      }));
    case 'ChangeEndDate':
      return pipe(manage(state, c), E.chain((p) => open(p, 'change the end date of')), E.chain((p) => {
        if (p.endDate === (c.endDate ?? undefined)) return E.right(NOTHING);
        if (c.endDate !== null && !isBefore(p.startDate, c.endDate)) {
          return E.left(refuse('end_date_before_start', { startDate: p.startDate, endDate: c.endDate }, `The end date ${c.endDate} must be after the start date ${p.startDate}.`));
        }
        return accept({ type: 'ClientPackageEndDateChanged', data: { clientPackageId: p.clientPackageId, endDate: c.endDate, by: c.actor, at: c.at } });
      }));
    case 'RenameClientPackage':
      return pipe(manage(state, c), E.chain((p) =>
        p.name === c.name ? E.right(NOTHING) : accept({ type: 'ClientPackageRenamed', data: { clientPackageId: p.clientPackageId, previousName: p.name, name: c.name, by: c.actor, at: c.at } })));
    case 'ArchiveClientPackage':
      return pipe(manage(state, c), E.chain((p) => {
        switch (p.status) {
          case 'archived': return E.right(NOTHING);
          case 'active':
          case 'stopping':
            if (p.endDate !== undefined && isAtOrAfter(c.at, p.endDate)) return archive(p, 'end_date_passed', c.actor, c.at);
            return E.left(refuse('package_still_active', { status: p.status }, `Client package ${p.clientPackageId} is ${p.status}; stop or cancel it before archiving.`));
          case 'pending': return archive(p, 'never_activated', c.actor, c.at);
          case 'stopped': return archive(p, 'stopped', c.actor, c.at);
          case 'cancelled': return archive(p, 'cancelled', c.actor, c.at);
          case 'deleted': return E.right(NOTHING);
        }
      }));
    case 'DeleteClientPackage':
      if (state.kind === 'assigned' && state.status === 'deleted') return pipe(authorizeClientPackage(c.actor, 'manage'), E.map(() => NOTHING));
      return pipe(manage(state, c), E.chain((p) =>
        p.status === 'archived'
          ? accept({ type: 'ClientPackageDeleted', data: { clientPackageId: p.clientPackageId, by: c.actor, at: c.at } })
          : E.left(refuse('not_archived', { status: p.status, by: actorLabel(c.actor) }, `Client package ${p.clientPackageId} is ${p.status}; archive it before deleting it entirely.`))));
  }
};

