import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { addDays, type Money } from '../kernel';
import { nextBillDate, nextUsageBillDate } from './billing/schedule';
import { ACTIVE_PACKAGE_STATUS, type CatalogPackageDefinition, type ServiceDefinition } from './catalog';
import type { AddAccountPackage } from './commands';
import { refuseAccountPackage, type AccountPackageError } from './errors';
import type { AccountPackageAdded, AccountPackageEvent } from './events';
import { evolveAccountPackage } from './evolve';
import { sameCurrency } from './guards';
import { authorizeAccountPackage } from './permissions';
import { initialAccountPackageState, type AccountPackageState } from './state';

type Decision = E.Either<AccountPackageError, readonly AccountPackageEvent[]>;

const invalid = (problem: string, facts: Readonly<Record<string, unknown>>): AccountPackageError =>
  refuseAccountPackage('invalid_package_definition', { problem, ...facts }, `The catalog package definition is not usable: ${problem}. Fix the catalog entry and try again.`);

/** Prices of a service, each named for a refusal. */
export const servicePrices = (s: ServiceDefinition): { what: string; money: Money }[] => [
  ...s.recurringPrices.map((r) => ({ what: `the ${r.status} price of service ${s.serviceId}`, money: r.price })),
  ...s.transitionPrices.map((t) => ({ what: `the transition price to ${t.to} of service ${s.serviceId}`, money: t.price })),
  ...(s.oneTimePrice === undefined ? [] : [{ what: `the one-time price of service ${s.serviceId}`, money: s.oneTimePrice }]),
];

/** Checks a service definition: instance counts in order (minimum <= default <= maximum) and one recurring price per status. */
export const validateService = (s: ServiceDefinition): E.Either<AccountPackageError, ServiceDefinition> => {
  if (!(s.minInstances <= s.defaultInstances && s.defaultInstances <= s.maxInstances)) {
    return E.left(invalid(`service ${s.serviceId} needs minimum <= default <= maximum instances (got ${s.minInstances}, ${s.defaultInstances}, ${s.maxInstances})`, { serviceId: s.serviceId }));
  }
  const statuses = s.recurringPrices.map((r) => r.status);
  if (new Set(statuses).size !== statuses.length) return E.left(invalid(`service ${s.serviceId} has two recurring prices for one status`, { serviceId: s.serviceId }));
  return E.right(s);
};

/** Checks a catalog definition: unique service ids, valid services, every price in the price book's currency. */
export const validateDefinition = (d: CatalogPackageDefinition, currency: string): E.Either<AccountPackageError, CatalogPackageDefinition> => {
  const ids = d.services.map((s) => s.serviceId);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined) return E.left(invalid(`service ${twice} appears twice`, { serviceId: twice }));
  for (const s of d.services) {
    const checked = pipe(validateService(s), E.chain(() => sameCurrency(currency, servicePrices(s))));
    if (E.isLeft(checked)) return checked;
  }
  return E.right(d);
};

/** The id of the n-th (1-based) default account-service of a service: `<serviceId>.<n>`. */
export const defaultInstanceId = (serviceId: string, n: number): string => `${serviceId}.${n}`;

/**
 * Decides AddAccountPackage: the price book's currency must be the account's (and the
 * price book one the account may use), every catalog price in that currency, quantity
 * 1..10,000 (checked when decoding), details only for default account-services, usage
 * identifiers only on usage-based services. Charge-recurring-only-if-usage makes the
 * package postpaid.
 */
export const decideAddAccountPackage = (c: AddAccountPackage, state: AccountPackageState): Decision =>
  pipe(
    authorizeAccountPackage(c.actor, 'account-package:manage'),
    E.chain((): Decision => {
      if (state.kind === 'package') {
        return state.account.accountId === c.account.accountId && state.definition.catalogPackageId === c.definition.catalogPackageId && state.effectiveDate === c.effectiveDate
          ? E.right([])
          : E.left(refuseAccountPackage('package_already_exists', { accountPackageId: c.accountPackageId, accountId: state.account.accountId },
            `Account package ${c.accountPackageId} already exists (package ${state.definition.catalogPackageId} on account ${state.account.accountId}); add the new package under a new id.`));
      }
      if (c.priceBook.currency !== c.account.currency) {
        return E.left(refuseAccountPackage('currency_mismatch', { what: 'price book', currency: c.priceBook.currency, expected: c.account.currency },
          `Price book ${c.priceBook.priceBookId} is in ${c.priceBook.currency}, but account ${c.account.accountId} bills in ${c.account.currency}; choose a price book in ${c.account.currency}.`));
      }
      if (c.account.priceBookIds !== undefined && !c.account.priceBookIds.includes(c.priceBook.priceBookId)) {
        return E.left(refuseAccountPackage('price_book_not_allowed', { priceBookId: c.priceBook.priceBookId, allowed: c.account.priceBookIds },
          `Account ${c.account.accountId} may use price books ${c.account.priceBookIds.join(', ') || '(none)'}, not ${c.priceBook.priceBookId}; change the account's settings or the price book.`));
      }
      if (c.status?.code === 'cancelled') {
        return E.left(refuseAccountPackage('status_change_not_allowed', { status: 'cancelled' }, 'A package cannot be added cancelled; add it, then cancel it with CancelAccountPackage.'));
      }
      return pipe(
        validateDefinition(c.definition, c.priceBook.currency),
        E.chain(() => sameCurrency(c.priceBook.currency, [
          ...(c.contract?.earlyTerminationFee === undefined ? [] : [{ what: 'the early-termination fee', money: c.contract.earlyTerminationFee }]),
          ...(c.contract?.minimumInvoiceAmount === undefined ? [] : [{ what: 'the minimum invoice amount', money: c.contract.minimumInvoiceAmount }]),
        ])),
        E.chain((): Decision => {
          const services = c.definition.services.flatMap((s) =>
            Array.from({ length: s.defaultInstances }, (_, i) => ({ instanceId: defaultInstanceId(s.serviceId, i + 1), service: s })));
          const byId = new Map(services.map((s) => [s.instanceId, s.service]));
          for (const detail of c.serviceDetails ?? []) {
            const service = byId.get(detail.instanceId);
            if (service === undefined) {
              return E.left(refuseAccountPackage('service_instance_not_found', { instanceId: detail.instanceId },
                `The package is added with account-services ${[...byId.keys()].join(', ') || '(none)'}; there is no ${detail.instanceId} to give details to.`));
            }
            if (detail.usageIdentifier !== undefined && !service.usageBased) {
              return E.left(refuseAccountPackage('not_usage_based', { instanceId: detail.instanceId, serviceId: service.serviceId },
                `Service ${service.serviceId} is not usage-based; account-service ${detail.instanceId} takes no usage identifier.`));
            }
          }
          const details = new Map((c.serviceDetails ?? []).map((d) => [d.instanceId, d]));
          const activation = c.definition.billingActivation;
          const billingStartsOn = activation === undefined ? c.effectiveDate : activation.type === 'after_days' ? addDays(c.effectiveDate, activation.days) : undefined;
          const added: AccountPackageAdded = {
            type: 'AccountPackageAdded',
            data: {
              accountPackageId: c.accountPackageId,
              account: c.account,
              definition: c.definition,
              priceBook: c.priceBook,
              quantity: c.quantity,
              frequency: c.frequency,
              status: c.status ?? ACTIVE_PACKAGE_STATUS,
              effectiveDate: c.effectiveDate,
              billDay: c.billDay ?? c.account.billDay,
              usageBillDay: c.usageBillDay ?? c.account.usageBillDay,
              options: { ...c.options, postpaid: c.options.postpaid || c.options.chargeRecurringOnlyIfUsage },
              customFields: c.customFields ?? {},
              services: services.map(({ instanceId, service }) => {
                const d = details.get(instanceId);
                return {
                  instanceId,
                  serviceId: service.serviceId,
                  status: 'active',
                  customFields: d?.customFields ?? {},
                  ...(d?.usageIdentifier === undefined ? {} : { usageIdentifier: d.usageIdentifier }),
                };
              }),
              nextUsageBillDate: c.effectiveDate,
              ...(c.productCode === undefined ? {} : { productCode: c.productCode }),
              ...(c.ratePlanId === undefined ? {} : { ratePlanId: c.ratePlanId }),
              ...(c.sharePlanId === undefined ? {} : { sharePlanId: c.sharePlanId }),
              ...(c.contract === undefined ? {} : { contract: c.contract }),
              ...(c.accountContractId === undefined ? {} : { accountContractId: c.accountContractId }),
              ...(c.countingRuleId === undefined ? {} : { countingRuleId: c.countingRuleId }),
              ...(billingStartsOn === undefined ? {} : { billingStartsOn }),
              ...(c.transferredFrom === undefined ? {} : { transferredFrom: c.transferredFrom }),
              by: c.actor,
              at: c.at,
            },
          };
          const after = evolveAccountPackage(initialAccountPackageState, added);
          if (after.kind !== 'package') return E.left(invalid('the package could not be built', {}));
          const nextBill = nextBillDate(after);
          const nextUsage = nextUsageBillDate(after) ?? c.effectiveDate;
          return E.right([{ ...added, data: { ...added.data, nextUsageBillDate: nextUsage, ...(nextBill === undefined ? {} : { nextBillDate: nextBill }) } }]);
        }),
      );
    }),
  );
