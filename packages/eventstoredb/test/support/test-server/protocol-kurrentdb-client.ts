// The protocol as @kurrent/kurrentdb-client ships it (kurrentdb/protocols/v1: the same messages and
// service paths as EventStoreDB's, with fields added since). Load it only in test files that use
// that client: the two client packages register their messages in one global protobuf namespace.
import * as streamsGrpc from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_grpc_pb';
import * as featuresGrpc from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_grpc_pb';
import * as shared from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import * as status from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/status_pb';
import * as features from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_pb';
import * as streams from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import type { Protocol } from './protocol';

/** The generated code of `@kurrent/kurrentdb-client`, typed as the v6 messages it extends. */
export const kurrentDbClientProtocol: Protocol = {
  name: '@kurrent/kurrentdb-client',
  streams: streams as unknown as Protocol['streams'],
  shared: shared as unknown as Protocol['shared'],
  status: status as unknown as Protocol['status'],
  features: features as unknown as Protocol['features'],
  streamsService: streamsGrpc.StreamsService,
  featuresService: featuresGrpc.ServerFeaturesService,
  batchDeadline: (options) => (options as unknown as streams.BatchAppendReq.Options).getDeadline21100()?.toDate(),
};
