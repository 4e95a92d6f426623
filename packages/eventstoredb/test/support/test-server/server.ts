// The in-process test server: a gRPC server on 127.0.0.1 speaking EventStoreDB's Streams and
// ServerFeatures protocol with the generated definitions of the client under test. A protocol fake
// for the adapter's tests, not a claim of server coverage (see README.md beside this file).
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { TestLog } from './log';
import type { Protocol } from './protocol';
import { serverFeaturesService, streamsService, type AppendFault, type ReadRequest, type ServiceContext, type ServiceSettings } from './streams-service';

export type { AppendFault, ReadRequest };

/** Options of {@link TestEventStoreServer.start}. */
export interface TestServerOptions extends Partial<ServiceSettings> {
  /** A port to listen on; a free one when absent. */
  readonly port?: number;
}

const bind = (server: Server, port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (error, bound) => (error === null ? resolve(bound) : reject(error)));
  });

/**
 * An EventStoreDB stand-in for tests. Its log outlives {@link kill} and {@link restart}, so a test
 * can drop every connection mid-subscription and bring the same server back on the same port.
 */
export class TestEventStoreServer {
  readonly log = new TestLog();
  /** Every `Streams.Read` the server received, in order. */
  readonly reads: ReadRequest[] = [];
  readonly #protocol: Protocol;
  readonly #settings: ServiceSettings;
  readonly #faults: AppendFault[] = [];
  #server: Server | undefined;
  #port = 0;
  #stopped = false;

  private constructor(protocol: Protocol, settings: ServiceSettings) {
    this.#protocol = protocol;
    this.#settings = settings;
  }

  /** Starts a server speaking `protocol`, the generated code of the client under test. */
  static async start(protocol: Protocol, options: TestServerOptions = {}): Promise<TestEventStoreServer> {
    const server = new TestEventStoreServer(protocol, {
      caughtUpMessages: options.caughtUpMessages ?? true,
      batchAppend: options.batchAppend ?? true,
      serverVersion: options.serverVersion ?? '24.10.0',
    });
    await server.#listen(options.port ?? 0);
    return server;
  }

  get port(): number {
    return this.#port;
  }

  /** A connection string for the clients: `esdb://127.0.0.1:<port>?tls=false` (or with another scheme). */
  connectionString(scheme = 'esdb'): string {
    return `${scheme}://127.0.0.1:${this.#port}?tls=false`;
  }

  async #listen(port: number): Promise<void> {
    const server = new Server();
    const context: ServiceContext = { protocol: this.#protocol, log: this.log, settings: this.#settings, reads: this.reads, appendFaults: this.#faults };
    server.addService(this.#protocol.streamsService, streamsService(context));
    server.addService(this.#protocol.featuresService, serverFeaturesService(context));
    // Known before it is bound: a kill() or stop() while it binds shuts it down (and the bind fails).
    this.#server = server;
    try {
      this.#port = await bind(server, port);
    } catch (error) {
      if (this.#server === server) {
        this.#server = undefined;
        server.forceShutdown();
      }
      throw error;
    }
  }

  /** The next append (Append or BatchAppend) fails with `fault`, writing nothing. */
  failNextAppend(fault: AppendFault): void {
    this.#faults.push(fault);
  }

  /** Drops every connection and stops listening, as a crashed server would; the log is kept. */
  async kill(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    server?.forceShutdown();
    await new Promise((resolve) => setImmediate(resolve));
  }

  /**
   * Listens again on the same port, with the same log. Refused after {@link stop}: a restart
   * scheduled by a test (from a reconnection's backoff, say) must not bring back a server the
   * test has disposed of, which would keep the process alive.
   */
  async restart(): Promise<void> {
    if (this.#stopped) throw new Error('the test server was stopped for good; start another');
    if (this.#server !== undefined) throw new Error('the test server is running; kill() it first');
    await this.#listen(this.#port);
  }

  /** Stops the server for good: it drops every connection and cannot be restarted. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.kill();
  }
}
