import type { Decider } from '../kernel';
import type { AccountPackageCommand } from './commands';
import { decideAccountPackage } from './decide';
import type { AccountPackageError } from './errors';
import type { AccountPackageEvent } from './events';
import { evolveAccountPackage } from './evolve';
import { initialAccountPackageState, type AccountPackageState } from './state';

export * from './catalog';
export * from './commands';
export * from './errors';
export * from './events';
export * from './permissions';
export * from './state';
export * from './upcasters';
export * from './billing/lines';
export { billAccountPackage, MAX_PERIODS_PER_BILLING, type BillingOutcome, type BillingRequest } from './billing/bill';
export { chargeMode, statusDays, type ChargeMode } from './billing/charges';
export { billingPosition, nextBillDate, nextUsageBillDate, segmentAt, usagePosition, type BillingSegment } from './billing/schedule';
export { contractTermOn, earlyTerminationFee } from './contract';
export { defaultInstanceId } from './add';
export { decideAccountPackage, MAX_BILL_PERIOD_DAYS } from './decide';
export { evolveAccountPackage } from './evolve';
export { decideTransferAccountPackage, transferredPackageCommand, type ServicePairing, type TransferPlan, type TransferReport } from './transfer';
export * from './bill-run';
export * from './bulk';

/** Prefix of every account-package stream: `accountPackage-<accountPackageId>`. */
export const ACCOUNT_PACKAGE_STREAM_PREFIX = 'accountPackage-';

/** The stream name of an account package. */
export const accountPackageStream = (accountPackageId: string): string => `${ACCOUNT_PACKAGE_STREAM_PREFIX}${accountPackageId}`;

/**
 * The account-package decider.
 *
 * @example
 * import { accountPackage, fold } from '@packledger/domain';
 * const state = fold(accountPackage, history);
 * const outcome = accountPackage.decide(billCommand, state); // Right([PackageBilled]) or Right([]) when already billed
 */
export const accountPackage: Decider<AccountPackageCommand, AccountPackageEvent, AccountPackageState, AccountPackageError> = {
  decide: decideAccountPackage,
  evolve: evolveAccountPackage,
  initialState: initialAccountPackageState,
};
