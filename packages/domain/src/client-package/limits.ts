import type { UsageRecord } from './commands';
import type { PeriodLimit } from './events';

/** The key of a limit: its kind, its currency for money limits, and its prefix. */
export const limitIndexKey = (kind: 'volume' | 'money', currency: string | undefined, prefix: string): string => `${kind}:${currency ?? ''}:${prefix}`;

/** A period's limits by key, so that rating looks up at most 21 prefixes instead of scanning every limit. */
export const indexLimits = (limits: readonly { readonly limit: PeriodLimit }[]): ReadonlyMap<string, number> =>
  new Map(limits.map(({ limit }, i) => [limitIndexKey(limit.type, limit.type === 'money' ? limit.amount.currency : undefined, limit.prefix), i]));

/** The index of the limit a usage record draws on (the longest matching prefix of its kind and currency), or -1. */
export const findLimit = (index: ReadonlyMap<string, number>, usage: UsageRecord): number => {
  const kind = usage.type === 'minutes' ? 'volume' : 'money';
  const currency = usage.type === 'money' ? usage.amount.currency : undefined;
  for (let length = Math.min(20, usage.destination.length); length >= 0; length--) {
    const found = index.get(limitIndexKey(kind, currency, usage.destination.slice(0, length)));
    if (found !== undefined) return found;
  }
  return -1;
};
