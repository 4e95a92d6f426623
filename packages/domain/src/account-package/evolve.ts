import { addDays, daysBetween, Dec, emptyPersistentMap, insert, scheduleStartingOnOrAfter, type EntityId, type LocalDate } from '../kernel';
import { firstAnchor, firstUsageAnchor } from './billing/schedule';
import { FREQUENCY_MONTHS, type CustomFields } from './catalog';
import type { AccountPackageEvent } from './events';
import { priceKey, statusOn, type AccountPackage, type AccountPackageState, type AccountService, type PendingAdjustment } from './state';

const withEntry = <K, V>(map: ReadonlyMap<K, V>, key: K, value: V): ReadonlyMap<K, V> => new Map(map).set(key, value);
const withoutEntry = <K, V>(map: ReadonlyMap<K, V>, key: K): ReadonlyMap<K, V> => {
  const out = new Map(map);
  out.delete(key);
  return out;
};

const newService = (instanceId: string, serviceId: EntityId, on: LocalDate, status: string, usageIdentifier: string | undefined, customFields: CustomFields | undefined): AccountService => ({
  instanceId,
  serviceId,
  addedOn: on,
  removedOn: undefined,
  statuses: [{ from: on, status }],
  usageIdentifier,
  customFields: customFields ?? {},
  ratePlanId: undefined,
  usageBuckets: new Map(),
  oneTimeBilled: false,
});

/**
 * What changed inside days already billed: for every stretch of `[from, billedThrough)`
 * where an account-service's status before and after a change differ, an adjustment from
 * the old status to the new (`null` when it is not in the package).
 */
const adjustmentsFor = (p: AccountPackage, before: AccountService | undefined, after: AccountService): PendingAdjustment[] => {
  const billedThrough = p.billedThrough;
  const billedFrom = p.billingStartsOn;
  if (billedThrough === undefined || billedFrom === undefined) return [];
  const dates = new Set<LocalDate>([billedFrom]);
  for (const s of before === undefined ? [after] : [before, after]) {
    dates.add(s.addedOn);
    if (s.removedOn !== undefined) dates.add(s.removedOn);
    for (const span of s.statuses) dates.add(span.from);
  }
  const cuts = [...dates].filter((d) => d >= billedFrom && d < billedThrough).sort();
  const out: PendingAdjustment[] = [];
  cuts.forEach((start, i) => {
    const end = cuts[i + 1] ?? billedThrough;
    const from = before === undefined ? null : statusOn(before, start) ?? null;
    const to = statusOn(after, start) ?? null;
    if (from === to || daysBetween(start, end) <= 0) return;
    const last = out[out.length - 1];
    if (last !== undefined && last.from === from && last.to === to && last.range.end === start) {
      out[out.length - 1] = { ...last, range: { start: last.range.start, end } };
    } else {
      out.push({ instanceId: after.instanceId, serviceId: after.serviceId, from, to, range: { start, end } });
    }
  });
  return out;
};

const changeService = (p: AccountPackage, before: AccountService | undefined, after: AccountService): AccountPackage => ({
  ...p,
  accountServices: withEntry(p.accountServices, after.instanceId, after),
  pendingAdjustments: [...p.pendingAdjustments, ...adjustmentsFor(p, before, after)],
});

const service = (p: AccountPackage, instanceId: string, event: string): AccountService => {
  const s = p.accountServices.get(instanceId);
  if (s === undefined) throw new Error(`${event} for unknown account-service ${instanceId} of account package ${p.accountPackageId}`);
  return s;
};

/**
 * Applies one event to an account package's state. Total over every event the package can
 * have: an event that cannot apply to the state (a bug or a corrupted stream) throws.
 */
export const evolveAccountPackage = (state: AccountPackageState, event: AccountPackageEvent): AccountPackageState => {
  if (event.type === 'AccountPackageAdded') {
    const d = event.data;
    return {
      kind: 'package',
      accountPackageId: d.accountPackageId,
      account: d.account,
      definition: d.definition,
      services: new Map(d.definition.services.map((s) => [s.serviceId, s])),
      priceBook: d.priceBook,
      productCode: d.productCode,
      quantity: d.quantity,
      frequency: d.frequency,
      status: d.status,
      ratePlanId: d.ratePlanId,
      sharePlanId: d.sharePlanId,
      countingRuleId: d.countingRuleId,
      accountContractId: d.accountContractId,
      customFields: d.customFields,
      effectiveDate: d.effectiveDate,
      billDay: d.billDay,
      usageBillDay: d.usageBillDay,
      options: d.options,
      contract: d.contract,
      billingStartsOn: d.billingStartsOn,
      anchors: d.billingStartsOn === undefined ? [] : [firstAnchor(d.billingStartsOn, d.billDay, d.frequency)],
      usageAnchors: [firstUsageAnchor(d.effectiveDate, d.usageBillDay)],
      billedThrough: undefined,
      usageBilledThrough: undefined,
      everBilled: false,
      accountServices: new Map(d.services.map((s) => [s.instanceId, newService(s.instanceId, s.serviceId, d.effectiveDate, s.status, s.usageIdentifier, s.customFields)])),
      priceOverrides: new Map(),
      discounts: new Map(),
      pendingTransitions: [],
      pendingAdjustments: [],
      usage: emptyPersistentMap(),
      usageBillings: 0,
      usageDays: emptyPersistentMap(),
      usageQuantity: new Dec(0),
      cancellation: undefined,
      lifecycle: 'open',
      pendingTerminationFee: undefined,
      invoiceNumbers: new Set(),
      transferredFrom: d.transferredFrom,
      transferredTo: undefined,
    };
  }
  if (state.kind !== 'package') throw new Error(`${event.type} on account package ${event.data.accountPackageId}, which was never added`);
  const p = state;
  switch (event.type) {
    case 'AccountPackageDeleted':
      return { ...p, lifecycle: 'deleted' };
    case 'AccountServiceAdded': {
      const d = event.data;
      const services = d.addOn === undefined ? p.services : withEntry(p.services, d.addOn.service.serviceId, d.addOn.service);
      return d.instances.reduce<AccountPackage>(
        (acc, i) => changeService(acc, undefined, newService(i.instanceId, d.serviceId, d.effectiveOn, d.status, i.usageIdentifier, i.customFields)),
        { ...p, services },
      );
    }
    case 'AccountServiceRemoved': {
      const before = service(p, event.data.instanceId, event.type);
      return changeService(p, before, { ...before, removedOn: event.data.removedOn });
    }
    case 'AccountServiceStatusChanged': {
      const d = event.data;
      const before = service(p, d.instanceId, event.type);
      const after = { ...before, statuses: [...before.statuses.filter((s) => s.from < d.effectiveOn), { from: d.effectiveOn, status: d.to }] };
      const changed = changeService(p, before, after);
      return d.transitionCharge === undefined
        ? changed
        : { ...changed, pendingTransitions: [...changed.pendingTransitions, { instanceId: d.instanceId, serviceId: d.serviceId, from: d.from, to: d.to, on: d.effectiveOn, price: d.transitionCharge }] };
    }
    case 'AccountServiceEdited': {
      const d = event.data;
      const before = service(p, d.instanceId, event.type);
      return {
        ...p,
        accountServices: withEntry(p.accountServices, d.instanceId, {
          ...before,
          usageIdentifier: d.usageIdentifier ?? before.usageIdentifier,
          customFields: d.customFields ?? before.customFields,
          ratePlanId: d.ratePlanId === undefined ? before.ratePlanId : d.ratePlanId ?? undefined,
        }),
      };
    }
    case 'UsageBucketSet': {
      const before = service(p, event.data.instanceId, event.type);
      return { ...p, accountServices: withEntry(p.accountServices, before.instanceId, { ...before, usageBuckets: withEntry(before.usageBuckets, event.data.bucket.bucketId, event.data.bucket) }) };
    }
    case 'ServicePriceChanged': {
      const d = event.data;
      const key = priceKey(d.serviceId, d.status);
      return { ...p, priceOverrides: d.backToCatalog ? withoutEntry(p.priceOverrides, key) : withEntry(p.priceOverrides, key, d.price) };
    }
    case 'ServiceDiscountAdded': {
      const d = event.data;
      return { ...p, discounts: withEntry(p.discounts, d.discountId, { discountId: d.discountId, serviceId: d.serviceId, period: d.period, terms: d.discount }) };
    }
    case 'ServiceDiscountRemoved':
      return { ...p, discounts: withoutEntry(p.discounts, event.data.discountId) };
    case 'AccountPackageStatusChanged':
      return { ...p, status: event.data.to };
    case 'BillDayChangeScheduled': {
      const d = event.data;
      return {
        ...p,
        billDay: d.billDay,
        anchors: p.anchors.length === 0
          ? []
          : [...p.anchors.filter((a) => a.from < d.effectiveFrom), { from: d.effectiveFrom, schedule: scheduleStartingOnOrAfter(d.effectiveFrom, d.billDay, FREQUENCY_MONTHS[p.frequency]) }],
      };
    }
    case 'UsageBillDayChangeScheduled': {
      const d = event.data;
      return {
        ...p,
        usageBillDay: d.usageBillDay,
        usageAnchors: [...p.usageAnchors.filter((a) => a.from < d.effectiveFrom), { from: d.effectiveFrom, schedule: scheduleStartingOnOrAfter(addDays(d.effectiveFrom, 1), d.usageBillDay, 1) }],
      };
    }
    case 'AccountPackageEdited': {
      const d = event.data;
      const pick = <A>(next: A | null | undefined, current: A | undefined): A | undefined => (next === undefined ? current : next ?? undefined);
      return {
        ...p,
        productCode: pick(d.productCode, p.productCode),
        ratePlanId: pick(d.ratePlanId, p.ratePlanId),
        sharePlanId: pick(d.sharePlanId, p.sharePlanId),
        countingRuleId: pick(d.countingRuleId, p.countingRuleId),
        accountContractId: pick(d.accountContractId, p.accountContractId),
        customFields: d.customFields ?? p.customFields,
      };
    }
    case 'PackageContractSet':
      return { ...p, contract: event.data.contract };
    case 'PackageContractRemoved':
      return { ...p, contract: undefined };
    case 'AccountPackageCancellationScheduled': {
      const d = event.data;
      return { ...p, cancellation: { date: d.cancellationDate, billingOption: d.billingOption, waiveEarlyTerminationFee: d.waiveEarlyTerminationFee, reason: d.reason } };
    }
    case 'UsageRecorded': {
      const d = event.data;
      const record = { usageId: d.usageId, instanceId: d.instanceId, serviceId: d.serviceId, on: d.on, quantity: d.quantity, amount: d.amount, recordedAfterBillings: p.usageBillings };
      return {
        ...p,
        usage: insert(p.usage, d.usageId, record),
        usageDays: insert(p.usageDays, d.on, true as const),
        usageQuantity: p.usageQuantity.plus(d.quantity),
      };
    }
    case 'AccountPackageBillingActivated':
      return { ...p, billingStartsOn: event.data.activatedOn, anchors: [firstAnchor(event.data.activatedOn, p.billDay, p.frequency)] };
    case 'PackageBilled': {
      const d = event.data;
      const oneTime = new Set(d.charges.flatMap((l) => (l.kind === 'one_time' ? [l.instanceId] : [])));
      const transitions = new Set(d.charges.flatMap((l) => (l.kind === 'transition' ? [`${l.instanceId}@${l.on}>${l.to}`] : [])));
      const usageBefore = d.usageBilledThrough;
      return {
        ...p,
        billedThrough: d.billedThrough ?? p.billedThrough,
        usageBilledThrough: usageBefore ?? p.usageBilledThrough,
        everBilled: true,
        invoiceNumbers: new Set(p.invoiceNumbers).add(d.invoiceNumber),
        accountServices: oneTime.size === 0 ? p.accountServices : new Map([...p.accountServices].map(([id, s]) => [id, oneTime.has(id) ? { ...s, oneTimeBilled: true } : s])),
        pendingTransitions: p.pendingTransitions.filter((t) => !transitions.has(`${t.instanceId}@${t.on}>${t.to}`)),
        pendingAdjustments: d.periods.length > 0 ? [] : p.pendingAdjustments,
        usageBillings: usageBefore === undefined ? p.usageBillings : p.usageBillings + 1,
        pendingTerminationFee: d.charges.some((l) => l.kind === 'early_termination_fee') ? undefined : p.pendingTerminationFee,
      };
    }
    case 'AccountPackageCancelled': {
      const d = event.data;
      return {
        ...p,
        lifecycle: 'cancelled',
        status: d.status,
        pendingAdjustments: [],
        pendingTransitions: [],
        pendingTerminationFee: d.earlyTerminationFee !== undefined && d.earlyTerminationFeeInvoice === undefined ? d.earlyTerminationFee : undefined,
      };
    }
    case 'AccountPackageTransferred': {
      const d = event.data;
      return {
        ...p,
        transferredTo: d.target,
        cancellation: { date: d.effectiveDate, billingOption: 'prorate', waiveEarlyTerminationFee: d.waiveEarlyTerminationFee, reason: `transferred to account ${d.target.accountId}` },
      };
    }
  }
};
