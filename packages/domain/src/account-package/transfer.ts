import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { EntityId } from '../kernel';
import { decideAddAccountPackage, defaultInstanceId } from './add';
import { nextBillDate } from './billing/schedule';
import type { ServiceDefinition } from './catalog';
import type { AccountServiceDetails, AddAccountPackage, TransferAccountPackage } from './commands';
import { refuseAccountPackage, type AccountPackageError } from './errors';
import type { AccountPackageEvent, AccountPackageTransferred } from './events';
import { evolveAccountPackage } from './evolve';
import { existingPackage } from './guards';
import { authorizeAccountPackage } from './permissions';
import { initialAccountPackageState, type AccountPackage, type AccountPackageState, type AccountService } from './state';

/** Which source account-service hands its usage identifier and custom fields to which target account-service. */
export interface ServicePairing {
  readonly from: string;
  readonly to: string;
}

/** What one package's transfer does, for the bulk operation's report. */
export interface TransferReport {
  readonly accountPackageId: EntityId;
  readonly target: { readonly accountId: EntityId; readonly accountPackageId: EntityId };
  readonly effectiveDate: string;
  /** Package custom fields carried (their names). */
  readonly customFields: readonly string[];
  readonly services: readonly ServicePairing[];
  readonly leftBehind: AccountPackageTransferred['data']['leftBehind'];
}

/** The source's events, the target's add command, and the report: all or nothing. */
export interface TransferPlan {
  readonly events: readonly AccountPackageEvent[];
  readonly targetCommand: AddAccountPackage;
  readonly report: TransferReport;
}

const notAllowed = (requirement: string, facts: Readonly<Record<string, unknown>>, message: string): AccountPackageError =>
  refuseAccountPackage('transfer_not_allowed', { requirement, ...facts }, message);

interface TargetService {
  readonly instanceId: string;
  readonly service: ServiceDefinition;
}

const pairServices = (
  p: AccountPackage,
  present: readonly AccountService[],
  targets: readonly TargetService[],
  serviceMap: TransferAccountPackage['serviceMap'],
): E.Either<AccountPackageError, readonly { readonly from: AccountService; readonly to: TargetService }[]> => {
  const usageBased = (s: AccountService): boolean => p.services.get(s.serviceId)?.usageBased === true;
  if (serviceMap !== undefined) {
    const pairs: { from: AccountService; to: TargetService }[] = [];
    for (const m of serviceMap) {
      const from = present.find((s) => s.instanceId === m.from);
      const to = targets.find((t) => t.instanceId === m.to);
      if (from === undefined || to === undefined) {
        return E.left(notAllowed('service_mapping', { from: m.from, to: m.to },
          `The service map pairs ${m.from} with ${m.to}, but ${from === undefined ? `the source has no account-service ${m.from}` : `the target package is added with ${targets.map((t) => t.instanceId).join(', ') || 'no account-services'}`}.`));
      }
      if (pairs.some((x) => x.from === from || x.to === to)) return E.left(notAllowed('service_mapping', { from: m.from, to: m.to }, 'Each account-service may appear once on each side of the service map.'));
      if (usageBased(from) !== to.service.usageBased) {
        return E.left(notAllowed('service_mapping', { from: m.from, to: m.to }, `${m.from} and ${m.to} must both be usage-based or both not: a usage identifier moves only to a usage-based service.`));
      }
      pairs.push({ from, to });
    }
    return E.right(pairs);
  }
  const targetUsage = targets.filter((t) => t.service.usageBased);
  const used = new Set<string>();
  const pairs: { from: AccountService; to: TargetService }[] = [];
  present.filter(usageBased).forEach((from, i) => {
    const to = targetUsage[i];
    if (to !== undefined) {
      pairs.push({ from, to });
      used.add(to.instanceId);
    }
  });
  for (const from of present.filter((s) => !usageBased(s))) {
    const to = targets.find((t) => !t.service.usageBased && t.service.serviceId === from.serviceId && !used.has(t.instanceId));
    if (to !== undefined) {
      pairs.push({ from, to });
      used.add(to.instanceId);
    }
  }
  return E.right(pairs);
};

/**
 * Decides the transfer of one package for a bulk transfer, all or nothing. The seed's
 * requirements: the source package is active (a billable, writable status) and not
 * cancelled or scheduled to be; the target package's currency (its price book's) is the
 * target account's; both packages hold the same number of usage-based account-services.
 * Usage identifiers and custom fields (of the package and of each account-service) are
 * carried; usage buckets, rate plans and share plans are not (nor is the package
 * contract, which belongs to the source account). The source is cancelled on the
 * effective date, prorated, so the effective date may not fall in a period it has already
 * been billed for. Account-services pair in order among usage-based ones and by service
 * among the rest, unless `serviceMap` pairs them; an account-service with a usage
 * identifier or custom fields and no partner refuses the transfer rather than lose them.
 * The target's add command is checked too: it must be accepted on an empty stream.
 *
 * @example
 * const plan = decideTransferAccountPackage(transfer, fold(accountPackage, sourceHistory));
 * // Right({ events: [AccountPackageTransferred], targetCommand: AddAccountPackage, report })
 */
export const decideTransferAccountPackage = (c: TransferAccountPackage, state: AccountPackageState): E.Either<AccountPackageError, TransferPlan> =>
  pipe(
    authorizeAccountPackage(c.actor, 'account-package:cancel'),
    E.chain(() => existingPackage(state, c.accountPackageId)),
    E.chain((p): E.Either<AccountPackageError, TransferPlan> => {
      const target = { accountId: c.targetAccount.accountId, accountPackageId: c.targetAccountPackageId };
      const retry = p.transferredTo !== undefined && p.transferredTo.accountId === target.accountId && p.transferredTo.accountPackageId === target.accountPackageId;
      if (p.transferredTo !== undefined && !retry) {
        return E.left(refuseAccountPackage('transfer_conflict', { transferredTo: p.transferredTo }, `Account package ${p.accountPackageId} was already transferred to account ${p.transferredTo.accountId}.`));
      }
      if (c.targetAccountPackageId === p.accountPackageId) return E.left(refuseAccountPackage('transfer_conflict', { accountPackageId: p.accountPackageId }, 'The target package needs an id of its own.'));
      if (!retry && (p.lifecycle !== 'open' || p.cancellation !== undefined || !p.status.billable || p.status.readOnly)) {
        return E.left(notAllowed('source_active', { lifecycle: p.lifecycle, status: p.status.code, cancellationDate: p.cancellation?.date },
          `Account package ${p.accountPackageId} must be active and not scheduled to be cancelled to be transferred (it is ${p.lifecycle === 'open' ? `"${p.status.code}"` : p.lifecycle}${p.cancellation === undefined ? '' : `, cancelled from ${p.cancellation.date}`}).`));
      }
      if (c.targetPriceBook.currency !== c.targetAccount.currency) {
        return E.left(notAllowed('target_currency', { targetCurrency: c.targetPriceBook.currency, targetAccountCurrency: c.targetAccount.currency },
          `The target package would bill in ${c.targetPriceBook.currency} but account ${c.targetAccount.accountId} bills in ${c.targetAccount.currency}; choose a target price book in ${c.targetAccount.currency}. (The source's currency, ${p.priceBook.currency}, does not matter.)`));
      }
      if (!retry && (c.effectiveDate <= p.effectiveDate || (p.billedThrough !== undefined && c.effectiveDate < p.billedThrough))) {
        return E.left(notAllowed('effective_date', { effectiveDate: c.effectiveDate, sourceEffectiveDate: p.effectiveDate, billedThrough: p.billedThrough },
          `The source is cancelled on the transfer's effective date, which must come after ${p.effectiveDate} and not fall in a period already billed${p.billedThrough === undefined ? '' : ` (billed up to ${p.billedThrough})`}.`));
      }
      const present = [...p.accountServices.values()].filter((s) => s.removedOn === undefined);
      const targets: TargetService[] = c.targetDefinition.services.flatMap((service) =>
        Array.from({ length: service.defaultInstances }, (_, i) => ({ instanceId: defaultInstanceId(service.serviceId, i + 1), service })));
      const sourceUsage = present.filter((s) => p.services.get(s.serviceId)?.usageBased === true).length;
      const targetUsage = targets.filter((t) => t.service.usageBased).length;
      if (sourceUsage !== targetUsage) {
        return E.left(notAllowed('usage_based_services', { source: sourceUsage, target: targetUsage },
          `The source package has ${sourceUsage} usage-based account-services and the target package ${targetUsage}; the numbers must match.`));
      }
      return pipe(
        pairServices(p, present, targets, c.serviceMap),
        E.chain((pairs): E.Either<AccountPackageError, TransferPlan> => {
          const paired = new Set(pairs.map((x) => x.from.instanceId));
          const unmapped = present.filter((s) => !paired.has(s.instanceId) && (s.usageIdentifier !== undefined || Object.keys(s.customFields).length > 0)).map((s) => s.instanceId);
          if (unmapped.length > 0) {
            return E.left(notAllowed('service_mapping', { unmapped },
              `Account-services ${unmapped.join(', ')} have a usage identifier or custom fields but no account-service in the target package to take them; pair them in serviceMap.`));
          }
          const carried = pairs.map(({ from, to }) => {
            const details: AccountServiceDetails = {
              instanceId: to.instanceId,
              ...(to.service.usageBased && from.usageIdentifier !== undefined ? { usageIdentifier: from.usageIdentifier } : {}),
              ...(Object.keys(from.customFields).length > 0 ? { customFields: from.customFields } : {}),
            };
            return { from: from.instanceId, to: to.instanceId, details };
          });
          const leftBehind = {
            usageBuckets: present.reduce((n, s) => n + s.usageBuckets.size, 0),
            ratePlanIds: [...new Set([...(p.ratePlanId === undefined ? [] : [p.ratePlanId]), ...present.flatMap((s) => (s.ratePlanId === undefined ? [] : [s.ratePlanId]))])],
            ...(p.sharePlanId === undefined ? {} : { sharePlanId: p.sharePlanId }),
            ...(p.contract === undefined ? {} : { contractId: p.contract.contractId }),
          };
          const transferred: AccountPackageTransferred = {
            type: 'AccountPackageTransferred',
            data: {
              accountPackageId: p.accountPackageId,
              target,
              targetAccount: c.targetAccount,
              targetDefinition: c.targetDefinition,
              targetPriceBook: c.targetPriceBook,
              targetFrequency: c.targetFrequency,
              effectiveDate: c.effectiveDate,
              quantity: p.quantity,
              options: p.options,
              carried: { customFields: p.customFields, services: carried },
              leftBehind,
              sourceCurrency: p.priceBook.currency,
              waiveEarlyTerminationFee: c.waiveEarlyTerminationFee ?? false,
              ...(c.targetBillDay === undefined ? {} : { targetBillDay: c.targetBillDay }),
              sourceAccountId: p.account.accountId,
              by: c.actor,
              at: c.at,
            },
          };
          const targetCommand = transferredPackageCommand(transferred);
          const targetCheck = decideAddAccountPackage(targetCommand, initialAccountPackageState);
          if (E.isLeft(targetCheck)) {
            return E.left(notAllowed('target_package', { cause: targetCheck.left.code, causeFacts: targetCheck.left.facts }, `The target package cannot be added: ${targetCheck.left.message}`));
          }
          const report: TransferReport = {
            accountPackageId: p.accountPackageId, target, effectiveDate: c.effectiveDate, customFields: Object.keys(p.customFields),
            services: carried.map(({ from, to }) => ({ from, to })), leftBehind,
          };
          if (retry) return E.right({ events: [], targetCommand, report });
          const afterTransfer = evolveAccountPackage(p, transferred);
          const next = afterTransfer.kind === 'package' ? nextBillDate(afterTransfer) : undefined;
          return E.right({ events: [{ ...transferred, data: { ...transferred.data, ...(next === undefined ? {} : { nextBillDate: next }) } }], targetCommand, report });
        }),
      );
    }),
  );

/**
 * The second half of a transfer: the command that adds the target package, built from the
 * source's `AccountPackageTransferred` event alone (same pattern as credit-pack's
 * `reissuedPackCommand`). Retrying it is safe: adding the same package again changes
 * nothing.
 */
export const transferredPackageCommand = (transferred: AccountPackageTransferred): AddAccountPackage => {
  const d = transferred.data;
  return {
    type: 'AddAccountPackage',
    accountPackageId: d.target.accountPackageId,
    account: d.targetAccount,
    definition: d.targetDefinition,
    priceBook: d.targetPriceBook,
    quantity: d.quantity,
    frequency: d.targetFrequency,
    effectiveDate: d.effectiveDate,
    options: d.options,
    customFields: d.carried.customFields,
    serviceDetails: d.carried.services.map((s) => s.details),
    transferredFrom: { accountId: d.sourceAccountId, accountPackageId: d.accountPackageId },
    ...(d.targetBillDay === undefined ? {} : { billDay: d.targetBillDay }),
    actor: d.by,
    at: d.at,
  };
};
