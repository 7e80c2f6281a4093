/**
 * Reads one line at a time from a stream without losing input between reads: lines that arrive in one
 * chunk are kept for the next read, and the stream is paused (its listeners removed) while nobody is
 * reading, so it neither loses data nor keeps the process alive.
 */
import { StringDecoder } from 'node:string_decoder';

/** What a read ended with: a line, or the end of the input (with the error that ended it, if any). */
export type LineResult =
  { readonly line: string } | { readonly closed: true; readonly error?: unknown };

interface ReadableState {
  readonly readableEnded?: boolean;
  readonly destroyed?: boolean;
}

export class LineReader {
  readonly #input: NodeJS.ReadableStream;
  readonly #decoder = new StringDecoder('utf8');
  readonly #lines: string[] = [];
  #partial = '';
  #closed = false;
  #error: unknown;

  constructor(input: NodeJS.ReadableStream) {
    this.#input = input;
  }

  /** The next line (without its `\n` or `\r\n`), or `closed` once the input has ended. Rejects on abort. */
  read(signal?: AbortSignal): Promise<LineResult> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    const ready = this.#take();
    if (ready) return Promise.resolve(ready);

    const input = this.#input;
    return new Promise<LineResult>((resolve, reject) => {
      const cleanup = (): void => {
        input.removeListener('data', onData);
        input.removeListener('end', onEnd);
        input.removeListener('close', onEnd);
        input.removeListener('error', onError);
        signal?.removeEventListener('abort', onAbort);
        input.pause();
      };
      const settle = (): void => {
        const result = this.#take();
        if (!result) return;
        cleanup();
        resolve(result);
      };
      const onData = (chunk: string | Buffer): void => {
        this.#push(typeof chunk === 'string' ? chunk : this.#decoder.write(chunk));
        settle();
      };
      const onEnd = (): void => {
        this.#finish();
        settle();
      };
      const onError = (error: unknown): void => {
        this.#error = error;
        this.#finish();
        settle();
      };
      const onAbort = (): void => {
        cleanup();
        reject(signal?.reason as Error);
      };
      input.on('data', onData);
      input.once('end', onEnd);
      input.once('close', onEnd);
      input.once('error', onError);
      signal?.addEventListener('abort', onAbort, { once: true });
      input.resume();
    });
  }

  #inputEnded(): boolean {
    if (this.#closed) return true;
    const state = this.#input as NodeJS.ReadableStream & ReadableState;
    return state.readableEnded === true || state.destroyed === true;
  }

  #take(): LineResult | undefined {
    const line = this.#lines.shift();
    if (line !== undefined) return { line };
    if (!this.#inputEnded()) return undefined;
    this.#finish();
    if (this.#partial !== '') {
      const last = this.#partial;
      this.#partial = '';
      return { line: last.endsWith('\r') ? last.slice(0, -1) : last };
    }
    return this.#error === undefined ? { closed: true } : { closed: true, error: this.#error };
  }

  #push(text: string): void {
    const parts = (this.#partial + text).split('\n');
    this.#partial = parts.pop() ?? '';
    for (const part of parts) this.#lines.push(part.endsWith('\r') ? part.slice(0, -1) : part);
  }

  #finish(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#push(this.#decoder.end());
  }
}
