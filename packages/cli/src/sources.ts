import { loadJsonlFile, type EventStore } from '@packledger/application';
import * as E from 'fp-ts/Either';

/** Why a source cannot be opened, with the exit code the CLI uses for it. */
export interface SourceError {
  readonly exitCode: 2 | 3 | 4;
  readonly message: string;
}

/** Exit codes: 2 a bad argument or URL, 3 a server that cannot be reached, 4 a malformed input file. */
export const EXIT = { usage: 2, unreachable: 3, badInput: 4 } as const;

/**
 * Opens an event source: a JSONL export (`file.jsonl`, `file:///path.jsonl`), PostgreSQL
 * (`postgres://…`, with `@packledger/postgres` installed) or EventStoreDB (`esdb://…`, with
 * `@packledger/eventstoredb` and a client installed). A malformed line of a file is an error
 * naming its line; nothing is silently dropped.
 */
export const openSource = async (from: string): Promise<E.Either<SourceError, EventStore>> => {
  if (from.startsWith('postgres://') || from.startsWith('postgresql://') || from.startsWith('esdb://') || from.startsWith('kurrentdb://')) {
    return openServer(from);
  }
  const path = from.startsWith('file://') ? new URL(from).pathname : from;
  if (!path.endsWith('.jsonl')) {
    return E.left({ exitCode: EXIT.usage, message: `"${from}" is not a source: give a .jsonl file, a postgres:// URL or an esdb:// URL` });
  }
  try {
    const loaded = await loadJsonlFile(path);
    return E.isLeft(loaded) ? E.left({ exitCode: EXIT.badInput, message: `${path}: ${loaded.left.message}` }) : E.right(loaded.right);
  } catch (error) {
    return E.left({ exitCode: EXIT.usage, message: `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}` });
  }
};

/** Loads an optional package by name, or says how to install it. */
const optional = async <M>(name: string): Promise<E.Either<SourceError, M>> => {
  try {
    return E.right((await import(name)) as M);
  } catch {
    return E.left({ exitCode: EXIT.usage, message: `this source needs ${name}: npm install ${name}` });
  }
};

const redacted = (url: string): string => url.replace(/\/\/[^@/]*@/, '//***@');

interface PostgresModule { openPostgres(o: { connectionString: string; schema: string }): Promise<{ events: EventStore }> }
interface EventStoreDbModule { eventStoreDbStore(client: unknown): EventStore; kurrentDbStore(client: unknown): EventStore }
interface ClientModule { EventStoreDBClient?: { connectionString(url: string): unknown }; KurrentDBClient?: { connectionString(url: string): unknown } }

/**
 * A server source, through its adapter package, loaded only when asked for.
 * PostgreSQL: `postgres://user@host:5432/db?schema=packledger` (schema `packledger` by default).
 * EventStoreDB: `esdb://host:2113?tls=false` with `@eventstore/db-client`; KurrentDB:
 * `kurrentdb://…` with `@kurrent/kurrentdb-client`.
 */
const openServer = async (url: string): Promise<E.Either<SourceError, EventStore>> => {
  try {
    if (url.startsWith('postgres')) {
      const mod = await optional<PostgresModule>('@packledger/postgres');
      if (E.isLeft(mod)) return mod;
      const parsed = new URL(url);
      const schema = parsed.searchParams.get('schema') ?? 'packledger';
      parsed.searchParams.delete('schema');
      return E.right((await mod.right.openPostgres({ connectionString: parsed.toString(), schema })).events);
    }
    const kurrent = url.startsWith('kurrentdb://');
    const adapter = await optional<EventStoreDbModule>('@packledger/eventstoredb');
    if (E.isLeft(adapter)) return adapter;
    const clients = await optional<ClientModule>(kurrent ? '@kurrent/kurrentdb-client' : '@eventstore/db-client');
    if (E.isLeft(clients)) return clients;
    const factory = kurrent ? clients.right.KurrentDBClient : clients.right.EventStoreDBClient;
    if (factory === undefined) return E.left({ exitCode: EXIT.usage, message: 'the installed client has no connection-string factory' });
    const client = factory.connectionString(url);
    const store = kurrent ? adapter.right.kurrentDbStore(client) : adapter.right.eventStoreDbStore(client);
    // Connect now, so an unreachable server is reported here rather than half-way through a replay.
    for await (const _ of store.readAll({ maxCount: 1 })) break;
    return E.right(store);
  } catch (error) {
    return E.left({ exitCode: EXIT.unreachable, message: `cannot reach ${redacted(url)}: ${error instanceof Error ? error.message : String(error)}` });
  }
};
