import { Dec } from '../kernel';
import { emptyPersistentMap, insert } from '../kernel/persistent-map';
import { usageKey } from './decide';
import { indexLimits, limitIndexKey } from './limits';
import { periodBoundary } from './periods';
import type { ClientPackageEvent, PeriodLimit } from './events';
import type { ClientPackageState, CurrentPeriod } from './state';

const freshLimits = (limits: readonly PeriodLimit[]): CurrentPeriod['limits'] => limits.map((limit) => ({ limit, used: new Dec(0) }));

/** Applies one client-package event. Throws only on an impossible stream (a bug). */
export const evolveClientPackage = (state: ClientPackageState, event: ClientPackageEvent): ClientPackageState => {
  if (event.type === 'ClientPackageAssigned') {
    const d = event.data;
    return {
      kind: 'assigned', clientPackageId: d.clientPackageId, clientId: d.clientId, accountId: d.accountId, package: d.package, name: d.package.name,
      startDate: d.startDate, endDate: d.endDate, quantity: d.quantity, activateInPast: d.activateInPast, options: d.options, status: 'pending',
      current: undefined, reactivations: 0, anchor: undefined, periodsSinceAnchor: 0, renewalDeferredAt: undefined, usage: emptyPersistentMap(),
    };
  }
  if (state.kind !== 'assigned') throw new Error(`${event.type} on client package ${event.data.clientPackageId}, which was never assigned`);
  switch (event.type) {
    case 'ClientPackageActivated':
    case 'ClientPackageRenewed': {
      const d = event.data;
      const late = event.type === 'ClientPackageRenewed' && event.data.late;
      // A full first period anchors later periods at its start; a shortened (aligned) one at its end.
      const fullFirst = event.type === 'ClientPackageActivated' && periodBoundary(d.period.start, state.package.period, 1) === d.period.end;
      return {
        ...state,
        status: state.status === 'pending' ? 'active' : state.status,
        reactivations: d.reactivations,
        renewalDeferredAt: undefined,
        anchor: event.type === 'ClientPackageActivated' ? (fullFirst ? d.period.start : d.period.end) : late ? d.period.start : state.anchor,
        periodsSinceAnchor: event.type === 'ClientPackageActivated' ? (fullFirst ? 1 : 0) : late ? 1 : state.periodsSinceAnchor + 1,
        current: {
          period: d.period,
          limits: freshLimits(d.limits),
          limitIndex: indexLimits(freshLimits(d.limits)),
          fees: d.fees,
          subscriptionCharged: !state.options.chargeOnEvent,
          factor: event.type === 'ClientPackageActivated' ? event.data.proration : new Dec(1),
          usageIds: emptyPersistentMap(),
        },
      };
    }
    case 'ClientPackageRenewalDeferred':
      return { ...state, renewalDeferredAt: event.data.dueAt };
    case 'UsageRatedAgainstLimits': {
      const d = event.data;
      const current = state.current;
      if (current === undefined) throw new Error(`usage ${d.usageId} rated on client package ${d.clientPackageId} with no current period`);
      const at = d.prefix === undefined ? undefined : current.limitIndex.get(limitIndexKey(d.usageType === 'minutes' ? 'volume' : 'money', d.currency, d.prefix));
      const drawn = at === undefined ? undefined : current.limits[at];
      const limits = at === undefined || drawn === undefined ? current.limits : current.limits.map((l, i) => (i === at ? { ...drawn, used: drawn.used.plus(d.consumed) } : l));
      return {
        ...state,
        usage: insert(state.usage, d.usageId, usageKey(d)),
        current: { ...current, limits, fees: [...current.fees, ...d.fees], subscriptionCharged: current.subscriptionCharged || d.fees.length > 0, usageIds: insert(current.usageIds, String(current.usageIds.size), d.usageId) },
      };
    }
    case 'ClientPackageStoppedAtPeriodStart': {
      const current = state.current;
      return {
        ...state,
        status: 'stopped',
        current: current === undefined ? undefined : { ...current, limits: freshLimits(current.limits.map((l) => l.limit)), fees: [], usageIds: emptyPersistentMap() },
      };
    }
    case 'ClientPackageStopScheduled':
      return { ...state, status: 'stopping' };
    case 'ClientPackageCancelled':
      return { ...state, status: 'cancelled' };
    case 'ClientPackageEndDateChanged':
      return { ...state, endDate: event.data.endDate ?? undefined };
    case 'ClientPackageRenamed':
      return { ...state, name: event.data.name };
    case 'ClientPackageArchived':
      return { ...state, status: 'archived' };
    case 'ClientPackageDeleted':
      return { ...state, status: 'deleted' };
  }
};
