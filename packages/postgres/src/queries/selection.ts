import type { Positioned } from '@packledger/projections';
import { selectDocuments, type ReadModelDatabase } from '../read-model-store';
import { query, type PostgresPool } from '../sql';

/**
 * Which documents of a view a query reads: SQL conditions over `doc` (the JSONB document)
 * and `id`, with their values as parameters `$2`, `$3`, ... (`$1` is the view). Every
 * condition is one an index of the migrations serves, or runs on the rows those select.
 */
export interface Selection {
  readonly view: string;
  readonly conditions: readonly string[];
  readonly values: readonly unknown[];
}

/** Builds a selection's conditions and numbers its parameters. */
export class SelectionBuilder {
  readonly conditions: string[] = [];
  readonly values: unknown[] = [];

  constructor(readonly view: string) {}

  /** The placeholder of a new parameter. */
  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length + 1}`;
  }

  /** Adds a condition (conditions are combined with AND). */
  where(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  /** The selection built so far. */
  build(): Selection {
    return { view: this.view, conditions: [...this.conditions], values: [...this.values] };
  }
}

/** A text field of the document. */
export const field = (name: string): string => `(doc ->> '${name}')`;

/**
 * An instant field compared in byte order. Documents hold canonical instants
 * (`2026-01-31T09:30:00.000Z`, what the domain's Instant codec produces), for which byte
 * order is time order; the indexes are on the same expression.
 */
export const instantField = (name: string): string => `(doc ->> '${name}') COLLATE "C"`;

const FIRST_UNREPRESENTABLE = Date.UTC(10000, 0, 1);

/**
 * The bound "after `at`" as a canonical instant string, or undefined when no document can
 * be after it: `at` is not a date (the in-memory queries' `Date.parse` gives NaN, and no
 * comparison with NaN holds) or is after year 9999.
 */
export const instantBound = (at: string): string | undefined => {
  const ms = Date.parse(at);
  if (Number.isNaN(ms) || ms >= FIRST_UNREPRESENTABLE) return undefined;
  return new Date(ms).toISOString();
};

const icuByPool = new WeakMap<PostgresPool, Promise<boolean>>();

/**
 * `lower(expression)` as JavaScript's `toLowerCase` does it: under the ICU root collation
 * when the server has ICU (full Unicode case mapping, the same as JavaScript's, final sigma
 * and dotted İ included); otherwise under the database's default collation, which agrees
 * for every character with a one-to-one case mapping.
 */
export const lowerAsJavaScript = async (db: ReadModelDatabase): Promise<(expression: string) => string> => {
  let icu = icuByPool.get(db.pool);
  if (icu === undefined) {
    icu = query(db.pool, `SELECT EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu') AS icu`).then((rows) => rows[0]?.icu === true);
    icuByPool.set(db.pool, icu);
    icu.catch(() => icuByPool.delete(db.pool));
  }
  return (await icu) ? (e) => `lower(${e} COLLATE "und-x-icu")` : (e) => `lower(${e})`;
};

/** The documents a selection reads, in id order (the order of `ReadModelStore.all`). */
export const selected = <D extends Positioned>(db: ReadModelDatabase, selection: Selection | undefined): Promise<D[]> =>
  selection === undefined ? Promise.resolve([]) : selectDocuments<D>(db, selection.view, selection.conditions, selection.values);
