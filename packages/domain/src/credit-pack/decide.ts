import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import {
  addDaysToInstant,
  addMonthsToInstant,
  isAtOrAfter,
  isBefore,
  moneyEquals,
  type Credits,
  type Instant,
} from '../kernel';
import type {
  CancelPack,
  ChangeOwner,
  ConsumeCredits,
  CorrectCreditValue,
  CreditPackCommand,
  EditPackDetails,
  ExpirePack,
  IssueCreditPack,
  Owner,
  RecordExpiryWarning,
  RefundConsumption,
  ReissueToNewOwner,
  SetCreditStatus,
} from './commands';
import { lookup } from '../kernel/persistent-map';
import { refuse, type CreditPackError } from './errors';
import type { CreditPackEvent } from './events';
import { authorize } from './permissions';
import { warningKey, type CreditPackState, type IssuedPack } from './state';

type Decision = E.Either<CreditPackError, readonly CreditPackEvent[]>;

const NOTHING: readonly CreditPackEvent[] = [];
const accept = (...events: CreditPackEvent[]): Decision => E.right(events);

const sameOwner = (a: Owner, b: Owner): boolean =>
  a.type === b.type && a.companyId === b.companyId && a.officeId === b.officeId && (a.type === 'office' || (b.type === 'user' && a.userId === b.userId));

const ownerLabel = (o: Owner): string => (o.type === 'office' ? `office ${o.officeId}` : `user ${o.userId} (office ${o.officeId})`);

const issued = (state: CreditPackState, packId: string): E.Either<CreditPackError, IssuedPack> =>
  state.kind === 'issued'
    ? E.right(state)
    : E.left(refuse('pack_not_found', { packId }, `No credit pack ${packId} has been issued; check the pack id.`));

const usable = (pack: IssuedPack, at: Instant, doing: string): E.Either<CreditPackError, IssuedPack> => {
  if (pack.status === 'cancelled') {
    return E.left(refuse('pack_cancelled', { packId: pack.packId, reason: pack.cancelReason, reissuedTo: pack.reissuedTo?.newPackId },
      pack.reissuedTo === undefined
        ? `Pack ${pack.packId} was cancelled (${pack.cancelReason ?? 'credit order cancelled'}); you cannot ${doing} it.`
        : `Pack ${pack.packId} was reissued as pack ${pack.reissuedTo.newPackId}; ${doing} that pack instead.`));
  }
  if (pack.status === 'expired' || isAtOrAfter(at, pack.expiresAt)) {
    return E.left(refuse('pack_expired', { packId: pack.packId, expiresAt: pack.expiresAt, at },
      `Pack ${pack.packId} expired at ${pack.expiresAt}; you cannot ${doing} it. Use another pack or sell a new one.`));
  }
  return E.right(pack);
};

/** The same issue again (a retry): every field the pack was issued with is the same. */
const sameIssue = (pack: IssuedPack, c: IssueCreditPack): boolean =>
  pack.orderId === c.orderId && sameOwner(pack.owner, c.owner) && pack.issuedCredits.eq(c.credits) && pack.reissuedFrom === c.reissuedFrom &&
  pack.name === c.name && moneyEquals(pack.price, c.price) && pack.relationshipManagerId === c.relationshipManagerId &&
  pack.projectManagerId === c.projectManagerId && pack.invoiceContactId === c.invoiceContactId &&
  pack.linkedProducts.join('\u0000') === [...new Set(c.linkedProducts)].join('\u0000') &&
  // The same expiry rule, read against the pack's own issue instant (a retry may carry a later instant).
  pack.expiresAt === (c.expiry.type === 'on' ? c.expiry.at : addMonthsToInstant(pack.issuedAt, c.expiry.months));

const decideIssue = (c: IssueCreditPack, state: CreditPackState): Decision =>
  pipe(
    authorize(c.actor, c.reissuedFrom === undefined ? 'credit-pack:issue' : 'credit-pack:reissue', c.owner.companyId),
    E.chain(() => {
      if (state.kind === 'issued') {
        return sameIssue(state, c)
          ? E.right(NOTHING)
          : E.left(refuse('pack_already_exists', { packId: c.packId, orderId: state.orderId },
            `Pack ${c.packId} already exists (issued for order ${state.orderId}); issue the new pack under a new id.`));
      }
      const expiresAt = c.expiry.type === 'on' ? c.expiry.at : addMonthsToInstant(c.at, c.expiry.months);
      if (!isBefore(c.at, expiresAt)) {
        return E.left(refuse('expiry_not_after_issue', { issuedAt: c.at, expiresAt },
          `The pack would expire at ${expiresAt}, not after it is issued (${c.at}); choose a later expiry.`));
      }
      return accept({
        type: 'CreditPackIssued',
        data: {
          packId: c.packId,
          orderId: c.orderId,
          name: c.name,
          owner: c.owner,
          credits: c.credits,
          price: c.price,
          linkedProducts: [...new Set(c.linkedProducts)],
          relationshipManagerId: c.relationshipManagerId,
          projectManagerId: c.projectManagerId,
          invoiceContactId: c.invoiceContactId,
          expiryRule: c.expiry,
          expiresAt,
          ...(c.reissuedFrom === undefined ? {} : { reissuedFrom: c.reissuedFrom }),
          by: c.actor,
          at: c.at,
        },
      });
    }),
  );

const sameConsumption = (c: ConsumeCredits, pack: IssuedPack): boolean | undefined => {
  const earlier = lookup(pack.consumptions, c.consumptionId);
  if (earlier === undefined) return undefined;
  return earlier.credits.eq(c.credits) && earlier.projectId === c.project.projectId && earlier.productId === c.productId &&
    earlier.invoiceLine?.invoiceId === c.invoiceLine?.invoiceId && earlier.invoiceLine?.lineId === c.invoiceLine?.lineId;
};

const eligibility = (c: ConsumeCredits, pack: IssuedPack): E.Either<CreditPackError, void> => {
  const { owner } = pack;
  const { project } = c;
  const facts = { packId: pack.packId, owner, projectId: project.projectId, projectOfficeId: project.officeId };
  if (project.companyId !== owner.companyId) {
    return E.left(refuse('project_not_eligible', facts,
      `Project ${project.projectId} belongs to company ${project.companyId}, but pack ${pack.packId} belongs to company ${owner.companyId}.`));
  }
  if (owner.type === 'user' && !project.contactUserIds.includes(owner.userId)) {
    return E.left(refuse('project_not_eligible', facts,
      `Pack ${pack.packId} belongs to user ${owner.userId}, who is not a project contact of project ${project.projectId}; add them as a project contact or use another pack.`));
  }
  if (owner.type === 'office' && project.officeId !== owner.officeId) {
    return E.left(refuse('project_not_eligible', facts,
      `Pack ${pack.packId} belongs to office ${owner.officeId}, but project ${project.projectId} is assigned to office ${project.officeId}; assign the project to that office or use another pack.`));
  }
  return E.right(undefined);
};

const decideConsume = (c: ConsumeCredits, state: CreditPackState): Decision =>
  pipe(
    issued(state, c.packId),
    E.chainFirst((pack) => authorize(c.actor, 'credit-pack:consume', pack.owner.companyId)),
    E.chain((pack) => {
      const same = sameConsumption(c, pack);
      if (same === true) return E.right(NOTHING);
      if (same === false) {
        return E.left(refuse('consumption_id_conflict', { packId: pack.packId, consumptionId: c.consumptionId },
          `Consumption ${c.consumptionId} was already recorded with different content; use a new consumption id for a new use of credits.`));
      }
      return pipe(
        usable(pack, c.at, 'use credits of'),
        E.chain(() => (pack.linkedProducts.includes(c.productId)
          ? E.right(undefined)
          : E.left(refuse('product_not_linked', { packId: pack.packId, productId: c.productId, linkedProducts: pack.linkedProducts },
            `Pack ${pack.packId} pays only for ${pack.linkedProducts.join(', ')}; product ${c.productId} is not linked to it.`)))),
        E.chain(() => eligibility(c, pack)),
        E.chain(() => {
          if (pack.remaining.isZero()) {
            return E.left(refuse('pack_exhausted', { packId: pack.packId },
              `Pack ${pack.packId} has no credits left; use another pack or sell a new one.`));
          }
          if (c.credits.gt(pack.remaining)) {
            return E.left(refuse('insufficient_credits', { packId: pack.packId, requested: c.credits.toFixed(), remaining: pack.remaining.toFixed() },
              `Pack ${pack.packId} has ${pack.remaining.toFixed()} credits left; you asked for ${c.credits.toFixed()}. Use at most what is left, and pay the rest another way.`));
          }
          const remaining = pack.remaining.minus(c.credits) as Credits;
          const consumed: CreditPackEvent = {
            type: 'CreditsConsumed',
            data: {
              packId: pack.packId,
              consumptionId: c.consumptionId,
              credits: c.credits,
              projectId: c.project.projectId,
              projectOfficeId: c.project.officeId,
              productId: c.productId,
              ...(c.invoiceLine === undefined ? {} : { invoiceLine: c.invoiceLine }),
              remaining,
              by: c.actor,
              at: c.at,
            },
          };
          return remaining.isZero()
            ? accept(consumed, { type: 'CreditPackExhausted', data: { packId: pack.packId, by: c.actor, at: c.at } })
            : accept(consumed);
        }),
      );
    }),
  );

const decideRefund = (c: RefundConsumption, state: CreditPackState): Decision =>
  pipe(
    issued(state, c.packId),
    E.chainFirst((pack) => authorize(c.actor, 'credit-pack:refund', pack.owner.companyId)),
    E.chain((pack) => {
      const earlierRefund = lookup(pack.refunds, c.refundId);
      if (earlierRefund !== undefined) {
        return earlierRefund.consumptionId === c.consumptionId && earlierRefund.credits.eq(c.credits)
          ? E.right(NOTHING)
          : E.left(refuse('refund_id_conflict', { packId: pack.packId, refundId: c.refundId },
            `Refund ${c.refundId} was already recorded with different content; use a new refund id.`));
      }
      return pipe(
        usable(pack, c.at, 'refund credits to'),
        E.chain(() => {
          const consumption = lookup(pack.consumptions, c.consumptionId);
          if (consumption === undefined) {
            return E.left(refuse('consumption_not_found', { packId: pack.packId, consumptionId: c.consumptionId },
              `Pack ${pack.packId} has no consumption ${c.consumptionId}; check the consumption id in the pack's history.`));
          }
          const refundable = consumption.credits.minus(consumption.refunded);
          if (c.credits.gt(refundable)) {
            return E.left(refuse('refund_exceeds_consumption', { packId: pack.packId, consumptionId: c.consumptionId, requested: c.credits.toFixed(), refundable: refundable.toFixed() },
              `Consumption ${c.consumptionId} can take back at most ${refundable.toFixed()} more credits; you asked for ${c.credits.toFixed()}.`));
          }
          return accept({
            type: 'CreditsRefunded',
            data: {
              packId: pack.packId,
              refundId: c.refundId,
              consumptionId: c.consumptionId,
              projectId: consumption.projectId,
              credits: c.credits,
              reason: c.reason,
              remaining: pack.remaining.plus(c.credits) as Credits,
              by: c.actor,
              at: c.at,
            },
          });
        }),
      );
    }),
  );

const decideCorrection = (c: CorrectCreditValue, state: CreditPackState): Decision =>
  pipe(
    issued(state, c.packId),
    E.chainFirst((pack) => authorize(c.actor, 'credit-pack:correct-value', pack.owner.companyId)),
    E.chain((pack) => usable(pack, c.at, 'correct the credit value of')),
    E.chain((pack) => {
      if (c.correctedCredits.eq(pack.creditValue)) return E.right(NOTHING);
      const used = pack.consumed.minus(pack.refunded).plus(pack.transferred);
      if (c.correctedCredits.lt(used)) {
        return E.left(refuse('correction_below_used', { packId: pack.packId, correctedCredits: c.correctedCredits.toFixed(), used: used.toFixed() },
          `Pack ${pack.packId} has already used ${used.toFixed()} credits, more than the corrected value ${c.correctedCredits.toFixed()}; refund consumptions first or correct to at least ${used.toFixed()}.`));
      }
      const delta = c.correctedCredits.minus(pack.creditValue);
      const remaining = pack.remaining.plus(delta) as Credits;
      const corrected: CreditPackEvent = {
        type: 'CreditValueCorrected',
        data: { packId: pack.packId, previousCredits: pack.creditValue, correctedCredits: c.correctedCredits, delta, reason: c.reason, remaining, by: c.actor, at: c.at },
      };
      return remaining.isZero() && !pack.remaining.isZero()
        ? accept(corrected, { type: 'CreditPackExhausted', data: { packId: pack.packId, by: c.actor, at: c.at } })
        : accept(corrected);
    }),
  );

const notCancelled = (pack: IssuedPack, doing: string): E.Either<CreditPackError, IssuedPack> =>
  pack.status === 'cancelled'
    ? E.left(refuse('pack_cancelled', { packId: pack.packId }, `Pack ${pack.packId} was cancelled; you cannot ${doing} it.`))
    : E.right(pack);

const decideEdit = (c: EditPackDetails, state: CreditPackState): Decision =>
  pipe(
    issued(state, c.packId),
    E.chainFirst((pack) => authorize(c.actor, 'credit-pack:edit', pack.owner.companyId)),
    E.chain((pack) => notCancelled(pack, 'edit')),
    E.chain((pack) => {
      if (c.name === undefined && c.relationshipManagerId === undefined && c.projectManagerId === undefined) {
        return E.left(refuse('nothing_to_edit', { packId: pack.packId }, 'Say what to change: name, relationshipManagerId or projectManagerId.'));
      }
      const changes = {
        ...(c.name !== undefined && c.name !== pack.name ? { name: c.name } : {}),
        ...(c.relationshipManagerId !== undefined && c.relationshipManagerId !== pack.relationshipManagerId ? { relationshipManagerId: c.relationshipManagerId } : {}),
        ...(c.projectManagerId !== undefined && c.projectManagerId !== pack.projectManagerId ? { projectManagerId: c.projectManagerId } : {}),
      };
      return Object.keys(changes).length === 0
        ? E.right(NOTHING)
        : accept({ type: 'PackDetailsEdited', data: { packId: pack.packId, ...changes, by: c.actor, at: c.at } });
    }),
  );

const decideCreditStatus = (c: SetCreditStatus, state: CreditPackState): Decision =>
  pipe(
    issued(state, c.packId),
    E.chainFirst((pack) => authorize(c.actor, 'credit-pack:edit', pack.owner.companyId)),
    E.chain((pack) => notCancelled(pack, 'set the credit status of')),
    E.chain((pack) =>
      pack.creditStatus === c.creditStatus && pack.specialNotes === c.specialNotes
        ? E.right(NOTHING)
        : accept({ type: 'CreditStatusSet', data: { packId: pack.packId, creditStatus: c.creditStatus, specialNotes: c.specialNotes, by: c.actor, at: c.at } }),
    ),
  );

const decideChangeOwner = (c: ChangeOwner, state: CreditPackState): Decision =>
  pipe(
    issued(state, c.packId),
    E.chain((pack) =>
      E.left(refuse('owner_change_not_allowed', { packId: pack.packId, owner: pack.owner, newOwner: c.newOwner, instead: 'ReissueToNewOwner' },
        `A pack's owner cannot be changed in place: it would leave the pack and its credit order disagreeing. Ask the Accounts team to run ReissueToNewOwner, which cancels pack ${pack.packId} and issues its remaining ${pack.remaining.toFixed()} credits as a new pack to ${ownerLabel(c.newOwner)}, the two linked both ways.`)),
    ),
  );

const decideReissue = (c: ReissueToNewOwner, state: CreditPackState): Decision =>
  pipe(
    issued(state, c.packId),
    E.chainFirst((pack) => authorize(c.actor, 'credit-pack:reissue', pack.owner.companyId)),
    E.chain((pack) => {
      if (pack.reissuedTo !== undefined) {
        return pack.reissuedTo.newPackId === c.newPackId && sameOwner(pack.reissuedTo.newOwner, c.newOwner)
          ? E.right(NOTHING)
          : E.left(refuse('reissue_conflict', { packId: pack.packId, reissuedTo: pack.reissuedTo.newPackId },
            `Pack ${pack.packId} was already reissued as pack ${pack.reissuedTo.newPackId}; correct that pack instead.`));
      }
      if (c.newPackId === pack.packId) {
        return E.left(refuse('reissue_conflict', { packId: pack.packId }, 'The new pack needs an id of its own.'));
      }
      return pipe(
        usable(pack, c.at, 'reissue'),
        E.chain(() => {
          if (c.newOwner.companyId !== pack.owner.companyId) {
            return E.left(refuse('reissue_to_other_company', { packId: pack.packId, companyId: pack.owner.companyId, newCompanyId: c.newOwner.companyId },
              `Pack ${pack.packId} belongs to company ${pack.owner.companyId}; its credits cannot move to company ${c.newOwner.companyId}. Cancel it and sell the other company its own pack.`));
          }
          if (sameOwner(c.newOwner, pack.owner)) {
            return E.left(refuse('reissue_to_same_owner', { packId: pack.packId, owner: pack.owner }, `Pack ${pack.packId} already belongs to ${ownerLabel(pack.owner)}.`));
          }
          if (pack.remaining.isZero()) {
            return E.left(refuse('nothing_to_reissue', { packId: pack.packId }, `Pack ${pack.packId} has no credits left to move to a new owner.`));
          }
          return accept({
            type: 'CreditPackReissued',
            data: { packId: pack.packId, newPackId: c.newPackId, newOwner: c.newOwner, transferredCredits: pack.remaining, reason: c.reason, by: c.actor, at: c.at },
          });
        }),
      );
    }),
  );

const decideCancel = (c: CancelPack, state: CreditPackState): Decision =>
  pipe(
    issued(state, c.packId),
    E.chainFirst((pack) => authorize(c.actor, 'credit-pack:cancel', pack.owner.companyId)),
    E.chain((pack) => {
      if (pack.status === 'cancelled') return E.right(NOTHING);
      if (pack.status === 'expired') {
        return E.left(refuse('pack_expired', { packId: pack.packId, expiresAt: pack.expiresAt }, `Pack ${pack.packId} has already expired; there is nothing left to cancel.`));
      }
      return accept({ type: 'CreditPackCancelled', data: { packId: pack.packId, reason: c.reason, forfeitedCredits: pack.remaining, by: c.actor, at: c.at } });
    }),
  );

const decideExpire = (c: ExpirePack, state: CreditPackState): Decision =>
  pipe(
    issued(state, c.packId),
    E.chainFirst((pack) => authorize(c.actor, 'credit-pack:expire', pack.owner.companyId)),
    E.chain((pack) => {
      if (pack.status === 'expired' || pack.status === 'cancelled') return E.right(NOTHING);
      if (isBefore(c.at, pack.expiresAt)) {
        return E.left(refuse('not_yet_expired', { packId: pack.packId, expiresAt: pack.expiresAt, at: c.at }, `Pack ${pack.packId} expires at ${pack.expiresAt}, not before.`));
      }
      return accept({ type: 'CreditPackExpired', data: { packId: pack.packId, expiresAt: pack.expiresAt, forfeitedCredits: pack.remaining, by: c.actor, at: c.at } });
    }),
  );

const decideWarning = (c: RecordExpiryWarning, state: CreditPackState): Decision =>
  pipe(
    issued(state, c.packId),
    E.chainFirst((pack) => authorize(c.actor, 'credit-pack:record-expiry-warning', pack.owner.companyId)),
    E.chain((pack) => {
      if (pack.warningsRecorded.has(warningKey(c.warning))) return E.right(NOTHING);
      if (pack.status === 'cancelled') {
        return E.left(refuse('pack_cancelled', { packId: pack.packId }, `Pack ${pack.packId} was cancelled; no expiry warning applies.`));
      }
      if (pack.remaining.isZero()) {
        return E.left(refuse('nothing_to_warn_about', { packId: pack.packId }, `Pack ${pack.packId} has no credits left; its owner loses nothing at expiry.`));
      }
      const dueFrom = c.warning.type === 'before_expiry' ? addDaysToInstant(pack.expiresAt, -c.warning.daysBefore) : pack.expiresAt;
      const dueBefore = c.warning.type === 'before_expiry' ? pack.expiresAt : undefined;
      if (isBefore(c.at, dueFrom) || (dueBefore !== undefined && !isBefore(c.at, dueBefore))) {
        return E.left(refuse('warning_not_due', { packId: pack.packId, warning: c.warning, dueFrom, dueBefore, at: c.at },
          dueBefore === undefined
            ? `The after-expiry warning for pack ${pack.packId} is due from ${dueFrom}.`
            : `This warning for pack ${pack.packId} is due from ${dueFrom} until the expiry at ${dueBefore}.`));
      }
      return accept({ type: 'ExpiryWarningRecorded', data: { packId: pack.packId, warning: c.warning, expiresAt: pack.expiresAt, remaining: pack.remaining, by: c.actor, at: c.at } });
    }),
  );

/**
 * Decides a credit-pack command against the pack's state: the events it causes, or the
 * reason it is refused. Pure: everything it needs (the actor, the instant, the project's
 * office and contacts) is in the command.
 */
export const decideCreditPack = (command: CreditPackCommand, state: CreditPackState): Decision => {
  switch (command.type) {
    case 'IssueCreditPack': return decideIssue(command, state);
    case 'ConsumeCredits': return decideConsume(command, state);
    case 'RefundConsumption': return decideRefund(command, state);
    case 'CorrectCreditValue': return decideCorrection(command, state);
    case 'EditPackDetails': return decideEdit(command, state);
    case 'SetCreditStatus': return decideCreditStatus(command, state);
    case 'ChangeOwner': return decideChangeOwner(command, state);
    case 'ReissueToNewOwner': return decideReissue(command, state);
    case 'CancelPack': return decideCancel(command, state);
    case 'ExpirePack': return decideExpire(command, state);
    case 'RecordExpiryWarning': return decideWarning(command, state);
  }
};

/**
 * The second half of a reissue: the command that issues the new pack, built from the old
 * pack and its `CreditPackReissued` event. Same order, products, managers, invoice contact
 * and expiry; the transferred credits; linked back by `reissuedFrom`. Retrying it is safe:
 * issuing the same pack again changes nothing.
 */
export const reissuedPackCommand = (
  old: IssuedPack,
  reissued: Extract<CreditPackEvent, { type: 'CreditPackReissued' }>,
): IssueCreditPack => ({
  type: 'IssueCreditPack',
  packId: reissued.data.newPackId,
  orderId: old.orderId,
  name: old.name,
  owner: reissued.data.newOwner,
  credits: reissued.data.transferredCredits,
  price: old.price,
  linkedProducts: old.linkedProducts,
  relationshipManagerId: old.relationshipManagerId,
  projectManagerId: old.projectManagerId,
  invoiceContactId: old.invoiceContactId,
  expiry: { type: 'on', at: old.expiresAt },
  reissuedFrom: old.packId,
  actor: reissued.data.by,
  at: reissued.data.at,
});
