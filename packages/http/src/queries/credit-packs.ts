import { EntityId, InstantString, boundedArray, boundedText, domainError, type DomainError } from '@packledger/domain';
import {
  availableToClient,
  availableToOwner,
  creditBalances,
  creditHistory,
  creditPackTracking,
  officeCreditInformation,
  packsAvailableFor,
  packsOfOwner,
  trackingReport,
  type CreditBalance,
  type CreditHistory,
  type ReadModelStore,
  type TrackedPack,
} from '@packledger/projections';
import * as E from 'fp-ts/Either';
import { creditPackSight, type CreditPackSight } from '../access';
import { queryParams, type QueryDecoder } from '../query-params';
import type { HttpResponse } from '../messages';
import { errorResponse, jsonResponse } from '../responses';
import type { Route, RouteContext } from '../routes';

const atParam = { at: InstantString };

const packNotFound = (packId: string): DomainError =>
  domainError('pack_not_found', { packId }, `No credit pack ${packId} is visible to you; check the pack id.`);

const otherCompany = (companyId: string): DomainError =>
  domainError('forbidden', { companyId }, `You may see only your own company's credit packs, not those of company ${companyId}.`);

/**
 * A credit-pack query: checks the actor may read credit packs at all (403 for a Client
 * Hub user), decodes the query (400), then answers from what the actor may see.
 */
const creditQuery = <Q>(
  path: string,
  summary: string,
  decodeQuery: QueryDecoder<Q>,
  answer: (context: RouteContext, query: Q, sees: CreditPackSight) => Promise<HttpResponse>,
): Route => ({
  method: 'GET',
  path,
  summary,
  handle: async (context) => {
    const sight = creditPackSight(context.actor);
    if (E.isLeft(sight)) return errorResponse(sight.left);
    const query = decodeQuery(context.request.query);
    if (E.isLeft(query)) return errorResponse(query.left);
    return answer(context, query.right, sight.right);
  },
});

/** Every pack's balance document the actor may see. */
const visibleBalances = async (readModels: ReadModelStore, sees: CreditPackSight): Promise<CreditBalance[]> =>
  ((await readModels.all(creditBalances.name)) as unknown as CreditBalance[]).filter((p) => sees(p.companyId));

/** One pack's balance, or undefined when it does not exist or the actor may not see it (the same answer: ids of other companies' packs are not confirmed). */
const visibleBalance = async (readModels: ReadModelStore, sees: CreditPackSight, packId: string): Promise<CreditBalance | undefined> => {
  const found = (await readModels.get(creditBalances.name, [packId])).get(packId) as unknown as CreditBalance | undefined;
  return found !== undefined && sees(found.companyId) ? found : undefined;
};

/**
 * The credit-pack query routes. Visibility (seed 002): staff and the scheduler see every
 * company; Client Hub `accounts`/`admin` users see their own company's packs: a route
 * naming another company is 403, a pack of another company is 404 like a pack that does
 * not exist, and owner or project queries show only their own company's packs; a Client
 * Hub `user` gets 403 on every one of these routes.
 */
export const creditPackQueryRoutes = (readModels: ReadModelStore): readonly Route[] => [
  creditQuery('/credit-packs/:packId', "One pack's balance: issued, used, refunded, corrected, remaining, status, expiry", queryParams({}, {}),
    async ({ params }, _query, sees) => {
      const packId = params.packId ?? '';
      const pack = await visibleBalance(readModels, sees, packId);
      return pack === undefined ? errorResponse(packNotFound(packId)) : jsonResponse(200, pack);
    }),

  creditQuery('/credit-packs/:packId/history', "One pack's credit history: every transaction in and out, with projects and invoices", queryParams({}, {}),
    async ({ params }, _query, sees) => {
      const packId = params.packId ?? '';
      const pack = await visibleBalance(readModels, sees, packId);
      const history = pack === undefined ? undefined : ((await readModels.get(creditHistory.name, [packId])).get(packId) as unknown as CreditHistory | undefined);
      return history === undefined ? errorResponse(packNotFound(packId)) : jsonResponse(200, history);
    }),

  creditQuery('/companies/:companyId/credit-balance', "A client company's available credits and its packs (`at`: instant, default now)", queryParams({}, atParam),
    async ({ params, now }, query, sees) => {
      const companyId = params.companyId ?? '';
      if (!sees(companyId)) return errorResponse(otherCompany(companyId));
      const at = query.at ?? now;
      const packs = (await visibleBalances(readModels, sees)).filter((p) => p.companyId === companyId);
      return jsonResponse(200, { companyId, at, available: availableToClient(packs, companyId, at), packs });
    }),

  creditQuery('/offices/:officeId/credit-balance', "An office's available credits and the packs it owns (`at`)", queryParams({}, atParam),
    async ({ params, now }, query, sees) => {
      const officeId = params.officeId ?? '';
      const at = query.at ?? now;
      const visible = await visibleBalances(readModels, sees);
      return jsonResponse(200, { officeId, at, available: availableToOwner(visible, { officeId }, at), packs: packsOfOwner(visible, { officeId }) });
    }),

  creditQuery('/users/:userId/credit-balance', "A user's available credits and the packs they own (`at`)", queryParams({}, atParam),
    async ({ params, now }, query, sees) => {
      const userId = params.userId ?? '';
      const at = query.at ?? now;
      const visible = await visibleBalances(readModels, sees);
      return jsonResponse(200, { userId, at, available: availableToOwner(visible, { userId }, at), packs: packsOfOwner(visible, { userId }) });
    }),

  creditQuery('/offices/:officeId/credit-information', "An office's Credit Information tab: its and its users' packs, active and expired (`at`)", queryParams({}, atParam),
    async ({ params, now }, query, sees) => {
      const officeId = params.officeId ?? '';
      const at = query.at ?? now;
      return jsonResponse(200, { officeId, at, packs: officeCreditInformation(await visibleBalances(readModels, sees), officeId, at) });
    }),

  creditQuery('/credit-pack-tracking', 'The Credit Pack Content Plan Tracking report: active packs; filters `companyId`, `projectManagerId`, `relationshipManagerId`, `search`, `at`',
    queryParams({}, { companyId: EntityId, projectManagerId: EntityId, relationshipManagerId: EntityId, search: boundedText('Search', 200), ...atParam }),
    async ({ now }, query, sees) => {
      if (query.companyId !== undefined && !sees(query.companyId)) return errorResponse(otherCompany(query.companyId));
      const at = query.at ?? now;
      const tracked = ((await readModels.all(creditPackTracking.name)) as unknown as TrackedPack[]).filter((p) => sees(p.companyId));
      const { at: _at, ...filter } = query;
      return jsonResponse(200, { at, packs: trackingReport(tracked, filter, at) });
    }),

  creditQuery('/available-credit-packs', 'Packs that can pay for a product on a project or invoice line: `companyId`, `officeId`, `productId`, `contactUserId` (repeatable), `at`',
    queryParams({ companyId: EntityId, officeId: EntityId, productId: EntityId }, { contactUserId: boundedArray(EntityId, 500), ...atParam }, ['contactUserId']),
    async ({ now }, query, sees) => {
      if (!sees(query.companyId)) return errorResponse(otherCompany(query.companyId));
      const at = query.at ?? now;
      const project = { companyId: query.companyId, officeId: query.officeId, productId: query.productId, contactUserIds: query.contactUserId ?? [] };
      return jsonResponse(200, { at, packs: packsAvailableFor(await visibleBalances(readModels, sees), project, at) });
    }),
];
