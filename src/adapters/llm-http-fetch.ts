/**
 * The `fetch` the LLM SDK clients are given (their `fetch` option), over node:http/https. It exists for two
 * reasons:
 *
 * - it reports every chunk read from the socket (`onBytes`), before any decompression or SSE parsing, so the
 *   stream-idle deadline is keyed on bytes received (docs/decisions/0008);
 * - it has no transport timeouts of its own. Node's built-in fetch (undici) fails a response whose headers
 *   or body bytes take more than 5 minutes, which would cut off a reasoning model that is silent for longer
 *   and override the configured idle deadline; here the Clock-driven deadlines in llm-deadlines.ts are the
 *   only timers.
 *
 * It supports what the SDKs send: a string or byte body, any method, request headers, an AbortSignal, and
 * gzip/deflate/br response bodies. Redirects are not followed (LLM APIs do not redirect).
 */
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import type { Readable, Transform } from 'node:stream';

export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface HttpAgents {
  readonly http: http.Agent;
  readonly https: https.Agent;
}

/** Keep-alive agents for one adapter (idle sockets do not hold the process open). */
export function createHttpAgents(): HttpAgents {
  return {
    http: new http.Agent({ keepAlive: true }),
    https: new https.Agent({ keepAlive: true })
  };
}

export function destroyHttpAgents(agents: HttpAgents): void {
  agents.http.destroy();
  agents.https.destroy();
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function abortReason(signal: AbortSignal): Error {
  return (
    (signal.reason as Error | undefined) ??
    new DOMException('This operation was aborted', 'AbortError')
  );
}

function requestBody(body: RequestInit['body']): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new TypeError(
    'The LLM transport sends string or byte request bodies only (the SDK sent a stream or form data).'
  );
}

const DECODERS: Readonly<Record<string, () => Transform>> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress()
};

function decoded(res: http.IncomingMessage): Readable {
  const encoding = res.headers['content-encoding']?.trim().toLowerCase() ?? '';
  const decoder = Object.hasOwn(DECODERS, encoding) ? DECODERS[encoding] : undefined;
  return decoder ? res.pipe(decoder()) : res;
}

/** A web ReadableStream over a node stream, with backpressure, that fails when the socket dies early. */
function webBody(res: http.IncomingMessage, source: Readable): ReadableStream<Uint8Array> {
  let settled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        controller.error(error);
      };
      source.on('data', (chunk: Buffer) => {
        if (settled) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) source.pause();
      });
      source.on('end', () => {
        if (settled) return;
        settled = true;
        controller.close();
      });
      source.on('error', fail);
      res.on('error', fail);
      res.on('close', () => {
        if (!res.complete)
          fail(
            Object.assign(new Error('The connection closed before the response was complete.'), {
              code: 'ECONNRESET'
            })
          );
      });
    },
    pull() {
      source.resume();
    },
    cancel() {
      settled = true;
      res.destroy();
    }
  });
}

/** A `fetch` over node:http/https that reports each chunk's size to `onBytes`. */
export function createHttpFetch(agents: HttpAgents, onBytes?: (bytes: number) => void): Fetch {
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : input);
      const signal = init.signal ?? undefined;
      if (signal?.aborted) {
        reject(abortReason(signal));
        return;
      }
      const body = requestBody(init.body);
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, name) => {
        headers[name] = value;
      });
      if (body !== undefined && headers['content-length'] === undefined)
        headers['content-length'] = String(Buffer.byteLength(body));
      const secure = url.protocol === 'https:';
      if (!secure && url.protocol !== 'http:') {
        reject(new TypeError(`The LLM transport speaks http and https, not ${url.protocol}`));
        return;
      }
      const request = (secure ? https : http).request(url, {
        method: (init.method ?? 'GET').toUpperCase(),
        headers,
        agent: secure ? agents.https : agents.http
      });
      const onAbort = () => request.destroy(abortReason(signal as AbortSignal));
      signal?.addEventListener('abort', onAbort, { once: true });
      if (onBytes) {
        // Sockets are reused (keep-alive): the counter is removed when this request is done.
        request.on('socket', (socket) => {
          const count = (chunk: Buffer) => onBytes(chunk.byteLength);
          socket.on('data', count);
          request.once('close', () => socket.off('data', count));
        });
      }
      request.on('error', (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(
          signal?.aborted ? abortReason(signal) : new TypeError('fetch failed', { cause: error })
        );
      });
      request.on('response', (res) => {
        res.on('close', () => signal?.removeEventListener('abort', onAbort));
        const responseHeaders = new Headers();
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
          responseHeaders.append(res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string);
        const status = res.statusCode ?? 0;
        const nullBody = NULL_BODY_STATUSES.has(status) || request.method === 'HEAD';
        if (nullBody) res.resume();
        try {
          resolve(
            new Response(nullBody ? null : webBody(res, decoded(res)), {
              status,
              statusText: res.statusMessage ?? '',
              headers: responseHeaders
            })
          );
        } catch (error) {
          res.destroy();
          reject(new TypeError('fetch failed', { cause: error }));
        }
      });
      request.end(body);
    });
}
