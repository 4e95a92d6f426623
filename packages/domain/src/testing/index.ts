/**
 * `@packledger/domain/testing`: given/when/then for any decider, for your tests and ours.
 *
 * @example
 * import { scenario } from '@packledger/domain/testing';
 * const given = scenario(creditPack);
 * given([issued]).when(consume).then([consumed]);
 * given([issued, expired]).when(consume).thenRefuses('pack_expired');
 */
import * as E from 'fp-ts/Either';
import Decimal from 'decimal.js';
import { fold, type Decider, type DomainError } from '../kernel';
import { entriesOf, isPersistentMap } from '../kernel/persistent-map';

const sortByJson = (xs: unknown[]): unknown[] =>
  xs.map((x) => [JSON.stringify(x), x] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, x]) => x);

/** A plain, comparable picture of a value: decimals become their canonical strings, maps and sets become sorted arrays (insertion order does not matter), keys are sorted. */
export const comparable = (value: unknown): unknown => {
  if (Decimal.isDecimal(value)) return `${(value as Decimal).toString()} (decimal)`;
  if (isPersistentMap(value)) return ['PersistentMap', sortByJson([...entriesOf(value)].map(([k, v]) => [k, comparable(v)]))];
  if (value instanceof Map) return sortByJson([...value.entries()].map(([k, v]) => [comparable(k), comparable(v)]));
  if (value instanceof Set) return sortByJson([...value.values()].map(comparable));
  if (Array.isArray(value)) return value.map(comparable);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.keys(value).sort().filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => [k, comparable((value as Record<string, unknown>)[k])]));
  }
  return value;
};

/** Deep equality that treats 2.5 and 2.50 as the same decimal and ignores undefined fields. */
export const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(comparable(a)) === JSON.stringify(comparable(b));

const show = (v: unknown): string => JSON.stringify(comparable(v), null, 2);

/** Thrown when a scenario's outcome is not the expected one. */
export class ScenarioFailed extends Error {
  override readonly name = 'ScenarioFailed';
}

/** The outcome of `given(...).when(...)`: assert it with `then` or `thenRefuses`, or read `outcome`. */
export interface When<Event, Err> {
  readonly outcome: E.Either<Err, readonly Event[]>;
  /** Asserts the command was accepted with exactly these events (in order). */
  then(expected: readonly Event[]): readonly Event[];
  /** Asserts the command was refused with this code (and, when given, facts that include these). */
  thenRefuses(code: string, facts?: Readonly<Record<string, unknown>>): Err;
}

/** Starts a given/when/then scenario for a decider. */
export const scenario =
  <C, Ev, S, Err extends DomainError>(decider: Decider<C, Ev, S, Err>) =>
  (history: readonly Ev[]) => ({
    /** The state the history folds to. */
    state: (): S => fold(decider, history),
    when: (command: C): When<Ev, Err> => {
      const outcome = decider.decide(command, fold(decider, history));
      return {
        outcome,
        then(expected) {
          if (E.isLeft(outcome)) throw new ScenarioFailed(`expected events, but the command was refused: ${outcome.left.code}: ${outcome.left.message}`);
          if (!sameValue(outcome.right, expected)) throw new ScenarioFailed(`expected events\n${show(expected)}\nbut got\n${show(outcome.right)}`);
          return outcome.right;
        },
        thenRefuses(code, facts) {
          if (E.isRight(outcome)) throw new ScenarioFailed(`expected refusal ${code}, but the command was accepted with\n${show(outcome.right)}`);
          if (outcome.left.code !== code) throw new ScenarioFailed(`expected refusal ${code}, got ${outcome.left.code}: ${outcome.left.message}`);
          if (outcome.left.message.trim().length === 0) throw new ScenarioFailed(`refusal ${code} has no message`);
          for (const [k, v] of Object.entries(facts ?? {})) {
            if (!sameValue(outcome.left.facts[k as keyof typeof outcome.left.facts], v)) {
              throw new ScenarioFailed(`refusal ${code}: expected fact ${k} = ${show(v)}, got ${show(outcome.left.facts[k as keyof typeof outcome.left.facts])}`);
            }
          }
          return outcome.left;
        },
      };
    },
  });
