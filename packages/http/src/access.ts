import { actorLabel, authorize, canViewPack, domainError, isStaffWith, type Actor, type DomainError } from '@packledger/domain';
import * as E from 'fp-ts/Either';

/**
 * What an actor may read of the credit-pack views: the company ids it may see. Staff and
 * the scheduler see every company; a Client Hub `accounts` or `admin` user sees their own
 * company's packs only.
 */
export type CreditPackSight = (companyId: string) => boolean;

/**
 * The credit-pack read rule of seed 002, from the domain's own `credit-pack:view` grant:
 * a Client Hub `user` never sees credit packs or invoices (Left: forbidden); `accounts`
 * and `admin` see their own company's; staff (with a role) and the scheduler see all.
 */
export const creditPackSight = (actor: Actor): E.Either<DomainError, CreditPackSight> =>
  E.map(() => (companyId: string) => canViewPack(actor, companyId))(authorize(actor, 'credit-pack:view', undefined));

/**
 * Client packages and account packages are the telecom and ISP back office's data: only
 * staff (with at least one role) read them. Client Hub users never do, whatever their role.
 */
export const backOfficeSight = (actor: Actor): E.Either<DomainError, void> =>
  isStaffWith(actor, [])
    ? E.right(undefined)
    : E.left(domainError('forbidden', { actor: actorLabel(actor), permission: 'back-office:view' },
      `${actorLabel(actor)} may not read client or account packages: they are back-office data, visible to staff only.`));
