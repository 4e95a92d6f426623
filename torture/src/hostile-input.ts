import {
  accountPackageAggregate,
  clientPackageAggregate,
  creditOrderAggregate,
  creditPackAggregate,
  type Aggregate,
  type EncodedEvent,
  type EventCodec,
  type JsonObject,
  type RecordedEvent,
} from '@packledger/application';
import {
  ACCOUNT_PACKAGE_STREAM_PREFIX,
  CLIENT_PACKAGE_STREAM_PREFIX,
  CREDIT_ORDER_STREAM_PREFIX,
  CREDIT_PACK_STREAM_PREFIX,
  accountPackageCommandCodecs,
  clientPackageCommandCodecs,
  creditOrderCommandCodecs,
  creditPackCommandCodecs,
  decodeAccountPackageCommand,
  decodeClientPackageCommand,
  decodeCreditOrderCommand,
  decodeCreditPackCommand,
  fold,
  isCurrency,
  type DecodeError,
} from '@packledger/domain';
import { eventDecoder, packledgerStreams } from '@packledger/projections';
import Decimal from 'decimal.js';
import * as E from 'fp-ts/Either';
import type { JsonCommand } from './commands';
import { explainedBy } from './findings';
import { diceOf, type Dice } from './random';
import { accountPackageSamples, clientPackageSamples, creditOrderSamples, creditPackSamples, sampleHistory } from './samples';

// ---------------------------------------------------------------- hostile values

/** 10 MiB: bigger than any request body limit, far bigger than any field. */
const TEN_MB = 10 * 1024 * 1024;

/**
 * Freezes a value and everything in it, without recursion (so a 10,000-level value freezes
 * too), except what sits under an own `__proto__` key: JSON.parse never freezes, and a
 * decoder that copies such a key makes it a prototype, whose frozenness would change what
 * the decoder does.
 */
const deepFreeze = <A>(value: A): A => {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || Object.isFrozen(v)) continue;
    Object.freeze(v);
    for (const key of Object.getOwnPropertyNames(v)) if (key !== '__proto__') stack.push((v as Record<string, unknown>)[key]);
  }
  return value;
};

/** An object with a key that JSON.parse would make an own property, as a hostile body does (`{"__proto__": ...}`). */
const withOwnKey = (target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> => {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
};

/** The hostile values, built once (and frozen: a decoder that writes to its input throws). */
export interface Arsenal {
  readonly hugeString: string;
  readonly hugeDigits: string;
  readonly deepObject: unknown;
  readonly deepArray: unknown;
  readonly ids: readonly unknown[];
  readonly decimals: readonly unknown[];
  readonly instants: readonly unknown[];
  readonly integers: readonly unknown[];
  readonly anything: readonly unknown[];
}

let arsenal: Arsenal | undefined;
/** The hostile objects themselves: inputs share them (they are frozen), never copy them. */
const shared = new WeakSet<object>();

/** Nesting depth of the deep values: far beyond any codec's own depth. */
export const DEEP = 10_000;

const buildArsenal = (): Arsenal => {
  const hugeString = 'x'.repeat(TEN_MB);
  const hugeDigits = '9'.repeat(TEN_MB);
  let deepObject: unknown = {};
  let deepArray: unknown = [];
  for (let i = 0; i < DEEP; i++) {
    deepObject = { type: 'IssueCreditPack', a: deepObject };
    deepArray = [deepArray];
  }
  const pollution = withOwnKey({}, '__proto__', { polluted: true });
  const constructorPollution = { constructor: { prototype: { polluted: true } } };
  return deepFreeze({
    hugeString,
    hugeDigits,
    deepObject,
    deepArray,
    ids: [
      'a-b', '-', '--', '-a-', 'a$b', '$', '$all', '$ce-creditPack', '$et-CreditsConsumed', '$$x', 'a/b', '/', '../etc', 'a\\b', 'a\nb', '\n', 'a\r\n',
      'a\u0000b', 'a b', ' a', 'a ', 'ü', 'é', '😀', 'ｐ', 'ﬀ', '\u202e', 'a.b', 'a:b', 'a@b', 'a%2Fb', '*', '#', 'creditPack-p0', 'clientPackage-cp0',
      'accountPackage-ap0', 'snapshot-creditPack-p0', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'a'.repeat(64), 'a'.repeat(65),
      '', hugeString, 0, 1, -1, null, true, {}, [], ['p0'],
    ],
    decimals: [
      '-1', '-0', '-0.0', '0', '00', '0.0', '-1e3', '1e1000000', '1E5', '1e-7', '9'.repeat(5000), `0.${'0'.repeat(3000)}1`, `1.${'0'.repeat(3000)}`,
      '9'.repeat(15), '9'.repeat(16), `1.${'1'.repeat(10)}`, `1.${'1'.repeat(11)}`, '0.000001', '0.0000001', 'NaN', 'Infinity', '-Infinity', '0x10',
      '0b1', '1_000', ' 1', '1 ', '+1', '.5', '5.', '1..2', '١٢', '１', '1,5', '--1', '1-', '', hugeDigits, 1, -1, 0, -0, 1.5, 1e308, -1e308,
      Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53 + 1, null, {}, [],
    ],
    instants: [
      '2026-02-30T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T23:60:00Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '+275760-09-13T00:00:00.000Z',
      '-000001-01-01T00:00:00.000Z', '2026-01-01T00:00:00+01:00', '2026-01-01', '2026-01-01T00:00:00.0000Z', '2026-1-1T00:00:00Z', 'yesterday', '', hugeString,
      1767225600000, null,
    ],
    integers: [0, -1, -0, 1.5, 1e308, Number.POSITIVE_INFINITY, 2 ** 53, 2 ** 53 + 2, '1', 10_001, 1e21, null, true],
    anything: [
      null, true, false, 0, -1, 1e308, '', ' ', 'x', '\u0000', hugeString, {}, [], [null], [[]], deepObject, deepArray, pollution, constructorPollution,
      { type: '__proto__' }, Array.from({ length: 1000 }, (_v, i) => i),
    ],
  });
};

/** The hostile values (built once, frozen): huge strings, deep values, adversarial ids, decimals, instants and integers. */
export const hostileValues = (): Arsenal => weapons();

const weapons = (): Arsenal => {
  if (arsenal === undefined) {
    const built = buildArsenal();
    for (const list of [built.ids, built.decimals, built.instants, built.integers, built.anything]) {
      for (const v of list) if (typeof v === 'object' && v !== null) shared.add(v);
    }
    arsenal = built;
  }
  return arsenal;
};

/**
 * Values for a `__proto__` key that name optional fields of the commands with bad content:
 * if a codec lets the prototype through, the decider reads them as if they had been checked.
 */
const OPTIONAL_FIELD_SMUGGLING: readonly unknown[] = deepFreeze([
  { invoiceLine: { invoiceId: '../$all', lineId: 'x\ny' } },
  { reissuedFrom: 'a/b$' },
  { accountId: '$all', endDate: 'not an instant' },
  { status: { code: 'Not A Code', billable: 'yes', readOnly: 1 } },
  { customFields: { 'bad name': 'x' } },
  { effectiveOn: '9999-99-99' },
  { newPackId: '$ce-creditPack' },
]);

const DANGEROUS_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'] as const;
const DECIMAL_KEYS = new Set(['credits', 'correctedCredits', 'amount', 'minutes', 'allowance', 'percent', 'quantity', 'delta', 'requested', 'consumed', 'overflow', 'remaining', 'balance']);
const INSTANT_KEYS = new Set(['at', 'startDate', 'endDate', 'expiresAt', 'stopsAt', 'dueAt', 'from', 'to', 'on', 'effectiveDate', 'effectiveOn', 'cancellationDate', 'postingDate', 'start', 'end']);
const INTEGER_KEYS = new Set(['months', 'daysBefore', 'quantity', 'billDay', 'usageBillDay', 'termMonths', 'count', 'days', 'defaultInstances', 'minInstances', 'maxInstances', 'number', 'schemaVersion']);

/** A random JSON value, with keys drawn from real field names and from the dangerous ones. */
const randomJson = (dice: Dice, depth: number): unknown => {
  const roll = dice.int(0, depth <= 0 ? 5 : 8);
  switch (roll) {
    case 0: return null;
    case 1: return dice.chance(0.5);
    case 2: return dice.pick([0, 1, -1, 1.5, 1e308, -0, 2 ** 31]);
    case 3: return dice.pick(['', 'x', 'p0', '12.50', 'EUR', 'staff', 'office', '2026-01-01T00:00:00Z']);
    case 4: return dice.pick(weapons().ids);
    case 5: return dice.pick(weapons().decimals);
    case 6: return Array.from({ length: dice.int(0, 4) }, () => randomJson(dice, depth - 1));
    default: {
      const out: Record<string, unknown> = {};
      for (let i = dice.int(0, 5); i > 0; i--) {
        const key = dice.chance(0.2) ? dice.pick(DANGEROUS_KEYS) : dice.pick(['type', 'packId', 'credits', 'actor', 'kind', 'roles', 'owner', 'amount', 'currency', 'data', 'usage', 'x']);
        withOwnKey(out, key, randomJson(dice, depth - 1));
      }
      return out;
    }
  }
};

// ---------------------------------------------------------------- mutations

type Path = readonly (string | number)[];

/** Paths to every value inside `v` (not `v` itself), to a depth of 8. */
const pathsOf = (v: unknown, prefix: Path = [], out: Path[] = []): Path[] => {
  if (prefix.length >= 8 || typeof v !== 'object' || v === null) return out;
  const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.keys(v).map((k) => [k, (v as Record<string, unknown>)[k]]);
  for (const [k, x] of entries) {
    const p = [...prefix, k];
    out.push(p);
    pathsOf(x, p, out);
  }
  return out;
};

/** A copy of `v`, sharing only the hostile values themselves. */
const copy = (v: unknown): unknown => {
  if (typeof v !== 'object' || v === null || shared.has(v)) return v;
  if (Array.isArray(v)) return v.map(copy);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) withOwnKey(out, k, copy((v as Record<string, unknown>)[k]));
  return out;
};

/** The container holding the value at `path` (copied along the way, so the sample is never changed). */
const parentAt = (root: unknown, path: Path): Record<string | number, unknown> | undefined => {
  let node = root;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null || Object.isFrozen(node)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return typeof node === 'object' && node !== null && !Object.isFrozen(node) ? (node as Record<string | number, unknown>) : undefined;
};

const show = (u: unknown): string => {
  if (typeof u === 'string') return u.length > 30 ? `a string of ${u.length} characters` : JSON.stringify(u);
  if (typeof u === 'number') return Object.is(u, -0) ? '-0' : String(u);
  if (u === weapons().deepObject) return `an object nested ${DEEP} deep`;
  if (u === weapons().deepArray) return `an array nested ${DEEP} deep`;
  if (typeof u !== 'object' || u === null) return String(u);
  const text = JSON.stringify(u) ?? '';
  return text.length > 60 ? `${Array.isArray(u) ? 'an array' : 'an object'} of ${text.length} characters` : text;
};

/** A value aimed at the field under `key`: a hostile id, decimal, instant or integer when the name says which, or anything. */
const aimedAt = (dice: Dice, key: string | number): unknown => {
  const w = weapons();
  if (dice.chance(0.25)) return dice.pick(w.anything);
  if (typeof key === 'string' && (key.endsWith('Id') || key.endsWith('Ids') || key === 'reissuedFrom')) return dice.pick(w.ids);
  if (typeof key === 'string' && DECIMAL_KEYS.has(key)) return dice.pick(w.decimals);
  if (typeof key === 'string' && INSTANT_KEYS.has(key)) return dice.pick(w.instants);
  if (typeof key === 'string' && INTEGER_KEYS.has(key)) return dice.pick(w.integers);
  return dice.pick([...w.ids, ...w.anything]);
};

/** One hostile input: a valid sample changed by one to three mutations, or hostile through and through. */
export interface HostileInput {
  readonly input: unknown;
  /** What was done to the sample, for the report of a failure. */
  readonly how: string;
}

/** Mutates a sample into a hostile input. `types` are the sample codec's command or event types. */
const mutate = (dice: Dice, sample: unknown, types: readonly string[]): HostileInput => {
  const w = weapons();
  const roll = dice.int(0, 99);
  if (roll < 3) {
    const input = dice.pick(w.anything);
    return { input, how: `the whole input is ${show(input)}` };
  }
  if (roll < 6) {
    const input = deepFreeze(randomJson(dice, 4));
    return { input, how: `random JSON ${show(input)}` };
  }
  if (roll < 8) {
    const fields = randomJson(dice, 3);
    // Only an object's fields: spreading a drawn string would make one field per character.
    const input = deepFreeze({ ...(typeof fields === 'object' && fields !== null && !Array.isArray(fields) ? fields : {}), type: dice.pick(types) });
    return { input, how: `random fields under a valid type: ${show(input)}` };
  }
  const root = copy(sample);
  const how: string[] = [];
  for (let n = dice.int(1, 3); n > 0; n--) {
    const paths = pathsOf(root);
    const kind = dice.int(0, 9);
    if (kind <= 4 && paths.length > 0) {
      const path = dice.pick(paths);
      const parent = parentAt(root, path);
      const key = path[path.length - 1] as string | number;
      if (parent === undefined) continue;
      const value = aimedAt(dice, key);
      parent[key] = value;
      how.push(`${path.join('.')} = ${show(value)}`);
    } else if (kind <= 6) {
      const objects = [root, ...paths.map((p) => parentAt(root, [...p, '']))].filter((o): o is Record<string, unknown> => o !== undefined && !Array.isArray(o));
      const target = dice.pick(objects);
      const key = dice.pick(DANGEROUS_KEYS);
      const drawn = dice.pick([{ polluted: true }, { prototype: { polluted: true } }, 'x', null, ...(key === '__proto__' ? [] : [w.deepObject]), ...OPTIONAL_FIELD_SMUGGLING]);
      // What JSON.parse makes: a fresh object, never a frozen one (a frozen prototype would change what the decoder does).
      const value = key === '__proto__' ? (JSON.parse(JSON.stringify(drawn)) as unknown) : drawn;
      withOwnKey(target, key, value);
      how.push(`added own key ${key} = ${show(value)}`);
    } else if (kind === 7 && paths.length > 0) {
      const path = dice.pick(paths);
      const parent = parentAt(root, path);
      if (parent === undefined) continue;
      const key = path[path.length - 1] as string | number;
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else Reflect.deleteProperty(parent, key);
      how.push(`removed ${path.join('.')}`);
    } else if (kind === 8) {
      const type = dice.pick([...types, ...DANGEROUS_KEYS, '', 'x'.repeat(300)]);
      if (typeof root === 'object' && root !== null) (root as Record<string, unknown>).type = type;
      how.push(`type = ${show(type)}`);
    } else {
      const depth = dice.int(1, 3);
      const path = paths.length > 0 ? dice.pick(paths) : [];
      const parent = parentAt(root, path);
      const key = path[path.length - 1];
      if (parent === undefined || key === undefined) continue;
      let wrapped: unknown = parent[key];
      for (let i = 0; i < depth; i++) wrapped = dice.chance(0.5) ? [wrapped] : { value: wrapped };
      parent[key] = wrapped;
      how.push(`${path.join('.')} wrapped ${depth} deep`);
    }
  }
  return { input: deepFreeze(root), how: how.join('; ') || 'unchanged' };
};

/** Mutates a valid sample (a command, or what a body holds of one) into a hostile input: see the fuzzers. */
export const hostileCommand = (dice: Dice, sample: unknown, types: readonly string[]): HostileInput => mutate(dice, sample, types);

// ---------------------------------------------------------------- what must hold

const protoNames = () => [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) => Object.getOwnPropertyNames(p).sort().join(',')).join('|');
let cleanPrototypes: string | undefined;

/** Why the built-in prototypes are no longer what they were, or undefined when they are untouched. */
export const prototypePollution = (): string | undefined => {
  cleanPrototypes ??= protoNames();
  if ('polluted' in {}) return 'Object.prototype has gained a "polluted" property';
  return protoNames() === cleanPrototypes ? undefined : 'a built-in prototype has gained or lost a property';
};

const ENTITY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const INSTANCE_ID = /^[A-Za-z0-9_.-]{1,80}$/;

/**
 * What must hold of every value a codec accepts: no negative or unbounded decimal (commands
 * only: events carry signed amounts), ids of the id alphabet only, currencies of ISO 4217
 * only, no string or list beyond
 * any field's bound, no own `__proto__`/`constructor`/`prototype` key and no object whose
 * prototype was replaced.
 */
const acceptedValueBreaks = (value: unknown, signed: boolean): string[] => {
  const breaks: string[] = [];
  const stack: { v: unknown; key: string; path: string }[] = [{ v: value, key: '', path: '(root)' }];
  while (stack.length > 0 && breaks.length < 5) {
    const { v, key, path } = stack.pop() as { v: unknown; key: string; path: string };
    if (Decimal.isDecimal(v)) {
      const d = v as Decimal;
      if (!d.isFinite() || d.abs().gte('1e15') || d.decimalPlaces() > 10) breaks.push(`${path} is an unbounded decimal ${d.toString().slice(0, 40)}`);
      if (!signed && d.isNegative() && !d.isZero()) breaks.push(`${path} is negative (${d.toFixed()})`);
      continue;
    }
    if (typeof v === 'string') {
      if (v.length > 2000) breaks.push(`${path} is a string of ${v.length} characters`);
      if (key === 'currency' && !isCurrency(v)) breaks.push(`${path} = ${JSON.stringify(v.slice(0, 40))} is not an ISO 4217 currency`);
      // An id in a custom field's name or a free text is not an id: only fields named so.
      if (key === 'instanceId' && !INSTANCE_ID.test(v)) breaks.push(`${path} = ${JSON.stringify(v.slice(0, 40))} is not an account-service id`);
      else if ((key.endsWith('Id') || key === 'reissuedFrom') && key !== 'instanceId' && !ENTITY_ID.test(v)) breaks.push(`${path} = ${JSON.stringify(v.slice(0, 40))} is not an id`);
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      if (v.length > 10_000) breaks.push(`${path} is a list of ${v.length} items`);
      v.forEach((x, i) => stack.push({ v: x, key: key.endsWith('Ids') ? `${key.slice(0, -1)}` : String(i), path: `${path}.${i}` }));
      continue;
    }
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null && !(v instanceof Map) && !(v instanceof Set)) breaks.push(`${path} has a replaced prototype`);
    for (const k of Object.getOwnPropertyNames(v)) {
      if (k === '__proto__' || k === 'constructor' || k === 'prototype') breaks.push(`${path} has an own "${k}" key`);
      stack.push({ v: (v as Record<string, unknown>)[k], key: k, path: `${path}.${k}` });
    }
  }
  return breaks;
};

const decodeErrorBreaks = (error: unknown, code: string): string[] => {
  const e = error as { code?: unknown; message?: unknown; facts?: { problems?: unknown } };
  const problems = e.facts?.problems;
  if (e.code !== code) return [`the error has code ${String(e.code)}, not ${code}`];
  if (typeof e.message !== 'string' || e.message.length === 0) return ['the error has no message'];
  if (e.message.length > 20_000) return [`the error message is ${e.message.length} characters long (it repeats the input)`];
  if (!Array.isArray(problems) || problems.length === 0) return ['the error lists no problem'];
  const bad = (problems as { path?: unknown; message?: unknown }[]).find((p) => typeof p.path !== 'string' || p.path.length === 0 || typeof p.message !== 'string' || p.message.length === 0);
  return bad === undefined ? [] : [`a problem has no path or message: ${JSON.stringify(bad).slice(0, 200)}`];
};

const thrown = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : String(error));

// ---------------------------------------------------------------- targets

/** Every known stream prefix; a stream built from an id must start with its own and no other. */
export const STREAM_PREFIXES = [CREDIT_PACK_STREAM_PREFIX, CLIENT_PACKAGE_STREAM_PREFIX, ACCOUNT_PACKAGE_STREAM_PREFIX, CREDIT_ORDER_STREAM_PREFIX, 'snapshot-', '$'] as const;

type AnyAggregate = Aggregate<unknown, unknown, unknown, unknown>;

/** A command codec under fuzz, with the aggregate that handles what it accepts. */
export interface CommandCodecTarget {
  readonly name: string;
  readonly samples: readonly JsonCommand[];
  readonly decode: (input: unknown) => E.Either<DecodeError, unknown>;
  readonly codecs: Readonly<Record<string, { readonly encode: (a: never) => unknown }>>;
  readonly aggregate: AnyAggregate;
  readonly prefix: string;
  /** States to decide accepted commands on: the initial state and states folded from a sample history. */
  readonly states: readonly unknown[];
}

/** An event codec under fuzz, decoding stored events (type, JSON data, schema version). */
export interface EventCodecTarget {
  readonly name: string;
  readonly samples: readonly EncodedEvent[];
  readonly decode: (stored: EncodedEvent) => E.Either<{ readonly code: string }, unknown>;
  readonly codec: EventCodec<unknown>;
}

/** What one input did: whether the codec accepted it, and every rule it broke. */
export interface InputVerdict {
  readonly accepted: boolean;
  readonly breaks: readonly string[];
}

/** Why a stream name built from an accepted command is wrong, or undefined. */
export const streamNameProblem = (stream: string, prefix: string): string | undefined => {
  if (!stream.startsWith(prefix) || !ENTITY_ID.test(stream.slice(prefix.length))) return `stream "${stream.slice(0, 80)}" is not ${prefix}<id>`;
  const other = STREAM_PREFIXES.find((p) => p !== prefix && stream.startsWith(p));
  return other === undefined ? undefined : `stream "${stream}" also starts with ${other}`;
};

/**
 * Feeds one input to a command codec. Holds: decoding never throws and leaves the
 * prototypes alone; a refusal is an `invalid_input` error listing each problem; an accepted
 * command passes {@link acceptedValueBreaks}, encodes and decodes back to itself, maps to
 * a stream under its aggregate's prefix only, and the decider takes it on every sample
 * state without throwing, giving events that apply and store.
 */
export const checkCommandInput = (target: CommandCodecTarget, input: unknown): InputVerdict => {
  let decoded: E.Either<DecodeError, unknown>;
  try {
    decoded = target.decode(input);
  } catch (error) {
    return { accepted: false, breaks: [`decoding threw ${thrown(error)}`] };
  }
  const polluted = prototypePollution();
  if (polluted !== undefined) return { accepted: E.isRight(decoded), breaks: [polluted] };
  if (E.isLeft(decoded)) return { accepted: false, breaks: decodeErrorBreaks(decoded.left, 'invalid_input') };
  return { accepted: true, breaks: acceptedCommandBreaks(target, decoded.right) };
};

const acceptedCommandBreaks = (target: CommandCodecTarget, command: unknown): string[] => {
  const breaks = acceptedValueBreaks(command, false);
  const type = (command as { type: string }).type;
  const codec = target.codecs[type];
  if (codec === undefined) return [...breaks, `accepted an unknown type ${type}`];
  const encoded = JSON.stringify(codec.encode(command as never));
  const again = target.decode(JSON.parse(encoded));
  if (E.isLeft(again) || JSON.stringify(codec.encode(again.right as never)) !== encoded) breaks.push('the accepted command does not decode back to itself');
  const stream = target.aggregate.streamOf(command);
  const problem = streamNameProblem(stream, target.prefix);
  if (problem !== undefined) breaks.push(problem);
  for (const state of target.states) {
    try {
      const decision = target.aggregate.decider.decide(command, state);
      if (E.isLeft(decision)) continue;
      let after = state;
      for (const event of decision.right) {
        after = target.aggregate.decider.evolve(after, event);
        const stored = target.aggregate.events.encode(event);
        const read = target.aggregate.events.decode(JSON.parse(JSON.stringify(stored)) as EncodedEvent);
        if (E.isLeft(read)) breaks.push(`the decider made a ${stored.type} that cannot be read back: ${read.left.message.slice(0, 200)}`);
      }
      const remaining = (after as { remaining?: unknown }).remaining;
      if (Decimal.isDecimal(remaining) && (remaining as Decimal).isNegative()) breaks.push(`the decider overdrew a pack: remaining ${(remaining as Decimal).toFixed()}`);
    } catch (error) {
      breaks.push(`deciding or applying an accepted ${type} threw ${thrown(error)}`);
    }
  }
  return breaks;
};

/**
 * Feeds one stored event to an event codec. Holds: decoding never throws and leaves the
 * prototypes alone; a refusal is an `unreadable_event` error listing each problem; an
 * accepted event passes {@link acceptedValueBreaks} (signed amounts allowed) and encodes
 * and decodes back to itself.
 */
export const checkEventInput = (target: EventCodecTarget, stored: EncodedEvent): InputVerdict => {
  let decoded: E.Either<{ readonly code: string }, unknown>;
  try {
    decoded = target.decode(stored);
  } catch (error) {
    return { accepted: false, breaks: [`decoding threw ${thrown(error)}`] };
  }
  const polluted = prototypePollution();
  if (polluted !== undefined) return { accepted: E.isRight(decoded), breaks: [polluted] };
  if (E.isLeft(decoded)) return { accepted: false, breaks: decodeErrorBreaks(decoded.left, 'unreadable_event') };
  return { accepted: true, breaks: decoded.right === undefined ? [] : acceptedEventBreaks(target, decoded.right) };
};

const acceptedEventBreaks = (target: EventCodecTarget, decoded: unknown): string[] => {
  const event = (decoded as { event?: unknown }).event ?? decoded;
  const breaks = acceptedValueBreaks(event, true);
  const encoded = JSON.stringify(target.codec.encode(event));
  const again = target.codec.decode(JSON.parse(encoded) as EncodedEvent);
  if (E.isLeft(again) || JSON.stringify(target.codec.encode(again.right)) !== encoded) breaks.push('the accepted event does not decode back to itself');
  return breaks;
};

/** The command codecs under fuzz, in order. */
export const COMMAND_CODECS = ['credit-pack commands', 'client-package commands', 'account-package commands', 'credit-order commands'] as const;
/** The event codecs under fuzz, in order: each aggregate's, and the projections' decoder of any stored event. */
export const EVENT_CODECS = ['credit-pack events', 'client-package events', 'account-package events', 'credit-order events', 'stored events as the projections read them'] as const;

/** Every codec under fuzz: four command codecs, four event codecs, and the projections' decoder of stored events. */
export interface FuzzTargets {
  readonly commands: readonly CommandCodecTarget[];
  readonly events: readonly EventCodecTarget[];
}

const statesOf = (aggregate: AnyAggregate, history: readonly RecordedEvent[], prefix: string): unknown[] => {
  const byStream = new Map<string, unknown[]>();
  for (const r of history) {
    if (!r.stream.startsWith(prefix)) continue;
    const decoded = aggregate.events.decode({ type: r.type, data: r.data, schemaVersion: r.metadata.schemaVersion });
    if (E.isLeft(decoded)) throw new Error(decoded.left.message);
    byStream.set(r.stream, [...(byStream.get(r.stream) ?? []), decoded.right]);
  }
  return [aggregate.decider.initialState, ...[...byStream.values()].map((events) => fold(aggregate.decider, events))];
};

const orderHistory = (): unknown[] => {
  const decider = creditOrderAggregate.decider;
  const events: unknown[] = [];
  let state = decider.initialState;
  for (const json of creditOrderSamples.slice(0, 2)) {
    const command = decodeCreditOrderCommand(json);
    if (E.isLeft(command)) throw new Error(command.left.message);
    const decision = decider.decide(command.right, state);
    if (E.isLeft(decision)) throw new Error(`${decision.left.code}: ${decision.left.message}`);
    for (const e of decision.right) {
      events.push(e);
      state = decider.evolve(state, e);
    }
  }
  return events;
};

/** Builds the targets, with samples from a history written through the handlers. */
export const fuzzTargets = async (): Promise<FuzzTargets> => {
  const history = await sampleHistory();
  const aggregates: [string, AnyAggregate, string, readonly JsonCommand[], (u: unknown) => E.Either<DecodeError, unknown>, Readonly<Record<string, { readonly encode: (a: never) => unknown }>>][] = [
    [COMMAND_CODECS[0], creditPackAggregate as unknown as AnyAggregate, CREDIT_PACK_STREAM_PREFIX, creditPackSamples, decodeCreditPackCommand, creditPackCommandCodecs],
    [COMMAND_CODECS[1], clientPackageAggregate as unknown as AnyAggregate, CLIENT_PACKAGE_STREAM_PREFIX, clientPackageSamples, decodeClientPackageCommand, clientPackageCommandCodecs],
    [COMMAND_CODECS[2], accountPackageAggregate as unknown as AnyAggregate, ACCOUNT_PACKAGE_STREAM_PREFIX, accountPackageSamples, decodeAccountPackageCommand, accountPackageCommandCodecs],
    [COMMAND_CODECS[3], creditOrderAggregate as unknown as AnyAggregate, CREDIT_ORDER_STREAM_PREFIX, creditOrderSamples, decodeCreditOrderCommand, creditOrderCommandCodecs],
  ];
  const commands = aggregates.map(([name, aggregate, prefix, samples, decode, codecs]): CommandCodecTarget => ({
    name, samples, decode, codecs, aggregate, prefix, states: prefix === CREDIT_ORDER_STREAM_PREFIX ? [aggregate.decider.initialState] : statesOf(aggregate, history, prefix),
  }));
  const storedOf = (prefix: string): EncodedEvent[] =>
    history.filter((r) => r.stream.startsWith(prefix)).map((r) => ({ type: r.type, data: r.data, schemaVersion: r.metadata.schemaVersion }));
  const packEvents = storedOf(CREDIT_PACK_STREAM_PREFIX);
  // A CreditPackIssued of schema version 1, so the upcaster meets hostile data too.
  const issuedV1 = packEvents.filter((e) => e.type === 'CreditPackIssued').map((e): EncodedEvent => {
    const { expiryRule: _rule, ...data } = e.data;
    return { type: e.type, data, schemaVersion: 1 };
  });
  const codecTarget = (name: string, codec: EventCodec<unknown>, samples: EncodedEvent[]): EventCodecTarget => ({ name, samples, codec, decode: (s) => codec.decode(s) });
  const projected = eventDecoder(packledgerStreams);
  const allStored = history.map((r) => ({ type: r.type, data: r.data, schemaVersion: r.metadata.schemaVersion, stream: r.stream }));
  const events: EventCodecTarget[] = [
    codecTarget(EVENT_CODECS[0], creditPackAggregate.events as EventCodec<unknown>, [...packEvents, ...issuedV1]),
    codecTarget(EVENT_CODECS[1], clientPackageAggregate.events as EventCodec<unknown>, storedOf(CLIENT_PACKAGE_STREAM_PREFIX)),
    codecTarget(EVENT_CODECS[2], accountPackageAggregate.events as EventCodec<unknown>, storedOf(ACCOUNT_PACKAGE_STREAM_PREFIX)),
    codecTarget(EVENT_CODECS[3], creditOrderAggregate.events as EventCodec<unknown>, orderHistory().map((e) => creditOrderAggregate.events.encode(e as never))),
    {
      // What the projection runner decodes: a stored event of any stream, routed by its stream's prefix.
      name: EVENT_CODECS[4],
      samples: allStored,
      codec: { encode: (e) => e as EncodedEvent, decode: (s) => E.right(s) },
      decode: (s) => {
        const stream = (s as EncodedEvent & { stream?: string }).stream ?? `${CREDIT_PACK_STREAM_PREFIX}p0`;
        const decoded = projected({ id: 'e', stream, revision: 0n, position: 0n, type: s.type, data: s.data,
          metadata: { schemaVersion: s.schemaVersion, commandId: 'c', correlationId: 'c', causationId: 'c', actor: 'a', occurredAt: '2026-01-01T00:00:00.000Z' } });
        return E.isLeft(decoded) ? decoded : E.right(undefined);
      },
    },
  ];
  return { commands, events };
};

const hostileStored = (dice: Dice, sample: EncodedEvent, types: readonly string[]): HostileInput => {
  const roll = dice.int(0, 99);
  if (roll < 10) {
    const schemaVersion = dice.pick([0, -1, 1.5, 2, 3, 99, 1e308, -1e308, Number.POSITIVE_INFINITY, 2 ** 53]);
    return { input: { ...sample, schemaVersion }, how: `schemaVersion = ${schemaVersion}` };
  }
  if (roll < 20) {
    const type = dice.pick([...types, ...DANGEROUS_KEYS, '', 'x'.repeat(300), weapons().hugeString]);
    return { input: { ...sample, type }, how: `type = ${show(type)}` };
  }
  // The data stays an object: what a store hands back (a store refuses any other data).
  const mutated = mutate(dice, sample.data, types);
  const data = typeof mutated.input === 'object' && mutated.input !== null && !Array.isArray(mutated.input) ? (mutated.input as JsonObject) : { value: mutated.input } as JsonObject;
  return { input: { ...sample, data }, how: `data: ${mutated.how}` };
};

/** What fuzzing one codec found. */
export interface FuzzReport {
  readonly codec: string;
  readonly inputs: number;
  readonly accepted: number;
  /** Rules broken, with the seed, the input's number and what was done to it: each one a bug. */
  readonly breaks: readonly string[];
  /** Breaks a known finding explains, counted by finding (see `findings`); the first of each as an example. */
  readonly known: Readonly<Record<string, { readonly count: number; readonly example: string }>>;
}

const tally = (name: string, seed: number) => {
  const breaks: string[] = [];
  const known: Record<string, { count: number; example: string }> = {};
  return {
    add: (i: number, input: unknown, how: string, found: readonly string[]) => {
      for (const problem of found) {
        const line = `${name}, seed ${seed} input ${i} (${how.slice(0, 300)}): ${problem}`;
        const finding = explainedBy(input, problem);
        if (finding === undefined) breaks.push(line);
        else known[finding.id] = { count: (known[finding.id]?.count ?? 0) + 1, example: known[finding.id]?.example ?? line };
      }
    },
    breaks,
    known,
  };
};

/** Feeds `count` hostile inputs, drawn from `seed`, to a command codec. */
export const fuzzCommandCodec = (target: CommandCodecTarget, seed: number, count: number): FuzzReport => {
  const dice = diceOf(seed);
  const types = Object.keys(target.codecs);
  const found = tally(target.name, seed);
  let accepted = 0;
  for (let i = 0; i < count; i++) {
    const { input, how } = mutate(dice, dice.pick(target.samples), types);
    const verdict = checkCommandInput(target, input);
    if (verdict.accepted) accepted += 1;
    found.add(i, input, how, verdict.breaks);
  }
  return { codec: target.name, inputs: count, accepted, breaks: found.breaks, known: found.known };
};

/** Feeds `count` hostile stored events, drawn from `seed`, to an event codec. */
export const fuzzEventCodec = (target: EventCodecTarget, seed: number, count: number): FuzzReport => {
  const dice = diceOf(seed);
  const types = [...new Set(target.samples.map((s) => s.type))];
  const found = tally(target.name, seed);
  let accepted = 0;
  for (let i = 0; i < count; i++) {
    const { input, how } = hostileStored(dice, dice.pick(target.samples), types);
    const verdict = checkEventInput(target, input as EncodedEvent);
    if (verdict.accepted) accepted += 1;
    found.add(i, input, how, verdict.breaks);
  }
  return { codec: target.name, inputs: count, accepted, breaks: found.breaks, known: found.known };
};
