import type { EventStore } from '@packledger/application';

/** The store, except that its `nth` append (counting from 1) throws 'crash' before writing: a process that died mid-run. */
export const crashingOnAppend = (real: EventStore, nth: number): EventStore => {
  let appends = 0;
  return {
    append: async (...args) => { if (++appends === nth) throw new Error('crash'); return real.append(...args); },
    readStream: (...args) => real.readStream(...args),
    readAll: (...args) => real.readAll(...args),
    subscribeToAll: (...args) => real.subscribeToAll(...args),
  };
};
