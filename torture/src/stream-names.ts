import {
  ACCOUNT_PACKAGE_STREAM_PREFIX,
  CLIENT_PACKAGE_STREAM_PREFIX,
  CREDIT_ORDER_STREAM_PREFIX,
  CREDIT_PACK_STREAM_PREFIX,
  decodeAccountPackageCommand,
  decodeClientPackageCommand,
  decodeCreditOrderCommand,
  decodeCreditPackCommand,
  type DecodeError,
} from '@packledger/domain';
import { accountPackageAggregate, clientPackageAggregate, creditOrderAggregate, creditPackAggregate, type Aggregate } from '@packledger/application';
import * as E from 'fp-ts/Either';
import type { JsonCommand } from './commands';
import { streamNameProblem } from './hostile-input';
import { accountPackageSamples, clientPackageSamples, creditOrderSamples, creditPackSamples } from './samples';

/**
 * Ids a user might send to reach another stream: system streams (`$all`, `$ce-…`,
 * `$et-…`), other aggregates' streams, paths, separators, control characters, lookalike
 * unicode, the empty id and ids one character too long.
 */
export const ADVERSARIAL_IDS: readonly string[] = [
  'p0', 'a-b', 'a--b', '-', '-a', 'a-', 'creditPack-p0', 'clientPackage-cp0', 'accountPackage-ap0', 'creditOrder-o1', 'snapshot-creditPack-p0',
  '$all', '$ce-creditPack', '$et-CreditsConsumed', '$$metadata', '$', 'a$', '$p0', 'a/b', '/', '../creditPack-p0', 'creditPack/p0', 'a\\b',
  'a\nb', '\n', 'p0\n', 'a\rb', 'a\tb', 'a\u0000b', 'a b', ' p0', 'p0 ', 'p0.', 'a.b', 'a:b', 'a@b', 'a%2Fb', 'a#b', 'a?b', 'a*', 'ü', 'é', 'p０', '😀',
  '\u202ep0', 'ɑ', '', 'a'.repeat(64), 'a'.repeat(65),
];

type AnyAggregate = Aggregate<unknown, unknown, unknown, unknown>;

/** Where an id from a user becomes (part of) a stream name: the command's own id, and ids naming another aggregate's stream. */
interface IdField {
  readonly aggregate: string;
  readonly sample: JsonCommand;
  readonly field: string;
  readonly decode: (json: unknown) => E.Either<DecodeError, unknown>;
  /** The stream that id addresses once the command is accepted, and the prefix it must have. */
  readonly streamOf: (command: unknown) => string;
  readonly prefix: string;
}

const sampleOf = (samples: readonly JsonCommand[], type: string): JsonCommand => {
  const found = samples.find((s) => s.type === type);
  if (found === undefined) throw new Error(`no sample ${type}`);
  return found;
};

const own = (aggregate: AnyAggregate) => (command: unknown): string => aggregate.streamOf(command);

/** Every place an id from input names a stream. */
export const ID_FIELDS: readonly IdField[] = [
  { aggregate: 'credit pack', sample: sampleOf(creditPackSamples, 'ConsumeCredits'), field: 'packId', decode: decodeCreditPackCommand, streamOf: own(creditPackAggregate as unknown as AnyAggregate), prefix: CREDIT_PACK_STREAM_PREFIX },
  {
    // The pack a reissue creates gets its stream from newPackId (the host issues it with reissuedPackCommand).
    aggregate: 'credit pack (reissued to)', sample: sampleOf(creditPackSamples, 'ReissueToNewOwner'), field: 'newPackId', decode: decodeCreditPackCommand,
    streamOf: (c) => `${CREDIT_PACK_STREAM_PREFIX}${(c as { newPackId: string }).newPackId}`, prefix: CREDIT_PACK_STREAM_PREFIX,
  },
  { aggregate: 'client package', sample: sampleOf(clientPackageSamples, 'RateUsage'), field: 'clientPackageId', decode: decodeClientPackageCommand, streamOf: own(clientPackageAggregate as unknown as AnyAggregate), prefix: CLIENT_PACKAGE_STREAM_PREFIX },
  { aggregate: 'account package', sample: sampleOf(accountPackageSamples, 'RecordUsage'), field: 'accountPackageId', decode: decodeAccountPackageCommand, streamOf: own(accountPackageAggregate as unknown as AnyAggregate), prefix: ACCOUNT_PACKAGE_STREAM_PREFIX },
  {
    aggregate: 'account package (transferred to)', sample: sampleOf(accountPackageSamples, 'TransferAccountPackage'), field: 'targetAccountPackageId', decode: decodeAccountPackageCommand,
    streamOf: (c) => `${ACCOUNT_PACKAGE_STREAM_PREFIX}${(c as { targetAccountPackageId: string }).targetAccountPackageId}`, prefix: ACCOUNT_PACKAGE_STREAM_PREFIX,
  },
  { aggregate: 'credit order', sample: sampleOf(creditOrderSamples, 'PlaceCreditOrder'), field: 'orderId', decode: decodeCreditOrderCommand, streamOf: own(creditOrderAggregate as unknown as AnyAggregate), prefix: CREDIT_ORDER_STREAM_PREFIX },
  {
    aggregate: 'credit order (pack issued)', sample: sampleOf(creditOrderSamples, 'PlaceCreditOrder'), field: 'packId', decode: decodeCreditOrderCommand,
    streamOf: (c) => `${CREDIT_PACK_STREAM_PREFIX}${(c as { packId: string }).packId}`, prefix: CREDIT_PACK_STREAM_PREFIX,
  },
];

/** What one id did in one field: refused, or accepted under a stream name. */
export interface IdOutcome {
  readonly aggregate: string;
  readonly field: string;
  readonly id: string;
  readonly stream: string | undefined;
}

/**
 * Sends every adversarial id in every id field. Holds: an id is refused, or accepted
 * unchanged and mapped to `<prefix><id>` with its aggregate's prefix and no other (so
 * never a system stream, `$`-stream, or another aggregate's stream); ids containing `-`
 * are accepted (nanoid's alphabet) and still map under the right prefix only.
 */
export const streamNameBreaks = (ids: readonly string[] = ADVERSARIAL_IDS): { readonly outcomes: readonly IdOutcome[]; readonly breaks: readonly string[] } => {
  const outcomes: IdOutcome[] = [];
  const breaks: string[] = [];
  for (const f of ID_FIELDS) {
    for (const id of ids) {
      const decoded = f.decode({ ...f.sample, [f.field]: id });
      if (E.isLeft(decoded)) {
        outcomes.push({ aggregate: f.aggregate, field: f.field, id, stream: undefined });
        continue;
      }
      const stream = f.streamOf(decoded.right);
      outcomes.push({ aggregate: f.aggregate, field: f.field, id, stream });
      const problem = streamNameProblem(stream, f.prefix);
      if (problem !== undefined) breaks.push(`${f.aggregate} ${f.field} ${JSON.stringify(id)}: ${problem}`);
      if (stream !== `${f.prefix}${id}`) breaks.push(`${f.aggregate} ${f.field} ${JSON.stringify(id)} became the stream ${JSON.stringify(stream)}, not ${f.prefix}${id}`);
    }
  }
  return { outcomes, breaks };
};
