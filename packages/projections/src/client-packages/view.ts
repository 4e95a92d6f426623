import { Dec, CLIENT_PACKAGE_STREAM_PREFIX, type ClientPackageEvent, type PeriodLimit } from '@packledger/domain';
import { compareText, type Positioned, type ProjectedEvent, type View } from '../view';


/** A limit in one period: granted, used and left (decimals as strings; minutes or an amount in `currency`). */
export interface LimitRow {
  readonly type: 'volume' | 'money';
  readonly prefix: string;
  readonly currency: string | null;
  readonly limit: string;
  readonly used: string;
  readonly left: string;
}

/** One period of a package's limits history (seed 004). */
export interface PeriodRow {
  readonly number: number;
  readonly start: string;
  readonly end: string;
  readonly late: boolean;
  readonly limits: readonly LimitRow[];
}

/** A client package with its limits history. */
export interface ClientPackageRow extends Positioned {
  readonly clientPackageId: string;
  readonly clientId: string;
  readonly accountId: string | null;
  readonly packageName: string;
  readonly status: 'pending' | 'active' | 'stopping' | 'stopped' | 'cancelled' | 'archived';
  readonly startDate: string;
  readonly endDate: string | null;
  readonly reactivations: number;
  readonly chargeOnEvent: boolean;
  readonly alignToPaymentTerms: boolean;
  readonly recalculateToPeriod: boolean;
  /** Newest period first, as the seed's Limits History shows them. */
  readonly periods: readonly PeriodRow[];
}

const limitRow = (l: PeriodLimit): LimitRow =>
  l.type === 'volume'
    ? { type: 'volume', prefix: l.prefix, currency: null, limit: l.minutes.toFixed(), used: '0', left: l.minutes.toFixed() }
    : { type: 'money', prefix: l.prefix, currency: l.amount.currency, limit: l.amount.amount.toFixed(), used: '0', left: l.amount.amount.toFixed() };

const updatePeriod = (row: ClientPackageRow, number: number, f: (p: PeriodRow) => PeriodRow): ClientPackageRow['periods'] =>
  row.periods.map((p) => (p.number === number ? f(p) : p));

/** Folds a client-package event into its row. */
export const evolveClientPackageRow = (row: ClientPackageRow | undefined, { event, position }: ProjectedEvent<ClientPackageEvent>): ClientPackageRow | null => {
  const at = position.toString();
  if (event.type === 'ClientPackageAssigned') {
    const d = event.data;
    return {
      position: at, clientPackageId: d.clientPackageId, clientId: d.clientId, accountId: d.accountId ?? null, packageName: d.package.name, status: 'pending',
      startDate: d.startDate, endDate: d.endDate ?? null, reactivations: 0, chargeOnEvent: d.options.chargeOnEvent,
      alignToPaymentTerms: d.options.alignToPaymentTerms, recalculateToPeriod: d.options.recalculateToPeriod, periods: [],
    };
  }
  if (row === undefined) return null;
  switch (event.type) {
    case 'ClientPackageActivated':
    case 'ClientPackageRenewed': {
      const d = event.data;
      const period: PeriodRow = { number: d.period.number, start: d.period.start, end: d.period.end, late: event.type === 'ClientPackageRenewed' && event.data.late, limits: d.limits.map(limitRow) };
      return { ...row, position: at, status: row.status === 'pending' ? 'active' : row.status, packageName: d.packageName, reactivations: d.reactivations, periods: [period, ...row.periods] };
    }
    case 'UsageRatedAgainstLimits': {
      const d = event.data;
      if (d.prefix === undefined || d.consumed.isZero()) return { ...row, position: at };
      return {
        ...row, position: at,
        periods: updatePeriod(row, d.periodNumber, (p) => ({
          ...p,
          limits: p.limits.map((l) => (l.prefix === d.prefix && (d.usageType === 'minutes' ? l.type === 'volume' : l.type === 'money' && l.currency === d.currency)
            ? { ...l, used: new Dec(l.used).plus(d.consumed).toFixed(), left: new Dec(l.left).minus(d.consumed).toFixed() }
            : l)),
        })),
      };
    }
    case 'ClientPackageStoppedAtPeriodStart':
      return {
        ...row, position: at, status: 'stopped',
        periods: updatePeriod(row, event.data.periodNumber, (p) => ({ ...p, limits: p.limits.map((l) => ({ ...l, used: '0', left: l.limit })) })),
      };
    case 'ClientPackageStopScheduled':
      return { ...row, position: at, status: 'stopping' };
    case 'ClientPackageCancelled':
      return { ...row, position: at, status: 'cancelled' };
    case 'ClientPackageEndDateChanged':
      return { ...row, position: at, endDate: event.data.endDate };
    case 'ClientPackageRenamed':
      return { ...row, position: at, packageName: event.data.name };
    case 'ClientPackageArchived':
      return { ...row, position: at, status: 'archived' };
    case 'ClientPackageDeleted':
      return null;
    case 'ClientPackageRenewalDeferred':
      return { ...row, position: at };
  }
};

/** Client packages with their limits history: one document per assigned package; a deleted package disappears. */
export const clientPackages: View<ClientPackageRow> = {
  name: 'client_packages',
  streamPrefixes: [CLIENT_PACKAGE_STREAM_PREFIX],
  documentId: (e) => (e.stream.startsWith(CLIENT_PACKAGE_STREAM_PREFIX) ? (e.event as ClientPackageEvent).data.clientPackageId : undefined),
  evolve: (row, e) => evolveClientPackageRow(row, e as ProjectedEvent<ClientPackageEvent>),
};

/** The seed's Advanced Search: all optional; statuses default to pending and active. `packageName` matches case-insensitively. */
export interface ClientPackageSearch {
  readonly packageName?: string;
  readonly clientId?: string;
  readonly accountId?: string;
  readonly statuses?: readonly ClientPackageRow['status'][];
  readonly clientPackageId?: string;
}

/** A line of the Client Packages list. */
export interface ClientPackageListRow {
  readonly clientPackageId: string;
  readonly clientId: string;
  readonly accountId: string | null;
  readonly packageName: string;
  readonly status: ClientPackageRow['status'];
  /** What is left of each limit in the current period, such as `380 95.50 USD` or `38044 12 min`. */
  readonly limitsLeft: readonly string[];
  readonly currentPeriodStart: string | null;
  readonly currentPeriodEnd: string | null;
  readonly packageStart: string;
  readonly packageEnd: string | null;
}

/** The Client Packages list, filtered as the seed's Advanced Search does, by id. */
export const searchClientPackages = (rows: Iterable<ClientPackageRow>, search: ClientPackageSearch = {}): ClientPackageListRow[] => {
  const statuses = search.statuses ?? ['pending', 'active'];
  const name = search.packageName?.toLowerCase();
  return [...rows]
    .filter((r) => statuses.includes(r.status))
    .filter((r) => name === undefined || r.packageName.toLowerCase().includes(name))
    .filter((r) => search.clientId === undefined || r.clientId === search.clientId)
    .filter((r) => search.accountId === undefined || r.accountId === search.accountId)
    .filter((r) => search.clientPackageId === undefined || r.clientPackageId === search.clientPackageId)
    .sort((a, b) => compareText(a.clientPackageId, b.clientPackageId))
    .map((r) => {
      const current = r.periods[0];
      return {
        clientPackageId: r.clientPackageId, clientId: r.clientId, accountId: r.accountId, packageName: r.packageName, status: r.status,
        limitsLeft: (current?.limits ?? []).map((l) => `${l.prefix} ${l.left}${l.type === 'volume' ? ' min' : ` ${l.currency ?? ''}`}`),
        currentPeriodStart: current?.start ?? null, currentPeriodEnd: current?.end ?? null, packageStart: r.startDate, packageEnd: r.endDate,
      };
    });
};
