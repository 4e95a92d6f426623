import { EntityId, boundedArray, boundedText, domainError } from '@packledger/domain';
import { clientPackages, searchClientPackages, type ClientPackageRow, type ReadModelStore } from '@packledger/projections';
import * as t from 'io-ts';
import { queryParams } from '../query-params';
import { errorResponse, jsonResponse } from '../responses';
import type { Route } from '../routes';
import { backOfficeQuery } from './back-office';

const ClientPackageStatus = t.keyof({ pending: null, active: null, stopping: null, stopped: null, cancelled: null, archived: null }, 'ClientPackageStatus');

/** The client-package query routes (telecom back office: staff only). */
export const clientPackageQueryRoutes = (readModels: ReadModelStore): readonly Route[] => [
  backOfficeQuery('/client-packages', 'The Client Packages list (Advanced Search): `packageName`, `clientId`, `accountId`, `clientPackageId`, `status` (repeatable; default pending and active)',
    queryParams({}, {
      packageName: boundedText('PackageName', 200), clientId: EntityId, accountId: EntityId, clientPackageId: EntityId, status: boundedArray(ClientPackageStatus, 6),
    }, ['status']),
    async (_context, query) => {
      const rows = (await readModels.all(clientPackages.name)) as unknown as ClientPackageRow[];
      const { status, ...search } = query;
      return jsonResponse(200, { packages: searchClientPackages(rows, { ...search, ...(status === undefined ? {} : { statuses: status }) }) });
    }),

  backOfficeQuery('/client-packages/:clientPackageId/limits-history', "One client package's limits history: every period, newest first, with each limit granted, used and left",
    queryParams({}, {}),
    async ({ params }) => {
      const id = params.clientPackageId ?? '';
      const row = (await readModels.get(clientPackages.name, [id])).get(id) as unknown as ClientPackageRow | undefined;
      return row === undefined
        ? errorResponse(domainError('client_package_not_found', { clientPackageId: id }, `No client package ${id}; check the id (a deleted package has no history).`))
        : jsonResponse(200, row);
    }),
];
