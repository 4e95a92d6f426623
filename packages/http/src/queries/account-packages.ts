import { domainError } from '@packledger/domain';
import { accountBilling, accountInvoices, type AccountBilling, type ReadModelStore } from '@packledger/projections';
import { queryParams } from '../query-params';
import { errorResponse, jsonResponse } from '../responses';
import type { Route } from '../routes';
import { backOfficeQuery } from './back-office';

/** The account-package query routes (ISP back office: staff only). */
export const accountPackageQueryRoutes = (readModels: ReadModelStore): readonly Route[] => [
  backOfficeQuery('/account-packages/:accountPackageId/billing', "One account package's billing: next bill date, billed through, status, and its charges per invoice",
    queryParams({}, {}),
    async ({ params }) => {
      const id = params.accountPackageId ?? '';
      const billing = (await readModels.get(accountBilling.name, [id])).get(id) as unknown as AccountBilling | undefined;
      return billing === undefined
        ? errorResponse(domainError('package_not_found', { accountPackageId: id }, `No account package ${id}; check the id (a deleted package has no billing).`))
        : jsonResponse(200, billing);
    }),

  backOfficeQuery('/accounts/:accountId/invoices', "An account's invoices: number, bill period, totals per currency, and every line with its package",
    queryParams({}, {}),
    async ({ params }) => {
      const accountId = params.accountId ?? '';
      return jsonResponse(200, { accountId, invoices: accountInvoices((await readModels.all(accountBilling.name)) as unknown as AccountBilling[], accountId) });
    }),
];
