/**
 * A loopback HTTP server that plays an LLM provider: each request gets the next scripted reply (JSON, an SSE
 * stream, a hang, a reset), and every request is recorded (method, path, headers, parsed body) for
 * assertions. The real SDK clients talk to it through their base URL. The wire formats themselves are built
 * by fake-openai-responses.ts, fake-openai-chat.ts and fake-anthropic.ts.
 *
 * Bounded: it binds 127.0.0.1 on a free port, refuses bodies over `maxBodyBytes`, answers an unscripted
 * request with a 500 that says so, and `close()` (or `await using`) ends every connection, hanging ones
 * included.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body parsed as JSON (undefined when it is not JSON). */
  readonly body: unknown;
  readonly rawBody: string;
}

/** One piece of an SSE reply: an event, a comment line, or a pause until `wait` resolves. */
export type SseFrame =
  | { readonly event?: string; readonly data: unknown }
  | { readonly comment: string }
  | { readonly wait: Promise<void> };

export type FakeReply =
  | {
      readonly kind: 'json';
      readonly status?: number;
      readonly headers?: Readonly<Record<string, string>>;
      readonly body: unknown;
    }
  | {
      readonly kind: 'sse';
      readonly status?: number;
      readonly headers?: Readonly<Record<string, string>>;
      readonly frames: readonly SseFrame[];
      /** After the frames: end the response (default), destroy the socket (a disconnect), or go silent. */
      readonly end?: 'close' | 'destroy' | 'hang';
    }
  /** Never sends headers (a hung provider). */
  | { readonly kind: 'hang' }
  /** Destroys the connection without answering (connection reset). */
  | { readonly kind: 'reset' };

export interface FakeLlmServer extends AsyncDisposable {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  readonly requests: readonly RecordedRequest[];
  /** Queues replies for the next requests, in order. */
  reply(...replies: FakeReply[]): void;
  /** Resolves once `count` requests have arrived. */
  waitForRequests(count: number): Promise<void>;
  /** Resolves once no connection is open (the client hung up or finished). */
  waitForNoConnections(): Promise<void>;
  readonly openConnections: number;
  close(): Promise<void>;
}

export interface FakeLlmServerOptions {
  readonly replies?: readonly FakeReply[];
  readonly maxBodyBytes?: number;
}

function sseText(frame: Exclude<SseFrame, { wait: Promise<void> }>): string {
  if ('comment' in frame) return `: ${frame.comment}\n\n`;
  const data = typeof frame.data === 'string' ? frame.data : JSON.stringify(frame.data);
  return `${frame.event === undefined ? '' : `event: ${frame.event}\n`}data: ${data}\n\n`;
}

async function play(reply: FakeReply, res: ServerResponse, socket: Socket): Promise<void> {
  switch (reply.kind) {
    case 'hang':
      return;
    case 'reset':
      socket.destroy();
      return;
    case 'json': {
      const text = JSON.stringify(reply.body);
      res.writeHead(reply.status ?? 200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
        ...reply.headers
      });
      res.end(text);
      return;
    }
    case 'sse': {
      res.writeHead(reply.status ?? 200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        ...reply.headers
      });
      res.flushHeaders();
      for (const frame of reply.frames) {
        if (socket.destroyed) return;
        if ('wait' in frame) await frame.wait;
        // Wait for each write to reach the socket, so a `destroy` end never discards what was sent.
        else await new Promise<void>((resolve) => res.write(sseText(frame), () => resolve()));
      }
      if (reply.end === 'destroy') socket.destroy();
      else if (reply.end !== 'hang') res.end();
      return;
    }
  }
}

export async function startFakeLlmServer(
  options: FakeLlmServerOptions = {}
): Promise<FakeLlmServer> {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const queue: FakeReply[] = [...(options.replies ?? [])];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const waiters: (() => void)[] = [];
  const notify = () => waiters.splice(0).forEach((wake) => wake());

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > maxBodyBytes) {
        res.writeHead(413).end();
        return;
      }
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = rawBody === '' ? undefined : JSON.parse(rawBody);
      } catch {
        body = undefined;
      }
      const index = requests.length;
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: { ...req.headers },
        body,
        rawBody
      });
      notify();
      const reply: FakeReply = queue.shift() ?? {
        kind: 'json',
        status: 500,
        body: { error: { message: `fake: no reply scripted for request #${index + 1}` } }
      };
      play(reply, res, req.socket).catch(() => req.socket.destroy());
    });
  };

  const server = createServer(handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      notify();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const until = async (done: () => boolean) => {
    while (!done()) await new Promise<void>((wake) => waiters.push(wake));
  };
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }));

  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    reply: (...replies) => void queue.push(...replies),
    waitForRequests: (count) => until(() => requests.length >= count),
    waitForNoConnections: () => until(() => sockets.size === 0),
    get openConnections() {
      return sockets.size;
    },
    close,
    [Symbol.asyncDispose]: close
  };
}

/** A promise plus the function that resolves it: a gate for an SSE `wait` frame. */
export function gate(): { readonly wait: Promise<void>; open(): void } {
  let open = () => {};
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}
