import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { nodeListener, type HttpHandler, type HttpRequest } from '@packledger/http';
import { allEvents, issueBody, makeWorld, type World } from './support';

let world: World;
let server: http.Server;
let base: string;
const LIMIT = 4_096;

beforeEach(async () => {
  world = await makeWorld();
  server = http.createServer(nodeListener(world.handle, { bodyLimit: LIMIT }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await world.stop();
});

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { method: 'POST', body, headers: { authorization: 'Bearer staff', 'idempotency-key': 'k1', 'content-type': 'application/json', ...headers } });

describe('the node:http adapter', () => {
  test('takes a command and answers a query that sees it', async () => {
    const accepted = await post('/credit-packs/pack-1/commands', JSON.stringify(issueBody()));
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ duplicate: false, viewsCurrent: true });
    const balance = await fetch(`${base}/credit-packs/pack-1`, { headers: { authorization: 'Bearer staff' } });
    expect([balance.status, balance.headers.get('content-type')]).toEqual([200, 'application/json; charset=utf-8']);
    expect(await balance.json()).toMatchObject({ packId: 'pack-1', remaining: '40' });
  });

  test('passes repeated query parameters as a list', async () => {
    const response = await fetch(`${base}/client-packages?status=active&status=cancelled`, { headers: { authorization: 'Bearer staff' } });
    expect([response.status, await response.json()]).toEqual([200, { packages: [] }]);
  });

  test('answers malformed JSON with 400 malformed_json', async () => {
    const response = await post('/credit-packs/pack-1/commands', '{"type": ');
    expect([response.status, ((await response.json()) as { error: { code: string } }).error.code]).toEqual([400, 'malformed_json']);
  });

  test('answers a body that is not JSON with 415 and one that is not UTF-8 with 400, appending nothing', async () => {
    const text = await post('/credit-packs/pack-1/commands', JSON.stringify(issueBody()), { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    const latin1 = await fetch(`${base}/credit-packs/pack-1/commands`, {
      method: 'POST', body: Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]), headers: { authorization: 'Bearer staff', 'idempotency-key': 'k1', 'content-type': 'application/json' },
    });
    expect([latin1.status, ((await latin1.json()) as { error: { code: string } }).error.code]).toEqual([400, 'invalid_encoding']);
    expect(await allEvents(world.store)).toEqual([]);
  });

  test('answers a declared body over the limit with 413 before reading it, closing the connection', async () => {
    const answer = await new Promise<{ status: number | undefined; connection: string | undefined; body: string }>((resolve, reject) => {
      const request = http.request(`${base}/credit-packs/pack-1/commands`, {
        method: 'POST', headers: { authorization: 'Bearer staff', 'idempotency-key': 'k1', 'content-type': 'application/json', 'content-length': String(LIMIT + 1) },
      }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => { body += chunk.toString(); });
        response.on('end', () => resolve({ status: response.statusCode, connection: response.headers.connection, body }));
      });
      request.on('error', reject);
      request.flushHeaders();
    });
    expect([answer.status, answer.connection, (JSON.parse(answer.body) as { error: { code: string } }).error.code]).toEqual([413, 'close', 'payload_too_large']);
    expect(await allEvents(world.store)).toEqual([]);
  });
});

/** A request whose body never ends, counting the chunks read from it. */
const endlessRequest = () => {
  let pulled = 0;
  const body = Readable.from((function* () {
    for (;;) {
      pulled += 1;
      yield Buffer.alloc(1_024, 0x20);
    }
  })());
  const req = Object.assign(body, { method: 'POST', url: '/credit-packs/pack-1/commands', headers: { 'idempotency-key': 'k1', authorization: 'Bearer staff' } });
  return { req: req as unknown as IncomingMessage, pulled: () => pulled };
};

/** A response that records what was written to it. */
const recordingResponse = () => {
  const written: { status?: number; headers?: Record<string, string>; body?: string } = {};
  const res = {
    headersSent: false,
    writeHead(status: number, headers: Record<string, string>) { written.status = status; written.headers = headers; this.headersSent = true; return this; },
    end(body: string) { written.body = body; return this; },
  };
  return { res: res as unknown as ServerResponse, written };
};

describe('given a body that grows past the limit', () => {
  test('answers 413, stops reading at once and never calls the core', async () => {
    const seen: HttpRequest[] = [];
    const core: HttpHandler = async (request) => { seen.push(request); throw new Error('not reached'); };
    const { req, pulled } = endlessRequest();
    const { res, written } = recordingResponse();
    await nodeListener(core, { bodyLimit: 10_240 })(req, res);
    expect([written.status, written.headers?.connection]).toEqual([413, 'close']);
    expect(seen).toEqual([]);
    const after = pulled();
    await new Promise((resolve) => setImmediate(resolve));
    expect(pulled()).toBe(after);
    expect(after).toBeLessThan(64);
  });
});

describe('given a body a framework has already parsed', () => {
  test('passes the parsed body to the core', async () => {
    const seen: unknown[] = [];
    const core: HttpHandler = async (request) => { seen.push(request.body); return { status: 200, headers: {}, body: null }; };
    const req = Object.assign(Readable.from([]), { method: 'POST', url: '/x?y=1', headers: {}, body: { type: 'ExpirePack' } });
    req.resume();
    await new Promise((resolve) => req.on('end', resolve));
    const { res, written } = recordingResponse();
    await nodeListener(core)(req as unknown as IncomingMessage, res);
    expect([seen, written.status, written.body]).toEqual([[{ type: 'ExpirePack' }], 200, 'null']);
  });

  test('passes no body, without waiting, when the stream was read to its end by someone else', async () => {
    const seen: unknown[] = [];
    const core: HttpHandler = async (request) => { seen.push(request.body); return { status: 204, headers: {}, body: null }; };
    const req = Object.assign(Readable.from([Buffer.from('{}')]), { method: 'POST', url: '/x', headers: {} });
    req.resume();
    await new Promise((resolve) => req.on('end', resolve));
    const { res, written } = recordingResponse();
    await nodeListener(core)(req as unknown as IncomingMessage, res);
    expect([seen, written.status]).toEqual([[undefined], 204]);
  });
});
