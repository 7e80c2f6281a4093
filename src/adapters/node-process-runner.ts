/**
 * The real ProcessRunner: `sh -c <command>` in its own process group (spec §4.10, tracker-parity §2.5).
 *
 * - Output streams go to files with backpressure (a file is created when its stream's first byte
 *   arrives); only the last `tailBytes` of each stream stay in memory.
 * - Timeout and abort kill the whole group: SIGTERM, then SIGKILL after `killGraceMs`; once the main
 *   child is gone the group is swept with SIGKILL so no grandchild survives a kill.
 * - A grandchild that keeps stdout/stderr open after the main child exited (`sleep 100 &`) delays the
 *   result by at most PIPE_CLOSE_GRACE_MS; then the group is killed and the pipes are dropped.
 * - Failing to start (missing cwd, no `sh`) is a result with `spawnError`, never a throw.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { close, createWriteStream, open, write, writev } from 'node:fs';
import type { Mode, OpenMode, PathLike } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { errorMessage } from '../common/errors.js';
import { utf8Tail } from '../stores/utf8-tail.js';
import type {
  ProcessResult,
  ProcessRunner,
  ProcessSpec,
  StreamTail
} from '../ports/process-runner.js';

export const DEFAULT_KILL_GRACE_MS = 2000;
/** How long to wait for the pipes to close after the main child exited. */
export const PIPE_CLOSE_GRACE_MS = 200;
/** setTimeout overflows above this; longer timeouts are treated as "no timeout". */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Keeps the last `limit` bytes of a byte stream. Memory is bounded by `limit` plus one chunk.
 */
export class TailBuffer {
  readonly #limit: number;
  #chunks: Buffer[] = [];
  #kept = 0;
  #total = 0;

  constructor(limit: number) {
    this.#limit = Math.max(0, Math.floor(limit));
  }

  get totalBytes(): number {
    return this.#total;
  }

  push(chunk: Buffer): void {
    this.#total += chunk.length;
    if (this.#limit === 0 || chunk.length === 0) return;
    if (chunk.length >= this.#limit) {
      // Copy, so a huge chunk's backing memory is not retained.
      this.#chunks = [Buffer.from(chunk.subarray(chunk.length - this.#limit))];
      this.#kept = this.#limit;
      return;
    }
    this.#chunks.push(chunk);
    this.#kept += chunk.length;
    let first = this.#chunks[0];
    while (first !== undefined && this.#kept - first.length >= this.#limit) {
      this.#chunks.shift();
      this.#kept -= first.length;
      first = this.#chunks[0];
    }
  }

  /** The kept tail decoded as UTF-8; a multi-byte character cut at the start of the tail is dropped. */
  toTail(): StreamTail {
    let bytes = Buffer.concat(this.#chunks, this.#kept);
    if (bytes.length > this.#limit) bytes = bytes.subarray(bytes.length - this.#limit);
    const truncated = this.#total > bytes.length;
    const text = truncated ? utf8Tail(bytes) : bytes.toString('utf8');
    return { text, totalBytes: this.#total, truncated };
  }
}

/**
 * One output stream: a tail in memory plus an optional file, written with backpressure. The file is
 * created when the first byte arrives (creating a file is the costly part of small-file I/O, and most
 * commands write nothing to one of their streams), so a silent stream leaves no file.
 */
class StreamCapture {
  readonly tail: TailBuffer;
  readonly #file: string | undefined;
  #sink: WriteStream | undefined;
  #sinkClosed: Promise<void> = Promise.resolve();
  #source: Readable | undefined;
  #error: string | undefined;
  #ended: Promise<void> = Promise.resolve();

  /** Removes a file left by an earlier run; settles before the file is created again. */
  readonly #staleRemoved: Promise<void>;

  constructor(tailBytes: number, file: string | undefined, fresh: boolean) {
    this.tail = new TailBuffer(tailBytes);
    this.#file = file;
    this.#staleRemoved =
      file === undefined || fresh
        ? Promise.resolve()
        : rm(file, { force: true }).catch(() => undefined);
  }

  get error(): string | undefined {
    return this.#error;
  }

  /** Resolves once the source stream ended (EOF), closed or failed. */
  get ended(): Promise<void> {
    return this.#ended;
  }

  /** The file's stream, opened on first use; undefined when there is no file or it failed. */
  #fileSink(): WriteStream | undefined {
    if (this.#sink !== undefined || this.#file === undefined || this.#error !== undefined) {
      return this.#sink;
    }
    const file = this.#file;
    // The stream opens its file asynchronously; it must not open before the stale file is gone.
    const sink = createWriteStream(file, {
      fs: { write, writev, close, open: this.#openAfterRemoval }
    });
    this.#sink = sink;
    this.#sinkClosed = new Promise<void>((resolve) => sink.once('close', () => resolve()));
    sink.on('error', (error) => {
      this.#error = `could not write ${file}: ${errorMessage(error)}`;
      this.#sink = undefined;
      sink.destroy();
      this.#source?.resume();
    });
    return sink;
  }

  attach(source: Readable | null): void {
    if (source === null) return;
    this.#source = source;
    this.#ended = new Promise<void>((resolve) => {
      source.once('end', resolve);
      source.once('close', resolve);
      source.once('error', () => resolve());
    });
    source.on('data', (chunk: Buffer) => {
      this.tail.push(chunk);
      const sink = this.#fileSink();
      if (sink !== undefined && !sink.write(chunk)) {
        source.pause();
        sink.once('drain', () => source.resume());
      }
    });
  }

  /** Stops reading (used when a grandchild keeps the pipe open). */
  detach(): void {
    this.#source?.destroy();
  }

  readonly #openAfterRemoval = (
    path: PathLike,
    flags: OpenMode,
    mode: Mode,
    callback: (error: NodeJS.ErrnoException | null, fd: number) => void
  ): void => {
    void this.#staleRemoved.then(() => open(path, flags, mode, callback));
  };

  /**
   * Flushes and closes the file. A file left by an earlier attempt was removed when this capture was
   * made, so the file always holds this run's output, or is absent when the stream stayed silent.
   */
  async close(): Promise<void> {
    await this.#staleRemoved;
    const sink = this.#sink;
    if (sink !== undefined && !sink.destroyed) sink.end();
    await this.#sinkClosed;
    this.#sink = undefined;
  }
}

/** Process groups still running, killed if this Node process exits first. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
  });
}

/**
 * Process groups started by another process (tracker, while its process helper was starting) that
 * this process kills when it exits, as it does its own: the helper is told to watch them.
 */
export function watchProcessGroup(pid: number): void {
  installExitHook();
  liveGroups.add(pid);
}

export function unwatchProcessGroup(pid: number): void {
  liveGroups.delete(pid);
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

async function cwdProblem(cwd: string): Promise<string | undefined> {
  try {
    const info = await stat(cwd);
    return info.isDirectory() ? undefined : `working directory '${cwd}' is not a directory`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `working directory '${cwd}' does not exist`;
    return `working directory '${cwd}' is not usable: ${errorMessage(error)}`;
  }
}

function usableTimeout(ms: number | undefined): number | undefined {
  return ms !== undefined && Number.isFinite(ms) && ms > 0 && ms <= MAX_TIMER_MS ? ms : undefined;
}

type ExitInfo =
  | { readonly code: number | null; readonly signal: NodeJS.Signals | null }
  | { readonly error: unknown };

export interface NodeProcessRunnerOptions {
  /**
   * Told the process group (the pid of `sh`) of every command once it has started, and again once it
   * has ended, so another process can watch it (ProcessServerRunner hands such groups to its helper).
   */
  readonly groups?: {
    readonly started: (pid: number) => void;
    readonly ended: (pid: number) => void;
  };
}

export class NodeProcessRunner implements ProcessRunner {
  readonly #groups: NodeProcessRunnerOptions['groups'];

  constructor(options: NodeProcessRunnerOptions = {}) {
    this.#groups = options.groups;
  }

  async run(spec: ProcessSpec, signal?: AbortSignal): Promise<ProcessResult> {
    const startedAt = performance.now();
    const fresh = spec.outputFilesFresh === true;
    const out = new StreamCapture(spec.tailBytes, spec.stdoutFile, fresh);
    const err = new StreamCapture(spec.tailBytes, spec.stderrFile, fresh);
    const finish = async (
      fields: Omit<ProcessResult, 'stdout' | 'stderr' | 'durationMs'>
    ): Promise<ProcessResult> => {
      await Promise.all([out.close(), err.close()]);
      const outputError = out.error ?? err.error;
      return {
        ...fields,
        stdout: out.tail.toTail(),
        stderr: err.tail.toTail(),
        durationMs: Math.round(performance.now() - startedAt),
        ...(outputError === undefined ? {} : { outputError })
      };
    };
    const notStarted = { exitCode: null, signal: null, timedOut: false } as const;

    if (signal?.aborted) return finish({ ...notStarted, aborted: true });
    // Why a start failed is worked out afterwards (a missing cwd and a missing `sh` both read ENOENT),
    // so the usual path pays for no extra file-system call.
    const startFailure = async (error: unknown): Promise<string> =>
      (await cwdProblem(spec.cwd)) ?? `could not start sh: ${errorMessage(error)}`;

    let child: ChildProcess;
    try {
      child = spawn('sh', ['-c', spec.command], {
        cwd: spec.cwd,
        env: { ...spec.env },
        detached: true,
        stdio: [spec.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe']
      });
    } catch (error) {
      return finish({ ...notStarted, aborted: false, spawnError: await startFailure(error) });
    }
    const exited = new Promise<ExitInfo>((resolve) => {
      child.once('exit', (code, sig) => resolve({ code, signal: sig }));
      child.once('error', (error) => resolve({ error }));
    });
    out.attach(child.stdout);
    err.attach(child.stderr);
    if (child.stdin) {
      child.stdin.on('error', () => undefined); // EPIPE when the command does not read its stdin
      child.stdin.end(spec.stdin ?? '');
    }

    const pid = child.pid;
    if (pid !== undefined) {
      installExitHook();
      liveGroups.add(pid);
      this.#groups?.started(pid);
    }
    let timedOut = false;
    let aborted = false;
    let killing = false;
    let running = true;
    let graceTimer: NodeJS.Timeout | undefined;
    const startKill = (): void => {
      if (killing || !running || pid === undefined) return;
      killing = true;
      killGroup(pid, 'SIGTERM');
      graceTimer = setTimeout(
        () => killGroup(pid, 'SIGKILL'),
        spec.killGraceMs ?? DEFAULT_KILL_GRACE_MS
      );
    };
    const timeoutMs = usableTimeout(spec.timeoutMs);
    const timeoutTimer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            if (!running || killing) return;
            timedOut = true;
            startKill();
          }, timeoutMs);
    const onAbort = (): void => {
      if (!running || killing) return;
      aborted = true;
      startKill();
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    const info = await exited;
    running = false;
    clearTimeout(timeoutTimer);
    clearTimeout(graceTimer);
    signal?.removeEventListener('abort', onAbort);

    if ('error' in info) {
      if (pid !== undefined) this.#groupEnded(pid);
      out.detach();
      err.detach();
      return finish({ ...notStarted, aborted: false, spawnError: await startFailure(info.error) });
    }
    if (pid !== undefined) {
      // After a kill, sweep whatever is left of the group at once.
      if (killing) killGroup(pid, 'SIGKILL');
      let graceTimeout: NodeJS.Timeout | undefined;
      const drained = await Promise.race([
        Promise.all([out.ended, err.ended]).then(() => true),
        new Promise<boolean>((resolve) => {
          graceTimeout = setTimeout(() => resolve(false), PIPE_CLOSE_GRACE_MS);
        })
      ]);
      clearTimeout(graceTimeout);
      if (!drained) {
        // A background grandchild holds the pipes: end it and stop reading.
        killGroup(pid, 'SIGKILL');
        out.detach();
        err.detach();
      }
      this.#groupEnded(pid);
    }
    return finish({ exitCode: info.code, signal: info.signal, timedOut, aborted });
  }

  #groupEnded(pid: number): void {
    liveGroups.delete(pid);
    this.#groups?.ended(pid);
  }
}
