import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { decodeWith, domainError, type DecodeProblem, type DomainError } from '@packledger/domain';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { EventMetadata, EventStore, JsonObject, ReadAllOptions, RecordedEvent } from '../event-store';
import { RevisionNumber } from '../revision-codec';
import { InMemoryEventStore } from './event-store';
import { nestingProblem } from './json-nesting';

/** A JSONL file that cannot be imported: the line (from 1) and what is wrong with it. Nothing was imported. */
export type JsonlImportError = DomainError<'invalid_jsonl', { readonly line: number; readonly problems: readonly DecodeProblem[] }>;

const importError = (line: number, problems: readonly DecodeProblem[]): JsonlImportError =>
  domainError('invalid_jsonl', { line, problems },
    `Line ${line} is not a stored event: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}. Nothing was imported; fix the line and import again.`);

/** The part of a parsed line (its `data` or `metadata`) that nests deeper than a store keeps, with why. */
const nestedTooDeep = (parsed: unknown): DecodeProblem | undefined => {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  for (const part of ['data', 'metadata'] as const) {
    const problem = Object.prototype.hasOwnProperty.call(parsed, part) ? nestingProblem((parsed as Record<string, unknown>)[part]) : undefined;
    if (problem !== undefined) return { path: part, message: problem };
  }
  return undefined;
};

const NonEmptyString = t.refinement(t.string, (s) => s.length > 0, 'NonEmptyString');

const Metadata = t.type({
  schemaVersion: t.refinement(t.number, (n) => Number.isInteger(n) && n >= 1, 'SchemaVersion'),
  commandId: t.string,
  correlationId: t.string,
  causationId: t.string,
  actor: t.string,
  occurredAt: t.string,
}, 'EventMetadata');

/** One line of a JSONL export: a stored event with its stream, revision and position. */
const Line = t.type({
  stream: NonEmptyString,
  revision: RevisionNumber,
  position: RevisionNumber,
  id: NonEmptyString,
  type: NonEmptyString,
  data: t.UnknownRecord,
  metadata: Metadata,
}, 'StoredEventLine');

/**
 * The JSONL line of a stored event (without the newline): `stream`, `revision`, `position`,
 * `id`, `type`, `data`, `metadata`. Revisions and positions are JSON numbers.
 */
export const toJsonLine = (event: RecordedEvent): string =>
  JSON.stringify({
    stream: event.stream,
    revision: RevisionNumber.encode(event.revision),
    position: RevisionNumber.encode(event.position),
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  });

/**
 * Every event of a store (or those `options` select) as JSONL, one line per event in
 * position order, each ending with a newline. Works with any {@link EventStore}.
 *
 * @example
 * await pipeline(Readable.from(exportJsonl(store)), createWriteStream('events.jsonl'));
 */
export async function* exportJsonl(store: EventStore, options?: ReadAllOptions): AsyncIterable<string> {
  for await (const event of store.readAll(options)) yield `${toJsonLine(event)}\n`;
}

const linesOf = (source: string | Iterable<string> | AsyncIterable<string>): Iterable<string> | AsyncIterable<string> =>
  typeof source === 'string' ? source.split('\n') : source;

/**
 * Builds an {@link InMemoryEventStore} from JSONL (a whole text, or its lines one by one):
 * the exact events, revisions and positions that were exported. All or nothing: on the
 * first bad line, Left with its line number and problems, and no store exists. Blank lines
 * are skipped. Within a stream revisions must run 0, 1, 2, ...; positions must increase.
 * An event's data and metadata nest at most 256 levels of objects and arrays, as in the
 * store (a deeper line is refused, checked without recursion).
 *
 * @example
 * const restored = await importJsonl(readFileSync('events.jsonl', 'utf8'));
 * if (E.isLeft(restored)) throw new Error(restored.left.message); // "Line 3 is not a stored event: ..."
 * const store = restored.right;
 */
export const importJsonl = async (
  source: string | Iterable<string> | AsyncIterable<string>,
): Promise<E.Either<JsonlImportError, InMemoryEventStore>> => {
  const events: RecordedEvent[] = [];
  const lineNumbers: number[] = [];
  let lineNumber = 0;
  for await (const raw of linesOf(source)) {
    lineNumber++;
    const text = raw.trim();
    if (text.length === 0) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return E.left(importError(lineNumber, [{ path: '(root)', message: `is not JSON (${error instanceof Error ? error.message : String(error)})` }]));
    }
    // Before anything that recurses (the store's JSON.stringify and freezing overflow the stack a few thousand levels down).
    const deep = nestedTooDeep(parsed);
    if (deep !== undefined) return E.left(importError(lineNumber, [deep]));
    const decoded = decodeWith(Line, parsed);
    if (E.isLeft(decoded)) return E.left(importError(lineNumber, decoded.left.facts.problems));
    const line = decoded.right;
    events.push({ ...line, data: line.data as JsonObject, metadata: line.metadata as EventMetadata });
    lineNumbers.push(lineNumber);
  }
  const restored = InMemoryEventStore.restore(events);
  return E.isLeft(restored)
    ? E.left(importError(lineNumbers[restored.left.index] ?? lineNumber, [{ path: '(root)', message: restored.left.problem }]))
    : restored;
};

/**
 * Writes every event of a store to a JSONL file. The file is replaced only once the whole
 * export is written, so a crash never leaves half a file behind.
 *
 * @example
 * await saveJsonlFile(store, './data/events.jsonl');
 */
export const saveJsonlFile = async (store: EventStore, path: string): Promise<void> => {
  const partial = `${path}.${process.pid}.partial`;
  try {
    await pipeline(Readable.from(exportJsonl(store)), createWriteStream(partial));
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
};

/**
 * Reads a JSONL file written by {@link saveJsonlFile} (or any JSONL export) into a new
 * {@link InMemoryEventStore}, line by line. Left when a line is bad (nothing imported);
 * rejects when the file cannot be read.
 *
 * @example
 * const loaded = await loadJsonlFile('./data/events.jsonl');
 * if (E.isLeft(loaded)) throw new Error(loaded.left.message); // "Line 7 is not a stored event: ..."
 * const store = loaded.right;
 */
export const loadJsonlFile = async (path: string): Promise<E.Either<JsonlImportError, InMemoryEventStore>> => {
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    return await importJsonl(lines);
  } finally {
    lines.close();
    input.destroy();
  }
};
