// The Streams and ServerFeatures services of the test server: EventStoreDB's gRPC protocol over the
// TestLog, answering in the wire forms the server uses (which the clients turn into their own
// errors). The server's source is cited beside each rule: EventStore/EventStore,
// src/EventStore.Core/Services/Transport/Grpc/*.cs (v23.10), and RpcExceptions.cs / Status.cs for errors.
import { randomUUID } from 'node:crypto';
import { Metadata, status as Code, type ServerDuplexStream, type ServerReadableStream, type ServerUnaryCall, type ServerWritableStream, type UntypedServiceImplementation, type sendUnaryData } from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import { passes, type Expectation, type LoggedEvent, type ProposedEvent, type ServerFilter, type TestLog, type WriteOutcome } from './log';
import type { Protocol, SharedPb, StatusPb, StreamsPb } from './protocol';

/** What a client asked `Streams.Read` for: the tests check which reads the adapter makes. */
export interface ReadRequest {
  readonly target: 'stream' | 'all';
  readonly stream?: string;
  readonly subscription: boolean;
  readonly direction: 'forwards' | 'backwards';
  readonly filter?: { readonly on: 'stream' | 'type'; readonly prefixes: readonly string[]; readonly regex: string };
}

/**
 * Faults the tests inject into the next appends: `unavailable` fails it before writing (a dropped
 * connection), `lost-answer` writes it and then fails the call (the answer is lost on the way
 * back), `deadline` never answers until the request's deadline has passed.
 */
export type AppendFault = 'unavailable' | 'lost-answer' | 'deadline';

/** How the test server behaves; see TestEventStoreServer. */
export interface ServiceSettings {
  /** Send `CaughtUp` when a subscription goes live, as servers since 23.10 do (default true). */
  readonly caughtUpMessages: boolean;
  /** Advertise and serve `Streams.BatchAppend` (default true); clients then append through it. */
  readonly batchAppend: boolean;
  readonly serverVersion: string;
}

/** The state the services share with the server that hosts them. */
export interface ServiceContext {
  readonly protocol: Protocol;
  readonly log: TestLog;
  readonly settings: ServiceSettings;
  readonly reads: ReadRequest[];
  readonly appendFaults: AppendFault[];
}

// Enumerators.ReadBatchSize: the search window of a filtered read when the client sets none.
const DEFAULT_MAX_SEARCH_WINDOW = 32;

const utf8 = (bytes: Uint8Array | string): string => (typeof bytes === 'string' ? Buffer.from(bytes, 'base64').toString('utf8') : Buffer.from(bytes).toString('utf8'));
const bytesOf = (value: Uint8Array | string): Uint8Array => (typeof value === 'string' ? Buffer.from(value, 'base64') : value);

/** An RPC error with EventStoreDB's trailers (RpcExceptions.cs). */
const rpcError = (code: Code, details: string, trailers: Record<string, string> = {}): { code: Code; details: string; metadata: Metadata } => {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return { code, details, metadata };
};

// RpcExceptions.StreamDeleted
const streamDeleted = (stream: string) => rpcError(Code.FAILED_PRECONDITION, `Event stream '${stream}' is deleted.`, { exception: 'stream-deleted', 'stream-name': stream });

// RpcExceptions.WrongExpectedVersion: versions as the server's longs (-1 no stream, -2 any, -4 stream exists).
const longOf = (expected: Expectation): bigint =>
  expected.kind === 'revision' ? expected.revision : expected.kind === 'no_stream' ? -1n : expected.kind === 'any' ? -2n : -4n;
const wrongExpectedVersion = (operation: string, stream: string, expected: Expectation, current: bigint | undefined) =>
  rpcError(Code.FAILED_PRECONDITION, `${operation} failed due to WrongExpectedVersion. Stream: ${stream}, Expected version: ${longOf(expected)}, Actual version: ${current ?? ''}`, {
    exception: 'wrong-expected-version',
    'stream-name': stream,
    'expected-version': String(longOf(expected)),
    'actual-version': current === undefined ? '' : String(current),
  });

// RpcExceptions.RequiredMetadataPropertyMissing
const missingMetadata = () =>
  rpcError(Code.INVALID_ARGUMENT, "Required Metadata Property 'type' is missing", { exception: 'missing-required-metadata-property', 'required-metadata-properties': 'type,content-type' });

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Uuid.FromDto: the string form, or the structured form (two signed 64-bit halves). */
const uuidOf = (uuid: SharedPb.UUID | undefined): string => {
  if (uuid === undefined) throw rpcError(Code.INVALID_ARGUMENT, 'An event needs an id');
  let text: string;
  if (uuid.hasStructured()) {
    const s = uuid.getStructured() as SharedPb.UUID.Structured;
    const hex = BigInt.asUintN(64, BigInt(s.getMostSignificantBits())).toString(16).padStart(16, '0') + BigInt.asUintN(64, BigInt(s.getLeastSignificantBits())).toString(16).padStart(16, '0');
    text = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  } else {
    text = uuid.getString().toLowerCase();
  }
  if (!UUID_PATTERN.test(text)) throw rpcError(Code.INVALID_ARGUMENT, `'${text}' is not a valid System.Guid`);
  return text;
};

type Proposed = StreamsPb.AppendReq.ProposedMessage | StreamsPb.BatchAppendReq.ProposedMessage;

/** A proposed message as the log takes it; `type` and `content-type` are required (Streams.Append.cs). */
const proposedEvent = (message: Proposed): ProposedEvent => {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  if (type === undefined || contentType === undefined) throw missingMetadata();
  return { id: uuidOf(message.getId()), type, contentType, data: bytesOf(message.getData()), metadata: bytesOf(message.getCustomMetadata()) };
};

export const streamsService = (context: ServiceContext): UntypedServiceImplementation => {
  const { protocol, log, settings } = context;
  const { streams: pb, shared } = protocol;

  const identifier = (stream: string): SharedPb.StreamIdentifier => new shared.StreamIdentifier().setStreamName(Buffer.from(stream, 'utf8'));
  const streamOf = (id: SharedPb.StreamIdentifier | undefined): string => utf8(id?.getStreamName() ?? '');

  // Streams.Read.cs, ConvertToRecordedEvent / ConvertToReadEvent: positions on every event (also on
  // stream reads, populated since 22.10 for events written outside explicit transactions).
  const readResp = (e: LoggedEvent, uuidAsString: boolean): StreamsPb.ReadResp => {
    const recorded = new pb.ReadResp.ReadEvent.RecordedEvent();
    const id = new shared.UUID();
    if (uuidAsString) id.setString(e.id);
    else {
      const hex = e.id.replace(/-/g, '');
      const structured = new shared.UUID.Structured()
        .setMostSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`)).toString())
        .setLeastSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(16)}`)).toString());
      id.setStructured(structured);
    }
    recorded.setId(id).setStreamIdentifier(identifier(e.stream)).setStreamRevision(e.revision.toString())
      .setCommitPosition(e.position.toString()).setPreparePosition(e.position.toString())
      .setData(e.data).setCustomMetadata(e.metadata);
    recorded.getMetadataMap().set('type', e.type).set('created', e.created.toString()).set('content-type', e.contentType);
    const event = new pb.ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(e.position.toString());
    return new pb.ReadResp().setEvent(event);
  };

  const filterOf = (options: StreamsPb.ReadReq.Options): { filter: ServerFilter | undefined; window: number; multiplier: number } => {
    if (!options.hasFilter()) return { filter: undefined, window: DEFAULT_MAX_SEARCH_WINDOW, multiplier: 1 };
    const f = options.getFilter() as StreamsPb.ReadReq.Options.FilterOptions;
    const on = f.hasStreamIdentifier() ? 'stream' : 'type';
    const expression = (on === 'stream' ? f.getStreamIdentifier() : f.getEventType()) as StreamsPb.ReadReq.Options.FilterOptions.Expression;
    // Streams.Read.cs, ConvertToEventFilter: a regex when one is given, prefixes otherwise.
    const regex = expression.getRegex();
    return {
      filter: { on, prefixes: expression.getPrefixList(), regex: regex === '' ? undefined : new RegExp(regex) },
      window: f.hasMax() ? f.getMax() : DEFAULT_MAX_SEARCH_WINDOW,
      multiplier: Math.max(1, f.getCheckpointintervalmultiplier()),
    };
  };

  const record = (options: StreamsPb.ReadReq.Options, target: 'stream' | 'all', stream?: string): void => {
    const f = options.hasFilter() ? (options.getFilter() as StreamsPb.ReadReq.Options.FilterOptions) : undefined;
    const expression = f === undefined ? undefined : f.hasStreamIdentifier() ? f.getStreamIdentifier() : f.getEventType();
    context.reads.push({
      target,
      ...(stream === undefined ? {} : { stream }),
      subscription: options.hasSubscription(),
      direction: options.getReadDirection() === pb.ReadReq.Options.ReadDirection.BACKWARDS ? 'backwards' : 'forwards',
      ...(f === undefined || expression === undefined
        ? {}
        : { filter: { on: f.hasStreamIdentifier() ? 'stream' : 'type', prefixes: expression.getPrefixList(), regex: expression.getRegex() } }),
    });
  };

  /** Writes one response, waiting for the transport to drain when it asks to. */
  const send = async (call: ServerWritableStream<StreamsPb.ReadReq, StreamsPb.ReadResp>, resp: StreamsPb.ReadResp): Promise<boolean> => {
    if (call.cancelled || call.destroyed) return false;
    if (!call.write(resp)) {
      // Both listeners go once either fires: a long read waits for drain many times on one call.
      await new Promise<void>((resolve) => {
        const done = (): void => { call.off('drain', done); call.off('close', done); resolve(); };
        call.on('drain', done);
        call.on('close', done);
      });
    }
    return !call.cancelled && !call.destroyed;
  };

  /**
   * A subscription to $all (Enumerators.AllSubscription / AllSubscriptionFiltered): confirmation,
   * catch-up from after the start position (exclusive), CaughtUp, then live events. A filtered
   * subscription sends a checkpoint each time it has considered `multiplier × window` events
   * (matching or not), at the position of the last event considered.
   */
  const subscribeToAll = async (call: ServerWritableStream<StreamsPb.ReadReq, StreamsPb.ReadResp>, options: StreamsPb.ReadReq.Options): Promise<void> => {
    const all = options.getAll() as StreamsPb.ReadReq.Options.AllOptions;
    const uuidAsString = options.getUuidOption()?.hasString() ?? false;
    const { filter, window, multiplier } = filterOf(options);
    const interval = window * multiplier;
    let index = all.hasEnd() ? log.all.length : all.hasPosition() ? log.indexAfter(BigInt((all.getPosition() as StreamsPb.ReadReq.Options.Position).getCommitPosition())) : 0;
    let wake: (() => void) | undefined;
    const stopWaiting = log.onWrite(() => { const w = wake; wake = undefined; w?.(); });
    const cancel = (): void => { const w = wake; wake = undefined; w?.(); };
    call.on('cancelled', cancel);
    call.on('close', cancel);
    try {
      if (!(await send(call, new pb.ReadResp().setConfirmation(new pb.ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID()))))) return;
      let considered = 0;
      let caughtUp = false;
      while (!call.cancelled && !call.destroyed) {
        const e = log.all[index];
        if (e !== undefined) {
          index++;
          if (passes(filter, e) && !(await send(call, readResp(e, uuidAsString)))) return;
          if (filter !== undefined && ++considered >= interval) {
            considered = 0;
            if (!(await send(call, new pb.ReadResp().setCheckpoint(new pb.ReadResp.Checkpoint().setCommitPosition(e.position.toString()).setPreparePosition(e.position.toString()))))) return;
          }
        } else if (!caughtUp) {
          caughtUp = true;
          if (settings.caughtUpMessages && !(await send(call, new pb.ReadResp().setCaughtUp(new pb.ReadResp.CaughtUp())))) return;
        } else {
          await new Promise<void>((resolve) => { wake = resolve; });
        }
      }
    } finally {
      stopWaiting();
    }
  };

  const read = async (call: ServerWritableStream<StreamsPb.ReadReq, StreamsPb.ReadResp>): Promise<void> => {
    const options = call.request.getOptions();
    if (options === undefined) { call.emit('error', rpcError(Code.INVALID_ARGUMENT, 'Read needs options')); return; }
    const backwards = options.getReadDirection() === pb.ReadReq.Options.ReadDirection.BACKWARDS;
    const uuidAsString = options.getUuidOption()?.hasString() ?? false;
    const count = options.hasCount() ? BigInt(options.getCount()) : 0n;
    if (options.hasStream()) {
      const streamOptions = options.getStream() as StreamsPb.ReadReq.Options.StreamOptions;
      const stream = streamOf(streamOptions.getStreamIdentifier());
      record(options, 'stream', stream);
      if (options.hasSubscription()) { call.emit('error', rpcError(Code.UNIMPLEMENTED, 'The test server does not serve stream subscriptions')); return; }
      const from = streamOptions.hasStart() ? 'start' : streamOptions.hasEnd() ? 'end' : BigInt(streamOptions.getRevision());
      const result = log.readStream(stream, backwards ? 'backwards' : 'forwards', from, count);
      // Enumerators.ReadStreamForwards: a deleted stream fails the call; a missing one is a StreamNotFound message (Streams.Read.cs, HandleFailure).
      if (result.kind === 'deleted') { call.emit('error', streamDeleted(stream)); return; }
      if (result.kind === 'not_found') await send(call, new pb.ReadResp().setStreamNotFound(new pb.ReadResp.StreamNotFound().setStreamIdentifier(identifier(stream))));
      else for (const e of result.events) if (!(await send(call, readResp(e, uuidAsString)))) return;
      call.end();
      return;
    }
    record(options, 'all');
    if (options.hasSubscription()) {
      await subscribeToAll(call, options);
      return;
    }
    const all = options.getAll() as StreamsPb.ReadReq.Options.AllOptions;
    const from = all.hasStart() ? 'start' : all.hasEnd() ? 'end' : BigInt((all.getPosition() as StreamsPb.ReadReq.Options.Position).getCommitPosition());
    for (const e of log.readAll(backwards ? 'backwards' : 'forwards', from, count, filterOf(options).filter)) if (!(await send(call, readResp(e, uuidAsString)))) return;
    call.end();
  };

  const expectationOf = (options: {
    hasRevision?: () => boolean; getRevision?: () => string; hasStreamPosition?: () => boolean; getStreamPosition?: () => string;
    hasNoStream: () => boolean; hasAny: () => boolean; hasStreamExists: () => boolean;
  }): Expectation => {
    if (options.hasRevision?.() === true) return { kind: 'revision', revision: BigInt((options.getRevision as () => string)()) };
    if (options.hasStreamPosition?.() === true) return { kind: 'revision', revision: BigInt((options.getStreamPosition as () => string)()) };
    if (options.hasNoStream()) return { kind: 'no_stream' };
    if (options.hasStreamExists()) return { kind: 'stream_exists' };
    if (options.hasAny()) return { kind: 'any' };
    throw rpcError(Code.INVALID_ARGUMENT, 'An expected stream revision is required');
  };

  const takeFault = (): AppendFault | undefined => context.appendFaults.shift();

  /** Streams.Append.cs: the options message, then the proposed messages; one answer when the client ends its stream. */
  const append = (call: ServerReadableStream<StreamsPb.AppendReq, StreamsPb.AppendResp>, callback: sendUnaryData<StreamsPb.AppendResp>): void => {
    const messages: StreamsPb.AppendReq[] = [];
    call.on('data', (m: StreamsPb.AppendReq) => messages.push(m));
    call.on('error', () => undefined);
    call.on('end', () => {
      try {
        const options = messages[0]?.getOptions();
        if (options === undefined) throw rpcError(Code.INVALID_ARGUMENT, 'The first message of an append must be its options');
        const stream = streamOf(options.getStreamIdentifier());
        const expected = expectationOf(options);
        const events = messages.slice(1).map((m) => proposedEvent(m.getProposedMessage() as StreamsPb.AppendReq.ProposedMessage));
        const fault = takeFault();
        if (fault === 'unavailable') return callback(rpcError(Code.UNAVAILABLE, 'Server Is Not Ready'));
        if (fault === 'deadline') return; // never answered: the client's deadline ends the call
        const outcome = log.append(stream, expected, events);
        if (fault === 'lost-answer') return callback(rpcError(Code.UNAVAILABLE, 'Connection dropped'));
        if (outcome.kind === 'stream_deleted') return callback(streamDeleted(stream));
        const resp = new pb.AppendResp();
        if (outcome.kind === 'wrong_expected_version') {
          // Streams.Append.cs, OperationResult.WrongExpectedVersion: an answer, not an error.
          const w = new pb.AppendResp.WrongExpectedVersion();
          if (outcome.current === undefined) w.setCurrentNoStream(new shared.Empty());
          else w.setCurrentRevision(outcome.current.toString());
          if (expected.kind === 'any') w.setExpectedAny(new shared.Empty());
          else if (expected.kind === 'stream_exists') w.setExpectedStreamExists(new shared.Empty());
          else if (expected.kind === 'no_stream') w.setExpectedNoStream(new shared.Empty());
          else w.setExpectedRevision(expected.revision.toString());
          return callback(null, resp.setWrongExpectedVersion(w));
        }
        const success = new pb.AppendResp.Success();
        if (outcome.lastRevision < 0n) success.setNoStream(new shared.Empty());
        else success.setCurrentRevision(outcome.lastRevision.toString());
        if (outcome.position < 0n) success.setNoPosition(new shared.Empty());
        else success.setPosition(new pb.AppendResp.Position().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString()));
        callback(null, resp.setSuccess(success));
      } catch (error) {
        callback(error as { code: Code; details: string; metadata: Metadata });
      }
    });
  };

  /** Status.cs: a google.rpc.Status with EventStoreDB's detail message packed in an Any. */
  const status = (code: Code, message: string, detail: { serializeBinary(): Uint8Array }, typeName: string) => {
    const any = new Any();
    any.pack(detail.serializeBinary(), typeName);
    return new protocol.status.Status().setCode(code as number as Parameters<StatusPb.Status['setCode']>[0]).setMessage(message).setDetails(any);
  };

  const batchOutcome = (outcome: WriteOutcome, stream: string, expected: Expectation, resp: StreamsPb.BatchAppendResp): StreamsPb.BatchAppendResp => {
    if (outcome.kind === 'stream_deleted') {
      return resp.setError(status(Code.NOT_FOUND, 'StreamDeleted', new shared.StreamDeleted().setStreamIdentifier(identifier(stream)), 'event_store.client.StreamDeleted'));
    }
    if (outcome.kind === 'wrong_expected_version') {
      const w = new shared.WrongExpectedVersion();
      if (outcome.current === undefined) w.setCurrentNoStream(new Empty());
      else w.setCurrentStreamRevision(outcome.current.toString());
      if (expected.kind === 'revision') w.setExpectedStreamPosition(expected.revision.toString());
      else if (expected.kind === 'any') w.setExpectedAny(new Empty());
      else if (expected.kind === 'stream_exists') w.setExpectedStreamExists(new Empty());
      else w.setExpectedNoStream(new Empty());
      // Status.WrongExpectedVersion: code AlreadyExists.
      return resp.setError(status(Code.ALREADY_EXISTS, 'WrongExpectedVersion', w, 'event_store.client.WrongExpectedVersion'));
    }
    const success = new pb.BatchAppendResp.Success();
    if (outcome.lastRevision < 0n) success.setNoStream(new Empty());
    else success.setCurrentRevision(outcome.lastRevision.toString());
    if (outcome.position < 0n) success.setNoPosition(new Empty());
    else success.setPosition(new shared.AllStreamPosition().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString()));
    return resp.setSuccess(success);
  };

  /**
   * Streams.BatchAppend.cs: requests keyed by correlation id, options in the first, events in
   * each, answered once `is_final`; a write that outlives its deadline is answered Timeout.
   */
  const batchAppend = (call: ServerDuplexStream<StreamsPb.BatchAppendReq, StreamsPb.BatchAppendResp>): void => {
    const pending = new Map<string, { stream: string; expected: Expectation; deadline: Date | undefined; events: ProposedEvent[] }>();
    call.on('error', () => undefined);
    call.on('data', (req: StreamsPb.BatchAppendReq) => {
      const correlation = req.getCorrelationId();
      const key = uuidOf(correlation);
      const answer = (): StreamsPb.BatchAppendResp => new pb.BatchAppendResp().setCorrelationId(correlation);
      try {
        const options = req.getOptions();
        if (options !== undefined) pending.set(key, { stream: streamOf(options.getStreamIdentifier()), expected: expectationOf(options), deadline: protocol.batchDeadline(options), events: [] });
        const write = pending.get(key);
        if (write === undefined) return;
        write.events.push(...req.getProposedMessagesList().map(proposedEvent));
        if (!req.getIsFinal()) return;
        pending.delete(key);
        const fault = takeFault();
        // A dropped connection fails every append in flight on it.
        if (fault === 'unavailable') { call.emit('error', rpcError(Code.UNAVAILABLE, 'Server Is Not Ready')); return; }
        if (fault === 'deadline') {
          const ms = write.deadline === undefined ? 10_000 : Math.max(0, write.deadline.getTime() - Date.now());
          setTimeout(() => {
            if (call.destroyed) return;
            call.write(answer().setStreamIdentifier(identifier(write.stream)).setError(status(Code.DEADLINE_EXCEEDED, 'Timeout', new shared.Timeout(), 'event_store.client.Timeout')));
          }, ms).unref();
          return;
        }
        const outcome = log.append(write.stream, write.expected, write.events);
        if (fault === 'lost-answer') { call.emit('error', rpcError(Code.UNAVAILABLE, 'Connection dropped')); return; }
        call.write(batchOutcome(outcome, write.stream, write.expected, answer().setStreamIdentifier(identifier(write.stream))));
      } catch (error) {
        const e = error as { details?: string };
        call.write(answer().setError(status(Code.INVALID_ARGUMENT, 'BadRequest', new shared.BadRequest().setMessage(e.details ?? String(error)), 'event_store.client.BadRequest')));
      }
    });
    call.on('end', () => call.end());
  };

  /** Streams.Delete.cs: a wrong expected version or a deleted stream fails the call (RpcExceptions). */
  const remove = (tombstone: boolean) => (
    call: ServerUnaryCall<StreamsPb.DeleteReq | StreamsPb.TombstoneReq, StreamsPb.DeleteResp | StreamsPb.TombstoneResp>,
    callback: sendUnaryData<StreamsPb.DeleteResp | StreamsPb.TombstoneResp>,
  ): void => {
    try {
      const options = call.request.getOptions();
      if (options === undefined) throw rpcError(Code.INVALID_ARGUMENT, 'Delete needs options');
      const stream = streamOf(options.getStreamIdentifier());
      const expected = expectationOf(options);
      const outcome = log.delete(stream, expected, tombstone);
      if (outcome.kind === 'stream_deleted') return callback(streamDeleted(stream));
      if (outcome.kind === 'wrong_expected_version') return callback(wrongExpectedVersion(tombstone ? 'Tombstone' : 'Delete', stream, expected, outcome.current));
      const Resp = tombstone ? pb.TombstoneResp : pb.DeleteResp;
      const position = new Resp.Position().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString());
      callback(null, new Resp().setPosition(position));
    } catch (error) {
      callback(error as { code: Code; details: string; metadata: Metadata });
    }
  };

  const implementation: UntypedServiceImplementation = {
    read: (call: ServerWritableStream<StreamsPb.ReadReq, StreamsPb.ReadResp>) => {
      read(call).catch((error: unknown) => call.emit('error', error));
    },
    append,
    delete: remove(false),
    tombstone: remove(true),
  };
  if (settings.batchAppend) implementation['batchAppend'] = batchAppend;
  return implementation;
};

/** ServerFeatures.cs: every client method the server maps, lower-cased, with the features of Read and BatchAppend. */
export const serverFeaturesService = (context: ServiceContext): UntypedServiceImplementation => ({
  getSupportedMethods: (_call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
    const { features } = context.protocol;
    const methods: [string, string, string[]][] = [
      ['event_store.client.streams.streams', 'read', ['position', 'events']],
      ['event_store.client.streams.streams', 'append', []],
      ['event_store.client.streams.streams', 'delete', []],
      ['event_store.client.streams.streams', 'tombstone', []],
      ...(context.settings.batchAppend ? [['event_store.client.streams.streams', 'batchappend', ['deadline_duration']] as [string, string, string[]]] : []),
      ['event_store.client.server_features.serverfeatures', 'getsupportedmethods', []],
    ];
    const supported = new features.SupportedMethods().setEventStoreServerVersion(context.settings.serverVersion);
    for (const [service, method, list] of methods) supported.addMethods(new features.SupportedMethod().setServiceName(service).setMethodName(method).setFeaturesList(list));
    callback(null, supported);
  },
});

