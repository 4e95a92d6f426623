import { searchClientPackages, type ClientPackageRow } from '@packledger/projections';
import type { Section } from './sections';

const limit = (l: ClientPackageRow['periods'][number]['limits'][number], value: string) => (l.type === 'volume' ? `${value} min` : `${value} ${l.currency ?? ''}`);

/** A package's limits history (seed 004): one row per period, newest first, with each limit's use. */
export const limitsHistorySection = (row: ClientPackageRow): Section => ({
  title: `Limits history of "${row.packageName}" for ${row.clientId} (${row.clientPackageId}, reactivations: ${row.reactivations})`,
  header: ['period', 'start', 'stop', 'late', ...(row.periods[0]?.limits.map((l) => `${l.prefix} used / limit`) ?? [])],
  rows: row.periods.map((p) => [
    String(p.number), p.start.slice(0, 16).replace('T', ' '), p.end.slice(0, 16).replace('T', ' '), p.late ? 'yes' : '',
    ...p.limits.map((l) => `${limit(l, l.used)} / ${limit(l, l.limit)}`),
  ]),
});

/** The Client Packages list (pending and active, as the seed's default search shows). */
export const clientPackagesSection = (rows: readonly ClientPackageRow[]): Section => ({
  title: 'Client packages (pending and active)',
  header: ['id', 'client', 'account', 'package', 'status', 'limits left', 'current period', 'package start/stop'],
  rows: searchClientPackages(rows).map((r) => [
    r.clientPackageId, r.clientId, r.accountId ?? '', r.packageName, r.status, r.limitsLeft.join(', '),
    r.currentPeriodStart === null ? '' : `${r.currentPeriodStart.slice(0, 10)} .. ${r.currentPeriodEnd?.slice(0, 10) ?? ''}`,
    `${r.packageStart.slice(0, 10)} .. ${r.packageEnd?.slice(0, 10) ?? ''}`,
  ]),
});
