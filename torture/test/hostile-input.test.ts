import { importJsonl } from '@packledger/application';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import {
  COMMAND_CODECS,
  DEEP,
  EVENT_CODECS,
  checkCommandInput,
  checkEventInput,
  fuzzCommandCodec,
  fuzzEventCodec,
  fuzzTargets,
  hostileValues,
  prototypePollution,
  type CommandCodecTarget,
  type FuzzTargets,
} from '../src/hostile-input';
import { ADVERSARIAL_IDS, streamNameBreaks } from '../src/stream-names';

let targets: FuzzTargets;
beforeAll(async () => {
  targets = await fuzzTargets();
});

const commandTarget = (name: string): CommandCodecTarget => {
  const t = targets.commands.find((c) => c.name === name);
  if (t === undefined) throw new Error(`no codec ${name}`);
  return t;
};

/** Every sample with one top-level field (other than its type) replaced by `value`. */
const everyFieldSetTo = (target: CommandCodecTarget, value: unknown): unknown[] =>
  target.samples.flatMap((sample) => Object.keys(sample).filter((k) => k !== 'type').map((k) => ({ ...sample, [k]: value })));

describe('hostile input to the command codecs', () => {
  test.each(COMMAND_CODECS)('random and adversarial JSON to the %s: a clear decode error or a valid command, never a throw, a pollution or a value it should refuse', async (name) => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 2 }), async (seed) => {
        expect(fuzzCommandCodec(commandTarget(name), seed, 150).breaks).toEqual([]);
      }),
      { numRuns: 6, examples: [[1], [2]] },
    );
  });

  test.each(COMMAND_CODECS)(`the %s take a value nested ${DEEP.toLocaleString('en')} deep in any field without overflowing the stack: refused, or dropped as an unknown field`, (name) => {
    const t = commandTarget(name);
    const { deepObject, deepArray } = hostileValues();
    const deepText = JSON.parse(`${'['.repeat(DEEP)}${']'.repeat(DEEP)}`) as unknown;
    for (const input of [deepObject, deepArray, deepText, ...everyFieldSetTo(t, deepObject), ...everyFieldSetTo(t, deepArray)]) {
      expect(checkCommandInput(t, input).breaks).toEqual([]);
    }
  });

  test.each(COMMAND_CODECS)('the %s refuse a 10 MB string in any field with a short message', (name) => {
    const t = commandTarget(name);
    for (const input of everyFieldSetTo(t, hostileValues().hugeString)) {
      const decoded = t.decode(input);
      expect(E.isLeft(decoded) && decoded.left.message.length < 2_000).toBe(true);
    }
  });

  test.each(COMMAND_CODECS)('the %s refuse negative, exponent, huge and malformed decimals in every amount', (name) => {
    const t = commandTarget(name);
    const amounts = ['credits', 'correctedCredits', 'minutes', 'quantity', 'amount'];
    for (const sample of t.samples) {
      for (const value of ['-1', '-0.01', '1e1000000', '1E5', '9'.repeat(5_000), `0.${'0'.repeat(3_000)}1`, 'NaN', 'Infinity', '0x10', ' 1', Number.POSITIVE_INFINITY, -1]) {
        const paths: string[][] = [];
        const walk = (v: unknown, path: string[]): void => {
          if (typeof v !== 'object' || v === null) return;
          for (const [k, x] of Object.entries(v)) {
            if (amounts.includes(k) && (typeof x === 'string' || typeof x === 'number')) paths.push([...path, k]);
            walk(x, [...path, k]);
          }
        };
        walk(sample, []);
        for (const path of paths) {
          const input = JSON.parse(JSON.stringify(sample)) as Record<string, unknown>;
          let node = input;
          for (const k of path.slice(0, -1)) node = node[k] as Record<string, unknown>;
          node[path[path.length - 1] as string] = value;
          const verdict = checkCommandInput(t, input);
          expect([path.join('.'), String(value).slice(0, 20), verdict]).toEqual([path.join('.'), String(value).slice(0, 20), { accepted: false, breaks: [] }]);
        }
      }
    }
  });

  test.each(COMMAND_CODECS)('"__proto__", "constructor" and "prototype" keys anywhere in the %s never pollute the built-in prototypes', (name) => {
    const t = commandTarget(name);
    for (const sample of t.samples) {
      const text = JSON.stringify(sample);
      for (const key of ['__proto__', 'constructor', 'prototype']) {
        // The key in every object of the command, as a hostile body would carry it.
        const hostile = text.replace(/\{/g, `{"${key}":{"polluted":true,"prototype":{"polluted":true}},`);
        t.decode(JSON.parse(hostile));
        expect(prototypePollution()).toBeUndefined();
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }
    }
  });
});

describe('hostile input to the event codecs (decoding stored JSON)', () => {
  test.each(EVENT_CODECS)('random and adversarial stored data for the %s: unreadable with a reason, or an event that stores back the same, never a throw or a pollution', async (name) => {
    const t = targets.events.find((e) => e.name === name);
    if (t === undefined) throw new Error(`no codec ${name}`);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 2 }), async (seed) => {
        expect(fuzzEventCodec(t, seed, 150).breaks).toEqual([]);
      }),
      { numRuns: 6, examples: [[1], [2]] },
    );
  });

  test.each(EVENT_CODECS)(`the %s read data nested ${DEEP.toLocaleString('en')} deep without overflowing the stack`, (name) => {
    const t = targets.events.find((e) => e.name === name);
    if (t === undefined) throw new Error(`no codec ${name}`);
    const { deepObject, deepArray } = hostileValues();
    for (const sample of t.samples) {
      for (const key of Object.keys(sample.data)) {
        for (const deep of [deepObject, deepArray]) {
          expect(checkEventInput(t, { ...sample, data: { ...sample.data, [key]: deep as never } }).breaks).toEqual([]);
        }
      }
    }
  });
});

describe('hostile stored JSON in a JSONL import', () => {
  test(`a line whose data nests ${DEEP.toLocaleString('en')} deep, or holds a 10 MB type, is refused as a value, never a throw`, async () => {
    const deep = `${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}`;
    const line = (type: string, data: string) => `{"id":"e1","stream":"creditPack-p0","revision":0,"position":0,"type":${JSON.stringify(type)},"data":${data},"metadata":{"schemaVersion":2,"commandId":"c","correlationId":"c","causationId":"c","actor":"a","occurredAt":"2026-01-01T00:00:00.000Z"}}`;
    // Finding F7 (fixed): the deep line is refused with its cause, not the raw "Maximum call stack size exceeded".
    const refused = await importJsonl([line('CreditPackIssued', `{"x":${deep}}`)]);
    expect(E.isLeft(refused) && refused.left.message).toMatch(/^Line 1 is not a stored event: data nests deeper than 256 levels/);
    const imported = await importJsonl([line(hostileValues().hugeString, '{}')]);
    // A store may hold any type; reading it is where it is refused (see the event codecs above).
    expect(E.isRight(imported) || imported.left.code === 'invalid_jsonl').toBe(true);
    expect(prototypePollution()).toBeUndefined();
  });
});

describe('stream names built from ids', () => {
  test('an id with "$", "/", a newline or any character outside A-Z a-z 0-9 _ - is refused; every accepted id maps to <own prefix><id> only', () => {
    const { outcomes, breaks } = streamNameBreaks();
    expect(breaks).toEqual([]);
    for (const o of outcomes) {
      if (/[^A-Za-z0-9_-]/.test(o.id) || o.id.length === 0 || o.id.length > 64) expect([o.field, o.id, o.stream]).toEqual([o.field, o.id, undefined]);
    }
  });

  test('ids with "-" are accepted and stay under their own prefix: they cannot reach another aggregate\'s stream or a system stream', () => {
    const { outcomes } = streamNameBreaks(ADVERSARIAL_IDS.filter((id) => id.includes('-')));
    const accepted = outcomes.filter((o) => /^[A-Za-z0-9_-]{1,64}$/.test(o.id));
    expect(accepted.length).toBeGreaterThan(0);
    for (const o of accepted) {
      expect(o.stream?.startsWith('$')).toBe(false);
      expect(o.stream?.endsWith(o.id)).toBe(true);
      expect(['creditPack-', 'clientPackage-', 'accountPackage-', 'creditOrder-'].filter((p) => o.stream?.startsWith(p))).toHaveLength(1);
    }
  });
});
