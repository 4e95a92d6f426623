import type { Json } from '@packledger/application';

/**
 * Header values as `node:http` gives them. Names may come in any case: the handler looks
 * them up case-insensitively.
 */
export type HttpHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Query parameters: one value, or several when the parameter is repeated (`?status=a&status=b`). */
export type HttpQuery = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * A request as the framework-free core sees it.
 *
 * `body` is JSON text or an already parsed value: a `string` is always parsed as JSON
 * text (so a host that parsed the body itself must pass the parsed value, never a
 * re-serialised string); `undefined` (or an empty string) means no body.
 *
 * @example
 * const request: HttpRequest = {
 *   method: 'GET', path: '/credit-packs/pack-1', query: {},
 *   headers: { authorization: 'Bearer staff-token' }, body: undefined,
 * };
 */
export interface HttpRequest {
  readonly method: string;
  /** The path only, without the query string, as sent (not percent-decoded: ids never need it). */
  readonly path: string;
  readonly query: HttpQuery;
  readonly headers: HttpHeaders;
  readonly body: unknown;
}

/** A response: a status, headers (lower-case names) and a JSON body, always JSON. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Json;
}

/**
 * The framework-free core: a request in, a response out. It never rejects: a failure of
 * the host's store or authenticator is a 500 response (see `HttpOptions.onError`).
 *
 * @example
 * const response = await handle({ method: 'GET', path: '/client-packages', query: {}, headers, body: undefined });
 * console.log(response.status, response.body);
 */
export type HttpHandler = (request: HttpRequest) => Promise<HttpResponse>;

/** The values of a header, whatever the case of its name in `headers`; empty when absent. */
export const headerValues = (headers: HttpHeaders, name: string): readonly string[] => {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  if (typeof headers !== 'object' || headers === null) return values;
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    const value: unknown = headers[key];
    if (typeof value === 'string') values.push(value);
    else if (Array.isArray(value)) values.push(...value.filter((v): v is string => typeof v === 'string'));
  }
  return values;
};
