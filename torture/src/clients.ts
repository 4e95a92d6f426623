import {
  accountPackageAggregate,
  clientPackageAggregate,
  commandHandler,
  creditPackAggregate,
  type Aggregate,
  type CommandHandler,
  type EventStore,
  type GlobalPosition,
  type JsonObject,
} from '@packledger/application';
import { InjectedFault } from '@packledger/application/testing';
import { decodeAccountPackageCommand, decodeClientPackageCommand, decodeCreditPackCommand, type DecodeError } from '@packledger/domain';
import * as E from 'fp-ts/Either';
import type { JsonCommand } from './commands';

/** The three aggregates of packledger. */
export type AggregateName = 'creditPack' | 'clientPackage' | 'accountPackage';

/** An event as a store keeps it: type and JSON data. */
export interface StoredForm {
  readonly type: string;
  readonly data: JsonObject;
}

/** One answer a client got for one attempt at a command. */
export type Answer =
  | { readonly kind: 'ambiguous'; readonly fault: string }
  | { readonly kind: 'accepted'; readonly events: readonly StoredForm[]; readonly nextRevision: bigint | 'no_stream'; readonly position: GlobalPosition | undefined; readonly duplicate: boolean }
  | { readonly kind: 'refused'; readonly code: string }
  | { readonly kind: 'conflict' }
  | { readonly kind: 'unreadable'; readonly message: string };

/** A command a client sent, with its command id and every answer it got, the last one final. */
export interface SentCommand {
  readonly aggregate: AggregateName;
  readonly stream: string;
  readonly commandId: string;
  readonly json: JsonCommand;
  readonly answers: readonly Answer[];
}

/** What the last answer says: settled by the domain (accepted or refused), or never answered for sure. */
export const finalAnswer = (sent: SentCommand): Answer | undefined => sent.answers[sent.answers.length - 1];

/** True when the command got a definite answer (not a fault, not a conflict still to retry). */
export const isSettled = (answer: Answer | undefined): boolean => answer !== undefined && answer.kind !== 'ambiguous' && answer.kind !== 'conflict';

// Each aggregate has its own command type; a client only ever needs them as "a command of this aggregate".
type AnyAggregate = Aggregate<unknown, unknown, unknown, { readonly code: string }>;
type AnyHandler = CommandHandler<unknown, unknown, { readonly code: string }>;

const aggregates: Record<AggregateName, AnyAggregate> = {
  creditPack: creditPackAggregate as unknown as AnyAggregate,
  clientPackage: clientPackageAggregate as unknown as AnyAggregate,
  accountPackage: accountPackageAggregate as unknown as AnyAggregate,
};

const decoders: Record<AggregateName, (json: unknown) => E.Either<DecodeError, unknown>> = {
  creditPack: decodeCreditPackCommand,
  clientPackage: decodeClientPackageCommand,
  accountPackage: decodeAccountPackageCommand,
};

/** The aggregate binding of a name. */
export const aggregateOf = (name: AggregateName): AnyAggregate => aggregates[name];

/** The stored form of decoded events, as JSON (what a reader of the store gets back). */
export const storedForms = (name: AggregateName, events: readonly unknown[]): StoredForm[] =>
  events.map((e) => {
    const encoded = aggregates[name].events.encode(e);
    return { type: encoded.type, data: JSON.parse(JSON.stringify(encoded.data)) as JsonObject };
  });

/**
 * One process of a host: its own command handlers (each with its own cache of streams,
 * as separate processes have) over a store.
 */
export interface Client {
  /**
   * Sends a JSON command under a command id until the domain answers: after a store fault
   * (the command may or may not be stored) or a conflict that outlived the handler's
   * retries, it sends the SAME command with the SAME id again, at most `maxAttempts` times.
   */
  readonly send: (aggregate: AggregateName, json: JsonCommand, commandId: string, maxAttempts?: number) => Promise<SentCommand>;
}

/** Called with every answer as the client gets it, before it acts on it (for checks that must run at that moment). */
export type AnswerObserver = (sent: { readonly stream: string; readonly commandId: string }, answer: Answer) => Promise<void>;

/** A client over a store; `maxRetries` is each handler's bound on conflict retries. */
export const clientOf = (store: EventStore, maxRetries: number, observe?: AnswerObserver): Client => {
  const handlers: Record<AggregateName, AnyHandler> = {
    creditPack: commandHandler(store, aggregates.creditPack, { maxRetries }),
    clientPackage: commandHandler(store, aggregates.clientPackage, { maxRetries }),
    accountPackage: commandHandler(store, aggregates.accountPackage, { maxRetries }),
  };
  return {
    send: async (aggregate, json, commandId, maxAttempts = 40) => {
      const decoded = decoders[aggregate](json);
      if (E.isLeft(decoded)) throw new Error(`a workload command does not decode: ${decoded.left.message}`);
      const command = decoded.right;
      const stream = aggregates[aggregate].streamOf(command);
      const answers: Answer[] = [];
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        let answer: Answer;
        try {
          const outcome = await handlers[aggregate](command, { commandId });
          answer = E.isRight(outcome)
            ? { kind: 'accepted', events: storedForms(aggregate, outcome.right.events), nextRevision: outcome.right.nextRevision, position: outcome.right.position, duplicate: outcome.right.duplicate }
            : outcome.left.kind === 'refused'
              ? { kind: 'refused', code: outcome.left.refusal.code }
              : outcome.left.kind === 'conflict'
                ? { kind: 'conflict' }
                : { kind: 'unreadable', message: outcome.left.error.message };
        } catch (error) {
          if (!(error instanceof InjectedFault)) throw error;
          answer = { kind: 'ambiguous', fault: error.fault };
        }
        answers.push(answer);
        await observe?.({ stream, commandId }, answer);
        if (isSettled(answer)) break;
      }
      return { aggregate, stream, commandId, json, answers };
    },
  };
};
