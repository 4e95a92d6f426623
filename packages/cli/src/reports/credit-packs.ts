import { officeCreditInformation, trackingReport, type CreditBalance, type CreditHistory, type TrackedPack } from '@packledger/projections';
import type { Section } from './sections';

const owner = (p: { ownerType: 'office' | 'user'; officeId: string; userId: string | null }) => (p.ownerType === 'office' ? `office ${p.officeId}` : `user ${p.userId ?? ''}`);

/** One row per pack: owner, status, the credit movements and what is left. */
export const balancesSection = (packs: readonly CreditBalance[]): Section => ({
  title: 'Credit balances',
  header: ['pack', 'id', 'owner', 'status', 'issued', 'corrected', 'consumed', 'refunded', 'moved', 'remaining', 'expires'],
  rows: packs.map((p) => [p.name, p.packId, owner(p), p.status, p.issued, p.corrected, p.consumed, p.refunded, p.transferred, p.remaining, p.expiresAt.slice(0, 10)]),
});

/** Every transaction in and out of each pack, in order (the Credit History pop-up). */
export const historySections = (histories: readonly CreditHistory[], names: ReadonlyMap<string, string> = new Map()): Section[] =>
  histories.map((h) => ({
    title: `Credit history of "${names.get(h.packId) ?? h.packId}" (${h.packId})`,
    header: ['when', 'what', 'credits', 'balance', 'project', 'invoice', 'by', 'detail'],
    rows: h.entries.map((e) => [e.at.slice(0, 16).replace('T', ' '), e.kind, e.credits, e.balance, e.projectId ?? '', e.invoiceId ?? '', e.by, e.detail]),
  }));

/** The Credit Pack Content Plan Tracking report at an instant. */
export const trackingSection = (packs: readonly TrackedPack[], at: string): Section => ({
  title: `Credit Pack Content Plan Tracking at ${at.slice(0, 10)} (active packs)`,
  header: ['pack', 'company', 'owner', 'PM', 'RM', 'remaining', 'expires', 'projects', 'credit status', 'notes'],
  rows: trackingReport(packs, {}, at).map((p) => [
    p.name, p.companyId, owner(p), p.projectManagerId, p.relationshipManagerId, p.remaining, p.expiresAt.slice(0, 10),
    p.projects.map((x) => `${x.projectId} (${x.credits})`).join(', '), p.creditStatus, p.specialNotes,
  ]),
});

/** An office's Credit Information tab at an instant: its packs and its users' packs, active and expired. */
export const officeCreditSection = (packs: readonly CreditBalance[], officeId: string, at: string): Section => ({
  title: `Credit information of office ${officeId} at ${at.slice(0, 10)} (active and expired)`,
  header: ['pack', 'owner type', 'owner', 'remaining', 'expires', 'status'],
  rows: officeCreditInformation(packs, officeId, at).map((r) => [r.name, r.ownerType, r.owner, r.remaining, r.expiresAt.slice(0, 10), r.status]),
});
