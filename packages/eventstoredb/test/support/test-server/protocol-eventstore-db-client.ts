// The protocol as @eventstore/db-client v6 ships it. Load it only in test files that use that client:
// the two client packages register their messages in one global protobuf namespace.
import * as streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb';
import * as featuresGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import * as shared from '@eventstore/db-client/generated/shared_pb';
import * as status from '@eventstore/db-client/generated/status_pb';
import * as features from '@eventstore/db-client/generated/serverfeatures_pb';
import * as streams from '@eventstore/db-client/generated/streams_pb';
import type { Protocol } from './protocol';

/** The generated code of `@eventstore/db-client` v6. */
export const eventStoreDbClientProtocol: Protocol = {
  name: '@eventstore/db-client v6',
  streams,
  shared,
  status,
  features,
  streamsService: streamsGrpc.StreamsService,
  featuresService: featuresGrpc.ServerFeaturesService,
  batchDeadline: (options) => options.getDeadline()?.toDate(),
};
