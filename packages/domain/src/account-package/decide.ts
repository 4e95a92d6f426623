import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { billDateAt, dayOf, daysIn, lookup, scheduleStartingOnOrAfter, type LocalDate } from '../kernel';
import { decideAddAccountPackage, servicePrices, validateService } from './add';
import { billAccountPackage } from './billing/bill';
import { anchorAt, boundaryAfter, billingPosition, nextBillDate, nextUsageBillDate, usagePosition } from './billing/schedule';
import { CANCELLED_PACKAGE_STATUS, FREQUENCY_MONTHS } from './catalog';
import type {
  AccountPackageCommand,
  AddAccountService,
  AddServiceDiscount,
  BillPackage,
  CancelAccountPackage,
  ChangeBillDay,
  ChangePackageStatus,
  ChangeServicePrice,
  ChangeServiceStatus,
  ChangeUsageBillDay,
  DeleteAccountPackage,
  EditAccountPackage,
  EditAccountService,
  RecordUsage,
  RemoveAccountService,
  RemovePackageContract,
  RemoveServiceDiscount,
  SetPackageContract,
  SetUsageBucket,
} from './commands';
import { refuseAccountPackage, type AccountPackageError } from './errors';
import type { AccountPackageEvent, PackageBilled } from './events';
import { evolveAccountPackage } from './evolve';
import { existingPackage, openPackage, sameCurrency, sameFields, writablePackage } from './guards';
import { authorizeAccountPackage, type AccountPackagePermission } from './permissions';
import { instancesOf, latestStatus, recurringPrice, statusOn, type AccountPackage, type AccountPackageState, type AccountService } from './state';
import { decideTransferAccountPackage } from './transfer';

type Decision = E.Either<AccountPackageError, readonly AccountPackageEvent[]>;

const NOTHING: readonly AccountPackageEvent[] = [];
const accept = (...events: AccountPackageEvent[]): Decision => E.right(events);

/** The longest bill period one billing takes: ten years. */
export const MAX_BILL_PERIOD_DAYS = 3_700;

interface Acting {
  readonly accountPackageId: string;
  readonly actor: AccountPackageCommand['actor'];
}

/**
 * The package, for a permitted actor, open and not read-only. Interpretation of "read-only
 * statuses refuse every change except the status itself": configuration changes go
 * through here; billing and recording usage are not changes to the package and are
 * accepted in a read-only status (a cancelled package still owes its final billing).
 */
const changeable = (c: Acting, state: AccountPackageState, permission: AccountPackagePermission, doing: string): E.Either<AccountPackageError, AccountPackage> =>
  pipe(
    authorizeAccountPackage(c.actor, permission),
    E.chain(() => existingPackage(state, c.accountPackageId)),
    E.chain((p) => openPackage(p, doing)),
    E.chain((p) => writablePackage(p, doing)),
  );

const accountService = (p: AccountPackage, instanceId: string): E.Either<AccountPackageError, AccountService> => {
  const s = p.accountServices.get(instanceId);
  return s === undefined
    ? E.left(refuseAccountPackage('service_instance_not_found', { accountPackageId: p.accountPackageId, instanceId },
      `Account package ${p.accountPackageId} has no account-service ${instanceId}; its account-services are ${[...p.accountServices.keys()].join(', ') || '(none)'}.`))
    : E.right(s);
};

const notInThePast = (on: LocalDate, today: LocalDate, what: string): E.Either<AccountPackageError, LocalDate> =>
  on < today
    ? E.left(refuseAccountPackage('change_in_the_past', { effectiveOn: on, today }, `${what} cannot take effect on ${on}, before today (${today}); make it now or as an upcoming change.`))
    : E.right(on);

const decideDelete = (c: DeleteAccountPackage, state: AccountPackageState): Decision =>
  pipe(
    authorizeAccountPackage(c.actor, 'account-package:cancel'),
    E.chain((): Decision => {
      if (state.kind === 'package' && state.lifecycle === 'deleted') return E.right(NOTHING);
      return pipe(
        existingPackage(state, c.accountPackageId),
        E.chain((p) => writablePackage(p, 'delete')),
        E.chain((p) => p.everBilled
          ? E.left(refuseAccountPackage('package_already_billed', { accountPackageId: p.accountPackageId, billedThrough: p.billedThrough },
            `Account package ${p.accountPackageId} has been billed, and billed packages cannot be deleted; cancel it instead.`))
          : accept({ type: 'AccountPackageDeleted', data: { accountPackageId: p.accountPackageId, ...(c.reason === undefined ? {} : { reason: c.reason }), by: c.actor, at: c.at } })),
      );
    }),
  );

const decideAddService = (c: AddAccountService, state: AccountPackageState): Decision =>
  pipe(
    changeable(c, state, 'account-package:manage', 'add services to'),
    E.chain((p): Decision => {
      const ids = c.instances.map((i) => i.instanceId);
      const existing = ids.filter((id) => p.accountServices.has(id));
      if (existing.length === ids.length && ids.every((id) => p.accountServices.get(id)?.serviceId === c.serviceId) && new Set(ids).size === ids.length) return E.right(NOTHING);
      if (existing.length > 0 || new Set(ids).size !== ids.length) {
        return E.left(refuseAccountPackage('service_instance_exists', { instanceIds: existing.length > 0 ? existing : ids },
          `Account-service ids must be new and distinct: ${(existing.length > 0 ? existing : ids).join(', ')} ${existing.length > 0 ? 'already exist' : 'repeat'}.`));
      }
      const today = dayOf(c.at);
      const effectiveOn = c.effectiveOn ?? (today > p.effectiveDate ? today : p.effectiveDate);
      if (c.effectiveOn !== undefined && c.effectiveOn < today) return E.left(refuseAccountPackage('change_in_the_past', { effectiveOn: c.effectiveOn, today }, `Services cannot be added from ${c.effectiveOn}, before today (${today}).`));
      if (effectiveOn < p.effectiveDate) {
        return E.left(refuseAccountPackage('before_package_effective_date', { effectiveOn, effectiveDate: p.effectiveDate }, `The package is effective from ${p.effectiveDate}; add services from that day on.`));
      }
      let service = p.services.get(c.serviceId);
      if (c.addOn !== undefined) {
        const addOn = c.addOn;
        if (!p.definition.allowsGlobalAddOns) {
          return E.left(refuseAccountPackage('global_add_ons_not_allowed', { catalogPackageId: p.definition.catalogPackageId },
            `Package ${p.definition.name} does not allow global add-ons; add one of its optional services instead.`));
        }
        if (addOn.service.serviceId !== c.serviceId) {
          return E.left(refuseAccountPackage('service_not_in_package', { serviceId: c.serviceId, addOnService: addOn.service.serviceId },
            `Add-on package ${addOn.name} brings service ${addOn.service.serviceId}, not ${c.serviceId}.`));
        }
        if (addOn.frequency !== p.frequency) {
          return E.left(refuseAccountPackage('add_on_frequency_mismatch', { addOnFrequency: addOn.frequency, frequency: p.frequency },
            `The package is billed ${p.frequency}; choose the ${p.frequency} frequency of add-on package ${addOn.name} (it is billed with the package).`));
        }
        if (service !== undefined && p.definition.services.some((s) => s.serviceId === c.serviceId)) {
          return E.left(refuseAccountPackage('invalid_package_definition', { serviceId: c.serviceId },
            `Service ${c.serviceId} is one of the package's own services; add it as an optional service, not as a global add-on.`));
        }
        const checked = pipe(validateService(addOn.service), E.chain(() => sameCurrency(p.priceBook.currency, servicePrices(addOn.service))));
        if (E.isLeft(checked)) return checked;
        service = addOn.service;
      }
      if (service === undefined) {
        return E.left(refuseAccountPackage('service_not_in_package', { serviceId: c.serviceId, services: [...p.services.keys()] },
          `Service ${c.serviceId} is not in package ${p.definition.name}${p.definition.allowsGlobalAddOns ? '; add it through its global add-on package' : ''}.`));
      }
      const present = instancesOf(p, c.serviceId).length;
      if (present + ids.length > service.maxInstances) {
        return E.left(refuseAccountPackage('above_maximum_instances', { serviceId: c.serviceId, maximum: service.maxInstances, present, adding: ids.length },
          `Service ${c.serviceId} allows at most ${service.maxInstances} in a package; it has ${present}, so at most ${Math.max(0, service.maxInstances - present)} more can be added.`));
      }
      const missing = c.instances.filter((i) => service.usageBased && i.usageIdentifier === undefined).map((i) => i.instanceId);
      if (missing.length > 0) {
        return E.left(refuseAccountPackage('usage_identifier_required', { serviceId: c.serviceId, instanceIds: missing },
          `Service ${c.serviceId} is usage-based: give each account-service the identifier its usage is reported under (${missing.join(', ')} have none).`));
      }
      if (!service.usageBased && c.instances.some((i) => i.usageIdentifier !== undefined)) {
        return E.left(refuseAccountPackage('not_usage_based', { serviceId: c.serviceId }, `Service ${c.serviceId} is not usage-based; it takes no usage identifier.`));
      }
      return accept({
        type: 'AccountServiceAdded',
        data: { accountPackageId: p.accountPackageId, serviceId: c.serviceId, instances: c.instances, status: c.status, effectiveOn, ...(c.addOn === undefined ? {} : { addOn: c.addOn }), by: c.actor, at: c.at },
      });
    }),
  );

const decideRemoveService = (c: RemoveAccountService, state: AccountPackageState): Decision =>
  pipe(
    changeable(c, state, 'account-package:manage', 'remove services from'),
    E.chain((p) => pipe(accountService(p, c.instanceId), E.map((s) => ({ p, s })))),
    E.chain(({ p, s }): Decision => {
      if (s.removedOn !== undefined) return E.right(NOTHING);
      const minimum = p.services.get(s.serviceId)?.minInstances ?? 0;
      const present = instancesOf(p, s.serviceId).length;
      if (present - 1 < minimum) {
        return E.left(refuseAccountPackage('below_minimum_instances', { serviceId: s.serviceId, minimum, present },
          `Service ${s.serviceId} needs at least ${minimum} in the package and it has ${present}; removing ${s.instanceId} would go below the minimum. Change its status instead.`));
      }
      const today = dayOf(c.at);
      const removedOn = today > s.addedOn ? today : s.addedOn;
      return accept({
        type: 'AccountServiceRemoved',
        data: { accountPackageId: p.accountPackageId, instanceId: s.instanceId, serviceId: s.serviceId, status: statusOn(s, removedOn) ?? latestStatus(s), removedOn, by: c.actor, at: c.at },
      });
    }),
  );

const decideServiceStatus = (c: ChangeServiceStatus, state: AccountPackageState): Decision =>
  pipe(
    changeable(c, state, 'account-package:manage', 'change services of'),
    E.chain((p) => pipe(accountService(p, c.instanceId), E.map((s) => ({ p, s })))),
    E.chain(({ p, s }): Decision => {
      if (s.removedOn !== undefined) {
        return E.left(refuseAccountPackage('service_removed', { instanceId: s.instanceId, removedOn: s.removedOn }, `Account-service ${s.instanceId} was removed on ${s.removedOn}.`));
      }
      if (latestStatus(s) === c.status) return E.right(NOTHING);
      const today = dayOf(c.at);
      return pipe(
        c.effectiveOn === undefined ? E.right(today > s.addedOn ? today : s.addedOn) : notInThePast(c.effectiveOn, today, 'A status change'),
        E.chain((effectiveOn): Decision => {
          const last = s.statuses[s.statuses.length - 1];
          if (last !== undefined && effectiveOn < last.from) {
            return E.left(refuseAccountPackage('change_before_earlier_change', { instanceId: s.instanceId, effectiveOn, lastChangeOn: last.from },
              `Account-service ${s.instanceId} already changes to ${last.status} on ${last.from}; a change must take effect on or after that day.`));
          }
          if (effectiveOn < s.addedOn) {
            return E.left(refuseAccountPackage('change_before_earlier_change', { instanceId: s.instanceId, effectiveOn, addedOn: s.addedOn }, `Account-service ${s.instanceId} starts on ${s.addedOn}.`));
          }
          const earlier = s.statuses.filter((span) => span.from < effectiveOn);
          const from = earlier[earlier.length - 1]?.status ?? s.statuses[0]?.status ?? 'active';
          const transitions = p.services.get(s.serviceId)?.transitionPrices ?? [];
          const transition = transitions.find((t) => t.from === from && t.to === c.status) ?? transitions.find((t) => t.from === undefined && t.to === c.status);
          return accept({
            type: 'AccountServiceStatusChanged',
            data: {
              accountPackageId: p.accountPackageId, instanceId: s.instanceId, serviceId: s.serviceId, from, to: c.status, effectiveOn, upcoming: effectiveOn > today,
              ...(transition === undefined || transition.price.amount.isZero() ? {} : { transitionCharge: transition.price }),
              by: c.actor, at: c.at,
            },
          });
        }),
      );
    }),
  );

const decideEditService = (c: EditAccountService, state: AccountPackageState): Decision =>
  pipe(
    changeable(c, state, 'account-package:manage', 'edit services of'),
    E.chain((p) => pipe(accountService(p, c.instanceId), E.map((s) => ({ p, s })))),
    E.chain(({ p, s }): Decision => {
      if (c.usageIdentifier === undefined && c.customFields === undefined && c.ratePlanId === undefined) {
        return E.left(refuseAccountPackage('nothing_to_edit', { instanceId: s.instanceId }, 'Say what to change: usageIdentifier, customFields or ratePlanId.'));
      }
      if (c.usageIdentifier !== undefined && p.services.get(s.serviceId)?.usageBased !== true) {
        return E.left(refuseAccountPackage('not_usage_based', { instanceId: s.instanceId, serviceId: s.serviceId }, `Service ${s.serviceId} is not usage-based; it takes no usage identifier.`));
      }
      const changes = {
        ...(c.usageIdentifier !== undefined && c.usageIdentifier !== s.usageIdentifier ? { usageIdentifier: c.usageIdentifier } : {}),
        ...(c.customFields !== undefined && !sameFields(c.customFields, s.customFields) ? { customFields: c.customFields } : {}),
        ...(c.ratePlanId !== undefined && (c.ratePlanId ?? undefined) !== s.ratePlanId ? { ratePlanId: c.ratePlanId } : {}),
      };
      return Object.keys(changes).length === 0
        ? E.right(NOTHING)
        : accept({ type: 'AccountServiceEdited', data: { accountPackageId: p.accountPackageId, instanceId: s.instanceId, ...changes, by: c.actor, at: c.at } });
    }),
  );

const decideUsageBucket = (c: SetUsageBucket, state: AccountPackageState): Decision =>
  pipe(
    changeable(c, state, 'account-package:manage', 'change usage buckets of'),
    E.chain((p) => pipe(accountService(p, c.instanceId), E.map((s) => ({ p, s })))),
    E.chain(({ p, s }): Decision => {
      if (p.services.get(s.serviceId)?.usageBased !== true) {
        return E.left(refuseAccountPackage('not_usage_based', { instanceId: s.instanceId, serviceId: s.serviceId }, `Service ${s.serviceId} is not usage-based; it has no usage buckets.`));
      }
      const current = s.usageBuckets.get(c.bucket.bucketId);
      return current !== undefined && current.allowance.eq(c.bucket.allowance) && current.unit === c.bucket.unit
        ? E.right(NOTHING)
        : accept({ type: 'UsageBucketSet', data: { accountPackageId: p.accountPackageId, instanceId: s.instanceId, bucket: c.bucket, by: c.actor, at: c.at } });
    }),
  );

const decidePrice = (c: ChangeServicePrice, state: AccountPackageState): Decision =>
  pipe(
    changeable(c, state, 'account-package:price', 'change prices of'),
    E.chain((p): Decision => {
      const service = p.services.get(c.serviceId);
      if (service === undefined) {
        return E.left(refuseAccountPackage('service_not_in_package', { serviceId: c.serviceId }, `Service ${c.serviceId} is not in package ${p.definition.name}.`));
      }
      return pipe(
        sameCurrency(p.priceBook.currency, [{ what: 'the new price', money: c.price }]),
        E.chain((): Decision => {
          const current = recurringPrice(p, c.serviceId, c.status);
          if (current !== undefined && current.amount.eq(c.price.amount)) return E.right(NOTHING);
          const catalogPrice = service.recurringPrices.find((r) => r.status === c.status)?.price;
          return accept({
            type: 'ServicePriceChanged',
            data: {
              accountPackageId: p.accountPackageId, serviceId: c.serviceId, status: c.status, price: c.price,
              backToCatalog: catalogPrice !== undefined && catalogPrice.amount.eq(c.price.amount),
              ...(catalogPrice === undefined ? {} : { catalogPrice }),
              by: c.actor, at: c.at,
            },
          });
        }),
      );
    }),
  );

const decideAddDiscount = (c: AddServiceDiscount, state: AccountPackageState): Decision =>
  pipe(
    changeable(c, state, 'account-package:price', 'discount'),
    E.chain((p): Decision => {
      const earlier = p.discounts.get(c.discountId);
      if (earlier !== undefined) {
        return earlier.serviceId === c.serviceId && earlier.period.start === c.period.start && earlier.period.end === c.period.end && JSON.stringify(earlier.terms) === JSON.stringify(c.discount)
          ? E.right(NOTHING)
          : E.left(refuseAccountPackage('discount_id_conflict', { discountId: c.discountId }, `Discount ${c.discountId} exists with other terms; remove it first, or use a new id.`));
      }
      if (!p.services.has(c.serviceId)) {
        return E.left(refuseAccountPackage('service_not_in_package', { serviceId: c.serviceId }, `Service ${c.serviceId} is not in package ${p.definition.name}.`));
      }
      return pipe(
        sameCurrency(p.priceBook.currency, c.discount.type === 'amount' ? [{ what: 'the discount amount', money: c.discount.amount }] : []),
        E.map(() => [{ type: 'ServiceDiscountAdded', data: { accountPackageId: p.accountPackageId, discountId: c.discountId, serviceId: c.serviceId, period: c.period, discount: c.discount, by: c.actor, at: c.at } }] as const),
      );
    }),
  );

const decideRemoveDiscount = (c: RemoveServiceDiscount, state: AccountPackageState): Decision =>
  pipe(
    changeable(c, state, 'account-package:price', 'remove discounts of'),
    E.chain((p): Decision => {
      const d = p.discounts.get(c.discountId);
      return d === undefined
        ? E.left(refuseAccountPackage('discount_not_found', { discountId: c.discountId }, `Account package ${p.accountPackageId} has no discount ${c.discountId}.`))
        : accept({ type: 'ServiceDiscountRemoved', data: { accountPackageId: p.accountPackageId, discountId: d.discountId, serviceId: d.serviceId, by: c.actor, at: c.at } });
    }),
  );

const decidePackageStatus = (c: ChangePackageStatus, state: AccountPackageState): Decision =>
  pipe(
    authorizeAccountPackage(c.actor, 'account-package:manage'),
    E.chain(() => existingPackage(state, c.accountPackageId)),
    E.chain((p) => openPackage(p, 'change the status of')),
    E.chain((p): Decision => {
      if (c.status.code === CANCELLED_PACKAGE_STATUS.code) {
        return E.left(refuseAccountPackage('status_change_not_allowed', { status: c.status.code, instead: 'CancelAccountPackage' },
          `A package is cancelled with CancelAccountPackage, which sets the cancellation date and how the final period is billed, and refuses a date already billed; the status follows when billing reaches that date.`));
      }
      const same = p.status.code === c.status.code && p.status.billable === c.status.billable && p.status.readOnly === c.status.readOnly;
      return same ? E.right(NOTHING) : accept({ type: 'AccountPackageStatusChanged', data: { accountPackageId: p.accountPackageId, from: p.status, to: c.status, by: c.actor, at: c.at } });
    }),
  );

/** Folds events into a package and reads its next bill dates, for the events that report them. */
const after = (p: AccountPackage, ...events: AccountPackageEvent[]): AccountPackage => {
  const s = events.reduce<AccountPackageState>(evolveAccountPackage, p);
  return s.kind === 'package' ? s : p;
};

/**
 * A new bill day takes effect at the end of the current period: the first bill date after
 * today that is not already billed. A package never billed, changed before billing
 * starts, simply starts on the new bill day.
 */
const decideBillDay = (c: ChangeBillDay, state: AccountPackageState): Decision =>
  pipe(
    changeable(c, state, 'account-package:manage', 'change the bill day of'),
    E.chain((p): Decision => {
      if (c.billDay === p.billDay) return E.right(NOTHING);
      const today = dayOf(c.at);
      const months = FREQUENCY_MONTHS[p.frequency];
      const position = billingPosition(p);
      const beforeStart = p.billedThrough === undefined && (p.billingStartsOn === undefined || today < p.billingStartsOn);
      const committed = p.anchors.filter((a) => position !== undefined && a.from <= position);
      const effectiveFrom = beforeStart
        ? p.billingStartsOn ?? p.effectiveDate
        : position !== undefined && position > today ? position : boundaryAfter(committed, today);
      if (effectiveFrom === undefined) return E.right(NOTHING);
      const firstBillDate = billDateAt(scheduleStartingOnOrAfter(effectiveFrom, c.billDay, months), 0);
      const scheduled: AccountPackageEvent = {
        type: 'BillDayChangeScheduled',
        data: { accountPackageId: p.accountPackageId, billDay: c.billDay, previousBillDay: (anchorAt(committed, effectiveFrom)?.schedule.billDay ?? p.billDay), effectiveFrom, firstBillDate, by: c.actor, at: c.at },
      };
      const next = nextBillDate(after(p, scheduled));
      return accept({ ...scheduled, data: { ...scheduled.data, ...(next === undefined ? {} : { nextBillDate: next }) } });
    }),
  );

const decideUsageBillDay = (c: ChangeUsageBillDay, state: AccountPackageState): Decision =>
  pipe(
    changeable(c, state, 'account-package:manage', 'change the usage bill day of'),
    E.chain((p): Decision => {
      if (c.usageBillDay === p.usageBillDay) return E.right(NOTHING);
      const today = dayOf(c.at);
      const position = usagePosition(p);
      const committed = p.usageAnchors.filter((a) => a.from <= position);
      const effectiveFrom = p.usageBilledThrough === undefined && today < p.effectiveDate
        ? p.effectiveDate
        : position > today ? position : boundaryAfter(committed, today);
      if (effectiveFrom === undefined) return E.right(NOTHING);
      const scheduled: AccountPackageEvent = {
        type: 'UsageBillDayChangeScheduled',
        data: {
          accountPackageId: p.accountPackageId, usageBillDay: c.usageBillDay, previousUsageBillDay: anchorAt(committed, effectiveFrom)?.schedule.billDay ?? p.usageBillDay,
          effectiveFrom, nextUsageBillDate: effectiveFrom, by: c.actor, at: c.at,
        },
      };
      const next = nextUsageBillDate(after(p, scheduled)) ?? effectiveFrom;
      return accept({ ...scheduled, data: { ...scheduled.data, nextUsageBillDate: next } });
    }),
  );

const decideEditPackage = (c: EditAccountPackage, state: AccountPackageState): Decision =>
  pipe(
    changeable(c, state, 'account-package:manage', 'edit'),
    E.chain((p): Decision => {
      const fields = ['productCode', 'ratePlanId', 'sharePlanId', 'countingRuleId', 'accountContractId'] as const;
      if (fields.every((f) => c[f] === undefined) && c.customFields === undefined) {
        return E.left(refuseAccountPackage('nothing_to_edit', { accountPackageId: p.accountPackageId }, `Say what to change: ${fields.join(', ')} or customFields.`));
      }
      const changes: Record<string, unknown> = {};
      for (const f of fields) {
        const value = c[f];
        if (value !== undefined && (value ?? undefined) !== p[f]) changes[f] = value;
      }
      if (c.customFields !== undefined && !sameFields(c.customFields, p.customFields)) changes.customFields = c.customFields;
      return Object.keys(changes).length === 0
        ? E.right(NOTHING)
        : accept({ type: 'AccountPackageEdited', data: { accountPackageId: p.accountPackageId, ...changes, by: c.actor, at: c.at } });
    }),
  );

const decideSetContract = (c: SetPackageContract, state: AccountPackageState): Decision =>
  pipe(
    changeable(c, state, 'account-package:price', 'change the contract of'),
    E.chain((p) => pipe(
      sameCurrency(p.priceBook.currency, [
        ...(c.contract.earlyTerminationFee === undefined ? [] : [{ what: 'the early-termination fee', money: c.contract.earlyTerminationFee }]),
        ...(c.contract.minimumInvoiceAmount === undefined ? [] : [{ what: 'the minimum invoice amount', money: c.contract.minimumInvoiceAmount }]),
      ]),
      E.map(() => p),
    )),
    E.chain((p): Decision => {
      const same = p.contract !== undefined && JSON.stringify({ ...p.contract, earlyTerminationFee: p.contract.earlyTerminationFee?.amount.toFixed(), minimumInvoiceAmount: p.contract.minimumInvoiceAmount?.amount.toFixed() })
        === JSON.stringify({ ...c.contract, earlyTerminationFee: c.contract.earlyTerminationFee?.amount.toFixed(), minimumInvoiceAmount: c.contract.minimumInvoiceAmount?.amount.toFixed() });
      return same ? E.right(NOTHING) : accept({ type: 'PackageContractSet', data: { accountPackageId: p.accountPackageId, contract: c.contract, by: c.actor, at: c.at } });
    }),
  );

const decideRemoveContract = (c: RemovePackageContract, state: AccountPackageState): Decision =>
  pipe(
    changeable(c, state, 'account-package:price', 'change the contract of'),
    E.chain((p): Decision => (p.contract === undefined
      ? E.right(NOTHING)
      : accept({ type: 'PackageContractRemoved', data: { accountPackageId: p.accountPackageId, contractId: p.contract.contractId, by: c.actor, at: c.at } }))),
  );

/**
 * A cancellation date is the first day out of service. It must come after the effective
 * date, and may not fall inside a period already billed (before billed-through). The
 * billing option defaults to the package's Charge Full Period setting.
 */
const decideCancel = (c: CancelAccountPackage, state: AccountPackageState): Decision =>
  pipe(
    authorizeAccountPackage(c.actor, 'account-package:cancel'),
    E.chain(() => existingPackage(state, c.accountPackageId)),
    E.chain((p): Decision => {
      const billingOption = c.billingOption ?? (p.options.chargeFullPeriod ? 'charge_full_period' : 'prorate');
      const waiveEarlyTerminationFee = c.waiveEarlyTerminationFee ?? false;
      const current = p.cancellation;
      if (current !== undefined && current.date === c.cancellationDate && current.billingOption === billingOption && current.waiveEarlyTerminationFee === waiveEarlyTerminationFee) return E.right(NOTHING);
      return pipe(
        openPackage(p, 'cancel'),
        E.chain((open) => writablePackage(open, 'cancel')),
        E.chain((open): Decision => {
          if (open.transferredTo !== undefined) {
            return E.left(refuseAccountPackage('transfer_conflict', { transferredTo: open.transferredTo, cancellationDate: open.cancellation?.date },
              `Account package ${open.accountPackageId} was transferred to account ${open.transferredTo.accountId} and is cancelled on ${open.cancellation?.date ?? 'the transfer date'}.`));
          }
          if (c.cancellationDate <= open.effectiveDate) {
            return E.left(refuseAccountPackage('cancellation_before_effective_date', { cancellationDate: c.cancellationDate, effectiveDate: open.effectiveDate },
              `The package is effective from ${open.effectiveDate}; a cancellation date must come after it. To remove a package never billed, delete it.`));
          }
          if (open.billedThrough !== undefined && c.cancellationDate < open.billedThrough) {
            return E.left(refuseAccountPackage('cancellation_in_billed_period', { cancellationDate: c.cancellationDate, billedThrough: open.billedThrough },
              `Account package ${open.accountPackageId} is billed up to ${open.billedThrough} (that day not included); a cancellation date cannot fall in a period already billed. Choose ${open.billedThrough} or later.`));
          }
          const scheduled: AccountPackageEvent = {
            type: 'AccountPackageCancellationScheduled',
            data: {
              accountPackageId: open.accountPackageId, cancellationDate: c.cancellationDate, billingOption, waiveEarlyTerminationFee,
              ...(c.reason === undefined ? {} : { reason: c.reason }), by: c.actor, at: c.at,
            },
          };
          const next = nextBillDate(after(open, scheduled));
          return accept({ ...scheduled, data: { ...scheduled.data, ...(next === undefined ? {} : { nextBillDate: next }) } });
        }),
      );
    }),
  );

const decideUsage = (c: RecordUsage, state: AccountPackageState): Decision =>
  pipe(
    authorizeAccountPackage(c.actor, 'account-package:record-usage'),
    E.chain(() => existingPackage(state, c.accountPackageId)),
    E.chain((p): Decision => {
      const earlier = lookup(p.usage, c.usageId);
      if (earlier !== undefined) {
        return earlier.instanceId === c.instanceId && earlier.on === c.on && earlier.quantity.eq(c.quantity) && earlier.amount.amount.eq(c.amount.amount) && earlier.amount.currency === c.amount.currency
          ? E.right(NOTHING)
          : E.left(refuseAccountPackage('usage_id_conflict', { usageId: c.usageId }, `Usage ${c.usageId} was recorded with other content; use a new usage id for new usage.`));
      }
      return pipe(
        accountService(p, c.instanceId),
        E.chain((s): Decision => {
          if (p.services.get(s.serviceId)?.usageBased !== true) {
            return E.left(refuseAccountPackage('not_usage_based', { instanceId: s.instanceId, serviceId: s.serviceId }, `Service ${s.serviceId} is not usage-based; it records no usage.`));
          }
          const cancelOn = p.cancellation?.date;
          if (statusOn(s, c.on) === undefined || (cancelOn !== undefined && c.on >= cancelOn)) {
            return E.left(refuseAccountPackage('usage_outside_service', { instanceId: s.instanceId, on: c.on, addedOn: s.addedOn, removedOn: s.removedOn, cancellationDate: cancelOn },
              `Account-service ${s.instanceId} is not in service on ${c.on}; usage is recorded only for days it is in service.`));
          }
          return pipe(
            sameCurrency(p.priceBook.currency, [{ what: 'the rated usage', money: c.amount }]),
            E.map((): readonly AccountPackageEvent[] => {
              const recorded: AccountPackageEvent = {
                type: 'UsageRecorded',
                data: { accountPackageId: p.accountPackageId, usageId: c.usageId, instanceId: s.instanceId, serviceId: s.serviceId, on: c.on, quantity: c.quantity, amount: c.amount, by: c.actor, at: c.at },
              };
              const activation = p.definition.billingActivation;
              if (p.billingStartsOn !== undefined || activation?.type !== 'after_usage' || p.usageQuantity.plus(c.quantity).lt(activation.quantity)) return [recorded];
              const activated: AccountPackageEvent = { type: 'AccountPackageBillingActivated', data: { accountPackageId: p.accountPackageId, activatedOn: c.on, nextBillDate: c.on, by: c.actor, at: c.at } };
              const next = nextBillDate(after(p, recorded, activated)) ?? c.on;
              return [recorded, { ...activated, data: { ...activated.data, nextBillDate: next } }];
            }),
          );
        }),
      );
    }),
  );

/**
 * Bills the package (see `billAccountPackage`). Refused when the next bill date comes
 * before the bill period (a missed bill run: bill a period that contains it first), for
 * bill periods over ten years, for an invoice top-up with nothing to bill, and for an
 * invoice number this package was already billed on. Nothing due: no events.
 */
const decideBill = (c: BillPackage, state: AccountPackageState): Decision =>
  pipe(
    authorizeAccountPackage(c.actor, 'account-package:bill'),
    E.chain(() => existingPackage(state, c.accountPackageId)),
    E.chain((p): Decision => {
      if (c.invoiceTopUp && !c.billCharges && !c.billUsage) {
        return E.left(refuseAccountPackage('top_up_needs_billing', {}, 'Invoice top-up applies only to a billing of charges or usage; turn on billCharges or billUsage.'));
      }
      if (daysIn(c.billPeriod) > MAX_BILL_PERIOD_DAYS) {
        return E.left(refuseAccountPackage('bill_period_too_long', { billPeriod: c.billPeriod, maximumDays: MAX_BILL_PERIOD_DAYS }, `A bill period may be at most ${MAX_BILL_PERIOD_DAYS} days; split the bill run.`));
      }
      const due = nextBillDate(p);
      if (c.billCharges && due !== undefined && due < c.billPeriod.start) {
        return E.left(refuseAccountPackage('bill_date_missed', { nextBillDate: due, billPeriod: c.billPeriod },
          `Account package ${p.accountPackageId} was due for billing on ${due}, before this bill period (${c.billPeriod.start} to ${c.billPeriod.end}); a package is billed when its next bill date falls in the bill period. Bill a period that contains ${due} first.`));
      }
      const outcome = billAccountPackage(p, c);
      if (outcome === undefined) return E.right(NOTHING);
      if (p.invoiceNumbers.has(c.invoiceNumber)) {
        return E.left(refuseAccountPackage('invoice_number_already_used', { invoiceNumber: c.invoiceNumber },
          `Account package ${p.accountPackageId} was already billed on invoice ${c.invoiceNumber}; a new billing needs a new invoice number.`));
      }
      const events: AccountPackageEvent[] = [];
      if (outcome.periods.length > 0 || outcome.charges.length > 0 || outcome.usageBilledThrough !== undefined) {
        const billed: PackageBilled = {
          type: 'PackageBilled',
          data: {
            accountPackageId: p.accountPackageId,
            invoiceNumber: c.invoiceNumber,
            billPeriod: c.billPeriod,
            postingDate: c.postingDate ?? dayOf(c.at),
            options: { billCharges: c.billCharges, billUsage: c.billUsage, invoiceTopUp: c.invoiceTopUp, runContractCommitment: c.runContractCommitment },
            periods: outcome.periods,
            charges: outcome.charges,
            total: outcome.total,
            ...(outcome.usageBilledThrough === undefined ? {} : { usageBilledThrough: outcome.usageBilledThrough }),
            ...(outcome.after.billedThrough === undefined ? {} : { billedThrough: outcome.after.billedThrough }),
            by: c.actor,
            at: c.at,
          },
        };
        events.push(billed);
      }
      if (outcome.cancels && p.cancellation !== undefined) {
        const fee = outcome.terminationFeeOwed;
        events.push({
          type: 'AccountPackageCancelled',
          data: {
            accountPackageId: p.accountPackageId, cancellationDate: p.cancellation.date, billingOption: p.cancellation.billingOption, status: CANCELLED_PACKAGE_STATUS,
            ...(fee === undefined ? {} : { earlyTerminationFee: fee, ...(outcome.terminationFeeCharged ? { earlyTerminationFeeInvoice: c.invoiceNumber } : {}) }),
            by: c.actor, at: c.at,
          },
        });
      }
      const [first, ...rest] = events;
      if (first?.type !== 'PackageBilled') return E.right(events);
      const later = after(p, ...events);
      const nextBill = nextBillDate(later);
      const nextUsage = nextUsageBillDate(later);
      return E.right([{ ...first, data: { ...first.data, ...(nextBill === undefined ? {} : { nextBillDate: nextBill }), ...(nextUsage === undefined ? {} : { nextUsageBillDate: nextUsage }) } }, ...rest]);
    }),
  );

/**
 * Decides an account-package command against the package's state: the events it causes,
 * or the reason it is refused. Pure: the catalog definition, the account's terms, the
 * instant, the invoice number and every id come in the command.
 */
export const decideAccountPackage = (command: AccountPackageCommand, state: AccountPackageState): Decision => {
  switch (command.type) {
    case 'AddAccountPackage': return decideAddAccountPackage(command, state);
    case 'DeleteAccountPackage': return decideDelete(command, state);
    case 'AddAccountService': return decideAddService(command, state);
    case 'RemoveAccountService': return decideRemoveService(command, state);
    case 'ChangeServiceStatus': return decideServiceStatus(command, state);
    case 'EditAccountService': return decideEditService(command, state);
    case 'SetUsageBucket': return decideUsageBucket(command, state);
    case 'ChangeServicePrice': return decidePrice(command, state);
    case 'AddServiceDiscount': return decideAddDiscount(command, state);
    case 'RemoveServiceDiscount': return decideRemoveDiscount(command, state);
    case 'ChangePackageStatus': return decidePackageStatus(command, state);
    case 'ChangeBillDay': return decideBillDay(command, state);
    case 'ChangeUsageBillDay': return decideUsageBillDay(command, state);
    case 'EditAccountPackage': return decideEditPackage(command, state);
    case 'SetPackageContract': return decideSetContract(command, state);
    case 'RemovePackageContract': return decideRemoveContract(command, state);
    case 'CancelAccountPackage': return decideCancel(command, state);
    case 'RecordUsage': return decideUsage(command, state);
    case 'BillPackage': return decideBill(command, state);
    case 'TransferAccountPackage': return E.map((plan: { readonly events: readonly AccountPackageEvent[] }) => plan.events)(decideTransferAccountPackage(command, state));
  }
};
