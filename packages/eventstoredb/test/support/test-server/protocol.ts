// The generated protobuf and gRPC code the test server is built on. Each client package ships its
// own copy of EventStoreDB's protocol (the same `event_store.client.*` messages and service paths);
// the server speaks whichever copy it is given, so each client is tested against the exact
// definitions it was generated from. The types are those of @eventstore/db-client v6; the
// KurrentDB copy is a superset of them (see protocol-kurrentdb-client.ts).
import type { ServiceDefinition, UntypedServiceImplementation } from '@grpc/grpc-js';
import type * as SharedPb from '@eventstore/db-client/generated/shared_pb';
import type * as StatusPb from '@eventstore/db-client/generated/status_pb';
import type * as FeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb';
import type * as StreamsPb from '@eventstore/db-client/generated/streams_pb';

export type { FeaturesPb, SharedPb, StatusPb, StreamsPb };

/** The generated modules of one client package, and what differs between them. */
export interface Protocol {
  readonly name: string;
  readonly streams: typeof StreamsPb;
  readonly shared: typeof SharedPb;
  readonly status: typeof StatusPb;
  readonly features: typeof FeaturesPb;
  readonly streamsService: ServiceDefinition<UntypedServiceImplementation>;
  readonly featuresService: ServiceDefinition<UntypedServiceImplementation>;
  /**
   * The deadline a BatchAppend request carries: v6 sends it in field 6 as a Timestamp
   * (`deadline`); the KurrentDB protocol renamed that field `deadline_21_10_0` and added a
   * Duration in field 7, which its client does not set.
   */
  readonly batchDeadline: (options: StreamsPb.BatchAppendReq.Options) => Date | undefined;
}
