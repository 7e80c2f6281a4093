/**
 * A ProcessRunner that starts commands through a long-lived helper process (process-server.ts)
 * instead of forking tracker itself (docs/decisions/0007-process-helper.md).
 *
 * Why: `spawn` forks the calling process, and a fork costs in proportion to the caller's memory. The
 * helper is a small Node process, so its forks are cheap whatever tracker's heap holds, and they run on
 * the other core while tracker's main thread writes the checkpoint. Everything else — process groups,
 * timeouts, output files and tails — is NodeProcessRunner's code, running in the helper.
 *
 * - The helper is started by the second command, or once the first has run for HELPER_START_DELAY_MS;
 *   until it has said it is ready, commands run in-process (`whileStarting: 'in-process'`, the
 *   default), so a short pipeline never waits for a second Node process to boot. Their process
 *   groups are handed to the helper once it is ready: from then on it kills them if tracker dies.
 *   With `whileStarting: 'wait'` the first command starts the helper and every command waits for it.
 * - It lives as long as this process (it is unref'd, and the IPC channel is only ref'd while a
 *   command runs), or until `close()`.
 * - If it cannot start (no entry file, it exits before saying it is ready), commands run in-process
 *   with the fallback runner from then on; nothing had been started, so nothing runs twice.
 * - If it dies while commands run, their results are unknown: each is reported as a `spawnError`
 *   saying so, and the next command starts a new helper (after MAX_LOSSES deaths, in-process again).
 * - A command's environment is sent as a change to the previous one (most of it is the same for
 *   every command of a run).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorMessage } from '../common/errors.js';
import { formatDuration } from '../common/format-duration.js';
import type { ProcessResult, ProcessRunner, ProcessSpec } from '../ports/process-runner.js';
import { NodeProcessRunner } from './node-process-runner.js';
import type { ServerReply, ServerRequest } from './process-server-protocol.js';
import { envDelta, isServerReply } from './process-server-protocol.js';

/** How the helper is started: `node [...execArgv] entry`. */
export interface ProcessServerLocation {
  readonly entry: string;
  readonly execArgv: readonly string[];
}

/**
 * Node flags for the helper. A fork copies the page tables of the forking process's private memory, so
 * the helper keeps its young generation small (1 MB semi-spaces instead of 16): measured, a spawn
 * through it then takes 3.3 ms instead of 3.7 (a bare Node loop: 3.7).
 */
export const HELPER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1'];

/** How long a helper may take to start (from source, through tsx, on a loaded machine: seconds). */
export const HELPER_READY_TIMEOUT_MS = 20_000;

/**
 * How long the first command runs before the helper is started (a second command starts it at
 * once): a one-command pipeline that is over by then never pays for the helper's Node start-up.
 */
export const HELPER_START_DELAY_MS = 20;

/** After this many helpers died while running commands, commands run in-process. */
export const MAX_LOSSES = 3;
const STDERR_TAIL_CHARS = 4096;

/** The line of a Node crash report that says what went wrong (`Error: Cannot find module …`). */
function firstErrorLine(stderr: string): string | undefined {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines.find((l) => /^[A-Za-z]*Error\b/.test(l)) ?? lines.at(-1);
}

/**
 * Where the helper's entry is, seen from the module at `moduleUrl` (default: this one): next to the
 * bundle (`dist/process-server.js`), or in the source tree (`src/process-server-entry.ts`, started with
 * the tsx loader). undefined when neither exists.
 */
export function locateProcessServer(
  moduleUrl: string = import.meta.url
): ProcessServerLocation | undefined {
  let here: string;
  try {
    here = fileURLToPath(moduleUrl);
  } catch {
    return undefined;
  }
  const bundled = join(dirname(here), 'process-server.js');
  if (existsSync(bundled)) return { entry: bundled, execArgv: [...HELPER_NODE_FLAGS] };
  if (here.endsWith('.ts')) {
    const source = join(dirname(here), '..', 'process-server-entry.ts');
    if (existsSync(source)) {
      return { entry: source, execArgv: [...HELPER_NODE_FLAGS, '--import', 'tsx'] };
    }
  }
  return undefined;
}

export interface ProcessServerRunnerOptions {
  readonly location: ProcessServerLocation;
  /** A helper that has not said it is ready by then is killed, and commands run in-process. */
  readonly readyTimeoutMs?: number;
  /** Runs the commands when the helper cannot be used. Default: a NodeProcessRunner. */
  readonly fallback?: ProcessRunner;
  /** Told once, with the reason, when commands start running in-process. */
  readonly onFallback?: (reason: string) => void;
  /**
   * What commands do while the helper starts: run in-process (the default; their process groups
   * are handed to the helper once it is ready), or wait for it.
   */
  readonly whileStarting?: 'in-process' | 'wait';
  /** With `whileStarting: 'in-process'`: see HELPER_START_DELAY_MS. */
  readonly startDelayMs?: number;
}

interface Pending {
  readonly spec: ProcessSpec;
  readonly signal: AbortSignal | undefined;
  readonly startedAt: number;
  readonly settle: (result: ProcessResult) => void;
}

interface Connection {
  readonly child: ChildProcess;
  readonly pending: Map<number, Pending>;
  ready: boolean;
  gone: boolean;
  /** `close()` was called: disconnect once nothing is pending. */
  closing: boolean;
  /** Called once the helper has exited and its channel is closed. */
  onGone?: () => void;
  readyTimer?: NodeJS.Timeout;
  /** Settles once the helper is ready or gone. */
  readonly started: Promise<void>;
  readonly settleStarted: () => void;
  /** The base environment the helper holds (the last `env` sent), and its size. */
  baseEnv?: Readonly<Record<string, string>>;
  baseEnvSize: number;
}

const EMPTY_TAIL = { text: '', totalBytes: 0, truncated: false } as const;

/** Only what Node needs to start; the commands get their complete environment in each request. */
function helperEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'SYSTEMROOT']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

export class ProcessServerRunner implements ProcessRunner {
  readonly #location: ProcessServerLocation;
  readonly #fallback: ProcessRunner;
  readonly #onFallback: ((reason: string) => void) | undefined;
  readonly #readyTimeoutMs: number;
  readonly #waitForHelper: boolean;
  readonly #startDelayMs: number;
  /** Runs commands while the helper starts; tells which process groups it started and ended. */
  readonly #meanwhile: ProcessRunner;
  /** Process groups #meanwhile started that are still running. */
  readonly #ownGroups = new Set<number>();
  /** Commands #meanwhile is running (`close()` waits for them). */
  readonly #ownRunning = new Set<Promise<unknown>>();
  #startTimer: NodeJS.Timeout | undefined;
  #connection: Connection | undefined;
  #fallbackReason: string | undefined;
  #losses = 0;
  #nextId = 1;

  constructor(options: ProcessServerRunnerOptions) {
    this.#location = options.location;
    this.#fallback = options.fallback ?? new NodeProcessRunner();
    this.#onFallback = options.onFallback;
    this.#readyTimeoutMs = options.readyTimeoutMs ?? HELPER_READY_TIMEOUT_MS;
    this.#waitForHelper = options.whileStarting === 'wait';
    this.#startDelayMs = options.startDelayMs ?? HELPER_START_DELAY_MS;
    this.#meanwhile = new NodeProcessRunner({
      groups: {
        started: (pid) => {
          this.#ownGroups.add(pid);
          const connection = this.#connection;
          if (connection?.ready) send(connection, { t: 'watch', pid });
        },
        ended: (pid) => {
          this.#ownGroups.delete(pid);
          const connection = this.#connection;
          if (connection?.ready) send(connection, { t: 'unwatch', pid });
        }
      }
    });
  }

  /** Why commands run in-process, or undefined while the helper is in use. */
  get fallbackReason(): string | undefined {
    return this.#fallbackReason;
  }

  /** The helper's pid once it is running (for tests and diagnostics). */
  get helperPid(): number | undefined {
    return this.#connection?.child.pid;
  }

  /**
   * Starts the helper unless it runs (or cannot be used); resolves once it is ready or commands
   * run in-process for good.
   */
  async whenReady(): Promise<void> {
    if (this.#fallbackReason !== undefined) return;
    const connection = this.#connection ?? this.#connect();
    await connection.started;
    if (!connection.ready) await this.whenReady();
  }

  run(spec: ProcessSpec, signal?: AbortSignal): Promise<ProcessResult> {
    if (this.#fallbackReason !== undefined) return this.#fallback.run(spec, signal);
    if (this.#waitForHelper || this.#connection?.ready === true) {
      return this.#runInHelper(this.#connection ?? this.#connect(), spec, signal);
    }
    // The helper is not ready (or not started): run the command here meanwhile.
    if (this.#connection === undefined) {
      if (this.#ownRunning.size > 0 || this.#startTimer !== undefined) this.#connect();
      else {
        this.#startTimer = setTimeout(() => {
          this.#startTimer = undefined;
          if (this.#connection === undefined && this.#fallbackReason === undefined) this.#connect();
        }, this.#startDelayMs);
        this.#startTimer.unref();
      }
    }
    const running = this.#meanwhile.run(spec, signal);
    this.#ownRunning.add(running);
    void running.finally(() => this.#ownRunning.delete(running));
    return running;
  }

  #runInHelper(
    connection: Connection,
    spec: ProcessSpec,
    signal: AbortSignal | undefined
  ): Promise<ProcessResult> {
    const id = this.#nextId++;
    return new Promise<ProcessResult>((resolve) => {
      const onAbort = (): void => send(connection, { t: 'abort', id });
      signal?.addEventListener('abort', onAbort, { once: true });
      connection.pending.set(id, {
        spec,
        signal,
        startedAt: performance.now(),
        settle: (result) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(result);
        }
      });
      connection.child.channel?.ref();
      send(connection, {
        t: 'run',
        id,
        spec: { ...spec, env: this.#envFor(connection, spec.env) },
        aborted: signal?.aborted === true
      });
    });
  }

  /** `env` as a change to the helper's base environment, sending a new base when that is shorter. */
  #envFor(connection: Connection, env: Readonly<Record<string, string>>) {
    const base = connection.baseEnv;
    const delta = base === undefined ? undefined : envDelta(base, connection.baseEnvSize, env);
    if (delta !== undefined) return delta;
    const copy = Object.assign(Object.create(null) as Record<string, string>, env);
    connection.baseEnv = copy;
    connection.baseEnvSize = Object.keys(copy).length;
    send(connection, { t: 'env', env: copy });
    return { set: Object.create(null) as Record<string, string>, unset: [] };
  }

  /**
   * Ends the helper once the running commands (its own and those started here meanwhile) have
   * finished; a later `run` starts a new one. A helper still starting is killed: it has nothing to do.
   */
  async close(): Promise<void> {
    clearTimeout(this.#startTimer);
    this.#startTimer = undefined;
    while (this.#ownRunning.size > 0) await Promise.allSettled([...this.#ownRunning]);
    const connection = this.#connection;
    if (connection === undefined) return;
    this.#connection = undefined;
    connection.closing = true;
    if (connection.gone) return;
    const closed = new Promise<void>((resolve) => (connection.onGone = resolve));
    connection.child.ref(); // keep this process alive until the helper has gone
    if (connection.pending.size === 0) {
      if (connection.ready) connection.child.disconnect();
      else connection.child.kill('SIGKILL');
    }
    await closed;
  }

  #connect(): Connection {
    const { entry, execArgv } = this.#location;
    const child = spawn(process.execPath, [...execArgv, entry], {
      cwd: dirname(entry),
      env: helperEnv(),
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json'
    });
    // The helper writes to stderr only when it fails; the last of it goes into the reason.
    let stderrTail = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS);
    });
    (child.stderr as { unref?: () => void } | null)?.unref?.();
    let settleStarted = (): void => undefined;
    const started = new Promise<void>((resolve) => (settleStarted = resolve));
    const connection: Connection = {
      child,
      pending: new Map(),
      ready: false,
      gone: false,
      closing: false,
      started,
      settleStarted,
      baseEnvSize: 0
    };
    this.#connection = connection;
    child.unref();
    child.channel?.unref();
    child.on('message', (message: unknown) => {
      if (!isServerReply(message)) return;
      this.#receive(connection, message);
    });
    child.on('error', (error) =>
      this.#lost(connection, `could not start it: ${errorMessage(error)}`)
    );
    let startTimedOut = false;
    const readyTimer = setTimeout(() => {
      startTimedOut = true;
      child.kill('SIGKILL');
    }, this.#readyTimeoutMs);
    readyTimer.unref();
    connection.readyTimer = readyTimer;
    // Lost once it has exited and no reply can still arrive (the channel is closed too).
    let exit: string | undefined;
    let disconnected = false;
    const ended = (): void => {
      if (exit !== undefined && disconnected) this.#lost(connection, exit);
    };
    child.once('exit', (code, signal) => {
      clearTimeout(readyTimer);
      exit = startTimedOut
        ? `it did not start within ${formatDuration(this.#readyTimeoutMs)}`
        : signal === null
          ? `it exited with code ${String(code)}`
          : `it was killed by ${signal}`;
      const said = firstErrorLine(stderrTail);
      if (said !== undefined) exit += `: ${said}`;
      ended();
    });
    child.once('disconnect', () => {
      disconnected = true;
      ended();
    });
    return connection;
  }

  #receive(connection: Connection, message: ServerReply): void {
    if (message.t === 'ready') {
      connection.ready = true;
      clearTimeout(connection.readyTimer);
      connection.settleStarted();
      // Commands started here meanwhile: the helper kills them too if this process dies.
      for (const pid of this.#ownGroups) send(connection, { t: 'watch', pid });
      return;
    }
    const pending = connection.pending.get(message.id);
    if (pending === undefined) return;
    connection.pending.delete(message.id);
    if (connection.pending.size === 0) {
      connection.child.channel?.unref();
      if (connection.closing) connection.child.disconnect();
    }
    pending.settle(
      'result' in message
        ? message.result
        : lostResult(pending, `the process helper failed: ${message.error}`)
    );
  }

  #lost(connection: Connection, why: string): void {
    if (connection.gone) return;
    connection.gone = true;
    connection.settleStarted();
    connection.onGone?.();
    if (this.#connection === connection) this.#connection = undefined;
    const pending = [...connection.pending.values()];
    connection.pending.clear();
    if (connection.closing && pending.length === 0) return;
    const losses = connection.ready ? ++this.#losses : this.#losses;
    if ((!connection.ready || losses >= MAX_LOSSES) && this.#fallbackReason === undefined) {
      this.#fallbackReason = `tracker's process helper (${this.#location.entry}) is unusable: ${why}`;
      this.#onFallback?.(this.#fallbackReason);
    }
    for (const p of pending) {
      if (!connection.ready) {
        // The helper reads requests only after it has said it is ready: none of these started.
        void this.#fallback.run(p.spec, p.signal).then(p.settle);
      } else {
        p.settle(
          lostResult(
            p,
            `tracker's process helper stopped (${why}) while the command ran; its result is unknown`
          )
        );
      }
    }
  }
}

function send(connection: Connection, request: ServerRequest): void {
  if (connection.gone || !connection.child.connected) return; // `close` settles what is pending
  connection.child.send(request, (error) => {
    if (error) connection.child.kill('SIGKILL'); // a channel that cannot carry requests is useless
  });
}

function lostResult(pending: Pending, why: string): ProcessResult {
  return {
    exitCode: null,
    signal: null,
    timedOut: false,
    aborted: pending.signal?.aborted === true,
    stdout: EMPTY_TAIL,
    stderr: EMPTY_TAIL,
    durationMs: Math.round(performance.now() - pending.startedAt),
    spawnError: why
  };
}

/**
 * The runner the composition roots use: the process helper when its entry exists, otherwise
 * (or with `inProcess`) NodeProcessRunner. Call `close()` on it when the run is over.
 */
export function createProcessRunner(
  options: { readonly inProcess?: boolean; readonly onFallback?: (reason: string) => void } = {}
): ProcessRunner & { close(): Promise<void> } {
  const location = options.inProcess === true ? undefined : locateProcessServer();
  if (location === undefined) {
    const inProcess = new NodeProcessRunner();
    return { run: (spec, signal) => inProcess.run(spec, signal), close: () => Promise.resolve() };
  }
  return new ProcessServerRunner({
    location,
    ...(options.onFallback ? { onFallback: options.onFallback } : {})
  });
}
