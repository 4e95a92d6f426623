import type { Either } from 'fp-ts/Either';

/**
 * An aggregate as three pure parts: `decide` turns a command and the current state into
 * events (or a refusal), `evolve` applies one event, `initialState` is the state of a
 * stream with no events. No clock, no randomness, no I/O: a command carries its instant.
 *
 * @example
 * const state = fold(creditPack, events);
 * const outcome = creditPack.decide(command, state); // Either<CreditPackError, CreditPackEvent[]>
 */
export interface Decider<Command, Event, State, Err> {
  readonly decide: (command: Command, state: State) => Either<Err, readonly Event[]>;
  readonly evolve: (state: State, event: Event) => State;
  readonly initialState: State;
}

/** Folds events into a state, starting from `initial` (the decider's initial state by default). */
export const fold = <C, E, S, Err>(decider: Decider<C, E, S, Err>, events: Iterable<E>, initial: S = decider.initialState): S => {
  let state = initial;
  for (const event of events) state = decider.evolve(state, event);
  return state;
};
