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

/** A server source, through its adapter package, loaded only when asked for. */
const openServer = async (url: string): Promise<E.Either<SourceError, EventStore>> => {
  const adapter = url.startsWith('esdb://') || url.startsWith('kurrentdb://') ? '@packledger/eventstoredb' : '@packledger/postgres';
  let mod: { openEventStore?: (url: string) => Promise<EventStore> };
  try {
    mod = (await import(adapter)) as typeof mod;
  } catch {
    return E.left({ exitCode: EXIT.usage, message: `reading ${url} needs ${adapter}: npm install ${adapter}` });
  }
  if (typeof mod.openEventStore !== 'function') return E.left({ exitCode: EXIT.usage, message: `${adapter} cannot open a store from a URL in this version` });
  try {
    return E.right(await mod.openEventStore(url));
  } catch (error) {
    return E.left({ exitCode: EXIT.unreachable, message: `cannot reach ${url.replace(/\/\/[^@/]*@/, '//***@')}: ${error instanceof Error ? error.message : String(error)}` });
  }
};
