import type { ReadModelStore } from '@packledger/projections';
import type { AccountBilling, ClientPackageRow, CreditBalance, CreditHistory, TrackedPack } from '@packledger/projections';
import { billingSection, invoiceSections } from './account-packages';
import { clientPackagesSection, limitsHistorySection } from './client-packages';
import { balancesSection, historySections, officeCreditSection, trackingSection } from './credit-packs';
import type { Section } from './sections';

export { render, type Format, type Section } from './sections';

/** The reports `packledger replay --report` and `packledger demo` print. */
export const REPORTS = ['balances', 'history', 'tracking', 'office', 'limits', 'billing'] as const;
export type ReportName = (typeof REPORTS)[number];

/** Options of time-dependent and filtered reports. */
export interface ReportOptions {
  /** The instant the report is as of (tracking, office). */
  readonly at: string;
  /** Only this office (office report); every office when absent. */
  readonly officeId?: string;
  /** Only this account (billing report); every account when absent. */
  readonly accountId?: string;
}

const docs = async <T>(readModels: ReadModelStore, view: string): Promise<T[]> => (await readModels.all(view)) as unknown as T[];

/** Builds a report's sections from the views in a read-model store. */
export const buildReport = async (name: ReportName, readModels: ReadModelStore, options: ReportOptions): Promise<Section[]> => {
  switch (name) {
    case 'balances':
      return [balancesSection(await docs<CreditBalance>(readModels, 'credit_balances'))];
    case 'history': {
      const names = new Map((await docs<CreditBalance>(readModels, 'credit_balances')).map((b) => [b.packId, b.name]));
      return historySections(await docs<CreditHistory>(readModels, 'credit_history'), names);
    }
    case 'tracking':
      return [trackingSection(await docs<TrackedPack>(readModels, 'credit_pack_tracking'), options.at)];
    case 'office': {
      const balances = await docs<CreditBalance>(readModels, 'credit_balances');
      const offices = options.officeId === undefined ? [...new Set(balances.map((b) => b.officeId))].sort() : [options.officeId];
      return offices.map((officeId) => officeCreditSection(balances, officeId, options.at));
    }
    case 'limits': {
      const rows = await docs<ClientPackageRow>(readModels, 'client_packages');
      return [clientPackagesSection(rows), ...rows.filter((r) => r.periods.length > 0).map(limitsHistorySection)];
    }
    case 'billing': {
      const billing = await docs<AccountBilling>(readModels, 'account_billing');
      const accounts = options.accountId === undefined ? [...new Set(billing.map((b) => b.accountId))].sort() : [options.accountId];
      return [billingSection(billing), ...accounts.flatMap((a) => invoiceSections(billing, a))];
    }
  }
};
