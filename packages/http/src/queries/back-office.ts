import * as E from 'fp-ts/Either';
import { backOfficeSight } from '../access';
import type { HttpResponse } from '../messages';
import type { QueryDecoder } from '../query-params';
import { errorResponse } from '../responses';
import type { Route, RouteContext } from '../routes';

/** A back-office query: staff only (403 for every Client Hub role), then the query (400). */
export const backOfficeQuery = <Q>(path: string, summary: string, decodeQuery: QueryDecoder<Q>, answer: (context: RouteContext, query: Q) => Promise<HttpResponse>): Route => ({
  method: 'GET',
  path,
  summary,
  handle: async (context) => {
    const allowed = backOfficeSight(context.actor);
    if (E.isLeft(allowed)) return errorResponse(allowed.left);
    const query = decodeQuery(context.request.query);
    return E.isLeft(query) ? errorResponse(query.left) : answer(context, query.right);
  },
});

