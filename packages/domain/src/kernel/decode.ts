import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { domainError, type DomainError } from './errors';

/** One bad field: where it is (`owner.officeId`, `linkedProducts.2`) and what is wrong with it. */
export interface DecodeProblem {
  readonly path: string;
  readonly message: string;
}

/** The refusal of input that does not match its codec; lists every bad field. */
export type DecodeError = DomainError<'invalid_input', { readonly codec: string; readonly problems: readonly DecodeProblem[] }>;

const MAX_PROBLEMS = 50;

const describe = (u: unknown): string => {
  if (u === undefined) return 'nothing';
  if (u === null) return 'null';
  if (typeof u === 'string') return u.length > 40 ? `a string of ${u.length} characters` : JSON.stringify(u);
  if (typeof u === 'number' || typeof u === 'boolean') return String(u);
  return Array.isArray(u) ? 'an array' : typeof u === 'object' ? 'an object' : typeof u;
};

const COMBINATORS = new Set(['UnionType', 'IntersectionType']);
const WRAPPERS = new Set(['ExactType', 'RefinementType', 'ReadonlyType']);

/** True when the key under this codec is a member index of a union or intersection, not a field. */
const isMemberIndex = (codec: unknown): boolean => {
  let c = codec as { _tag?: string; type?: unknown } | undefined;
  while (c?._tag !== undefined && WRAPPERS.has(c._tag)) c = c.type as typeof c;
  return c?._tag !== undefined && COMBINATORS.has(c._tag);
};

const pathOf = (context: t.Context): string => {
  const keys: string[] = [];
  for (let i = 1; i < context.length; i++) {
    if (isMemberIndex(context[i - 1]?.type)) continue;
    keys.push(context[i]?.key ?? '');
  }
  return keys.length === 0 ? '(root)' : keys.join('.');
};

/** Turns io-ts errors into problems, one per path, each with a message a person can act on. */
export const toProblems = (errors: t.Errors): DecodeProblem[] => {
  const seen = new Map<string, string>();
  for (const error of errors) {
    const path = pathOf(error.context);
    if (seen.has(path)) continue;
    const expected = error.context[error.context.length - 1]?.type.name ?? 'a value';
    seen.set(path, error.message ?? (error.value === undefined ? `is missing (expected ${expected})` : `expected ${expected}, got ${describe(error.value)}`));
    if (seen.size >= MAX_PROBLEMS) break;
  }
  return [...seen].map(([path, message]) => ({ path, message }));
};

/** Builds the {@link DecodeError} for a codec's failures. */
export const decodeError = (codec: string, problems: readonly DecodeProblem[]): DecodeError =>
  domainError('invalid_input', { codec, problems }, `Invalid ${codec}: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);

/**
 * The path of the first own `__proto__` key in the input, if any. JSON.parse makes such keys
 * own properties; io-ts copies objects with Object.assign, which would turn one into the
 * copy's prototype and let its fields through unvalidated. Walked without recursion, so
 * deep nesting cannot overflow the stack.
 */
const protoKeyPath = (input: unknown): string | undefined => {
  // The common case, no such key, is walked without building any path; a path is built only
  // for an input that has one, by walking it again.
  if (!hasOwnProtoKey(input)) return undefined;
  const stack: { value: unknown; path: string }[] = [{ value: input, path: '' }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: string };
    if (typeof value !== 'object' || value === null) continue;
    if (Object.prototype.hasOwnProperty.call(value, '__proto__')) return path === '' ? '__proto__' : `${path}.__proto__`;
    for (const key of Object.keys(value)) stack.push({ value: (value as Record<string, unknown>)[key], path: path === '' ? key : `${path}.${key}` });
  }
  return undefined;
};

const hasOwnProtoKey = (input: unknown): boolean => {
  if (typeof input !== 'object' || input === null) return false;
  const stack: object[] = [input];
  while (stack.length > 0) {
    const value = stack.pop() as Record<string, unknown>;
    if (Object.prototype.hasOwnProperty.call(value, '__proto__')) return true;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (typeof item === 'object' && item !== null) stack.push(item);
      }
    } else {
      for (const key in value) {
        if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
        const item = value[key];
        if (typeof item === 'object' && item !== null) stack.push(item);
      }
    }
  }
  return false;
};

/** Decodes unknown input with a codec; never throws, and on failure lists every bad field. */
export const decodeWith = <A, O>(codec: t.Type<A, O, unknown>, input: unknown): E.Either<DecodeError, A> => {
  const proto = protoKeyPath(input);
  if (proto !== undefined) return E.left(decodeError(codec.name, [{ path: proto, message: 'the key "__proto__" is not allowed' }]));
  const result = codec.decode(input);
  return E.isRight(result) ? result : E.left(decodeError(codec.name, toProblems(result.left)));
};

/**
 * Decodes a `{ type: ..., ... }` message by looking at its `type` first and then using that
 * type's codec, so an error names the fields of the right message, not of every member.
 */
export const decodeTagged = <K extends string, A>(
  what: string,
  codecs: { readonly [k in K]: t.Type<A, unknown, unknown> },
  input: unknown,
): E.Either<DecodeError, A> => {
  const type = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return E.left(decodeError(what, [{ path: '(root)', message: `expected an object with a "type", got ${describe(input)}` }]));
  }
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(codecs, type)) {
    return E.left(decodeError(what, [{ path: 'type', message: `must be one of ${Object.keys(codecs).join(', ')}; got ${describe(type)}` }]));
  }
  return decodeWith(codecs[type as K], input);
};

const lengthChecked = <C extends t.Mixed>(item: C, min: number, max: number, name: string) => {
  const inner = t.readonlyArray(item);
  return new t.Type<ReadonlyArray<t.TypeOf<C>>, ReadonlyArray<t.OutputOf<C>>, unknown>(
    name,
    (u): u is ReadonlyArray<t.TypeOf<C>> => inner.is(u) && u.length >= min && u.length <= max,
    (u, c) =>
      Array.isArray(u) && (u.length < min || u.length > max)
        ? t.failure(u, c, `must hold ${min === max ? min : `${min} to ${max}`} items; got ${u.length}`)
        : inner.validate(u, c),
    inner.encode,
  );
};

/** An array of at most `max` items, checked before any item is decoded (a huge list is a decode error). */
export const boundedArray = <C extends t.Mixed>(item: C, max: number) => lengthChecked(item, 0, max, `Array<${item.name}>`);

/** A non-empty array of at most `max` items. */
export const nonEmptyBoundedArray = <C extends t.Mixed>(item: C, max: number) => lengthChecked(item, 1, max, `Array<${item.name}>`);
