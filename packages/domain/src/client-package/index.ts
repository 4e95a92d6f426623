import type { Decider } from '../kernel';
import type { ClientPackageCommand } from './commands';
import { decideClientPackage } from './decide';
import type { ClientPackageError } from './errors';
import type { ClientPackageEvent } from './events';
import { evolveClientPackage } from './evolve';
import { initialClientPackageState, type ClientPackageState } from './state';

export * from './commands';
export * from './errors';
export * from './events';
export * from './state';
export { decideClientPackage, matchingLimit, usageKey } from './decide';
export { evolveClientPackage } from './evolve';
export { firstPeriod, nextCalendarBoundary, periodBoundary, periodFee, periodLimits } from './periods';
export { findLimit, indexLimits, limitIndexKey } from './limits';

/** Prefix of every client-package stream: `clientPackage-<id>`. */
export const CLIENT_PACKAGE_STREAM_PREFIX = 'clientPackage-';

/** The stream name of a client package. */
export const clientPackageStream = (clientPackageId: string): string => `${CLIENT_PACKAGE_STREAM_PREFIX}${clientPackageId}`;

/**
 * The client-package decider: telecom packages with per-period limits.
 *
 * @example
 * const outcome = clientPackage.decide(runPackageManager, fold(clientPackage, history));
 */
export const clientPackage: Decider<ClientPackageCommand, ClientPackageEvent, ClientPackageState, ClientPackageError> = {
  decide: decideClientPackage,
  evolve: evolveClientPackage,
  initialState: initialClientPackageState,
};
