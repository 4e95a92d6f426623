import {
  officeCreditInformation,
  trackingReport,
  type CreditBalance,
  type CreditHistory,
  type TrackedPack,
} from '@packledger/projections';
import { table } from '../table';

const owner = (p: { ownerType: 'office' | 'user'; officeId: string; userId: string | null }) => (p.ownerType === 'office' ? `office ${p.officeId}` : `user ${p.userId ?? ''}`);

/** One row per pack: owner, status, the credit movements and what is left. */
export const balancesTable = (packs: readonly CreditBalance[]): string =>
  table(
    ['pack', 'owner', 'status', 'issued', 'corrected', 'consumed', 'refunded', 'moved', 'remaining', 'expires'],
    packs.map((p) => [p.name, owner(p), p.status, p.issued, p.corrected, p.consumed, p.refunded, p.transferred, p.remaining, p.expiresAt.slice(0, 10)]),
  );

/** Every transaction in and out of a pack, in order (the Credit History pop-up). */
export const historyTable = (history: CreditHistory): string =>
  table(['when', 'what', 'credits', 'balance', 'project', 'invoice', 'by', 'detail'], history.entries.map((e) => [
    e.at.slice(0, 16).replace('T', ' '), e.kind, e.credits, e.balance, e.projectId ?? '', e.invoiceId ?? '', e.by, e.detail,
  ]));

/** The Credit Pack Content Plan Tracking report at an instant. */
export const trackingTable = (packs: readonly TrackedPack[], at: string): string =>
  table(['pack', 'company', 'owner', 'PM', 'RM', 'remaining', 'expires', 'projects', 'credit status', 'notes'], trackingReport(packs, {}, at).map((p) => [
    p.name, p.companyId, owner(p), p.projectManagerId, p.relationshipManagerId, p.remaining, p.expiresAt.slice(0, 10),
    p.projects.map((x) => `${x.projectId} (${x.credits})`).join(', '), p.creditStatus, p.specialNotes,
  ]));

/** An office's Credit Information tab at an instant: its packs and its users' packs, active and expired. */
export const officeCreditTable = (packs: readonly CreditBalance[], officeId: string, at: string): string =>
  table(['pack', 'owner type', 'owner', 'remaining', 'expires', 'status'], officeCreditInformation(packs, officeId, at).map((r) => [
    r.name, r.ownerType, r.owner, r.remaining, r.expiresAt.slice(0, 10), r.status,
  ]));
