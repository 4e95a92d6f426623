import { creditPackTracking, trackingReport, type TrackedPack, type TrackingFilter } from '@packledger/projections';
import type { ReadModelDatabase } from '../read-model-store';
import { SelectionBuilder, field, instantBound, instantField, lowerAsJavaScript, selected, type Selection } from './selection';

/**
 * The documents the tracking report reads: unexpired at `at`, and of the company, project
 * manager and relationship manager when given (indexes `tracking_by_*`, each with the
 * expiry), and whose name, pack id or company contains the search text, ignoring case.
 * Undefined when `at` leaves nothing to read.
 */
export const trackingSelection = (filter: TrackingFilter, at: string, lower: (e: string) => string): Selection | undefined => {
  const bound = instantBound(at);
  if (bound === undefined) return undefined;
  const s = new SelectionBuilder(creditPackTracking.name);
  s.where(`${instantField('expiresAt')} > ${s.param(bound)}`);
  if (filter.companyId !== undefined) s.where(`${field('companyId')} = ${s.param(filter.companyId)}`);
  if (filter.projectManagerId !== undefined) s.where(`${field('projectManagerId')} = ${s.param(filter.projectManagerId)}`);
  if (filter.relationshipManagerId !== undefined) s.where(`${field('relationshipManagerId')} = ${s.param(filter.relationshipManagerId)}`);
  const needle = filter.search?.trim().toLowerCase();
  if (needle !== undefined && needle !== '') {
    const n = s.param(needle);
    s.where(`(${['name', 'packId', 'companyId'].map((f) => `strpos(${lower(field(f))}, ${n}) > 0`).join(' OR ')})`);
  }
  return s.build();
};

/**
 * The Credit Pack Content Plan Tracking report, from PostgreSQL: exactly what
 * `trackingReport` of `@packledger/projections` gives on the same documents (a property
 * test compares them), but only the matching documents leave the database. They are
 * ordered by `trackingReport` itself, so order and shape are defined in one place.
 *
 * @example
 * const rows = await selectTrackingReport(readModels, { companyId: 'acme', search: 'prod' }, '2026-03-01T00:00:00Z');
 */
export const selectTrackingReport = async (db: ReadModelDatabase, filter: TrackingFilter, at: string): Promise<TrackedPack[]> =>
  trackingReport(await selected<TrackedPack>(db, trackingSelection(filter, at, await lowerAsJavaScript(db))), filter, at);
