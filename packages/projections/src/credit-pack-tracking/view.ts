import { Dec, CREDIT_PACK_STREAM_PREFIX, type CreditPackEvent } from '@packledger/domain';
import { compareText, type Positioned, type ProjectedEvent, type View } from '../view';


/** A row of the Credit Pack Content Plan Tracking report (seed 000): an active pack. */
export interface TrackedPack extends Positioned {
  readonly packId: string;
  readonly name: string;
  readonly companyId: string;
  readonly officeId: string;
  readonly ownerType: 'office' | 'user';
  readonly userId: string | null;
  readonly projectManagerId: string;
  readonly relationshipManagerId: string;
  readonly remaining: string;
  readonly expiresAt: string;
  /** The projects the credits were used for, with the credits each took (net of refunds). */
  readonly projects: readonly { readonly projectId: string; readonly credits: string }[];
  readonly creditStatus: string;
  readonly specialNotes: string;
}

const addToProject = (projects: TrackedPack['projects'], projectId: string, credits: Dec): TrackedPack['projects'] =>
  projects.some((p) => p.projectId === projectId)
    ? projects.map((p) => (p.projectId === projectId ? { projectId, credits: new Dec(p.credits).plus(credits).toFixed() } : p))
    : [...projects, { projectId, credits: credits.toFixed() }];

/**
 * Folds an event into the tracking report. Only active packs are in it: an expired,
 * cancelled or reissued pack leaves the report (its record stays in the balances and the
 * office's credit information).
 */
export const evolveTrackedPack = (doc: TrackedPack | undefined, { event, position }: ProjectedEvent<CreditPackEvent>): TrackedPack | null => {
  const at = position.toString();
  if (event.type === 'CreditPackIssued') {
    const d = event.data;
    return {
      position: at, packId: d.packId, name: d.name, companyId: d.owner.companyId, officeId: d.owner.officeId, ownerType: d.owner.type,
      userId: d.owner.type === 'user' ? d.owner.userId : null, projectManagerId: d.projectManagerId, relationshipManagerId: d.relationshipManagerId,
      remaining: d.credits.toFixed(), expiresAt: d.expiresAt, projects: [], creditStatus: '', specialNotes: '',
    };
  }
  if (doc === undefined) return null;
  switch (event.type) {
    case 'CreditsConsumed':
      return { ...doc, position: at, remaining: event.data.remaining.toFixed(), projects: addToProject(doc.projects, event.data.projectId, event.data.credits) };
    case 'CreditsRefunded':
      return { ...doc, position: at, remaining: event.data.remaining.toFixed(), projects: addToProject(doc.projects, event.data.projectId, event.data.credits.negated()) };
    case 'CreditValueCorrected':
      return { ...doc, position: at, remaining: event.data.remaining.toFixed() };
    case 'PackDetailsEdited':
      return {
        ...doc, position: at, name: event.data.name ?? doc.name, relationshipManagerId: event.data.relationshipManagerId ?? doc.relationshipManagerId,
        projectManagerId: event.data.projectManagerId ?? doc.projectManagerId,
      };
    case 'CreditStatusSet':
      return { ...doc, position: at, creditStatus: event.data.creditStatus, specialNotes: event.data.specialNotes };
    case 'CreditPackExpired':
    case 'CreditPackCancelled':
    case 'CreditPackReissued':
      return null;
    case 'CreditPackExhausted':
    case 'ExpiryWarningRecorded':
      return { ...doc, position: at };
  }
};

/** Credit-pack tracking: one document per active pack. */
export const creditPackTracking: View<TrackedPack> = {
  name: 'credit_pack_tracking',
  streamPrefixes: [CREDIT_PACK_STREAM_PREFIX],
  documentId: (e) => (e.stream.startsWith(CREDIT_PACK_STREAM_PREFIX) ? (e.event as CreditPackEvent).data.packId : undefined),
  evolve: (doc, e) => evolveTrackedPack(doc, e as ProjectedEvent<CreditPackEvent>),
};

/** The report's filters; all optional, combined with AND. `search` matches pack name, pack id or company, case-insensitively. */
export interface TrackingFilter {
  readonly companyId?: string;
  readonly projectManagerId?: string;
  readonly relationshipManagerId?: string;
  readonly search?: string;
}

/** The tracking report at `at`: active, unexpired packs matching the filter, soonest-expiring first. */
export const trackingReport = (packs: Iterable<TrackedPack>, filter: TrackingFilter, at: string): TrackedPack[] => {
  const needle = filter.search?.trim().toLowerCase();
  return [...packs]
    .filter((p) => Date.parse(p.expiresAt) > Date.parse(at))
    .filter((p) => filter.companyId === undefined || p.companyId === filter.companyId)
    .filter((p) => filter.projectManagerId === undefined || p.projectManagerId === filter.projectManagerId)
    .filter((p) => filter.relationshipManagerId === undefined || p.relationshipManagerId === filter.relationshipManagerId)
    .filter((p) => needle === undefined || needle === '' || [p.name, p.packId, p.companyId].some((s) => s.toLowerCase().includes(needle)))
    .sort((a, b) => compareText(a.expiresAt, b.expiresAt) || compareText(a.packId, b.packId));
};
