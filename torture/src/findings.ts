import { InMemoryEventStore, accountPackageAggregate, commandHandler, creditPackAggregate, creditPackEventCodec, fixedClock, importJsonl, loadStream } from '@packledger/application';
import { httpHandler } from '@packledger/http';
import { InMemoryReadModelStore, allViews, eventDecoder, packledgerStreams, startProjections } from '@packledger/projections';
import { decodeAccountPackageCommand, decodeClientPackageEvent, decodeCreditPackCommand, decodeWith, Actor, CustomFields } from '@packledger/domain';
import * as E from 'fp-ts/Either';
import { addAccountPackage, consumeCredits, issuePack, refundConsumption, staff } from './commands';

/**
 * A bug or weakness this suite found in the code under test, reported to be fixed there.
 * The fuzzers count a break it explains apart from the other breaks (it is printed, not
 * hidden), and {@link Finding.reproduce} shows whether it is still there.
 */
export interface Finding {
  readonly id: string;
  readonly title: string;
  /** True when this finding explains a break the input caused. */
  readonly explains: (input: unknown, problem: string) => boolean;
  /** Reproduces it: what still goes wrong, or undefined once it is fixed. */
  readonly reproduce: () => Promise<string | undefined>;
}

/** True when an own `__proto__` key sits anywhere in a JSON value (as `JSON.parse` makes one). */
export const hasOwnProtoKey = (value: unknown): boolean => {
  const stack: unknown[] = [value];
  let seen = 0;
  while (stack.length > 0 && seen++ < 100_000) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (Object.prototype.hasOwnProperty.call(v, '__proto__')) return true;
    for (const k of Object.keys(v)) stack.push((v as Record<string, unknown>)[k]);
  }
  return false;
};

const unwrap = <A>(e: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message);
  return e.right;
};

/** The findings, each reproducible with the library's own functions. */
export const findings: readonly Finding[] = [
  {
    id: 'F1',
    title: 'A "__proto__" key in a JSON command slips unvalidated fields past the io-ts codecs; the stored event makes its stream unreadable and stops the projections',
    explains: (input) => hasOwnProtoKey(input),
    reproduce: async () => {
      // Over HTTP, as a Client Hub accounts user of the pack's company: the body of an ordinary consumption, plus one key.
      const { packId: _p, actor: _a, at: _t, ...consume } = consumeCredits('p0', 'c1', '3', 1);
      const body = JSON.stringify(consume).replace(/^\{/, '{"__proto__":{"invoiceLine":{"invoiceId":"../$all","lineId":"x"}},');
      const store = new InMemoryEventStore();
      const readModels = new InMemoryReadModelStore();
      const client = unwrap(decodeWith(Actor, { kind: 'client', userId: 'ann', companyId: 'acme', role: 'accounts' }));
      await commandHandler(store, creditPackAggregate)(unwrap(decodeCreditPackCommand(issuePack('p0', '40'))), { commandId: 'issue' });
      const handle = httpHandler({ store, readModels, authenticate: async () => E.right(client), clock: fixedClock('2026-01-02T00:00:00.000Z') });
      const response = await handle({ method: 'POST', path: '/credit-packs/p0/commands', query: {}, headers: { 'idempotency-key': 'k1' }, body });
      const reloaded = await loadStream(store, creditPackAggregate, 'creditPack-p0');
      if (response.status !== 200 || E.isRight(reloaded)) return undefined;
      const projections = await startProjections({ events: store, readModels, views: allViews, decode: eventDecoder(packledgerStreams) });
      const closed = await Promise.race([projections.closed, projections.caughtUp.then(() => undefined)]);
      if (closed === undefined) await projections.stop();
      return `POST /credit-packs/p0/commands by a Client Hub accounts user answered 200; the pack's stream is now unreadable (${reloaded.left.message.slice(0, 160)}…)${closed === undefined ? '' : `; projections over the store stop: ${closed.reason}`}`;
    },
  },
  {
    id: 'F2',
    title: 'An account-package command at an instant after 2999 (a valid Instant) records a day the event codec refuses; the stream becomes unreadable',
    explains: (_input, problem) => /outside 1900-01-01 \.\. 2999-12-31/.test(problem),
    reproduce: async () => {
      const store = new InMemoryEventStore();
      const handle = commandHandler(store, accountPackageAggregate);
      await handle(unwrap(decodeAccountPackageCommand(addAccountPackage('ap0', 'acc-a'))), { commandId: 'add' });
      const remove = decodeAccountPackageCommand({ type: 'RemoveAccountService', accountPackageId: 'ap0', instanceId: 'voice.1', actor: staff, at: '9999-12-31T00:00:00Z' });
      if (E.isLeft(remove)) return undefined;
      const removed = await handle(remove.right, { commandId: 'remove' });
      const reloaded = await loadStream(store, accountPackageAggregate, 'accountPackage-ap0');
      return E.isRight(removed) && E.isLeft(reloaded) ? `accepted; the stream is now unreadable: ${reloaded.left.message}` : undefined;
    },
  },
  {
    id: 'F3',
    title: 'CustomFields accepts the names "__proto__", "constructor" and "prototype" (a "__proto__" field is kept or silently dropped depending on its value)',
    explains: (_input, problem) => /customFields has an own "(constructor|prototype|__proto__)" key/.test(problem),
    reproduce: async () => {
      // decodeWith refuses an own "__proto__" key anywhere (F1), so the codec is also asked directly.
      const accepted: string[] = [];
      for (const fields of ['{"__proto__":"x","constructor":"y"}', '{"__proto__":" x "}', '{"constructor":"y"}', '{"prototype":" z "}']) {
        const command = decodeAccountPackageCommand({ ...addAccountPackage('ap0', 'acc-a'), customFields: JSON.parse(fields) });
        if (E.isRight(command)) accepted.push(`the command with ${fields} keeps [${Object.keys((command.right as { customFields?: object }).customFields ?? {}).join(', ')}]`);
        const codec = CustomFields.decode(JSON.parse(fields));
        if (E.isRight(codec)) accepted.push(`CustomFields takes ${fields} as [${Object.keys(codec.right).join(', ')}]`);
      }
      return accepted.length === 0 ? undefined : `accepted: ${accepted.join('; ')}`;
    },
  },
  {
    id: 'F4',
    title: 'A staff actor\'s roles list has no bound: a million roles decode and go into every event',
    explains: (_input, problem) => /\.roles is a list of/.test(problem),
    reproduce: async () => {
      const actor = decodeWith(Actor, { ...staff, roles: Array.from({ length: 100_000 }, () => 'sales') });
      return E.isRight(actor) ? 'a staff actor with 100,000 roles decodes' : undefined;
    },
  },
  {
    id: 'F5',
    title: 'Decoding a stored CreditPackIssued of schema version 1 whose data is not an object throws instead of answering unreadable',
    explains: () => false,
    reproduce: async () => {
      try {
        creditPackEventCodec.decode({ type: 'CreditPackIssued', data: null as never, schemaVersion: 1 });
        return undefined;
      } catch (error) {
        return `throws ${error instanceof Error ? error.message : String(error)}`;
      }
    },
  },
  {
    id: 'F6',
    title: 'The unreadable-event error repeats a stored event\'s type in full: a 10 MB type makes a 10 MB message',
    explains: (input, problem) => /the error message is \d+ characters long/.test(problem) && typeof (input as { type?: unknown }).type === 'string' && ((input as { type: string }).type).length > 10_000,
    reproduce: async () => {
      const decoded = creditPackEventCodec.decode({ type: 'x'.repeat(1_000_000), data: {}, schemaVersion: 1 });
      return E.isLeft(decoded) && decoded.left.message.length > 100_000 ? `the message is ${decoded.left.message.length} characters long` : undefined;
    },
  },
  {
    id: 'F7',
    title: 'importJsonl refuses a line whose data nests about 4,500 levels or more with the raw "Maximum call stack size exceeded" (JSON.stringify in InMemoryEventStore.restore overflows; caught, but the message names no cause)',
    explains: () => false,
    reproduce: async () => {
      const deep = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
      const line = `{"id":"e1","stream":"creditPack-p0","revision":0,"position":0,"type":"CreditPackIssued","data":{"x":${deep}},"metadata":{"schemaVersion":2,"commandId":"c","correlationId":"c","causationId":"c","actor":"a","occurredAt":"2026-01-01T00:00:00.000Z"}}`;
      const imported = await importJsonl([line]);
      return E.isLeft(imported) && /call stack/.test(imported.left.message) ? `refused with: ${imported.left.message.slice(0, 120)}` : undefined;
    },
  },
  {
    id: 'F8',
    title: 'A refused command is not bound to its command id: the same id sent again is decided again and may be accepted (STYLE.md: "a failure bound to an id stays that failure on retry")',
    explains: () => false,
    reproduce: async () => {
      const store = new InMemoryEventStore();
      const handle = commandHandler(store, creditPackAggregate);
      const command = (json: Record<string, unknown>) => unwrap(decodeCreditPackCommand(json));
      await handle(command(issuePack('p0', '10')), { commandId: 'issue' });
      await handle(command(consumeCredits('p0', 'c1', '8', 1)), { commandId: 'first' });
      const refused = await handle(command(consumeCredits('p0', 'c2', '5', 1)), { commandId: 'second' });
      await handle(command(refundConsumption('p0', 'r1', 'c1', '8', 2)), { commandId: 'refund' });
      const retried = await handle(command(consumeCredits('p0', 'c2', '5', 1)), { commandId: 'second' });
      return E.isLeft(refused) && E.isRight(retried) ? 'command id "second" was refused (insufficient credits), then accepted when sent again' : undefined;
    },
  },
  {
    id: 'F9',
    title: 'A stored UsageRatedAgainstLimits takes any string as its currency (the codec says t.string): "XYZ" or a 10 MB string is read back as an event',
    explains: (_input, problem) => /\(root\)\.data\.currency (is a string of|= .* is not an ISO 4217 currency)/.test(problem),
    reproduce: async () => {
      const decoded = decodeClientPackageEvent({
        type: 'UsageRatedAgainstLimits',
        data: {
          clientPackageId: 'cp', usageId: 'u1', usageType: 'money', destination: '4420', requested: '1', consumed: '1', overflow: '0', periodNumber: 1, packageName: 'VoIP',
          fees: [], prefix: '44', currency: 'not a currency', by: { kind: 'system', name: 'rating' }, at: '2026-01-02T00:00:00.000Z',
        },
      });
      return E.isRight(decoded) ? 'a UsageRatedAgainstLimits with currency "not a currency" decodes' : undefined;
    },
  },
  {
    id: 'F10',
    title: 'RunningProjections.reached(position) can wait forever: asked after the catch-up\'s last commit settled the waiters but before the runner marks itself live, it waits for a commit that only a later event brings',
    explains: () => false,
    reproduce: async () => {
      const store = new InMemoryEventStore();
      const handle = commandHandler(store, creditPackAggregate);
      let last = 0n;
      for (const id of ['p0', 'p1']) {
        const issued = await handle(unwrap(decodeCreditPackCommand(issuePack(id, '10'))), { commandId: id });
        if (E.isRight(issued)) last = issued.right.position ?? last;
      }
      const running = await startProjections({ events: store, readModels: new InMemoryReadModelStore(), views: allViews, decode: eventDecoder(packledgerStreams) });
      // Ask at every turn while the runner catches up; once it is idle, an unsettled answer can only come with a new event.
      const asked: { turn: number; settled: boolean }[] = [];
      for (let turn = 0; turn < 200; turn++) {
        const question = { turn, settled: false };
        running.reached(last).then(() => { question.settled = true; }, () => { question.settled = true; });
        asked.push(question);
        await Promise.resolve();
      }
      await running.caughtUp;
      for (let i = 0; i < 50; i++) await Promise.resolve();
      const stuck = asked.filter((q) => !q.settled).map((q) => q.turn);
      await running.stop();
      return stuck.length === 0 ? undefined : `reached(${last}) asked at turn ${stuck.join(', ')} of the catch-up never settled while the views were up to date (only stop() ends it)`;
    },
  },
];

/** The finding that explains a break, if one does. */
export const explainedBy = (input: unknown, problem: string): Finding | undefined => findings.find((f) => f.explains(input, problem));
