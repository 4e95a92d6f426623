import { clientPackages, searchClientPackages, type ClientPackageListRow, type ClientPackageRow, type ClientPackageSearch } from '@packledger/projections';
import type { ReadModelDatabase } from '../read-model-store';
import { SelectionBuilder, field, lowerAsJavaScript, selected, type Selection } from './selection';

/**
 * The documents the client-package search reads: of the statuses (pending and active by
 * default), the client, the account and the id when given (indexes
 * `client_packages_by_*` and the primary key), and whose package name contains the text,
 * ignoring case.
 */
export const clientPackageSelection = (search: ClientPackageSearch, lower: (e: string) => string): Selection => {
  const s = new SelectionBuilder(clientPackages.name);
  s.where(`${field('status')} = ANY (${s.param([...(search.statuses ?? ['pending', 'active'])])}::text[])`);
  if (search.packageName !== undefined) s.where(`strpos(${lower(field('packageName'))}, ${s.param(search.packageName.toLowerCase())}) > 0`);
  if (search.clientId !== undefined) s.where(`${field('clientId')} = ${s.param(search.clientId)}`);
  if (search.accountId !== undefined) s.where(`${field('accountId')} = ${s.param(search.accountId)}`);
  if (search.clientPackageId !== undefined) {
    // A client package's document id is its clientPackageId (the view's documentId): the primary key finds it.
    const id = s.param(search.clientPackageId);
    s.where(`id = ${id}`).where(`${field('clientPackageId')} = ${id}`);
  }
  return s.build();
};

/**
 * The Client Packages list with the seed's Advanced Search, from PostgreSQL: exactly what
 * `searchClientPackages` gives on the same documents, reading only the matching ones.
 *
 * @example
 * const rows = await selectClientPackages(readModels, { clientId: 'rose', statuses: ['active', 'stopping'] });
 */
export const selectClientPackages = async (db: ReadModelDatabase, search: ClientPackageSearch = {}): Promise<ClientPackageListRow[]> =>
  searchClientPackages(await selected<ClientPackageRow>(db, clientPackageSelection(search, await lowerAsJavaScript(db))), search);
