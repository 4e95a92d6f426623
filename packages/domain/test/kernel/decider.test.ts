import * as E from 'fp-ts/Either';
import { fold, type Decider } from '../../src/kernel';

/** A counter: the smallest decider that shows the order of evolution. */
type Added = { readonly by: number };
const counter: Decider<{ readonly add: number }, Added, readonly number[], string> = {
  decide: (command) => (command.add > 0 ? E.right([{ by: command.add }]) : E.left('nothing to add')),
  evolve: (state, event) => [...state, event.by],
  initialState: [],
};

describe('fold', () => {
  test('given events, when folded, then they are applied in order from the initial state', () => {
    expect(fold(counter, [{ by: 1 }, { by: 2 }, { by: 3 }])).toEqual([1, 2, 3]);
  });

  test('given no events, when folded, then the state is the initial state', () => {
    expect(fold(counter, [])).toEqual([]);
  });

  test('given a starting state, when folded, then evolution continues from it', () => {
    expect(fold(counter, [{ by: 3 }], [1, 2])).toEqual([1, 2, 3]);
  });
});
