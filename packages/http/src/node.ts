import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorResponse } from './responses';
import { httpError } from './errors';
import type { HttpHandler, HttpQuery, HttpResponse } from './messages';

/** Options of {@link nodeListener}. */
export interface NodeListenerOptions {
  /** Largest body accepted, in bytes (default 1 MiB); a larger one is answered 413 unread. */
  readonly bodyLimit?: number;
}

/** Default body limit: 1 MiB. */
export const DEFAULT_BODY_LIMIT = 1_048_576;

type Body =
  | { readonly kind: 'read'; readonly body: unknown }
  | { readonly kind: 'too_large'; readonly size: number | undefined }
  | { readonly kind: 'not_utf8' }
  | { readonly kind: 'failed' };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads the body, at most `limit` bytes: a declared `Content-Length` over the limit is
 * refused before reading a byte; a body that grows past it stops being read at once (the
 * stream is paused and left, and the 413 closes the connection).
 */
const readBody = (req: IncomingMessage, limit: number): Promise<Body> => {
  // A framework (Express' json(), say) may have read the body already: its parsed body, if it left one, is all there is.
  if (req.readableEnded) return Promise.resolve({ kind: 'read', body: 'body' in req ? (req as { body?: unknown }).body : undefined });
  if (req.destroyed) return Promise.resolve({ kind: 'failed' });
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ kind: 'too_large', size: declared });
  return new Promise<Body>((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (body: Body): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onFailure);
      req.off('aborted', onFailure);
      resolve(body);
    };
    const onData = (chunk: Buffer | string): void => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      if (size > limit) {
        req.pause();
        finish({ kind: 'too_large', size: undefined });
        return;
      }
      chunks.push(bytes);
    };
    const onEnd = (): void => {
      try {
        finish({ kind: 'read', body: size === 0 ? undefined : utf8.decode(Buffer.concat(chunks)) });
      } catch {
        finish({ kind: 'not_utf8' });
      }
    };
    const onFailure = (): void => finish({ kind: 'failed' });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onFailure);
    req.on('aborted', onFailure);
  });
};

const pathAndQuery = (url: string): { path: string; query: HttpQuery } => {
  const at = url.indexOf('?');
  let path = at === -1 ? url : url.slice(0, at);
  // A request line in absolute form (`GET http://host/path`), as proxies send it.
  if (/^https?:\/\//i.test(path)) path = path.replace(/^https?:\/\/[^/]*/i, '') || '/';
  const params = new URLSearchParams(at === -1 ? '' : url.slice(at + 1));
  const query = Object.fromEntries([...new Set(params.keys())].map((key) => {
    const values = params.getAll(key);
    return [key, values.length === 1 ? (values[0] as string) : values];
  }));
  return { path, query };
};

const isJsonType = (contentType: string | undefined): boolean => {
  if (contentType === undefined) return true;
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return type === '' || type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
};

const send = (res: ServerResponse, response: HttpResponse): void => {
  if (res.headersSent) return;
  const text = JSON.stringify(response.body);
  res.writeHead(response.status, { ...response.headers, 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
};

/**
 * The `node:http` adapter: `(req, res)` for `http.createServer`, Express (`app.use`) or
 * Fastify (`reply.hijack()` then the raw objects). Reads the body up to `bodyLimit`
 * (413 over it, reading stops, the connection is closed), refuses a body that is not
 * JSON (415) or not UTF-8 (400), leaves JSON parsing to the core (malformed JSON is 400),
 * calls the core and writes its JSON response. Never rejects.
 *
 * @example
 * import http from 'node:http';
 * const server = http.createServer(nodeListener(httpHandler(options), { bodyLimit: 256 * 1024 }));
 * server.listen(8080);
 */
export const nodeListener = (handler: HttpHandler, options: NodeListenerOptions = {}) => {
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 0) throw new TypeError(`bodyLimit must be a whole number of bytes, got ${String(options.bodyLimit)}`);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const body = await readBody(req, limit);
      switch (body.kind) {
        case 'too_large':
          return send(res, errorResponse(httpError('payload_too_large', { limit, ...(body.size === undefined ? {} : { size: body.size }) },
            `The body is larger than ${limit} bytes; nothing was read or recorded. Send a smaller body.`), { connection: 'close' }));
        case 'not_utf8':
          return send(res, errorResponse(httpError('invalid_encoding', {}, 'The body is not UTF-8 text; send JSON encoded as UTF-8.')));
        case 'failed':
          return send(res, errorResponse(httpError('body_required', {}, 'The body could not be read to its end; send the request again.'), { connection: 'close' }));
        case 'read':
          break;
      }
      const contentType = req.headers['content-type'];
      if (body.body !== undefined && !isJsonType(contentType)) {
        return send(res, errorResponse(httpError('unsupported_media_type', { contentType: contentType?.slice(0, 100) },
          'Send the body as JSON (Content-Type: application/json).')));
      }
      const { path, query } = pathAndQuery(req.url ?? '/');
      send(res, await handler({ method: req.method ?? 'GET', path, query, headers: req.headers, body: body.body }));
    } catch {
      send(res, errorResponse(httpError('internal_error', {}, 'The server failed to answer; send the same request again.')));
    }
  };
};
