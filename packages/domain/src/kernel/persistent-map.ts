/**
 * An immutable map from strings to values with O(log32 n) lookups and updates that share
 * structure with the map they came from (a hash array mapped trie). Aggregate states keep
 * every consumption, refund and usage id they have seen; with a copied `Map`, each event
 * would cost O(n) and a stream of n events O(n²) to fold.
 */
export interface PersistentMap<V, K extends string = string> {
  readonly kind: 'PersistentMap';
  /** Phantom: the type of the keys. */
  readonly keyType?: K;
  readonly size: number;
  readonly root: Node<V> | undefined;
}

interface Leaf<V> {
  readonly tag: 'leaf';
  readonly hash: number;
  readonly key: string;
  readonly value: V;
}
interface Collision<V> {
  readonly tag: 'collision';
  readonly hash: number;
  readonly entries: readonly Leaf<V>[];
}
interface Branch<V> {
  readonly tag: 'branch';
  readonly bitmap: number;
  readonly children: readonly Node<V>[];
}
type Node<V> = Leaf<V> | Collision<V> | Branch<V>;

const BITS = 5;
const MASK = 0b11111;

/** FNV-1a, 32 bits. */
const hashOf = (key: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
};

const popcount = (x: number): number => {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
};

const fragment = (hash: number, shift: number): number => (hash >>> shift) & MASK;

/** The empty map. */
export const emptyPersistentMap = <V, K extends string = string>(): PersistentMap<V, K> => ({ kind: 'PersistentMap', size: 0, root: undefined });

/** The value under `key`, or undefined. */
export const lookup = <V, K extends string>(map: PersistentMap<V, K>, key: K): V | undefined => {
  const hash = hashOf(key);
  let node = map.root;
  let shift = 0;
  while (node !== undefined) {
    if (node.tag === 'leaf') return node.key === key ? node.value : undefined;
    if (node.tag === 'collision') return node.entries.find((e) => e.key === key)?.value;
    const bit = 1 << fragment(hash, shift);
    if ((node.bitmap & bit) === 0) return undefined;
    node = node.children[popcount(node.bitmap & (bit - 1))];
    shift += BITS;
  }
  return undefined;
};

const branchOf = <V>(a: Leaf<V> | Collision<V>, b: Leaf<V>, shift: number): Node<V> => {
  if (shift >= 32 || a.hash === b.hash) {
    const entries = a.tag === 'leaf' ? [a] : a.entries;
    return { tag: 'collision', hash: b.hash, entries: [...entries, b] };
  }
  const fa = fragment(a.hash, shift);
  const fb = fragment(b.hash, shift);
  if (fa === fb) return { tag: 'branch', bitmap: 1 << fa, children: [branchOf(a, b, shift + BITS)] };
  return { tag: 'branch', bitmap: (1 << fa) | (1 << fb), children: fa < fb ? [a, b] : [b, a] };
};

// Set by insertInto: whether the key was new. A flag rather than a result object per level.
let added = false;

const insertInto = <V>(node: Node<V> | undefined, leaf: Leaf<V>, shift: number): Node<V> => {
  if (node === undefined) {
    added = true;
    return leaf;
  }
  if (node.tag === 'leaf') {
    if (node.key === leaf.key) return leaf;
    added = true;
    return branchOf(node, leaf, shift);
  }
  if (node.tag === 'collision') {
    if (node.hash !== leaf.hash) {
      added = true;
      return branchOf(node, leaf, shift);
    }
    const at = node.entries.findIndex((e) => e.key === leaf.key);
    if (at === -1) added = true;
    return at === -1
      ? { tag: 'collision', hash: node.hash, entries: [...node.entries, leaf] }
      : { tag: 'collision', hash: node.hash, entries: node.entries.map((e, i) => (i === at ? leaf : e)) };
  }
  const bit = 1 << fragment(leaf.hash, shift);
  const index = popcount(node.bitmap & (bit - 1));
  const count = node.children.length;
  if ((node.bitmap & bit) === 0) {
    added = true;
    const children = new Array<Node<V>>(count + 1);
    for (let i = 0; i < index; i++) children[i] = node.children[i] as Node<V>;
    children[index] = leaf;
    for (let i = index; i < count; i++) children[i + 1] = node.children[i] as Node<V>;
    return { tag: 'branch', bitmap: node.bitmap | bit, children };
  }
  const inner = insertInto(node.children[index], leaf, shift + BITS);
  const children = node.children.slice();
  children[index] = inner;
  return { tag: 'branch', bitmap: node.bitmap, children };
};

/** A map with `key` set to `value`; the original map is unchanged. */
export const insert = <V, K extends string>(map: PersistentMap<V, K>, key: K, value: V): PersistentMap<V, K> => {
  added = false;
  const root = insertInto(map.root, { tag: 'leaf', hash: hashOf(key), key, value }, 0);
  return { kind: 'PersistentMap', size: map.size + (added ? 1 : 0), root };
};

function* walk<V>(node: Node<V> | undefined): Generator<readonly [string, V]> {
  if (node === undefined) return;
  if (node.tag === 'leaf') yield [node.key, node.value];
  else if (node.tag === 'collision') for (const e of node.entries) yield [e.key, e.value];
  else for (const child of node.children) yield* walk(child);
}

/** Every entry, in no particular order. */
export const entriesOf = <V, K extends string>(map: PersistentMap<V, K>): IterableIterator<readonly [K, V]> => walk(map.root) as IterableIterator<readonly [K, V]>;

/** A map of the given entries. */
export const persistentMapOf = <V, K extends string = string>(entries: Iterable<readonly [K, V]>): PersistentMap<V, K> => {
  let map = emptyPersistentMap<V, K>();
  for (const [k, v] of entries) map = insert(map, k, v);
  return map;
};

/** True for a {@link PersistentMap} (for generic code such as comparisons). */
export const isPersistentMap = (u: unknown): u is PersistentMap<unknown> =>
  typeof u === 'object' && u !== null && (u as { kind?: unknown }).kind === 'PersistentMap';
