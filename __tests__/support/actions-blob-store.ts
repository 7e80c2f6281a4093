/**
 * The blob side of the emulator: the subset of Azure Blob Storage that `@azure/storage-blob` speaks when the
 * @actions libraries upload to and download from a signed URL.
 *
 * - Put Blob: `PUT <url>` with `x-ms-blob-type: BlockBlob` (cache archives up to 128 MiB).
 * - Put Block: `PUT <url>&comp=block&blockid=<base64>` (artifact zips always, larger cache archives).
 * - Put Block List: `PUT <url>&comp=blocklist`, body `<BlockList><Latest>id</Latest>…</BlockList>`. The blob is
 *   the blocks **in list order** — blocks arrive concurrently, so arrival order means nothing.
 * - Get Blob / Get Blob Properties: `GET`/`HEAD`, with `Range` or `x-ms-range` (`bytes=a-b`, `bytes=a-`,
 *   `bytes=-n`) answered 206 + `Content-Range`, 416 when unsatisfiable.
 *
 * URLs are path-style (`/devstoreaccount1/<container>/<blob>`, as azurite's) and carry a SAS-like query
 * (`sv`, `sr=b`, `sp`, `se`, `sig`); `sig` is an HMAC over the path, the permissions and the expiry, so a
 * download URL cannot upload, a tampered or expired URL gets Azure's 403 `AuthenticationFailed`.
 */
import { createHash, createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const BLOB_ACCOUNT = 'devstoreaccount1';

export interface StoredBlob {
  readonly name: string;
  readonly content: Buffer;
  readonly contentType: string;
  readonly etag: string;
  readonly lastModified: Date;
  /** How the blob was written: one Put Blob, or a block list of this many blocks. */
  readonly blocks: number;
}

export type BlobOp = 'put-blob' | 'put-block' | 'put-block-list' | 'get' | 'head';

/** What a blob request was, for the request log. */
export interface BlobRequestInfo {
  readonly op: BlobOp | 'unsupported';
  readonly name: string;
  readonly blockId?: string;
  readonly range?: string;
}

type Permission = 'r' | 'cw';

/** Sends a response body after the headers (and ends the response, or destroys it). */
export type BodyWriter = (res: ServerResponse, body: Buffer) => void;

export class BlobStore {
  readonly #secret: Buffer;
  readonly #origin: () => string;
  readonly #now: () => number;
  readonly #blobs = new Map<string, StoredBlob>();
  /** Staged (uncommitted) blocks per blob name, keyed by block id. */
  readonly #staged = new Map<string, Map<string, Buffer>>();
  #etags = 0;

  constructor(secret: Buffer, origin: () => string, now: () => number) {
    this.#secret = secret;
    this.#origin = origin;
    this.#now = now;
  }

  /** A signed URL for `<container>/<name>`; `cw` may create and write, `r` may read. */
  signedUrl(container: string, name: string, permission: Permission, ttlMs = 3_600_000): string {
    const path = `/${BLOB_ACCOUNT}/${container}/${name.split('/').map(encodeURIComponent).join('/')}`;
    const se = new Date(this.#now() + ttlMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const query = new URLSearchParams({ sv: '2025-11-05', sr: 'b', sp: permission, se });
    query.set('sig', this.#sign(decodeURIComponent(path), permission, se));
    return `${this.#origin()}${path}?${query.toString()}`;
  }

  /** The blob stored at `<container>/<name>`, if committed. */
  get(container: string, name: string): StoredBlob | undefined {
    return this.#blobs.get(`${container}/${name}`);
  }

  /** Writes a committed blob directly (seeding entries without going through the wire). */
  put(container: string, name: string, content: Buffer, contentType: string): StoredBlob {
    return this.#commit(`${container}/${name}`, content, contentType, 1);
  }

  delete(container: string, name: string): void {
    this.#blobs.delete(`${container}/${name}`);
    this.#staged.delete(`${container}/${name}`);
  }

  /** All committed blobs, by `<container>/<name>`. */
  list(): StoredBlob[] {
    return [...this.#blobs.values()];
  }

  /** Classifies a request without answering it (the request log and fault matching need it first). */
  describe(method: string, url: URL): BlobRequestInfo {
    const name = this.#blobName(url) ?? url.pathname;
    const comp = url.searchParams.get('comp');
    if (method === 'PUT' && comp === null) return { op: 'put-blob', name };
    if (method === 'PUT' && comp === 'block')
      return { op: 'put-block', name, blockId: url.searchParams.get('blockid') ?? '' };
    if (method === 'PUT' && comp === 'blocklist') return { op: 'put-block-list', name };
    if (method === 'GET' || method === 'HEAD')
      return { op: method === 'GET' ? 'get' : 'head', name };
    return { op: 'unsupported', name };
  }

  /**
   * Answers one blob request whose body has been read; returns the status sent. `writeBody` sends a GET's
   * body after its headers (faults pass one that dribbles or cuts it).
   */
  handle(
    req: IncomingMessage,
    url: URL,
    body: Buffer,
    res: ServerResponse,
    writeBody: BodyWriter = (r, b) => r.end(b)
  ): number {
    const name = this.#blobName(url);
    const info = this.describe(req.method ?? 'GET', url);
    if (name === undefined) return this.#error(res, 400, 'InvalidUri', 'Not a blob URL.');
    const denied = this.#checkSas(url, info.op === 'get' || info.op === 'head' ? 'r' : 'w');
    if (denied) return this.#error(res, 403, 'AuthenticationFailed', denied);
    switch (info.op) {
      case 'put-blob': {
        if (req.headers['x-ms-blob-type'] !== 'BlockBlob')
          return this.#error(res, 400, 'InvalidHeaderValue', 'x-ms-blob-type must be BlockBlob.');
        const blob = this.#commit(name, body, contentTypeOf(req), 1);
        return this.#created(res, blob);
      }
      case 'put-block': {
        if (!info.blockId)
          return this.#error(res, 400, 'InvalidQueryParameterValue', 'blockid is required.');
        const staged = this.#staged.get(name) ?? new Map<string, Buffer>();
        staged.set(info.blockId, body);
        this.#staged.set(name, staged);
        res.writeHead(201, this.#commonHeaders({ 'content-length': '0' }));
        res.end();
        return 201;
      }
      case 'put-block-list': {
        const ids = [
          ...body.toString('utf8').matchAll(/<(Latest|Uncommitted|Committed)>([^<]*)<\/\1>/g)
        ].map((m) => m[2]!);
        const staged = this.#staged.get(name) ?? new Map<string, Buffer>();
        const parts: Buffer[] = [];
        for (const id of ids) {
          const block = staged.get(id);
          if (!block)
            return this.#error(res, 400, 'InvalidBlockList', `Block ${id} was never staged.`);
          parts.push(block);
        }
        this.#staged.delete(name);
        const blob = this.#commit(name, Buffer.concat(parts), contentTypeOf(req), ids.length);
        return this.#created(res, blob);
      }
      case 'get':
      case 'head':
        return this.#read(req, name, info.op === 'head', res, writeBody);
      case 'unsupported':
        return this.#error(
          res,
          405,
          'UnsupportedHttpVerb',
          `${req.method ?? ''} is not supported.`
        );
    }
  }

  #read(
    req: IncomingMessage,
    name: string,
    headOnly: boolean,
    res: ServerResponse,
    writeBody: BodyWriter
  ): number {
    const blob = this.#blobs.get(name);
    if (!blob) return this.#error(res, 404, 'BlobNotFound', 'The specified blob does not exist.');
    const size = blob.content.length;
    const range = parseRange(rangeHeader(req), size);
    const headers = this.#commonHeaders({
      'content-type': blob.contentType,
      etag: blob.etag,
      'last-modified': blob.lastModified.toUTCString(),
      'accept-ranges': 'bytes',
      'x-ms-blob-type': 'BlockBlob'
    });
    if (range === 'unsatisfiable') {
      res.writeHead(416, { ...headers, 'content-range': `bytes */${size}`, 'content-length': '0' });
      res.end();
      return 416;
    }
    const body = range ? blob.content.subarray(range.start, range.end + 1) : blob.content;
    const status = range ? 206 : 200;
    res.writeHead(status, {
      ...headers,
      'content-length': String(body.length),
      ...(range ? { 'content-range': `bytes ${range.start}-${range.end}/${size}` } : {})
    });
    if (headOnly) res.end();
    else writeBody(res, body);
    return status;
  }

  #commit(name: string, content: Buffer, contentType: string, blocks: number): StoredBlob {
    const blob: StoredBlob = {
      name,
      content,
      contentType,
      etag: `"0x8D${(++this.#etags).toString(16).padStart(13, '0').toUpperCase()}"`,
      lastModified: new Date(this.#now()),
      blocks
    };
    this.#blobs.set(name, blob);
    return blob;
  }

  #created(res: ServerResponse, blob: StoredBlob): number {
    res.writeHead(
      201,
      this.#commonHeaders({
        etag: blob.etag,
        'last-modified': blob.lastModified.toUTCString(),
        'content-md5': createHash('md5').update(blob.content).digest('base64'),
        'x-ms-request-server-encrypted': 'true',
        'content-length': '0'
      })
    );
    res.end();
    return 201;
  }

  #commonHeaders(extra: Record<string, string>): Record<string, string> {
    return {
      'x-ms-request-id': `emulator-${this.#etags}`,
      'x-ms-version': '2025-11-05',
      date: new Date(this.#now()).toUTCString(),
      ...extra
    };
  }

  #error(res: ServerResponse, status: number, code: string, message: string): number {
    const xml = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
    res.writeHead(status, {
      ...this.#commonHeaders({ 'x-ms-error-code': code }),
      'content-type': 'application/xml',
      'content-length': String(Buffer.byteLength(xml))
    });
    res.end(xml);
    return status;
  }

  /** `<container>/<blob>` from a path-style URL, or undefined when the path is not one. */
  #blobName(url: URL): string | undefined {
    const segments = url.pathname.split('/').slice(1).map(decodeURIComponent);
    if (segments.length < 3 || segments[0] !== BLOB_ACCOUNT || segments.some((s) => s === ''))
      return undefined;
    return segments.slice(1).join('/');
  }

  #checkSas(url: URL, need: 'r' | 'w'): string | undefined {
    const sp = url.searchParams.get('sp') ?? '';
    const se = url.searchParams.get('se') ?? '';
    const sig = url.searchParams.get('sig') ?? '';
    if (sig !== this.#sign(decodeURIComponent(url.pathname), sp, se))
      return 'Signature did not match.';
    if (!(Date.parse(se) > this.#now())) return 'Signed expiry time has passed.';
    if (need === 'r' ? !sp.includes('r') : !sp.includes('w'))
      return `This request is not authorized to perform this operation using this permission (sp=${sp}).`;
    return undefined;
  }

  #sign(path: string, permission: string, expiry: string): string {
    return createHmac('sha256', this.#secret)
      .update(`${permission}\n${expiry}\n${path}`)
      .digest('base64');
  }
}

function contentTypeOf(req: IncomingMessage): string {
  const header = req.headers['x-ms-blob-content-type'];
  return (Array.isArray(header) ? header[0] : header) ?? 'application/octet-stream';
}

function rangeHeader(req: IncomingMessage): string | undefined {
  const header = req.headers['x-ms-range'] ?? req.headers['range'];
  return Array.isArray(header) ? header[0] : header;
}

/** A single `bytes=` range against `size`, inclusive; undefined when there is none (or it is not one we read). */
export function parseRange(
  header: string | undefined,
  size: number
): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return undefined;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
