import { toProblems, type DecodeProblem } from '@packledger/domain';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { excerpt, httpError, type HttpError } from './errors';
import type { HttpQuery } from './messages';

/** Decodes a route's query parameters; Left with every bad or unknown parameter. */
export type QueryDecoder<A> = (query: HttpQuery) => E.Either<HttpError, A>;

const MAX_PROBLEMS = 50;

/**
 * A decoder of query parameters: `required` and `optional` codecs by name; parameters in
 * `repeatable` take a list (`?status=active&status=stopped`), the others exactly one
 * value. An unknown parameter is an error (a misspelt filter must not silently match
 * everything).
 *
 * @example
 * const decode = queryParams({ companyId: EntityId }, { at: InstantString });
 * decode({ companyId: 'acme' }); // Right({ companyId: 'acme' })
 */
export const queryParams = <R extends t.Props, O extends t.Props>(
  required: R,
  optional: O,
  repeatable: readonly (keyof R | keyof O)[] = [],
): QueryDecoder<t.TypeOf<t.TypeC<R>> & t.TypeOf<t.PartialC<O>>> => {
  const codec = t.intersection([t.type(required), t.partial(optional)]);
  const names = [...Object.keys(required), ...Object.keys(optional)];
  const lists = new Set<string>(repeatable.map(String));
  return (query) => {
    const problems: DecodeProblem[] = [];
    const entries: [string, string | string[]][] = [];
    const keys = typeof query === 'object' && query !== null ? Object.keys(query) : [];
    for (const key of keys) {
      if (problems.length >= MAX_PROBLEMS) break;
      const raw: unknown = query[key];
      if (!names.includes(key)) {
        problems.push({ path: excerpt(key), message: `is not a parameter of this route; expected ${names.length === 0 ? 'none' : `one of ${names.join(', ')}`}` });
        continue;
      }
      const values = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : [];
      if (values.length === 0) continue;
      if (lists.has(key)) entries.push([key, values]);
      else if (values.length === 1) entries.push([key, values[0] as string]);
      else problems.push({ path: key, message: `was given ${values.length} times; give it once` });
    }
    const params = Object.fromEntries(entries);
    const decoded = codec.decode(params);
    if (E.isLeft(decoded)) problems.push(...toProblems(decoded.left).filter((p) => !problems.some((q) => q.path === p.path)));
    if (problems.length > 0 || E.isLeft(decoded)) {
      return E.left(httpError('invalid_query', { problems }, `Invalid query: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`));
    }
    return E.right(decoded.right);
  };
};
