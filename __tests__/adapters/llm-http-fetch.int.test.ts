/** The LLM transport: a node:http fetch that reports received bytes and has no timers of its own. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import {
  createHttpAgents,
  createHttpFetch,
  destroyHttpAgents,
  type HttpAgents
} from '../../src/adapters/llm-http-fetch.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let origin: string;
let handler: Handler;
let agents: HttpAgents;
const sockets = new Set<Socket>();

beforeEach(async () => {
  server = createServer((req, res) => handler(req, res));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  agents = createHttpAgents();
});

afterEach(async () => {
  destroyHttpAgents(agents);
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('createHttpFetch', () => {
  it('sends method, headers and body, and reports every received byte, SSE comments included', async () => {
    let received: { method?: string; header?: string; body: string } = { body: '' };
    handler = (req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received = { method: req.method, header: req.headers['x-test'] as string, body };
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(': keep-alive\n\n');
        res.end('data: {"ok":true}\n\n');
      });
    };
    let bytes = 0;
    const fetch = createHttpFetch(agents, (n) => (bytes += n));
    const response = await fetch(`${origin}/v1/x`, {
      method: 'post',
      headers: { 'x-test': 'yes', 'content-type': 'application/json' },
      body: '{"a":1}'
    });
    const text = await response.text();
    expect(received).toEqual({ method: 'POST', header: 'yes', body: '{"a":1}' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(text).toBe(': keep-alive\n\ndata: {"ok":true}\n\n');
    // Headers, chunk framing and body: more than the body alone.
    expect(bytes).toBeGreaterThan(Buffer.byteLength(text));
  });

  it('decodes a gzip body', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/json' });
      res.end(gzipSync('{"hello":"world"}'));
    };
    const response = await createHttpFetch(agents)(`${origin}/`, { method: 'GET' });
    expect(await response.json()).toEqual({ hello: 'world' });
  });

  it('fails the body when the connection closes before the response is complete', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: 1\n\n', () => res.socket?.destroy());
    };
    const response = await createHttpFetch(agents)(`${origin}/`);
    await expect(response.text()).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('rejects with the signal’s reason and closes the connection when aborted before headers', async () => {
    let arrived!: () => void;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    handler = () => arrived();
    const controller = new AbortController();
    const pending = createHttpFetch(agents)(`${origin}/`, { signal: controller.signal });
    await requestArrived;
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('names the underlying error of a failed connection (fetch failed, with a cause)', async () => {
    const closed = `http://127.0.0.1:1/`;
    await expect(createHttpFetch(agents)(closed)).rejects.toMatchObject({
      message: 'fetch failed',
      cause: { code: 'ECONNREFUSED' }
    });
  });

  it('leaves no byte counter behind on a reused keep-alive socket', async () => {
    handler = (_req, res) => res.end('ok');
    const plain = createHttpFetch(agents);
    await (await plain(`${origin}/`)).text();
    const baseline = Object.values(agents.http.freeSockets)
      .flat()
      .map((socket) => socket?.listenerCount('data'));
    let bytes = 0;
    const counting = createHttpFetch(agents, (n) => (bytes += n));
    for (let i = 0; i < 20; i += 1) await (await counting(`${origin}/`)).text();
    const after = Object.values(agents.http.freeSockets)
      .flat()
      .map((socket) => socket?.listenerCount('data'));
    expect(sockets.size).toBe(1);
    expect(after).toEqual(baseline);
    expect(bytes).toBeGreaterThan(20 * 'ok'.length);
  });

  it('refuses request bodies it cannot send as bytes', async () => {
    handler = (_req, res) => res.end();
    await expect(
      createHttpFetch(agents)(`${origin}/`, { method: 'POST', body: new FormData() })
    ).rejects.toThrow(/string or byte request bodies/);
  });
});
