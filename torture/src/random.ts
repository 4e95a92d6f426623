import { seededRandom } from '@packledger/application/testing';

/** A seeded random source with the draws the workloads need; the same seed gives the same run. */
export interface Dice {
  /** The underlying source, in [0, 1): what `faultyEventStore` takes. */
  readonly next: () => number;
  /** A whole number from `min` to `max`, both included. */
  readonly int: (min: number, max: number) => number;
  /** True with chance `p`. */
  readonly chance: (p: number) => boolean;
  /** One of the items. */
  readonly pick: <A>(items: readonly A[]) => A;
  /** The items in a random order. */
  readonly shuffle: <A>(items: readonly A[]) => A[];
}

/** The dice of a seed. */
export const diceOf = (seed: number): Dice => {
  const next = seededRandom(seed);
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <A>(items: readonly A[]): A => {
      if (items.length === 0) throw new Error('pick from no items');
      return items[int(0, items.length - 1)] as A;
    },
    shuffle: <A>(items: readonly A[]): A[] => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i);
        [out[i], out[j]] = [out[j] as A, out[i] as A];
      }
      return out;
    },
  };
};
