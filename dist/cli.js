#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 84:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _cli_main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(557);

process.exitCode = await (0,_cli_main_js__WEBPACK_IMPORTED_MODULE_0__/* .runCli */ .ak)();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 557:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  ak: () => (/* binding */ runCli)
});

// UNUSED EXPORTS: ExitCodes, main, resumeCommandLine, shellQuote

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: ./src/errors.ts
class TrackerError extends Error {
    code;
    trackerError = true;
    constructor(code, message, options = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.name = 'TrackerError';
        this.code = code;
    }
}
function isTrackerError(value) {
    return (typeof value === 'object' &&
        value !== null &&
        value.trackerError === true &&
        typeof value.code === 'string');
}
/** Renders anything thrown (including non-Error values) as a one-line message. */
function errorMessage(value) {
    if (value instanceof Error)
        return value.message;
    if (typeof value === 'string')
        return value;
    try {
        return JSON.stringify(value) ?? String(value);
    }
    catch {
        return String(value);
    }
}

;// CONCATENATED MODULE: ./src/stores/atomic-write.ts
/**
 * Crash-safe file replacement: write a temp file in the same directory, fsync it, and rename it over the
 * target. A reader — or a resumed run after the process was killed — sees the old or the new content,
 * never a torn file.
 *
 * The calls are synchronous on purpose: a checkpoint is a few kilobytes, so each call takes microseconds
 * (plus the fsync), while the asynchronous API would add a thread-pool round trip per call to every node
 * transition. The directory is not fsynced: after a power loss the rename may be lost, which leaves the
 * previous (complete) checkpoint — a resume then re-runs the last node, never a half-written state.
 */


let counter = 0;
/** A fresh temp-file name beside `path` (same directory, so the rename stays on one filesystem). */
function tempPathFor(path) {
    return (0,external_node_path_namespaceObject.join)((0,external_node_path_namespaceObject.dirname)(path), `.${(0,external_node_path_namespaceObject.basename)(path)}.${process.pid}.${++counter}.tmp`);
}
/**
 * Writes all of `bytes` to `fd`: at `position` onwards when given, else at the file's current position
 * (appending, for a file opened with `a`). `writeSync` may write less than asked.
 */
function writeAllSync(fd, bytes, position) {
    let done = 0;
    while (done < bytes.length) {
        const at = position === undefined ? null : position + done;
        done += (0,external_node_fs_namespaceObject.writeSync)(fd, bytes, done, bytes.length - done, at);
    }
}
function writeFileAtomicSync(path, content, options = {}) {
    const tmp = tempPathFor(path);
    const fd = (0,external_node_fs_namespaceObject.openSync)(tmp, 'w', 0o644);
    try {
        (0,external_node_fs_namespaceObject.writeSync)(fd, content);
        if (options.fsync ?? true)
            (0,external_node_fs_namespaceObject.fsyncSync)(fd);
    }
    finally {
        (0,external_node_fs_namespaceObject.closeSync)(fd);
    }
    try {
        (0,external_node_fs_namespaceObject.renameSync)(tmp, path);
    }
    catch (error) {
        (0,external_node_fs_namespaceObject.rmSync)(tmp, { force: true });
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/adapters/activity-log-sink.ts




/**
 * Appends every event to `<runDir>/activity.jsonl`. Lines are buffered and written together, with one
 * synchronous `write`, on the next turn of the event loop (`setImmediate`): a handful of events per node
 * cost one system call instead of a thread-pool round trip each, and a killed process loses at most the
 * events of the turn it was killed in.
 */
class ActivityLogSink {
    #fd;
    #pending = [];
    #scheduled;
    #closed = false;
    /** The first failed write; `close()` reports it (a failing log must not crash the run). */
    #error;
    constructor(runDir) {
        this.#fd = ActivityLogSink.#open(runDir);
    }
    static #open(runDir) {
        (0,external_node_fs_namespaceObject.mkdirSync)(runDir, { recursive: true });
        return (0,external_node_fs_namespaceObject.openSync)((0,external_node_path_namespaceObject.join)(runDir, 'activity.jsonl'), 'a');
    }
    emit(event) {
        if (this.#closed)
            return;
        this.#pending.push(JSON.stringify(event) + '\n');
        this.#scheduled ??= setImmediate(() => this.#write());
    }
    #write() {
        if (this.#scheduled !== undefined)
            clearImmediate(this.#scheduled);
        this.#scheduled = undefined;
        if (this.#pending.length === 0)
            return;
        const bytes = Buffer.from(this.#pending.join(''), 'utf8');
        this.#pending = [];
        if (this.#error !== undefined)
            return;
        try {
            writeAllSync(this.#fd, bytes);
        }
        catch (error) {
            this.#error = error;
        }
    }
    /** Switches to another run directory (after a loop restart). */
    moveTo(runDir) {
        this.#write();
        (0,external_node_fs_namespaceObject.closeSync)(this.#fd);
        this.#fd = ActivityLogSink.#open(runDir);
    }
    close() {
        if (this.#closed)
            return Promise.resolve();
        this.#closed = true;
        try {
            this.#write();
            (0,external_node_fs_namespaceObject.closeSync)(this.#fd);
        }
        catch (error) {
            this.#error ??= error;
        }
        const error = this.#error;
        if (error === undefined)
            return Promise.resolve();
        return Promise.reject(error instanceof Error ? error : new Error(errorMessage(error)));
    }
}

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: ./src/stores/utf8-tail.ts
/**
 * Decodes the tail of a UTF-8 byte stream: continuation bytes at the start (a character cut by the
 * cut-off) are dropped rather than decoded as U+FFFD.
 */
function utf8Tail(bytes) {
    let skip = 0;
    while (skip < 3 && skip < bytes.length && ((bytes[skip] ?? 0) & 0xc0) === 0x80)
        skip += 1;
    return Buffer.from(bytes.buffer, bytes.byteOffset + skip, bytes.length - skip).toString('utf8');
}

;// CONCATENATED MODULE: ./src/adapters/node-process-runner.ts
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





const DEFAULT_KILL_GRACE_MS = 2000;
/** How long to wait for the pipes to close after the main child exited. */
const PIPE_CLOSE_GRACE_MS = 200;
/** setTimeout overflows above this; longer timeouts are treated as "no timeout". */
const MAX_TIMER_MS = 2_147_483_647;
/**
 * Keeps the last `limit` bytes of a byte stream. Memory is bounded by `limit` plus one chunk.
 */
class TailBuffer {
    #limit;
    #chunks = [];
    #kept = 0;
    #total = 0;
    constructor(limit) {
        this.#limit = Math.max(0, Math.floor(limit));
    }
    get totalBytes() {
        return this.#total;
    }
    push(chunk) {
        this.#total += chunk.length;
        if (this.#limit === 0 || chunk.length === 0)
            return;
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
    toTail() {
        let bytes = Buffer.concat(this.#chunks, this.#kept);
        if (bytes.length > this.#limit)
            bytes = bytes.subarray(bytes.length - this.#limit);
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
    tail;
    #file;
    #sink;
    #sinkClosed = Promise.resolve();
    #source;
    #error;
    #ended = Promise.resolve();
    /** Removes a file left by an earlier run; settles before the file is created again. */
    #staleRemoved;
    constructor(tailBytes, file, fresh) {
        this.tail = new TailBuffer(tailBytes);
        this.#file = file;
        this.#staleRemoved =
            file === undefined || fresh
                ? Promise.resolve()
                : (0,promises_namespaceObject.rm)(file, { force: true }).catch(() => undefined);
    }
    get error() {
        return this.#error;
    }
    /** Resolves once the source stream ended (EOF), closed or failed. */
    get ended() {
        return this.#ended;
    }
    /** The file's stream, opened on first use; undefined when there is no file or it failed. */
    #fileSink() {
        if (this.#sink !== undefined || this.#file === undefined || this.#error !== undefined) {
            return this.#sink;
        }
        const file = this.#file;
        // The stream opens its file asynchronously; it must not open before the stale file is gone.
        const sink = (0,external_node_fs_namespaceObject.createWriteStream)(file, {
            fs: { write: external_node_fs_namespaceObject.write, writev: external_node_fs_namespaceObject.writev, close: external_node_fs_namespaceObject.close, open: this.#openAfterRemoval }
        });
        this.#sink = sink;
        this.#sinkClosed = new Promise((resolve) => sink.once('close', () => resolve()));
        sink.on('error', (error) => {
            this.#error = `could not write ${file}: ${errorMessage(error)}`;
            this.#sink = undefined;
            sink.destroy();
            this.#source?.resume();
        });
        return sink;
    }
    attach(source) {
        if (source === null)
            return;
        this.#source = source;
        this.#ended = new Promise((resolve) => {
            source.once('end', resolve);
            source.once('close', resolve);
            source.once('error', () => resolve());
        });
        source.on('data', (chunk) => {
            this.tail.push(chunk);
            const sink = this.#fileSink();
            if (sink !== undefined && !sink.write(chunk)) {
                source.pause();
                sink.once('drain', () => source.resume());
            }
        });
    }
    /** Stops reading (used when a grandchild keeps the pipe open). */
    detach() {
        this.#source?.destroy();
    }
    #openAfterRemoval = (path, flags, mode, callback) => {
        void this.#staleRemoved.then(() => (0,external_node_fs_namespaceObject.open)(path, flags, mode, callback));
    };
    /**
     * Flushes and closes the file. A file left by an earlier attempt was removed when this capture was
     * made, so the file always holds this run's output, or is absent when the stream stayed silent.
     */
    async close() {
        await this.#staleRemoved;
        const sink = this.#sink;
        if (sink !== undefined && !sink.destroyed)
            sink.end();
        await this.#sinkClosed;
        this.#sink = undefined;
    }
}
/** Process groups still running, killed if this Node process exits first. */
const liveGroups = new Set();
let exitHookInstalled = false;
function installExitHook() {
    if (exitHookInstalled)
        return;
    exitHookInstalled = true;
    process.once('exit', () => {
        for (const pid of liveGroups)
            killGroup(pid, 'SIGKILL');
    });
}
/**
 * Process groups started by another process (tracker, while its process helper was starting) that
 * this process kills when it exits, as it does its own: the helper is told to watch them.
 */
function watchProcessGroup(pid) {
    installExitHook();
    liveGroups.add(pid);
}
function unwatchProcessGroup(pid) {
    liveGroups.delete(pid);
}
function killGroup(pid, signal) {
    try {
        process.kill(-pid, signal);
    }
    catch {
        // ESRCH: the group is already gone.
    }
}
async function cwdProblem(cwd) {
    try {
        const info = await (0,promises_namespaceObject.stat)(cwd);
        return info.isDirectory() ? undefined : `working directory '${cwd}' is not a directory`;
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT')
            return `working directory '${cwd}' does not exist`;
        return `working directory '${cwd}' is not usable: ${errorMessage(error)}`;
    }
}
function usableTimeout(ms) {
    return ms !== undefined && Number.isFinite(ms) && ms > 0 && ms <= MAX_TIMER_MS ? ms : undefined;
}
class NodeProcessRunner {
    #groups;
    constructor(options = {}) {
        this.#groups = options.groups;
    }
    async run(spec, signal) {
        const startedAt = performance.now();
        const fresh = spec.outputFilesFresh === true;
        const out = new StreamCapture(spec.tailBytes, spec.stdoutFile, fresh);
        const err = new StreamCapture(spec.tailBytes, spec.stderrFile, fresh);
        const finish = async (fields) => {
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
        const notStarted = { exitCode: null, signal: null, timedOut: false };
        if (signal?.aborted)
            return finish({ ...notStarted, aborted: true });
        // Why a start failed is worked out afterwards (a missing cwd and a missing `sh` both read ENOENT),
        // so the usual path pays for no extra file-system call.
        const startFailure = async (error) => (await cwdProblem(spec.cwd)) ?? `could not start sh: ${errorMessage(error)}`;
        let child;
        try {
            child = (0,external_node_child_process_namespaceObject.spawn)('sh', ['-c', spec.command], {
                cwd: spec.cwd,
                env: { ...spec.env },
                detached: true,
                stdio: [spec.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe']
            });
        }
        catch (error) {
            return finish({ ...notStarted, aborted: false, spawnError: await startFailure(error) });
        }
        const exited = new Promise((resolve) => {
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
        let graceTimer;
        const startKill = () => {
            if (killing || !running || pid === undefined)
                return;
            killing = true;
            killGroup(pid, 'SIGTERM');
            graceTimer = setTimeout(() => killGroup(pid, 'SIGKILL'), spec.killGraceMs ?? DEFAULT_KILL_GRACE_MS);
        };
        const timeoutMs = usableTimeout(spec.timeoutMs);
        const timeoutTimer = timeoutMs === undefined
            ? undefined
            : setTimeout(() => {
                if (!running || killing)
                    return;
                timedOut = true;
                startKill();
            }, timeoutMs);
        const onAbort = () => {
            if (!running || killing)
                return;
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
            if (pid !== undefined)
                this.#groupEnded(pid);
            out.detach();
            err.detach();
            return finish({ ...notStarted, aborted: false, spawnError: await startFailure(info.error) });
        }
        if (pid !== undefined) {
            // After a kill, sweep whatever is left of the group at once.
            if (killing)
                killGroup(pid, 'SIGKILL');
            let graceTimeout;
            const drained = await Promise.race([
                Promise.all([out.ended, err.ended]).then(() => true),
                new Promise((resolve) => {
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
    #groupEnded(pid) {
        liveGroups.delete(pid);
        this.#groups?.ended(pid);
    }
}

;// CONCATENATED MODULE: ./src/adapters/process-server-protocol.ts
function hasType(value) {
    return typeof value === 'object' && value !== null && 't' in value;
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isServerRequest(value) {
    if (!hasType(value))
        return false;
    const message = value;
    switch (message['t']) {
        case 'env':
            return isRecord(message['env']);
        case 'watch':
        case 'unwatch':
            return typeof message['pid'] === 'number';
        case 'abort':
            return typeof message['id'] === 'number';
        case 'run': {
            const spec = message['spec'];
            return (typeof message['id'] === 'number' &&
                isRecord(spec) &&
                isRecord(spec['env']) &&
                isRecord(spec['env']['set']) &&
                Array.isArray(spec['env']['unset']));
        }
        default:
            return false;
    }
}
function isServerReply(value) {
    if (!hasType(value))
        return false;
    if (value.t === 'ready')
        return true;
    return value.t === 'done' && typeof value.id === 'number';
}
/** What `next` changes in `base` (undefined when that is most of it: send `next` as a new base). */
function envDelta(base, baseSize, next) {
    const set = Object.create(null);
    let changes = 0;
    let kept = 0;
    for (const name of Object.keys(next)) {
        const value = next[name];
        if (value === undefined)
            continue;
        if (Object.hasOwn(base, name) && base[name] === value)
            kept++;
        else {
            set[name] = value;
            changes++;
        }
    }
    const unset = [];
    if (kept < baseSize) {
        for (const name of Object.keys(base))
            if (!Object.hasOwn(next, name))
                unset.push(name);
    }
    changes += unset.length;
    return changes > kept ? undefined : { set, unset };
}
/** The environment an EnvDelta stands for. */
function applyEnvDelta(base, delta) {
    const env = Object.assign(Object.create(null), base, delta.set);
    for (const name of delta.unset)
        delete env[name];
    return env;
}

;// CONCATENATED MODULE: ./src/adapters/process-server-runner.ts
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







/**
 * Node flags for the helper. A fork copies the page tables of the forking process's private memory, so
 * the helper keeps its young generation small (1 MB semi-spaces instead of 16): measured, a spawn
 * through it then takes 3.3 ms instead of 3.7 (a bare Node loop: 3.7).
 */
const HELPER_NODE_FLAGS = ['--max-semi-space-size=1'];
/** How long a helper may take to start (from source, through tsx, on a loaded machine: seconds). */
const HELPER_READY_TIMEOUT_MS = 20_000;
/**
 * How long the first command runs before the helper is started (a second command starts it at
 * once): a one-command pipeline that is over by then never pays for the helper's Node start-up.
 */
const HELPER_START_DELAY_MS = 20;
/** After this many helpers died while running commands, commands run in-process. */
const MAX_LOSSES = 3;
const STDERR_TAIL_CHARS = 4096;
/** The line of a Node crash report that says what went wrong (`Error: Cannot find module …`). */
function firstErrorLine(stderr) {
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
function locateProcessServer(moduleUrl = import.meta.url) {
    let here;
    try {
        here = (0,external_node_url_namespaceObject.fileURLToPath)(moduleUrl);
    }
    catch {
        return undefined;
    }
    const bundled = (0,external_node_path_namespaceObject.join)((0,external_node_path_namespaceObject.dirname)(here), 'process-server.js');
    if ((0,external_node_fs_namespaceObject.existsSync)(bundled))
        return { entry: bundled, execArgv: [...HELPER_NODE_FLAGS] };
    if (here.endsWith('.ts')) {
        const source = (0,external_node_path_namespaceObject.join)((0,external_node_path_namespaceObject.dirname)(here), '..', 'process-server-entry.ts');
        if ((0,external_node_fs_namespaceObject.existsSync)(source)) {
            return { entry: source, execArgv: [...HELPER_NODE_FLAGS, '--import', 'tsx'] };
        }
    }
    return undefined;
}
const EMPTY_TAIL = { text: '', totalBytes: 0, truncated: false };
/** Only what Node needs to start; the commands get their complete environment in each request. */
function helperEnv() {
    const env = {};
    for (const name of ['PATH', 'HOME', 'TMPDIR', 'SYSTEMROOT']) {
        const value = process.env[name];
        if (value !== undefined)
            env[name] = value;
    }
    return env;
}
class ProcessServerRunner {
    #location;
    #fallback;
    #onFallback;
    #readyTimeoutMs;
    #waitForHelper;
    #startDelayMs;
    /** Runs commands while the helper starts; tells which process groups it started and ended. */
    #meanwhile;
    /** Process groups #meanwhile started that are still running. */
    #ownGroups = new Set();
    /** Commands #meanwhile is running (`close()` waits for them). */
    #ownRunning = new Set();
    #startTimer;
    #connection;
    #fallbackReason;
    #losses = 0;
    #nextId = 1;
    constructor(options) {
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
                    if (connection?.ready)
                        send(connection, { t: 'watch', pid });
                },
                ended: (pid) => {
                    this.#ownGroups.delete(pid);
                    const connection = this.#connection;
                    if (connection?.ready)
                        send(connection, { t: 'unwatch', pid });
                }
            }
        });
    }
    /** Why commands run in-process, or undefined while the helper is in use. */
    get fallbackReason() {
        return this.#fallbackReason;
    }
    /** The helper's pid once it is running (for tests and diagnostics). */
    get helperPid() {
        return this.#connection?.child.pid;
    }
    /**
     * Starts the helper unless it runs (or cannot be used); resolves once it is ready or commands
     * run in-process for good.
     */
    async whenReady() {
        if (this.#fallbackReason !== undefined)
            return;
        const connection = this.#connection ?? this.#connect();
        await connection.started;
        if (!connection.ready)
            await this.whenReady();
    }
    run(spec, signal) {
        if (this.#fallbackReason !== undefined)
            return this.#fallback.run(spec, signal);
        if (this.#waitForHelper || this.#connection?.ready === true) {
            return this.#runInHelper(this.#connection ?? this.#connect(), spec, signal);
        }
        // The helper is not ready (or not started): run the command here meanwhile.
        if (this.#connection === undefined) {
            if (this.#ownRunning.size > 0 || this.#startTimer !== undefined)
                this.#connect();
            else {
                this.#startTimer = setTimeout(() => {
                    this.#startTimer = undefined;
                    if (this.#connection === undefined && this.#fallbackReason === undefined)
                        this.#connect();
                }, this.#startDelayMs);
                this.#startTimer.unref();
            }
        }
        const running = this.#meanwhile.run(spec, signal);
        this.#ownRunning.add(running);
        void running.finally(() => this.#ownRunning.delete(running));
        return running;
    }
    #runInHelper(connection, spec, signal) {
        const id = this.#nextId++;
        return new Promise((resolve) => {
            const onAbort = () => send(connection, { t: 'abort', id });
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
    #envFor(connection, env) {
        const base = connection.baseEnv;
        const delta = base === undefined ? undefined : envDelta(base, connection.baseEnvSize, env);
        if (delta !== undefined)
            return delta;
        const copy = Object.assign(Object.create(null), env);
        connection.baseEnv = copy;
        connection.baseEnvSize = Object.keys(copy).length;
        send(connection, { t: 'env', env: copy });
        return { set: Object.create(null), unset: [] };
    }
    /**
     * Ends the helper once the running commands (its own and those started here meanwhile) have
     * finished; a later `run` starts a new one. A helper still starting is killed: it has nothing to do.
     */
    async close() {
        clearTimeout(this.#startTimer);
        this.#startTimer = undefined;
        while (this.#ownRunning.size > 0)
            await Promise.allSettled([...this.#ownRunning]);
        const connection = this.#connection;
        if (connection === undefined)
            return;
        this.#connection = undefined;
        connection.closing = true;
        if (connection.gone)
            return;
        const closed = new Promise((resolve) => (connection.onGone = resolve));
        connection.child.ref(); // keep this process alive until the helper has gone
        if (connection.pending.size === 0) {
            if (connection.ready)
                connection.child.disconnect();
            else
                connection.child.kill('SIGKILL');
        }
        await closed;
    }
    #connect() {
        const { entry, execArgv } = this.#location;
        const child = (0,external_node_child_process_namespaceObject.spawn)(process.execPath, [...execArgv, entry], {
            cwd: (0,external_node_path_namespaceObject.dirname)(entry),
            env: helperEnv(),
            stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
            serialization: 'json'
        });
        // The helper writes to stderr only when it fails; the last of it goes into the reason.
        let stderrTail = '';
        child.stderr?.on('data', (chunk) => {
            stderrTail = (stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS);
        });
        child.stderr?.unref?.();
        let settleStarted = () => undefined;
        const started = new Promise((resolve) => (settleStarted = resolve));
        const connection = {
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
        child.on('message', (message) => {
            if (!isServerReply(message))
                return;
            this.#receive(connection, message);
        });
        child.on('error', (error) => this.#lost(connection, `could not start it: ${errorMessage(error)}`));
        let startTimedOut = false;
        const readyTimer = setTimeout(() => {
            startTimedOut = true;
            child.kill('SIGKILL');
        }, this.#readyTimeoutMs);
        readyTimer.unref();
        connection.readyTimer = readyTimer;
        // Lost once it has exited and no reply can still arrive (the channel is closed too).
        let exit;
        let disconnected = false;
        const ended = () => {
            if (exit !== undefined && disconnected)
                this.#lost(connection, exit);
        };
        child.once('exit', (code, signal) => {
            clearTimeout(readyTimer);
            exit = startTimedOut
                ? `it did not start within ${this.#readyTimeoutMs} ms`
                : signal === null
                    ? `it exited with code ${String(code)}`
                    : `it was killed by ${signal}`;
            const said = firstErrorLine(stderrTail);
            if (said !== undefined)
                exit += `: ${said}`;
            ended();
        });
        child.once('disconnect', () => {
            disconnected = true;
            ended();
        });
        return connection;
    }
    #receive(connection, message) {
        if (message.t === 'ready') {
            connection.ready = true;
            clearTimeout(connection.readyTimer);
            connection.settleStarted();
            // Commands started here meanwhile: the helper kills them too if this process dies.
            for (const pid of this.#ownGroups)
                send(connection, { t: 'watch', pid });
            return;
        }
        const pending = connection.pending.get(message.id);
        if (pending === undefined)
            return;
        connection.pending.delete(message.id);
        if (connection.pending.size === 0) {
            connection.child.channel?.unref();
            if (connection.closing)
                connection.child.disconnect();
        }
        pending.settle('result' in message
            ? message.result
            : lostResult(pending, `the process helper failed: ${message.error}`));
    }
    #lost(connection, why) {
        if (connection.gone)
            return;
        connection.gone = true;
        connection.settleStarted();
        connection.onGone?.();
        if (this.#connection === connection)
            this.#connection = undefined;
        const pending = [...connection.pending.values()];
        connection.pending.clear();
        if (connection.closing && pending.length === 0)
            return;
        const losses = connection.ready ? ++this.#losses : this.#losses;
        if ((!connection.ready || losses >= MAX_LOSSES) && this.#fallbackReason === undefined) {
            this.#fallbackReason = `tracker's process helper (${this.#location.entry}) is unusable: ${why}`;
            this.#onFallback?.(this.#fallbackReason);
        }
        for (const p of pending) {
            if (!connection.ready) {
                // The helper reads requests only after it has said it is ready: none of these started.
                void this.#fallback.run(p.spec, p.signal).then(p.settle);
            }
            else {
                p.settle(lostResult(p, `tracker's process helper stopped (${why}) while the command ran; its result is unknown`));
            }
        }
    }
}
function send(connection, request) {
    if (connection.gone || !connection.child.connected)
        return; // `close` settles what is pending
    connection.child.send(request, (error) => {
        if (error)
            connection.child.kill('SIGKILL'); // a channel that cannot carry requests is useless
    });
}
function lostResult(pending, why) {
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
function createProcessRunner(options = {}) {
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

;// CONCATENATED MODULE: ./src/adapters/run-id.ts

/** 12 hex characters (6 random bytes), like Tracker's run IDs. */
function newRunId() {
    return (0,external_node_crypto_namespaceObject.randomBytes)(6).toString('hex');
}

;// CONCATENATED MODULE: external "node:timers/promises"
const external_node_timers_promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");
;// CONCATENATED MODULE: ./src/graph/shapes.ts
/**
 * Shape → handler type (attractor-spec §2.8) and the handler type strings the registry uses.
 */
const HandlerTypes = {
    Start: 'start',
    Exit: 'exit',
    Codergen: 'codergen',
    WaitHuman: 'wait.human',
    Conditional: 'conditional',
    Parallel: 'parallel',
    FanIn: 'parallel.fan_in',
    Tool: 'tool',
    ManagerLoop: 'stack.manager_loop'
};
const SHAPE_TO_TYPE = Object.freeze({
    Mdiamond: HandlerTypes.Start,
    Msquare: HandlerTypes.Exit,
    box: HandlerTypes.Codergen,
    hexagon: HandlerTypes.WaitHuman,
    diamond: HandlerTypes.Conditional,
    component: HandlerTypes.Parallel,
    tripleoctagon: HandlerTypes.FanIn,
    parallelogram: HandlerTypes.Tool,
    house: HandlerTypes.ManagerLoop
});
const BUILTIN_HANDLER_TYPES = new Set(Object.values(HandlerTypes));
const DEFAULT_SHAPE = 'box';
function shapeToHandlerType(shape) {
    return Object.hasOwn(SHAPE_TO_TYPE, shape) ? SHAPE_TO_TYPE[shape] : undefined;
}

;// CONCATENATED MODULE: ./src/graph/values.ts

const INTEGER = /^[-+]?\d+$/;
const FLOAT = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/y;
const UNIT_MS = {
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
    d: 86_400_000
};
/**
 * The longest duration tracker accepts: 2^31-1 ms (≈ 24.8 days), the longest delay one Node timer can
 * take. `attribute_type` rejects longer durations; the system clock chains timers up to any length.
 */
const MAX_DURATION_MS = 2_147_483_647;
/** `24d 20h 31m 23s` for a duration in ms (whole seconds; for messages). */
function formatDurationMs(ms) {
    let s = Math.floor(ms / 1000);
    const parts = [];
    for (const [unit, size] of [
        ['d', 86_400],
        ['h', 3600],
        ['m', 60],
        ['s', 1]
    ]) {
        const n = Math.floor(s / size);
        s -= n * size;
        if (n > 0)
            parts.push(`${n}${unit}`);
    }
    return parts.length === 0 ? `${ms}ms` : parts.join('');
}
function parseInteger(text) {
    const t = text.trim();
    if (!INTEGER.test(t))
        return undefined;
    const n = Number(t);
    return Number.isSafeInteger(n) ? n : undefined;
}
function parseFloatValue(text) {
    const t = text.trim();
    if (!FLOAT.test(t))
        return undefined;
    const n = Number(t);
    return Number.isFinite(n) ? n : undefined;
}
function parseBoolean(text) {
    const t = text.trim().toLowerCase();
    if (t === 'true')
        return true;
    if (t === 'false')
        return false;
    return undefined;
}
/**
 * A duration in milliseconds: `250ms`, `900s`, `15m`, `2h`, `1d`, and compounds such as `1h30m`.
 * A bare number is not a duration (see `parseDurationLenient`).
 */
function parseDuration(text) {
    const t = text.trim();
    if (t === '')
        return undefined;
    let total = 0;
    DURATION_PART.lastIndex = 0;
    let pos = 0;
    while (pos < t.length) {
        DURATION_PART.lastIndex = pos;
        const m = DURATION_PART.exec(t);
        if (!m || m.index !== pos)
            return undefined;
        const amount = Number(m[1]);
        const unit = UNIT_MS[m[2] ?? ''];
        if (unit === undefined)
            return undefined;
        total += amount * unit;
        pos = DURATION_PART.lastIndex;
    }
    return Math.round(total);
}
/** Like `parseDuration`, but a bare number counts as seconds. `unitless` tells the caller to warn. */
function parseDurationLenient(text) {
    const strict = parseDuration(text);
    if (strict !== undefined)
        return { ms: strict, unitless: false };
    const seconds = parseFloatValue(text);
    if (seconds === undefined || seconds < 0)
        return undefined;
    return { ms: Math.round(seconds * 1000), unitless: true };
}
function getString(attrs, key) {
    return attrs.get(key)?.value;
}
function getInteger(attrs, key) {
    const v = attrs.get(key);
    return v === undefined ? undefined : parseInteger(v.value);
}
function getBoolean(attrs, key) {
    const v = attrs.get(key);
    return v === undefined ? undefined : parseBoolean(v.value);
}
function getDurationMs(attrs, key) {
    const v = attrs.get(key);
    return v === undefined ? undefined : parseDurationLenient(v.value)?.ms;
}
function nodeShape(node) {
    return node.attrs.get('shape')?.value ?? DEFAULT_SHAPE;
}
/** Handler type: explicit `type`, else the shape's type, else `codergen` (spec §4.2). */
function nodeHandlerType(node) {
    const explicit = node.attrs.get('type')?.value.trim();
    if (explicit)
        return explicit;
    return shapeToHandlerType(nodeShape(node)) ?? HandlerTypes.Codergen;
}
function nodeLabel(node) {
    const label = node.attrs.get('label')?.value;
    return label === undefined || label === '' ? node.id : label;
}

;// CONCATENATED MODULE: ./src/adapters/system-clock.ts


/**
 * The longest delay one Node timer can take (2^31-1 ms ≈ 24.8 days). A longer one overflows and fires
 * after 1 ms, so longer sleeps are chained from timers of at most this length.
 */
const system_clock_MAX_TIMER_MS = MAX_DURATION_MS;
const nodeTimer = async (ms, signal) => {
    await (0,external_node_timers_promises_namespaceObject.setTimeout)(ms, undefined, signal ? { signal } : undefined);
};
/**
 * Sleeps `ms` as a chain of `wait` calls of at most `maxChunk` each, so delays beyond the timer limit
 * are honoured. Rejects with the signal's reason as soon as it aborts (before, during or between chunks).
 */
async function sleepInChunks(ms, signal, wait, maxChunk = system_clock_MAX_TIMER_MS) {
    if (signal?.aborted)
        throw signal.reason;
    let left = ms;
    while (left > 0) {
        const chunk = Math.min(left, maxChunk);
        try {
            await wait(chunk, signal);
        }
        catch (error) {
            throw signal?.aborted ? signal.reason : error;
        }
        left -= chunk;
        if (signal?.aborted)
            throw signal.reason;
    }
}
/**
 * `yieldToEventLoop` for the real event loop: lets it run (timers, I/O, signals) once before resolving —
 * unless it has run since the last call (a stage that waited for a process or a file let it go round
 * already), which resolves at once: a turn of the loop per node cost a tool chain 0.03–0.05 ms per node
 * on its critical path. "Has run" is a marker `setImmediate` queued at each call.
 */
function eventLoopYielder() {
    let turned = true;
    let armed = false;
    const arm = () => {
        if (armed)
            return;
        armed = true;
        setImmediate(() => {
            armed = false;
            turned = true;
        });
    };
    return () => {
        if (turned) {
            turned = false;
            arm();
            return Promise.resolve();
        }
        return new Promise((resolve) => setImmediate(() => {
            turned = false;
            arm();
            resolve();
        }));
    };
}
/** A real clock whose timers come from `wait` (tests observe the chunks without sleeping). */
function createSystemClock(wait = nodeTimer) {
    return {
        now: () => Date.now(),
        sleep: (ms, signal) => sleepInChunks(ms, signal, wait),
        yieldToEventLoop: eventLoopYielder()
    };
}
/** The real clock. */
const systemClock = createSystemClock();

;// CONCATENATED MODULE: ./src/graph/graph.ts
const NO_EDGES = [];
function outgoingEdges(graph, nodeId) {
    return graph.outgoing.get(nodeId) ?? NO_EDGES;
}
function incomingEdges(graph, nodeId) {
    return graph.incoming.get(nodeId) ?? NO_EDGES;
}
/** Assembles a Graph (with adjacency indexes) from nodes and edges. Used by the builder, transforms and tests. */
function makeGraph(parts) {
    const outgoing = new Map();
    const incoming = new Map();
    for (const edge of parts.edges) {
        let out = outgoing.get(edge.from);
        if (!out)
            outgoing.set(edge.from, (out = []));
        out.push(edge);
        let inc = incoming.get(edge.to);
        if (!inc)
            incoming.set(edge.to, (inc = []));
        inc.push(edge);
    }
    return {
        name: parts.name,
        file: parts.file,
        attrs: parts.attrs,
        nodes: parts.nodes,
        edges: parts.edges,
        outgoing,
        incoming,
        subgraphs: parts.subgraphs ?? [],
        loc: parts.loc ?? { file: parts.file, line: 1, column: 1 }
    };
}
/** Returns a copy of the node with some attributes replaced (used by transforms such as the stylesheet). */
function withNodeAttrs(node, attrs) {
    return { ...node, attrs };
}

;// CONCATENATED MODULE: ./src/graph/terminals.ts

const START_FALLBACK_IDS = ['start', 'Start'];
const EXIT_FALLBACK_IDS = ['exit', 'Exit', 'end', 'End'];
function isStart(node) {
    return (node.attrs.get('shape')?.value === 'Mdiamond' ||
        node.attrs.get('type')?.value.trim() === HandlerTypes.Start);
}
function isExit(node) {
    return (node.attrs.get('shape')?.value === 'Msquare' ||
        node.attrs.get('type')?.value.trim() === HandlerTypes.Exit);
}
function find(nodes, predicate, fallbackIds) {
    const found = [];
    for (const node of nodes.values())
        if (predicate(node))
            found.push(node);
    if (found.length > 0)
        return { found, byFallback: false };
    for (const id of fallbackIds) {
        const node = nodes.get(id);
        if (node)
            return { found: [node], byFallback: true };
    }
    return { found, byFallback: false };
}
/**
 * Start nodes: every node with shape `Mdiamond` or type `start`, in declaration order. When there is none,
 * a node with ID `start` (or `Start`). A valid pipeline has exactly one.
 */
function findStartNodes(graph) {
    return find(graph.nodes, isStart, START_FALLBACK_IDS).found;
}
/**
 * Exit nodes: every node with shape `Msquare` or type `exit`, in declaration order. When there is none, a
 * node with ID `exit` or `end` (or `Exit`, `End`). A valid pipeline has exactly one.
 */
function findExitNodes(graph) {
    return find(graph.nodes, isExit, EXIT_FALLBACK_IDS).found;
}
/** Both terminals of a node map, and whether each was found only by its ID (the fallback). */
function findTerminalNodes(nodes) {
    const start = find(nodes, isStart, START_FALLBACK_IDS);
    const exit = find(nodes, isExit, EXIT_FALLBACK_IDS);
    return {
        starts: start.found,
        exits: exit.found,
        startByFallback: start.byFallback,
        exitByFallback: exit.byFallback
    };
}

;// CONCATENATED MODULE: ./src/handlers/handler.ts
const TIMEOUT = 'TimeoutError';
/**
 * The abort reason for a branch that ran out of time: the engine reports the interrupted branch as failed
 * (a timeout is a failure), where any other abort of the branch's signal is a cancellation.
 */
function branchTimeoutReason(message) {
    const error = new Error(message);
    error.name = TIMEOUT;
    return error;
}
function isBranchTimeout(reason) {
    return reason instanceof Error && reason.name === TIMEOUT;
}

;// CONCATENATED MODULE: ./src/engine/context.ts
/**
 * The run context (spec §5.1): a key-value store owned by the engine. Handlers read it through a
 * ContextView and change it only by returning `contextUpdates`, which keeps parallel branches isolated
 * and every change visible in the checkpoint.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Renders a context value as the condition language and prompts see it. */
function contextValueToString(value) {
    if (value === undefined || value === null)
        return '';
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
        return String(value);
    try {
        return JSON.stringify(value) ?? '';
    }
    catch {
        return Object.prototype.toString.call(value);
    }
}
function cloneValue(value) {
    if (value === null || typeof value !== 'object')
        return value;
    return structuredClone(value);
}
function isReadonlyMap(value) {
    return value instanceof Map;
}
class RunContext {
    #values = new Map();
    constructor(initial) {
        if (!initial)
            return;
        if (isReadonlyMap(initial)) {
            for (const [key, value] of initial)
                this.set(key, value);
        }
        else {
            this.apply(initial);
        }
    }
    get(key) {
        return this.#values.get(key);
    }
    getString(key, fallback = '') {
        const value = this.#values.get(key);
        return value === undefined ? fallback : contextValueToString(value);
    }
    has(key) {
        return this.#values.has(key);
    }
    keys() {
        return this.#values.keys();
    }
    set(key, value) {
        if (FORBIDDEN_KEYS.has(key))
            return;
        if (value === undefined)
            this.#values.delete(key);
        else
            this.#values.set(key, value);
    }
    delete(key) {
        this.#values.delete(key);
    }
    apply(updates) {
        for (const key of Object.keys(updates))
            this.set(key, updates[key]);
    }
    /** The values as one JSON object (what `JSON.stringify(this.snapshot())` gives, without the copy). */
    toJson() {
        const parts = [];
        for (const [key, value] of this.#values) {
            const text = JSON.stringify(value);
            if (text !== undefined)
                parts.push(`${JSON.stringify(key)}:${text}`);
        }
        return `{${parts.join(',')}}`;
    }
    snapshot() {
        const out = Object.create(null);
        for (const [key, value] of this.#values)
            out[key] = cloneValue(value);
        return out;
    }
    clone() {
        return new RunContext(this.snapshot());
    }
}

;// CONCATENATED MODULE: ./src/engine/outcome.ts
/** The result of running a node (spec §5.2). Expected failures are Outcomes, not exceptions. */
const StageStatuses = ['success', 'partial_success', 'retry', 'fail', 'skipped'];
function isStageStatus(value) {
    return typeof value === 'string' && StageStatuses.includes(value);
}
function isSuccessful(status) {
    return status === 'success' || status === 'partial_success';
}
function success(notes, contextUpdates) {
    return {
        status: 'success',
        ...(notes === undefined ? {} : { notes }),
        ...(contextUpdates === undefined ? {} : { contextUpdates })
    };
}
function failure(failureReason, extra = {}) {
    return { ...extra, status: 'fail', failureReason };
}
/**
 * Reads the status-file contract (spec Appendix C) from parsed JSON. Accepts `outcome` or `status`, and
 * `preferred_label`/`preferred_next_label`. Returns an error message when the document is not a status.
 */
function outcomeFromStatusJson(data) {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        return 'status.json must contain a JSON object like {"outcome": "success"}';
    }
    const record = data;
    const raw = record['outcome'] ?? record['status'];
    const status = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
    if (!isStageStatus(status)) {
        return `status.json has outcome ${JSON.stringify(raw)}; expected one of ${StageStatuses.join(', ')}`;
    }
    const preferred = record['preferred_label'] ?? record['preferred_next_label'];
    const suggested = record['suggested_next_ids'];
    const updates = record['context_updates'];
    const notes = record['notes'];
    const reason = record['failure_reason'];
    return {
        status,
        ...(typeof preferred === 'string' && preferred !== '' ? { preferredLabel: preferred } : {}),
        ...(Array.isArray(suggested)
            ? { suggestedNextIds: suggested.filter((s) => typeof s === 'string') }
            : {}),
        ...(typeof updates === 'object' && updates !== null && !Array.isArray(updates)
            ? { contextUpdates: updates }
            : {}),
        ...(typeof notes === 'string' ? { notes } : {}),
        ...(typeof reason === 'string' ? { failureReason: reason } : {})
    };
}
/** The status-file form of an outcome (what the engine writes to `<node>/status.json`). */
function outcomeToStatusJson(outcome) {
    return {
        outcome: outcome.status,
        ...(outcome.preferredLabel ? { preferred_label: outcome.preferredLabel } : {}),
        ...(outcome.suggestedNextIds?.length ? { suggested_next_ids: outcome.suggestedNextIds } : {}),
        ...(outcome.contextUpdates && Object.keys(outcome.contextUpdates).length
            ? { context_updates: outcome.contextUpdates }
            : {}),
        ...(outcome.notes ? { notes: outcome.notes } : {}),
        ...(outcome.failureReason ? { failure_reason: outcome.failureReason } : {})
    };
}

;// CONCATENATED MODULE: ./src/engine/retry-policy.ts

const DEFAULT_BACKOFF = {
    initialDelayMs: 200,
    factor: 2,
    maxDelayMs: 60_000,
    jitter: true
};
const RETRY_PRESETS = {
    none: { maxAttempts: 1, backoff: DEFAULT_BACKOFF },
    standard: { maxAttempts: 5, backoff: { ...DEFAULT_BACKOFF, initialDelayMs: 200, factor: 2 } },
    aggressive: { maxAttempts: 5, backoff: { ...DEFAULT_BACKOFF, initialDelayMs: 500, factor: 2 } },
    linear: { maxAttempts: 3, backoff: { ...DEFAULT_BACKOFF, initialDelayMs: 500, factor: 1 } },
    patient: { maxAttempts: 3, backoff: { ...DEFAULT_BACKOFF, initialDelayMs: 2000, factor: 3 } }
};
/**
 * Node `max_retries` → graph `default_max_retries` (alias `default_max_retry`) → the preset named by
 * `retry_policy` (node, then graph `default_retry_policy`) → 0 retries. Backoff comes from the preset
 * (default: initial 200 ms, ×2, cap 60 s, jitter); `base_delay` (node) or `default_base_delay` (graph)
 * replaces the initial delay.
 */
function buildRetryPolicy(node, graph) {
    const presetName = getString(node.attrs, 'retry_policy') ?? getString(graph.attrs, 'default_retry_policy');
    const preset = presetName === undefined ? undefined : RETRY_PRESETS[presetName];
    const retries = getInteger(node.attrs, 'max_retries') ??
        getInteger(graph.attrs, 'default_max_retries') ??
        (preset ? preset.maxAttempts - 1 : 0);
    const base = preset?.backoff ?? DEFAULT_BACKOFF;
    const backoff = {
        ...base,
        initialDelayMs: getDurationMs(node.attrs, 'base_delay') ??
            getDurationMs(graph.attrs, 'default_base_delay') ??
            base.initialDelayMs
    };
    return { maxAttempts: Math.max(1, retries + 1), backoff };
}
/** Delay before retry number `attempt` (1-based: the first retry is attempt 1). */
function delayForAttempt(attempt, backoff, random) {
    let delay = backoff.initialDelayMs * Math.pow(backoff.factor, Math.max(0, attempt - 1));
    delay = Math.min(delay, backoff.maxDelayMs);
    if (backoff.jitter)
        delay = delay * (0.5 + random());
    return Math.max(0, Math.round(delay));
}

;// CONCATENATED MODULE: ./src/engine/checkpoint.ts
/**
 * The checkpoint: a versioned, snake_case JSON document written after every node transition and before
 * every retry. Its size is bounded by the graph and the context, never by the run's history (loops append
 * to activity.jsonl, not here), so the cost of a write does not grow as a run goes on.
 */


const CHECKPOINT_VERSION = 2;
/** Older versions this tracker still reads (migrated on load by `parseCheckpoint`). */
const READABLE_CHECKPOINT_VERSIONS = [1, CHECKPOINT_VERSION];
function invalid(message) {
    return new TrackerError('CHECKPOINT_INVALID', `Checkpoint is not valid: ${message}. It may be from another tool or damaged; start a new run or restore a good copy.`);
}
function checkpoint_isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isStringArray(value) {
    return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
function stringArray(value, field) {
    if (!isStringArray(value))
        throw invalid(`'${field}' must be a list of node ids`);
    return value;
}
function numberRecord(value, field) {
    if (value === undefined)
        return {};
    if (!checkpoint_isRecord(value))
        throw invalid(`'${field}' must be an object`);
    const out = {};
    for (const [k, v] of Object.entries(value)) {
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
            throw invalid(`'${field}.${k}' must be a whole number`);
        out[k] = v;
    }
    return out;
}
function nodeOutcomes(value) {
    if (value === undefined)
        return {};
    if (!checkpoint_isRecord(value))
        throw invalid(`'node_outcomes' must be an object`);
    const out = {};
    for (const [k, v] of Object.entries(value)) {
        if (!checkpoint_isRecord(v) || !isStageStatus(v['status']))
            throw invalid(`'node_outcomes.${k}.status' must be a stage status`);
        out[k] = v;
    }
    return out;
}
function keysChanged(base, after) {
    const updates = {};
    for (const key of Object.keys(after))
        if (JSON.stringify(base[key]) !== JSON.stringify(after[key]))
            updates[key] = after[key];
    const removed = Object.keys(base).filter((key) => !(key in after));
    return { updates, removed };
}
function pendingBranch(value, field) {
    if (!checkpoint_isRecord(value) || typeof value['done'] !== 'boolean')
        throw invalid(`'${field}' must be a branch state with 'done'`);
    if (value['status'] !== undefined && !isStageStatus(value['status']))
        throw invalid(`'${field}.status' must be a stage status`);
    const updates = value['context_updates'] ?? {};
    if (!checkpoint_isRecord(updates))
        throw invalid(`'${field}.context_updates' must be an object`);
    return {
        ...value,
        completed_nodes: stringArray(value['completed_nodes'] ?? [], `${field}.completed_nodes`),
        context_updates: updates
    };
}
function pendingParallel(value) {
    if (value === undefined)
        return undefined;
    if (!checkpoint_isRecord(value))
        throw invalid(`'parallel' must be an object`);
    const out = {};
    for (const [key, block] of Object.entries(value)) {
        if (!checkpoint_isRecord(block) || typeof block['node'] !== 'string' || !checkpoint_isRecord(block['branches']))
            throw invalid(`'parallel.${key}' must be {node, branches}`);
        const branches = {};
        for (const [start, b] of Object.entries(block['branches']))
            branches[start] = pendingBranch(b, `parallel.${key}.branches.${start}`);
        out[key] = { node: block['node'], branches };
    }
    return out;
}
/**
 * Version 1 saved one parallel block (`{node, branches}`, top level only) with each branch's whole context.
 * Its branches started from the main context, so the diff against it gives the version-2 form.
 */
function migrateParallelV1(value, context) {
    if (value === undefined)
        return undefined;
    if (!checkpoint_isRecord(value) || typeof value['node'] !== 'string' || !checkpoint_isRecord(value['branches']))
        throw invalid(`'parallel' must be {node, branches}`);
    const branches = {};
    for (const [start, b] of Object.entries(value['branches'])) {
        if (!checkpoint_isRecord(b))
            throw invalid(`'parallel.branches.${start}' must be an object`);
        const { context: branchContext, ...rest } = b;
        const { updates, removed } = keysChanged(context, checkpoint_isRecord(branchContext) ? branchContext : {});
        branches[start] = pendingBranch({
            ...rest,
            context_updates: updates,
            ...(removed.length ? { context_removed: removed } : {})
        }, `parallel.branches.${start}`);
    }
    return { [value['node']]: { node: value['node'], branches } };
}
/**
 * Parses and checks a checkpoint document; version-1 documents are migrated to the current version.
 * Throws TrackerError('CHECKPOINT_INVALID') with the reason.
 */
function parseCheckpoint(text) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (error) {
        throw new TrackerError('CHECKPOINT_INVALID', `Checkpoint is not valid JSON (${String(error)}). Start a new run or restore a good copy.`, {
            cause: error
        });
    }
    if (!checkpoint_isRecord(data))
        throw invalid('expected a JSON object');
    const version = data['version'];
    if (typeof version !== 'number' || !READABLE_CHECKPOINT_VERSIONS.includes(version)) {
        throw invalid(`unsupported version ${JSON.stringify(version)} (this tracker reads versions ${READABLE_CHECKPOINT_VERSIONS.join(' and ')})`);
    }
    const runId = data['run_id'];
    if (typeof runId !== 'string' || runId === '')
        throw invalid(`'run_id' is missing`);
    const pipeline = data['pipeline'];
    if (!checkpoint_isRecord(pipeline) || typeof pipeline['sha256'] !== 'string')
        throw invalid(`'pipeline.sha256' is missing`);
    const status = data['status'];
    if (status !== 'running' && status !== 'success' && status !== 'fail' && status !== 'stopped')
        throw invalid(`'status' is ${JSON.stringify(status)}`);
    const context = data['context'] ?? {};
    if (!checkpoint_isRecord(context))
        throw invalid(`'context' must be an object`);
    const next = data['next_node'];
    if (next !== undefined && typeof next !== 'string')
        throw invalid(`'next_node' must be a node id`);
    const attempt = data['current_attempt'];
    if (attempt !== undefined &&
        (!checkpoint_isRecord(attempt) ||
            typeof attempt['node'] !== 'string' ||
            typeof attempt['attempt'] !== 'number')) {
        throw invalid(`'current_attempt' must be {node, attempt}`);
    }
    const running = data['running_attempts'];
    const parallel = version === 1
        ? migrateParallelV1(data['parallel'], context)
        : pendingParallel(data['parallel']);
    const rest = { ...data };
    delete rest['parallel'];
    delete rest['running_attempts'];
    return {
        ...rest,
        version: CHECKPOINT_VERSION,
        ...(parallel ? { parallel } : {}),
        ...(running === undefined
            ? {}
            : { running_attempts: numberRecord(running, 'running_attempts') }),
        completed_nodes: stringArray(data['completed_nodes'] ?? [], 'completed_nodes'),
        node_outcomes: nodeOutcomes(data['node_outcomes']),
        node_retries: numberRecord(data['node_retries'], 'node_retries'),
        visits: numberRecord(data['visits'], 'visits'),
        restart_count: typeof data['restart_count'] === 'number' ? data['restart_count'] : 0,
        current_node: typeof data['current_node'] === 'string' ? data['current_node'] : '',
        context
    };
}
/** Compact JSON plus a newline (`jq .` pretty-prints it); RunState.serialize produces the same text. */
function serializeCheckpoint(checkpoint) {
    return JSON.stringify(checkpoint) + '\n';
}

;// CONCATENATED MODULE: ./src/engine/run-state.ts


/** Fragments joined into one flat chunk of `JoinedFragments` at a time. */
const CHUNK_FRAGMENTS = 64;
/**
 * JSON fragments by key, kept joined with `,`: a new key is appended, and only a change to an
 * existing key joins them all again, so a checkpoint write in a long chain does not re-serialize every
 * node run.
 *
 * The joined text is a few flat strings (chunks of CHUNK_FRAGMENTS fragments, each made by one
 * `join`), not one concatenation per fragment: the engine writes it out after every node, and
 * encoding a string built by thousands of `+` (a rope, one V8 cons-string per append) walks every
 * piece again each time — at node 1000 of a chain that walk cost 0.26 ms per checkpoint, more than
 * the file write. Flat chunks encode at memory-copy speed.
 */
class JoinedFragments {
    #fragments = new Map();
    /** The full chunks, joined (a concatenation of one flat string per chunk); undefined: stale. */
    #closed = '';
    /** Fragments appended since the last full chunk. */
    #open = [];
    #openJoined = '';
    set(key, fragment) {
        const old = this.#fragments.get(key);
        if (old === fragment)
            return;
        this.#fragments.set(key, fragment);
        if (old !== undefined) {
            this.#closed = undefined;
            return;
        }
        if (this.#closed === undefined)
            return;
        this.#open.push(fragment);
        this.#openJoined = undefined;
        if (this.#open.length < CHUNK_FRAGMENTS)
            return;
        const chunk = this.#open.join(',');
        this.#closed = this.#closed === '' ? chunk : `${this.#closed},${chunk}`;
        this.#open = [];
        this.#openJoined = '';
    }
    clear() {
        this.#fragments.clear();
        this.#closed = '';
        this.#open = [];
        this.#openJoined = '';
    }
    get joined() {
        if (this.#closed === undefined) {
            this.#closed = [...this.#fragments.values()].join(',');
            this.#open = [];
            this.#openJoined = '';
        }
        this.#openJoined ??= this.#open.join(',');
        if (this.#openJoined === '')
            return this.#closed;
        return this.#closed === '' ? this.#openJoined : `${this.#closed},${this.#openJoined}`;
    }
}
class RunState {
    runId;
    pipeline;
    context;
    completed = [];
    #completedSet = new Set();
    outcomes = new Map();
    retries = new Map();
    visits = new Map();
    /**
     * JSON fragments (`"id":value`) of the entries above, refreshed only when an entry changes, so writing a
     * checkpoint serializes what changed since the last one plus the context — not every node ever run.
     */
    #fragments = {
        completed: new JoinedFragments(),
        outcomes: new JoinedFragments(),
        retries: new JoinedFragments(),
        visits: new JoinedFragments()
    };
    /**
     * Parallel blocks in flight, by scope key (`fork`, or `fork/b1>inner` for a block inside a branch):
     * the parallel node and its branches' state by branch start. Nested blocks are kept (and saved) too.
     */
    pendingParallel = new Map();
    #branchJson = new WeakMap();
    /** `schedule="dependencies"`: the attempt of each node running concurrently. */
    runningAttempts = new Map();
    currentNode = '';
    nextNode;
    currentAttempt;
    restartCount = 0;
    status = 'running';
    failureReason;
    constructor(runId, pipeline, context) {
        this.runId = runId;
        this.pipeline = pipeline;
        this.context = context ?? new RunContext();
    }
    static fromCheckpoint(checkpoint, pipeline) {
        const state = new RunState(checkpoint.run_id, pipeline, new RunContext(checkpoint.context));
        for (const id of checkpoint.completed_nodes)
            state.markCompleted(id);
        for (const [id, o] of Object.entries(checkpoint.node_outcomes))
            state.#setOutcome(id, o);
        for (const [id, n] of Object.entries(checkpoint.node_retries))
            state.#setCount(state.retries, state.#fragments.retries, id, n);
        for (const [id, n] of Object.entries(checkpoint.visits))
            state.#setCount(state.visits, state.#fragments.visits, id, n);
        state.currentNode = checkpoint.current_node;
        state.nextNode = checkpoint.next_node;
        state.currentAttempt = checkpoint.current_attempt;
        state.restartCount = checkpoint.restart_count;
        state.status = checkpoint.status;
        for (const [key, block] of Object.entries(checkpoint.parallel ?? {}))
            state.pendingParallel.set(key, {
                node: block.node,
                branches: new Map(Object.entries(block.branches))
            });
        for (const [node, attempt] of Object.entries(checkpoint.running_attempts ?? {}))
            state.runningAttempts.set(node, attempt);
        return state;
    }
    markCompleted(nodeId) {
        if (this.#completedSet.has(nodeId))
            return;
        this.#completedSet.add(nodeId);
        this.completed.push(nodeId);
        this.#fragments.completed.set(nodeId, JSON.stringify(nodeId));
    }
    #setOutcome(nodeId, outcome) {
        this.outcomes.set(nodeId, outcome);
        this.#fragments.outcomes.set(nodeId, `${JSON.stringify(nodeId)}:${JSON.stringify(outcome)}`);
    }
    #setCount(map, fragments, nodeId, n) {
        map.set(nodeId, n);
        fragments.set(nodeId, `${JSON.stringify(nodeId)}:${n}`);
    }
    isCompleted(nodeId) {
        return this.#completedSet.has(nodeId);
    }
    recordOutcome(nodeId, outcome, attempts) {
        this.#setOutcome(nodeId, {
            status: outcome.status,
            ...(outcome.notes ? { notes: outcome.notes } : {}),
            ...(outcome.failureReason ? { failure_reason: outcome.failureReason } : {}),
            ...(outcome.preferredLabel ? { preferred_label: outcome.preferredLabel } : {}),
            attempts
        });
        this.markCompleted(nodeId);
    }
    /** Counts a retry; the caller mirrors it into the context the node runs in (`internal.retry_count.<id>`). */
    addRetry(nodeId) {
        const n = (this.retries.get(nodeId) ?? 0) + 1;
        this.#setCount(this.retries, this.#fragments.retries, nodeId, n);
        return n;
    }
    addVisit(nodeId) {
        const n = (this.visits.get(nodeId) ?? 0) + 1;
        this.#setCount(this.visits, this.#fragments.visits, nodeId, n);
        return n;
    }
    /** Forgets everything but identity (loop_restart: a fresh run in a fresh directory). */
    resetForRestart(context) {
        this.completed.length = 0;
        this.#completedSet.clear();
        this.outcomes.clear();
        this.retries.clear();
        this.visits.clear();
        this.#fragments.completed.clear();
        this.#fragments.outcomes.clear();
        this.#fragments.retries.clear();
        this.#fragments.visits.clear();
        this.pendingParallel.clear();
        this.runningAttempts.clear();
        for (const key of [...this.context.keys()])
            this.context.delete(key);
        this.context.apply(context.snapshot());
        this.currentNode = '';
        this.currentAttempt = undefined;
    }
    /**
     * The checkpoint as JSON text — the same document as `JSON.stringify(this.toCheckpoint(timestamp))` —
     * assembled from cached fragments (see `#fragments`).
     */
    /** The checkpoint fields before `completed_nodes`, in document order. */
    #head() {
        const running = this.#runningRecord();
        return {
            version: CHECKPOINT_VERSION,
            run_id: this.runId,
            pipeline: this.pipeline,
            status: this.status,
            current_node: this.currentNode,
            ...(this.nextNode === undefined ? {} : { next_node: this.nextNode }),
            ...(this.currentAttempt === undefined ? {} : { current_attempt: this.currentAttempt }),
            ...(running ? { running_attempts: running } : {})
        };
    }
    serialize(timestamp) {
        const object = (fragments) => `{${fragments.joined}}`;
        const head = this.#head();
        const tail = {
            restart_count: this.restartCount,
            ...(this.failureReason === undefined ? {} : { failure_reason: this.failureReason }),
            timestamp
        };
        const headText = JSON.stringify(head);
        const tailText = JSON.stringify(tail);
        return (`${headText.slice(0, -1)},"completed_nodes":[${this.#fragments.completed.joined}]` +
            `,"node_outcomes":${object(this.#fragments.outcomes)}` +
            `,"node_retries":${object(this.#fragments.retries)}` +
            `,"visits":${object(this.#fragments.visits)}` +
            `,"context":${this.context.toJson()},${this.#parallelJson()}${tailText.slice(1)}\n`);
    }
    /**
     * `"parallel":{…},` (or nothing). Branch entries are immutable (the engine replaces an entry to change
     * it), so each one's JSON is cached by identity: a write while a block runs stringifies only the branches
     * that moved on, not every branch's saved context changes.
     */
    #parallelJson() {
        if (this.pendingParallel.size === 0)
            return '';
        const blocks = [];
        for (const [key, block] of this.pendingParallel) {
            const branches = [];
            for (const [start, entry] of block.branches) {
                let text = this.#branchJson.get(entry);
                if (text === undefined) {
                    text = JSON.stringify(entry);
                    this.#branchJson.set(entry, text);
                }
                branches.push(`${JSON.stringify(start)}:${text}`);
            }
            blocks.push(`${JSON.stringify(key)}:{"node":${JSON.stringify(block.node)},"branches":{${branches.join(',')}}}`);
        }
        return `"parallel":{${blocks.join(',')}},`;
    }
    /** Every parallel block in flight (nested ones included), or undefined when there is none. */
    #parallelRecord() {
        if (this.pendingParallel.size === 0)
            return undefined;
        const out = Object.create(null);
        for (const [key, block] of this.pendingParallel)
            out[key] = { node: block.node, branches: Object.fromEntries(block.branches) };
        return out;
    }
    #runningRecord() {
        return this.runningAttempts.size === 0 ? undefined : Object.fromEntries(this.runningAttempts);
    }
    toCheckpoint(timestamp) {
        const record = (m) => {
            const out = Object.create(null);
            for (const [k, v] of m)
                out[k] = v;
            return out;
        };
        const parallel = this.#parallelRecord();
        return {
            ...this.#head(),
            completed_nodes: [...this.completed],
            node_outcomes: record(this.outcomes),
            node_retries: record(this.retries),
            visits: record(this.visits),
            context: this.context.snapshot(),
            ...(parallel ? { parallel: structuredClone(parallel) } : {}),
            restart_count: this.restartCount,
            ...(this.failureReason === undefined ? {} : { failure_reason: this.failureReason }),
            timestamp
        };
    }
}

;// CONCATENATED MODULE: ./src/graph/edit-distance.ts
/**
 * Edit distance for "did you mean" suggestions: insertions, deletions, substitutions and swaps of two
 * adjacent characters each cost 1 (optimal string alignment), so `lable` is one edit from `label`.
 * Returns `max + 1` as soon as the distance is known to exceed `max` (row minima never decrease).
 */
function boundedEditDistance(a, b, max) {
    if (Math.abs(a.length - b.length) > max)
        return max + 1;
    if (a === b)
        return 0;
    let before = new Array(b.length + 1).fill(0); // row i-2
    let prev = new Array(b.length + 1); // row i-1
    let curr = new Array(b.length + 1); // row i
    for (let j = 0; j <= b.length; j++)
        prev[j] = j;
    for (let i = 1; i <= a.length; i++) {
        curr[0] = i;
        let rowMin = i;
        const ca = a.charCodeAt(i - 1);
        for (let j = 1; j <= b.length; j++) {
            const cb = b.charCodeAt(j - 1);
            let value = Math.min((prev[j] ?? 0) + 1, (curr[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (ca === cb ? 0 : 1));
            if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
                value = Math.min(value, (before[j - 2] ?? 0) + 1);
            }
            curr[j] = value;
            if (value < rowMin)
                rowMin = value;
        }
        if (rowMin > max)
            return max + 1;
        [before, prev, curr] = [prev, curr, before];
    }
    return Math.min(prev[b.length] ?? max + 1, max + 1);
}

;// CONCATENATED MODULE: ./src/validate/closest-match.ts
/**
 * "Did you mean …?" suggestions: the candidate within a small edit distance of a misspelled name.
 * Candidates are bucketed by length and the total work is capped, so a graph full of misspellings
 * stays linear instead of comparing every name with every other.
 */


/** Comparisons one Suggester may make before it stops suggesting (keeps rules linear on huge graphs). */
const DEFAULT_BUDGET = 200_000;
class Suggester {
    #byLength = new Map();
    #lowerCase = new Map();
    #maxDistance;
    #budget;
    constructor(candidates, maxDistance = 2, budget = DEFAULT_BUDGET) {
        this.#maxDistance = maxDistance;
        this.#budget = budget;
        for (const candidate of candidates) {
            let bucket = this.#byLength.get(candidate.length);
            if (!bucket)
                this.#byLength.set(candidate.length, (bucket = []));
            bucket.push(candidate);
            const lower = candidate.toLowerCase();
            if (!this.#lowerCase.has(lower))
                this.#lowerCase.set(lower, candidate);
        }
    }
    /** The closest candidate other than `word` itself, preferring a case-only difference, then the nearest length. */
    suggest(word) {
        const caseOnly = this.#lowerCase.get(word.toLowerCase());
        if (caseOnly !== undefined && caseOnly !== word)
            return caseOnly;
        let best;
        let bestDistance = this.#maxDistance + 1;
        for (let delta = 0; delta <= this.#maxDistance; delta++) {
            for (const length of delta === 0
                ? [word.length]
                : [word.length - delta, word.length + delta]) {
                for (const candidate of this.#byLength.get(length) ?? []) {
                    if (this.#budget <= 0)
                        return best;
                    this.#budget--;
                    if (candidate === word)
                        continue;
                    const distance = boundedEditDistance(word, candidate, Math.min(this.#maxDistance, bestDistance - 1));
                    if (distance < bestDistance) {
                        best = candidate;
                        bestDistance = distance;
                        if (distance === 1)
                            return best;
                    }
                }
            }
        }
        return best;
    }
}
/** One-off suggestion from a small candidate list. */
function closestMatch(word, candidates, maxDistance = 2) {
    return new Suggester(candidates, maxDistance).suggest(word);
}
/** `; did you mean 'x'?` or the empty string. */
function didYouMean(suggestion) {
    return suggestion === undefined ? '' : `; did you mean '${suggestion}'?`;
}

;// CONCATENATED MODULE: ./src/condition/parse-condition.ts

/** Longest condition accepted; real conditions are a few dozen characters. */
const MAX_CONDITION_LENGTH = 16_384;
/** The statuses `outcome` can take (spec §5.2). Compared case-insensitively. */
const OUTCOME_VALUES = [
    'success',
    'partial_success',
    'retry',
    'fail',
    'skipped'
];
const RESERVED_KEYS = ['outcome', 'preferred_label'];
const WORD_OPS = ['contains', 'startswith', 'endswith', 'in', 'matches'];
const SYMBOL_OPS = new Map([
    ['=', '='],
    ['==', '='],
    ['!=', '!='],
    ['<', '<'],
    ['<=', '<='],
    ['>', '>'],
    ['>=', '>=']
]);
const OPERATOR_CHARS = '=!<>~';
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const NON_ASCII_BARE = /[\p{L}\p{N}]/u;
/** Unwinds the parser to `parseCondition`, which turns it into an error value; never escapes. */
class ConditionSyntaxFailure extends Error {
    error;
    constructor(error) {
        super(error.message);
        this.error = error;
        this.name = 'ConditionSyntaxFailure';
    }
}
function isSpace(c) {
    return c === 32 || c === 9 || c === 10 || c === 13;
}
function isLetter(c) {
    return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isDigit(c) {
    return c >= 48 && c <= 57;
}
function isKeyStart(c) {
    return isLetter(c) || c === 95;
}
function isKeyChar(c) {
    return isLetter(c) || isDigit(c) || c === 95 || c === 46 || c === 45;
}
/** Characters allowed in an unquoted value: letters, digits and `_ . : - / @ + % ~`. */
function isBareChar(ch) {
    const c = ch.charCodeAt(0);
    if (isLetter(c) || isDigit(c))
        return true;
    if (c < 128)
        return '_.:-/@+%~'.includes(ch);
    return NON_ASCII_BARE.test(ch);
}
function quote(text) {
    return `'${text}'`;
}
/** `key=value` or `key contains value`: how a clause with this operator is written. */
function clause(key, op, value) {
    return /^[a-z ]+$/.test(op) ? `${key} ${op} ${value}` : `${key}${op}${value}`;
}
function column(offset) {
    return `column ${offset + 1}`;
}
/** Parses a condition. The empty (or all-whitespace) condition parses to an `and` with no items. */
function parseCondition(text) {
    if (text.length > MAX_CONDITION_LENGTH) {
        return {
            ok: false,
            errors: [
                {
                    message: `condition is ${text.length} characters long; the limit is ${MAX_CONDITION_LENGTH}`,
                    offset: MAX_CONDITION_LENGTH,
                    length: text.length - MAX_CONDITION_LENGTH,
                    hint: 'Split the decision over several edges or compute a flag in a tool node and test that.'
                }
            ]
        };
    }
    const parser = new ConditionParser(text);
    try {
        const expr = parser.parse();
        return { ok: true, expr, extensions: [...parser.extensions], warnings: parser.warnings };
    }
    catch (e) {
        if (e instanceof ConditionSyntaxFailure)
            return { ok: false, errors: [e.error] };
        throw e;
    }
}
class ConditionParser {
    extensions = new Set();
    warnings = [];
    #pos = 0;
    #text;
    constructor(text) {
        this.#text = text;
    }
    parse() {
        this.#skipSpace();
        if (this.#pos >= this.#text.length) {
            return { type: 'and', items: [], span: { start: 0, end: this.#text.length } };
        }
        const expr = this.#parseOr();
        if (this.#pos < this.#text.length) {
            // Every clause checks what follows it, so this is unreachable; keep a precise error anyway.
            this.#fail(`unexpected ${quote(this.#text.charAt(this.#pos))} at ${column(this.#pos)}`, this.#pos, 1);
        }
        return expr;
    }
    // ── structure ───────────────────────────────────────────────────────────────
    #parseOr() {
        const start = this.#pos;
        const items = [this.#parseAnd(undefined)];
        while (this.#at('||')) {
            const joiner = { text: '||', offset: this.#pos };
            this.#pos += 2;
            this.extensions.add('||');
            items.push(this.#parseAnd(joiner));
        }
        const [first] = items;
        if (items.length === 1 && first !== undefined)
            return first;
        return { type: 'or', items, span: { start, end: this.#lastEnd(items) } };
    }
    #parseAnd(previous) {
        this.#skipSpace();
        const start = this.#pos;
        const items = [this.#parseUnary(previous)];
        while (this.#at('&&')) {
            const joiner = { text: '&&', offset: this.#pos };
            this.#pos += 2;
            items.push(this.#parseUnary(joiner));
        }
        const [first] = items;
        if (items.length === 1 && first !== undefined)
            return first;
        return { type: 'and', items, span: { start, end: this.#lastEnd(items) } };
    }
    #lastEnd(items) {
        return items[items.length - 1]?.span.end ?? this.#pos;
    }
    #parseUnary(previous) {
        this.#skipSpace();
        const negations = [];
        for (;;) {
            const c = this.#code(this.#pos);
            if (c === 33 /* ! */ && this.#code(this.#pos + 1) !== 61 /* = */) {
                negations.push({ text: '!', offset: this.#pos });
                this.extensions.add('!');
                this.#pos += 1;
                this.#skipSpace();
                continue;
            }
            const word = this.#wordAt(this.#pos);
            if (word !== undefined && isSpace(this.#code(this.#pos + word.length))) {
                if (word === 'not') {
                    negations.push({ text: 'not', offset: this.#pos });
                    this.extensions.add('not');
                    this.#pos += 3;
                    this.#skipSpace();
                    continue;
                }
                if (word.toLowerCase() === 'not') {
                    this.#fail(`${quote(word)} at ${column(this.#pos)} must be written in lowercase: 'not'`, this.#pos, word.length);
                }
            }
            break;
        }
        const last = negations[negations.length - 1];
        let expr = this.#parseClause(last ?? previous, last !== undefined);
        for (let i = negations.length - 1; i >= 0; i--) {
            const negation = negations[i];
            if (negation === undefined)
                continue;
            expr = { type: 'not', item: expr, span: { start: negation.offset, end: expr.span.end } };
        }
        return expr;
    }
    #parseClause(previous, negated) {
        this.#skipSpace();
        const start = this.#pos;
        if (start >= this.#text.length) {
            const after = previous ?? { text: '', offset: start };
            this.#fail(`missing clause after ${quote(after.text)} at ${column(after.offset)}`, after.offset, after.text.length, negated
                ? `Put the clause to negate after ${quote(after.text)}, e.g. not outcome=fail.`
                : `Remove the trailing ${quote(after.text)} or add a clause after it.`);
        }
        const joiner = this.#joinerAt(start);
        if (joiner !== undefined) {
            if (negated && previous !== undefined) {
                this.#fail(`missing clause after ${quote(previous.text)} at ${column(previous.offset)}`, previous.offset, previous.text.length, `Put the clause to negate after ${quote(previous.text)}, e.g. not outcome=fail.`);
            }
            if (previous === undefined) {
                this.#fail(`missing clause before ${quote(joiner)} at ${column(start)}`, start, 2, `Remove the leading ${quote(joiner)}.`);
            }
            this.#fail(`empty clause between ${quote(previous.text)} and ${quote(joiner)} at ${column(start)}`, previous.offset, start + 2 - previous.offset, `Remove one of them or put a clause between them.`);
        }
        const key = this.#parseKey();
        this.#skipSpace();
        const spaced = this.#pos > key.span.end;
        if (this.#atClauseEnd()) {
            this.#checkNotAnOperator(key);
            return { type: 'truthy', key, span: key.span };
        }
        const c = this.#code(this.#pos);
        if (OPERATOR_CHARS.includes(this.#text.charAt(this.#pos))) {
            return this.#parseSymbolComparison(key);
        }
        const word = spaced ? this.#wordAt(this.#pos) : undefined;
        if (word !== undefined)
            return this.#parseWordComparison(key, word);
        this.#unexpectedAfterKey(key, c);
    }
    // ── keys ────────────────────────────────────────────────────────────────────
    #parseKey() {
        const start = this.#pos;
        const c = this.#code(start);
        if (!isKeyStart(c)) {
            const ch = this.#text.charAt(start);
            if (OPERATOR_CHARS.includes(ch)) {
                const op = this.#operatorRun(start);
                this.#fail(`missing key before ${quote(op)} at ${column(start)}`, start, op.length, `Write the key to test first, e.g. outcome${op}success.`);
            }
            if (ch === '"' || ch === "'") {
                this.#fail(`a clause must start with a key, not a quoted string (${column(start)})`, start, 1, 'Keys are written without quotes: outcome, preferred_label or context.<name>.');
            }
            this.#fail(`unexpected ${quote(ch)} at ${column(start)}; a clause starts with a key such as outcome, preferred_label or context.<name>`, start, 1);
        }
        let end = start;
        while (end < this.#text.length && isKeyChar(this.#code(end)))
            end++;
        this.#pos = end;
        const text = this.#text.slice(start, end);
        const span = { start, end };
        const firstDot = text.indexOf('.');
        const head = firstDot < 0 ? text : text.slice(0, firstDot);
        if (firstDot >= 0 && text.endsWith('.')) {
            const needsPath = firstDot === text.length - 1 &&
                (head === 'context' || head === 'ctx' || head === 'internal');
            this.#fail(needsPath
                ? `missing path after ${quote(text)} at ${column(end)}`
                : `key ${quote(text)} ends with '.' at ${column(end - 1)}`, end - 1, 1, needsPath ? `Name the value to read, e.g. ${text}tests_passed.` : 'Remove the trailing dot.');
        }
        const empty = firstDot < 0 ? -1 : text.indexOf('..', firstDot);
        if (empty >= 0) {
            this.#fail(`empty segment in key ${quote(text)} at ${column(start + empty + 1)}`, start + empty + 1, 1, 'Remove the extra dot.');
        }
        return this.#classifyKey(text, head, firstDot < 0 ? undefined : text.slice(firstDot + 1), span);
    }
    #classifyKey(text, head, rest, span) {
        if (rest === undefined) {
            if (text === 'outcome')
                return { text, path: text, scope: 'outcome', span };
            if (text === 'preferred_label')
                return { text, path: text, scope: 'preferred_label', span };
            if (head === 'context' || head === 'ctx' || head === 'internal') {
                this.#fail(`${quote(text)} at ${column(span.start)} needs a key after it, e.g. ${text}.tests_passed`, span.start, text.length);
            }
            return { text, path: text, scope: 'bare', span };
        }
        if (head === 'context')
            return { text, path: rest, scope: 'context', span };
        if (head === 'ctx') {
            this.extensions.add('ctx.');
            return { text, path: rest, scope: 'context', span };
        }
        if (head === 'internal') {
            this.extensions.add('internal.');
            return { text, path: text, scope: 'internal', span };
        }
        return { text, path: text, scope: 'bare', span };
    }
    /** A bare single-word key one or two edits from `outcome`/`preferred_label` is probably a typo. */
    #checkNearMiss(key) {
        if (key.scope !== 'bare' || key.text.includes('.') || key.text.length < 4)
            return;
        const suggestion = closestMatch(key.text, RESERVED_KEYS, 2);
        if (suggestion === undefined)
            return;
        this.warnings.push({
            message: `unknown key ${quote(key.text)} at ${column(key.span.start)}; did you mean ${quote(suggestion)}?`,
            offset: key.span.start,
            length: key.text.length,
            hint: `As written it is read from the context, where nothing may set ${quote(key.text)}. Write ${suggestion}, or context.${key.text} if it really is a context value.`
        });
    }
    #checkOutcomeValue(key, literal) {
        if (key.scope !== 'outcome')
            return;
        if (OUTCOME_VALUES.includes(literal.value.toLowerCase()))
            return;
        const suggestion = closestMatch(literal.value.toLowerCase(), OUTCOME_VALUES, 2);
        this.warnings.push({
            message: `outcome is never ${JSON.stringify(literal.value)} (${column(literal.span.start)})${suggestion === undefined ? '' : `; did you mean ${quote(suggestion)}?`}`,
            offset: literal.span.start,
            length: literal.span.end - literal.span.start,
            hint: `A node's outcome is one of ${OUTCOME_VALUES.join(', ')}. To route on a handler's own answer, test preferred_label or a context key.`
        });
    }
    // ── operators ───────────────────────────────────────────────────────────────
    #operatorRun(start) {
        let end = start;
        while (end < this.#text.length && OPERATOR_CHARS.includes(this.#text.charAt(end)))
            end++;
        return this.#text.slice(start, end);
    }
    #parseSymbolComparison(key) {
        const opStart = this.#pos;
        const opText = this.#operatorRun(opStart);
        const op = SYMBOL_OPS.get(opText);
        if (op === undefined)
            this.#unknownSymbolOperator(opText, opStart);
        this.#pos = opStart + opText.length;
        if (opText !== '=' && opText !== '!=')
            this.extensions.add(opText);
        this.#checkNearMiss(key);
        const opSpan = { start: opStart, end: this.#pos };
        const literal = this.#parseValue(opText, opStart, key, false);
        if (op === '<' || op === '<=' || op === '>' || op === '>=') {
            if (!NUMBER.test(literal.value.trim())) {
                this.#fail(`${quote(opText)} compares numbers, but ${JSON.stringify(literal.value)} at ${column(literal.span.start)} is not a number`, literal.span.start, literal.span.end - literal.span.start, `Compare with a number, e.g. ${key.text}${opText}3, or use '=' to compare text.`);
            }
        }
        else {
            this.#checkOutcomeValue(key, literal);
        }
        this.#expectClauseEnd(key, literal, op);
        return {
            type: 'compare',
            key,
            op,
            literal: literal.value,
            quoted: literal.quoted,
            opText,
            opSpan,
            literalSpan: literal.span,
            span: { start: key.span.start, end: literal.span.end }
        };
    }
    #unknownSymbolOperator(opText, offset) {
        const advice = {
            '=>': "use '>=' for 'greater than or equal'",
            '=<': "use '<=' for 'less than or equal'",
            '===': "use '='",
            '!==': "use '!='",
            '<>': "use '!='",
            '=~': 'use \'matches\' for regular expressions: key matches "^v[0-9]+"',
            '~=': 'use \'matches\' for regular expressions: key matches "^v[0-9]+"',
            '!': "use '!=' to compare, or put '!' before the key to negate a clause",
            '=!': "use '!='"
        };
        this.#fail(`unknown operator ${quote(opText)} at ${column(offset)}; use '=' or '!='`, offset, opText.length, advice[opText] ??
            "Tracker also accepts '==', '<', '<=', '>', '>=', contains, startswith, endswith, in and matches.");
    }
    #parseWordComparison(key, word) {
        const start = this.#pos;
        let negated = false;
        let opWord = word;
        let opStart = start;
        if (word === 'not') {
            negated = true;
            this.#pos += 3;
            this.#skipSpace();
            opStart = this.#pos;
            const next = this.#wordAt(this.#pos);
            if (next === undefined || !WORD_OPS.includes(next)) {
                this.#fail(`expected contains, startswith, endswith, in or matches after 'not' at ${column(opStart)}`, opStart, Math.max(1, next?.length ?? 1), `To negate a comparison, put 'not' before the key: not ${key.text}=value, or use '!='.`);
            }
            opWord = next;
        }
        if (!WORD_OPS.includes(opWord))
            this.#unknownWordAfterKey(key, word, start);
        const op = opWord;
        this.#pos = opStart + op.length;
        const written = negated ? `not ${op}` : op;
        this.extensions.add(written);
        this.#checkNearMiss(key);
        const opSpan = { start, end: this.#pos };
        const afterOp = this.#code(this.#pos);
        if (this.#pos < this.#text.length && !isSpace(afterOp) && afterOp !== 34 /* " */) {
            this.#fail(`expected a space after ${quote(written)} at ${column(this.#pos)}`, this.#pos, 1);
        }
        let expr;
        switch (op) {
            case 'in':
                expr = this.#parseInList(key, written, opSpan);
                break;
            case 'matches':
                expr = this.#parseMatches(key, written, opSpan);
                break;
            case 'contains':
            case 'startswith':
            case 'endswith': {
                const literal = this.#parseValue(written, start, key, false);
                this.#expectClauseEnd(key, literal, op);
                expr = {
                    type: 'compare',
                    key,
                    op,
                    literal: literal.value,
                    quoted: literal.quoted,
                    opText: op,
                    opSpan,
                    literalSpan: literal.span,
                    span: { start: key.span.start, end: literal.span.end }
                };
                break;
            }
        }
        return negated ? { type: 'not', item: expr, span: expr.span } : expr;
    }
    #parseInList(key, written, opSpan) {
        const values = [];
        let after = { text: written, offset: opSpan.start };
        for (;;) {
            const literal = this.#parseValue(after.text, after.offset, key, true);
            values.push(literal);
            this.#checkOutcomeValue(key, literal);
            const save = this.#pos;
            this.#skipSpace();
            if (this.#code(this.#pos) !== 44 /* , */) {
                this.#pos = save;
                break;
            }
            after = { text: ',', offset: this.#pos };
            this.#pos += 1;
        }
        const last = values[values.length - 1];
        const end = last?.span.end ?? opSpan.end;
        this.#expectClauseEnd(key, last, 'in');
        return { type: 'in', key, values, span: { start: key.span.start, end } };
    }
    #parseMatches(key, written, opSpan) {
        this.#skipSpace();
        const start = this.#pos;
        if (this.#atClauseEnd())
            this.#missingValue(written, opSpan.start, key);
        let pattern;
        let quoted = false;
        if (this.#code(start) === 34 /* " */) {
            pattern = this.#parseQuoted();
            quoted = true;
        }
        else {
            let end = start;
            while (end < this.#text.length &&
                !isSpace(this.#code(end)) &&
                this.#joinerAt(end) === undefined)
                end++;
            pattern = this.#text.slice(start, end);
            this.#pos = end;
        }
        const patternSpan = { start, end: this.#pos };
        let regex;
        try {
            regex = new RegExp(pattern);
        }
        catch (e) {
            const reason = e instanceof Error ? e.message : String(e);
            this.#fail(`invalid regular expression ${JSON.stringify(pattern)} at ${column(start)}: ${reason}`, start, patternSpan.end - start, 'Patterns use JavaScript regular expression syntax; quote patterns that contain spaces.');
        }
        const literal = { value: pattern, quoted, span: patternSpan };
        this.#expectClauseEnd(key, literal, 'matches');
        return {
            type: 'matches',
            key,
            pattern,
            quoted,
            regex,
            patternSpan,
            span: { start: key.span.start, end: patternSpan.end }
        };
    }
    // ── values ──────────────────────────────────────────────────────────────────
    #parseValue(after, afterOffset, key, inList) {
        this.#skipSpace();
        const start = this.#pos;
        if (this.#atClauseEnd() || (inList && this.#code(start) === 44)) {
            this.#missingValue(after, afterOffset, key);
        }
        const ch = this.#text.charAt(start);
        if (ch === '"') {
            const value = this.#parseQuoted();
            return { value, quoted: true, span: { start, end: this.#pos } };
        }
        if (ch === "'") {
            this.#fail(`single quotes do not delimit values (${column(start)}); use double quotes`, start, 1, `Write ${clause(key.text, after === ',' ? 'in' : after, '"value"')}. Inside a DOT attribute, write the quote as \\".`);
        }
        let end = start;
        while (end < this.#text.length &&
            !isSpace(this.#code(end)) &&
            this.#joinerAt(end) === undefined &&
            !(inList && this.#code(end) === 44)) {
            end++;
        }
        const raw = this.#text.slice(start, end);
        for (let i = 0; i < raw.length; i++) {
            const bad = raw.charAt(i);
            if (isBareChar(bad))
                continue;
            const at = start + i;
            if (bad === ',' && !inList) {
                this.#fail(`unexpected ',' in value ${quote(raw)} at ${column(at)}`, at, 1, `To test several values use 'in': ${key.text} in ${raw}. To compare with text containing a comma, quote it: ${clause(key.text, after, `"${raw}"`)}.`);
            }
            if (OPERATOR_CHARS.includes(bad) && i === 0) {
                const op = this.#operatorRun(at);
                this.#fail(`unexpected ${quote(op)} at ${column(at)}; expected a value after ${quote(after)}`, at, op.length, `Write one operator and then the value, e.g. ${clause(key.text, after, 'success')}.`);
            }
            this.#fail(`unexpected ${quote(bad)} in value ${quote(raw)} at ${column(at)}`, at, 1, `Put values that contain special characters in double quotes: ${clause(key.text, after === ',' ? 'in' : after, `"${raw}"`)}.`);
        }
        this.#pos = end;
        return { value: raw, quoted: false, span: { start, end } };
    }
    /** A double-quoted string. Escapes: `\"`, `\\`, `\n`, `\t`, `\r`; any other backslash is kept as is. */
    #parseQuoted() {
        const start = this.#pos;
        let out = '';
        let i = start + 1;
        let chunk = i;
        while (i < this.#text.length) {
            const c = this.#code(i);
            if (c === 34 /* " */) {
                out += this.#text.slice(chunk, i);
                this.#pos = i + 1;
                return out;
            }
            if (c === 92 /* \ */) {
                out += this.#text.slice(chunk, i);
                const next = this.#text.charAt(i + 1);
                if (next === '"' || next === '\\')
                    out += next;
                else if (next === 'n')
                    out += '\n';
                else if (next === 't')
                    out += '\t';
                else if (next === 'r')
                    out += '\r';
                else
                    out += `\\${next}`;
                i += 2;
                chunk = i;
                continue;
            }
            i++;
        }
        this.#fail(`unterminated string starting at ${column(start)}`, start, this.#text.length - start, 'Add the closing double quote. Inside a DOT attribute each quote in the condition is written \\".');
    }
    #missingValue(after, afterOffset, key) {
        this.#fail(`missing value after ${quote(after)} at ${column(afterOffset)}`, afterOffset, after.length, after === ','
            ? 'Remove the trailing comma or add another value.'
            : after === 'in' || after === 'not in'
                ? `List the values, e.g. ${clause(key.text, after, 'success,partial_success')}.`
                : after === 'matches' || after === 'not matches'
                    ? `Write the pattern, e.g. ${clause(key.text, after, '"^v[0-9]+$"')}.`
                    : `Write the value to compare with, e.g. ${clause(key.text, after, 'success')}; to compare with the empty string write ${clause(key.text, after, '""')}.`);
    }
    /** After a complete clause only the end, `&&` or `||` may follow. */
    #expectClauseEnd(key, literal, op) {
        const save = this.#pos;
        this.#skipSpace();
        if (this.#atClauseEnd())
            return;
        const at = this.#pos;
        const ch = this.#text.charAt(at);
        const word = this.#wordAt(at);
        this.#rejectSingleJoiner(ch, at);
        if (word !== undefined && ['and', 'or'].includes(word.toLowerCase())) {
            const fix = word.toLowerCase() === 'and' ? '&&' : '||';
            this.#fail(`use ${quote(fix)} instead of ${quote(word)} at ${column(at)}`, at, word.length, `Clauses are joined with && (and) or || (or).`);
        }
        const value = literal === undefined ? '' : literal.value;
        let restEnd = at;
        while (restEnd < this.#text.length && this.#joinerAt(restEnd) === undefined)
            restEnd++;
        const rest = this.#text.slice(save, restEnd).trimEnd();
        const unexpected = word ?? ch;
        const shown = literal?.quoted === false && op !== 'in' && op !== 'matches';
        this.#fail(`unexpected ${quote(unexpected)} after the value ${JSON.stringify(value)} at ${column(at)}`, at, unexpected.length, op === 'in'
            ? `Separate the values of 'in' with commas: ${key.text} in a,b,c.`
            : shown
                ? `Put a value that contains spaces in double quotes (${JSON.stringify(`${value}${rest}`)}), or join clauses with && or ||.`
                : 'Join clauses with && or ||.');
    }
    #unexpectedAfterKey(key, c) {
        const at = this.#pos;
        const ch = this.#text.charAt(at);
        if (c === 34 /* " */ || c === 39 /* ' */) {
            this.#fail(`missing operator between ${quote(key.text)} and the value at ${column(at)}`, at, 1, `Write ${key.text}="value" or ${key.text}!="value".`);
        }
        this.#rejectSingleJoiner(ch, at);
        this.#fail(`unexpected ${quote(ch)} after ${quote(key.text)} at ${column(at)}; expected an operator such as '=' or '!='`, at, 1, `Compare with '=' or '!=', e.g. ${key.text}=success.`);
    }
    /** A lone `&` or `|` where `&&` or `||` was meant. */
    #rejectSingleJoiner(ch, at) {
        if (ch !== '&' && ch !== '|')
            return;
        const fix = ch === '&' ? '&&' : '||';
        this.#fail(`${quote(ch)} at ${column(at)} should be ${quote(fix)}`, at, 1, `Join clauses with ${fix}.`);
    }
    #unknownWordAfterKey(key, word, at) {
        const lower = word.toLowerCase();
        if (lower === 'and' || lower === 'or') {
            const fix = lower === 'and' ? '&&' : '||';
            this.#fail(`use ${quote(fix)} instead of ${quote(word)} at ${column(at)}`, at, word.length, 'Clauses are joined with && (and) or || (or).');
        }
        const suggestion = closestMatch(word, [...WORD_OPS, 'not'], 2);
        if (suggestion !== undefined) {
            this.#fail(`unknown operator ${quote(word)} at ${column(at)}; did you mean ${quote(suggestion)}?`, at, word.length);
        }
        this.#fail(`unexpected ${quote(word)} after ${quote(key.text)} at ${column(at)}; expected an operator such as '=' or '!=', '&&', '||' or the end of the condition`, at, word.length, `Keys cannot contain spaces. Compare with '=' or '!=' (${key.text}=value), or use contains, startswith, endswith, in or matches.`);
    }
    // ── scanning ────────────────────────────────────────────────────────────────
    #code(i) {
        return this.#text.charCodeAt(i);
    }
    #skipSpace() {
        while (this.#pos < this.#text.length && isSpace(this.#code(this.#pos)))
            this.#pos++;
    }
    /**
     * A clause that is only an operator keyword (`not`, `contains`, `in` …) is a clause with its key or
     * operand missing, like a bare `!`, not a truthiness test of a key named after the keyword.
     */
    #checkNotAnOperator(key) {
        if (key.scope !== 'bare')
            return;
        const word = key.text;
        if (word === 'not') {
            this.#fail(`missing clause after 'not' at ${column(key.span.start)}`, key.span.start, word.length, "Put the clause to negate after 'not', e.g. not outcome=fail. To test a context key named 'not', write context.not.");
        }
        if (WORD_OPS.includes(word)) {
            this.#fail(`${quote(word)} at ${column(key.span.start)} is an operator, but it has no key before it`, key.span.start, word.length, `Write key ${word} value, e.g. context.output ${word} ${word === 'in' ? 'a,b' : 'text'}. To test a context key named '${word}', write context.${word}.`);
        }
    }
    #at(token) {
        return this.#text.startsWith(token, this.#pos);
    }
    #joinerAt(i) {
        const c = this.#code(i);
        if (c === 38 && this.#code(i + 1) === 38)
            return '&&';
        if (c === 124 && this.#code(i + 1) === 124)
            return '||';
        return undefined;
    }
    #atClauseEnd() {
        return this.#pos >= this.#text.length || this.#joinerAt(this.#pos) !== undefined;
    }
    /** A run of ASCII letters and underscores starting at `i`, when one starts there. */
    #wordAt(i) {
        let end = i;
        while (end < this.#text.length && (isLetter(this.#code(end)) || this.#code(end) === 95))
            end++;
        if (end === i)
            return undefined;
        // A word followed directly by key characters is a key, not an operator.
        if (end < this.#text.length && isKeyChar(this.#code(end))) {
            let keyEnd = end;
            while (keyEnd < this.#text.length && isKeyChar(this.#code(keyEnd)))
                keyEnd++;
            return this.#text.slice(i, keyEnd);
        }
        return this.#text.slice(i, end);
    }
    #fail(message, offset, length, hint) {
        throw new ConditionSyntaxFailure(hint === undefined ? { message, offset, length } : { message, offset, length, hint });
    }
}

;// CONCATENATED MODULE: ./src/condition/evaluate-condition.ts
const evaluate_condition_NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
/** How a context value reads in a condition: strings as is, numbers and booleans as text, objects as JSON. */
function conditionValueToString(value) {
    if (value === undefined || value === null)
        return '';
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
        return String(value);
    }
    try {
        return JSON.stringify(value) ?? '';
    }
    catch {
        // Circular or otherwise unserialisable: `[object Object]`, as String() would give.
        return Object.prototype.toString.call(value);
    }
}
function present(value) {
    return value !== undefined && value !== null;
}
/**
 * The text a key stands for (spec §10.4). `context.x` (or `ctx.x`) reads `context.x`, then `x`;
 * `internal.x` and bare keys read the key itself. A key that is not set reads as `''`.
 */
function resolveConditionKey(key, scope) {
    switch (key.scope) {
        case 'outcome':
            return scope.outcome;
        case 'preferred_label':
            return scope.preferredLabel;
        case 'context': {
            const qualified = scope.lookup(`context.${key.path}`);
            return conditionValueToString(present(qualified) ? qualified : scope.lookup(key.path));
        }
        case 'internal':
        case 'bare':
            return conditionValueToString(scope.lookup(key.path));
    }
}
/** Truthiness of a bare key clause: set, not blank, and not `false` or `0`. */
function isTruthyConditionValue(value) {
    const v = value.trim();
    return v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}
function toNumber(text) {
    const t = text.trim();
    if (!evaluate_condition_NUMBER.test(t))
        return undefined;
    const n = Number(t);
    return Number.isFinite(n) ? n : undefined;
}
/** Outcome statuses compare case-insensitively (`outcome=SUCCESS` works); everything else is exact. */
function fold(key, text) {
    return key.scope === 'outcome' ? text.toLowerCase() : text;
}
function evaluateCondition(expr, scope) {
    // Chains of `not` are unwound in a loop so `!!!!…x` cannot exhaust the stack.
    let negate = false;
    let e = expr;
    while (e.type === 'not') {
        negate = !negate;
        e = e.item;
    }
    return negate !== evaluateInner(e, scope);
}
function evaluateInner(expr, scope) {
    switch (expr.type) {
        case 'or':
            return expr.items.some((item) => evaluateCondition(item, scope));
        case 'and':
            return expr.items.every((item) => evaluateCondition(item, scope));
        case 'not':
            return !evaluateCondition(expr.item, scope);
        case 'truthy':
            return isTruthyConditionValue(resolveConditionKey(expr.key, scope));
        case 'in': {
            const actual = fold(expr.key, resolveConditionKey(expr.key, scope));
            return expr.values.some((v) => fold(expr.key, v.value) === actual);
        }
        case 'matches':
            return expr.regex.test(fold(expr.key, resolveConditionKey(expr.key, scope)));
        case 'compare': {
            const actual = fold(expr.key, resolveConditionKey(expr.key, scope));
            const literal = fold(expr.key, expr.literal);
            switch (expr.op) {
                case '=':
                    return actual === literal;
                case '!=':
                    return actual !== literal;
                case 'contains':
                    return actual.includes(literal);
                case 'startswith':
                    return actual.startsWith(literal);
                case 'endswith':
                    return actual.endsWith(literal);
                case '<':
                case '<=':
                case '>':
                case '>=': {
                    const a = toNumber(actual);
                    const b = toNumber(literal);
                    if (a === undefined || b === undefined)
                        return false;
                    if (expr.op === '<')
                        return a < b;
                    if (expr.op === '<=')
                        return a <= b;
                    if (expr.op === '>')
                        return a > b;
                    return a >= b;
                }
            }
        }
    }
}

;// CONCATENATED MODULE: ./src/engine/condition-cache.ts
/**
 * Evaluates edge conditions against an outcome and the context, parsing each distinct condition text once.
 */



const MAX_CACHED = 4096;
const cache = new Map();
function compiled(text) {
    let expr = cache.get(text);
    if (expr)
        return expr;
    const parsed = parseCondition(text);
    if (!parsed.ok) {
        const first = parsed.errors[0];
        throw new TrackerError('PIPELINE_INVALID', `Condition ${JSON.stringify(text)} does not parse: ${first?.message ?? 'syntax error'}`);
    }
    expr = parsed.expr;
    if (cache.size >= MAX_CACHED)
        cache.clear();
    cache.set(text, expr);
    return expr;
}
function conditionHolds(text, outcome, context) {
    return evaluateCondition(compiled(text), {
        outcome: outcome.status,
        preferredLabel: outcome.preferredLabel ?? context.getString('preferred_label'),
        lookup: (key) => context.get(key)
    });
}

;// CONCATENATED MODULE: ./src/engine/select-edge.ts



function conditionOf(edge) {
    return edge.attrs.get('condition')?.value.trim() ?? '';
}
function weightOf(edge) {
    return getInteger(edge.attrs, 'weight') ?? 0;
}
/** Lowercase, trim, strip accelerator prefixes like `[Y] `, `Y) `, `Y - `. */
function normalizeLabel(label) {
    let text = label.trim();
    const patterns = [/^\[[^\]\s]{1,3}\]\s*/, /^[A-Za-z0-9]\)\s+/, /^[A-Za-z0-9]\s+-\s+/];
    for (const p of patterns) {
        const stripped = text.replace(p, '');
        if (stripped !== text) {
            text = stripped;
            break;
        }
    }
    return text.trim().toLowerCase();
}
function bestByWeightThenLexical(edges) {
    let best = edges[0];
    for (const e of edges) {
        const dw = weightOf(e) - weightOf(best);
        if (dw > 0 || (dw === 0 && e.to < best.to))
            best = e;
    }
    const tied = edges.some((e) => e !== best && weightOf(e) === weightOf(best));
    return { edge: best, reason: tied ? 'lexical' : 'weight' };
}
/**
 * Picks the next edge. With `onlyConditional` (used after a failure) unconditional edges are not
 * eligible: a failed node never falls through an unconditional edge.
 */
function selectEdge(graph, nodeId, outcome, context, options = {}) {
    const edges = outgoingEdges(graph, nodeId);
    if (edges.length === 0)
        return undefined;
    const matched = edges.filter((e) => {
        const condition = conditionOf(e);
        return condition !== '' && conditionHolds(condition, outcome, context);
    });
    if (matched.length > 0)
        return { edge: bestByWeightThenLexical(matched).edge, reason: 'condition' };
    if (options.onlyConditional)
        return undefined;
    const unconditional = edges.filter((e) => conditionOf(e) === '');
    if (outcome.preferredLabel) {
        const wanted = normalizeLabel(outcome.preferredLabel);
        const hit = unconditional.find((e) => normalizeLabel(e.attrs.get('label')?.value ?? '') === wanted);
        if (hit)
            return { edge: hit, reason: 'preferred_label' };
    }
    for (const id of outcome.suggestedNextIds ?? []) {
        const hit = unconditional.find((e) => e.to === id);
        if (hit)
            return { edge: hit, reason: 'suggested_next' };
    }
    return unconditional.length > 0 ? bestByWeightThenLexical(unconditional) : undefined;
}

;// CONCATENATED MODULE: ./src/engine/run-pipeline.ts
/**
 * The execution engine (spec §3): walks the graph from the start node, runs each node's handler with its
 * retry policy, applies context updates, checkpoints after every transition and selects the next edge.
 * Pure orchestration: every effect goes through the ports in RunOptions.
 */












/** Thrown inside the walk when the run's signal fires; caught by runPipeline. */
class StopSignal extends Error {
    nodeId;
    constructor(nodeId) {
        super('stopped');
        this.nodeId = nodeId;
    }
}
const GRAPH_MIRROR_PREFIX = 'graph.';
/** Loop restarts allowed in one run when the graph sets no `max_restarts`. */
const DEFAULT_MAX_RESTARTS = 5;
function ordinal(n) {
    const tens = n % 100;
    const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
    return `${n}${suffix}`;
}
/** The failure summary shows this many last lines of each output file of a failed branch node. */
const FAILURE_TAIL_LINES = 10;
const FAILURE_TAIL_FILES = ['stderr.log', 'stdout.log'];
/** …read from at most this many trailing bytes (the logs can be any size). */
const FAILURE_TAIL_BYTES = 16 * 1024;
function mirrorGraphAttributes(graph, context) {
    for (const [key, value] of graph.attrs)
        context.set(GRAPH_MIRROR_PREFIX + key, value.value);
    if (!graph.attrs.has('goal'))
        context.set('graph.goal', '');
}
function isExitNode(node) {
    return nodeHandlerType(node) === HandlerTypes.Exit;
}
async function runPipeline(graph, options) {
    return new Engine(graph, options).run();
}
class Engine {
    #graph;
    #o;
    #state;
    #signal;
    #runStore;
    #saveChain = Promise.resolve();
    /** This run resumes one that had failed: the nodes it re-runs get a fresh retry budget. */
    #resumedAfterFailure = false;
    #startedAt;
    constructor(graph, options) {
        this.#graph = graph;
        this.#o = options;
        this.#signal = options.signal ?? new AbortController().signal;
        this.#runStore = options.runStore;
        this.#startedAt = options.clock.now();
        if (options.resumeFrom) {
            this.#state = RunState.fromCheckpoint(options.resumeFrom, options.pipeline);
            mirrorGraphAttributes(graph, this.#state.context);
        }
        else {
            this.#state = new RunState(options.runId, options.pipeline);
            mirrorGraphAttributes(graph, this.#state.context);
            if (options.initialContext)
                this.#state.context.apply(options.initialContext);
        }
    }
    #emit(payload) {
        this.#o.events.emit({
            ...payload,
            ts: this.#o.clock.now(),
            runId: this.#state.runId
        });
    }
    #iso() {
        return new Date(this.#o.clock.now()).toISOString();
    }
    /** Snapshots the state now and writes it after any earlier write (writes never reorder). */
    async #checkpoint(nodeId) {
        const text = this.#state.serialize(this.#iso());
        const write = this.#saveChain.then(() => this.#o.checkpointStore.save(text));
        this.#saveChain = write.catch(() => undefined);
        await write;
        if (this.#state.restartCount > 0)
            await this.#runStore.writeRunFile('checkpoint.json', text);
        const next = this.#state.nextNode;
        this.#emit({ type: 'checkpoint.saved', nodeId, ...(next ? { nextNode: next } : {}) });
    }
    async run() {
        const resumed = this.#o.resumeFrom !== undefined;
        this.#emit({
            type: 'pipeline.started',
            pipeline: this.#graph.name,
            goal: getString(this.#graph.attrs, 'goal') ?? '',
            runDir: this.#runStore.runDir,
            resumed,
            nodeCount: this.#graph.nodes.size
        });
        if (!resumed)
            await this.#writeManifest();
        const dependencies = getString(this.#graph.attrs, 'schedule') === 'dependencies';
        let start = this.#state.nextNode;
        this.#resumedAfterFailure = resumed && this.#state.status === 'fail';
        if (this.#resumedAfterFailure && !dependencies && start !== undefined) {
            start = this.#resumeTarget(start) ?? start;
            this.#state.nextNode = start;
            this.#grantFreshRetryBudget(start);
        }
        if (!resumed || start === undefined) {
            if (resumed && this.#state.status === 'success')
                return this.#finish('success', undefined);
            const starts = findStartNodes(this.#graph);
            const first = starts[0];
            if (starts.length !== 1 || first === undefined) {
                throw new TrackerError('PIPELINE_INVALID', `Pipeline needs exactly one start node (shape=Mdiamond); found ${starts.length}.`);
            }
            start = first.id;
        }
        this.#state.status = 'running';
        this.#state.failureReason = undefined;
        try {
            if (dependencies)
                return await this.#runDependencies(start);
            for (;;) {
                const end = await this.#walk(start, {
                    context: this.#state.context,
                    scope: '',
                    attempts: this.#mainAttempts
                });
                if (end.kind === 'failed')
                    return this.#finish('fail', end.outcome.failureReason ?? 'stage failed', end.lastNode);
                if (end.kind === 'restart' && end.stoppedBefore !== undefined) {
                    const limit = this.#restartLimitReason(end.lastNode, end.stoppedBefore);
                    if (limit !== undefined)
                        return this.#finish('fail', limit, end.lastNode);
                    start = await this.#restart(end.stoppedBefore);
                    continue;
                }
                if (end.kind === 'dead_end' && end.outcome.status === 'fail') {
                    return this.#finish('fail', end.outcome.failureReason ?? 'stage failed', end.lastNode);
                }
                return this.#finish('success', undefined);
            }
        }
        catch (error) {
            if (error instanceof StopSignal)
                return this.#stopped(error.nodeId);
            throw error;
        }
    }
    async #writeManifest() {
        const manifest = {
            name: this.#graph.name,
            label: getString(this.#graph.attrs, 'label') ?? '',
            goal: getString(this.#graph.attrs, 'goal') ?? '',
            run_id: this.#state.runId,
            pipeline_file: this.#o.pipeline.file,
            pipeline_sha256: this.#o.pipeline.sha256,
            start_time: this.#iso(),
            tracker_version: this.#o.trackerVersion ?? 'unknown',
            ...(this.#o.workdir === undefined ? {} : { workdir: this.#o.workdir })
        };
        await this.#runStore.writeRunFile('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
    }
    async #finish(status, reason, failedNode, resumeHint) {
        this.#state.status = status;
        this.#state.failureReason = reason;
        if (status === 'success') {
            this.#state.nextNode = undefined;
            this.#state.currentAttempt = undefined;
        }
        await this.#checkpoint(failedNode ?? this.#state.currentNode);
        await Promise.all([this.#o.checkpointStore.flush?.(), this.#runStore.flush()]);
        const durationMs = this.#o.clock.now() - this.#startedAt;
        if (status === 'success') {
            this.#emit({
                type: 'pipeline.completed',
                durationMs,
                completedNodes: this.#state.completed.length
            });
        }
        else {
            const failedBranches = failedNode ? await this.#failedBranches(failedNode) : [];
            this.#emit({
                type: 'pipeline.failed',
                durationMs,
                reason: reason ?? 'failed',
                ...(failedNode ? { nodeId: failedNode } : {}),
                ...(failedBranches.length ? { failedBranches } : {})
            });
        }
        const hint = status === 'fail' ? (resumeHint ?? this.#walkResumeHint()) : undefined;
        return { ...this.#result(status, reason, failedNode), ...(hint ? { resumeHint: hint } : {}) };
    }
    /** What resuming a failed edge-scheduled run does: see #resumeTarget. */
    #walkResumeHint() {
        const next = this.#state.nextNode;
        const target = this.#resumeTarget(next);
        if (target === undefined)
            return undefined;
        return target === next
            ? `re-runs '${target}' with a fresh retry budget`
            : `re-runs goal gate '${target}' with a fresh retry budget and continues from there`;
    }
    /**
     * Where resuming a failed edge-scheduled run starts: the node it failed at — except when it failed at the
     * exit on a goal gate that has no retry target, which would only fail again: then the first unsatisfied gate.
     */
    #resumeTarget(next) {
        const node = next === undefined ? undefined : this.#graph.nodes.get(next);
        if (!node || !isExitNode(node))
            return next;
        const [first] = this.#unsatisfiedGates();
        if (first === undefined || this.#retryTargetFor(first[0]) !== undefined)
            return next;
        return first[0];
    }
    /**
     * Resuming a failed run gives the node it re-runs a fresh retry budget (attempt 1 of max_retries+1; the
     * checkpoint's node_retries keeps counting the run's retries). A stopped run keeps its attempt instead.
     */
    #grantFreshRetryBudget(nodeId) {
        const node = this.#graph.nodes.get(nodeId);
        if (!node)
            return;
        this.#state.currentAttempt = { node: nodeId, attempt: 1 };
        this.#announceFreshRetryBudget(node);
    }
    #announceFreshRetryBudget(node) {
        const nodeId = node.id;
        const max = buildRetryPolicy(node, this.#graph).maxAttempts;
        this.#emit({
            type: 'warning',
            nodeId,
            message: `resuming a failed run: '${nodeId}' runs again with a fresh retry budget (attempt 1 of ${max})`
        });
    }
    /**
     * When the run failed at a parallel or fan-in node, the branches that failed behind it — their failing
     * node, its reason and the last lines of its output — so the failure summary can show them (the parallel
     * node itself has no output of its own). Read from `parallel.results`, so it holds after a resume too.
     */
    async #failedBranches(nodeId) {
        const node = this.#graph.nodes.get(nodeId);
        const type = node ? this.#o.registry.resolveType(node) : undefined;
        if (type !== HandlerTypes.Parallel && type !== HandlerTypes.FanIn)
            return [];
        const raw = this.#state.context.get('parallel.results');
        if (!Array.isArray(raw))
            return [];
        const out = [];
        for (const r of raw) {
            if (typeof r !== 'object' || r === null)
                continue;
            const { id, status, last_node: last, failure_reason: why } = r;
            if (typeof id !== 'string' || (status !== 'fail' && status !== 'retry'))
                continue;
            const failing = typeof last === 'string' ? last : undefined;
            const recorded = failing ? this.#state.outcomes.get(failing)?.failure_reason : undefined;
            const reason = recorded ?? (typeof why === 'string' ? why : undefined);
            const output = [];
            for (const file of failing ? FAILURE_TAIL_FILES : []) {
                const text = await this.#runStore
                    .readStageFileTail(failing, file, FAILURE_TAIL_BYTES)
                    .catch(() => undefined);
                if (text && text.trim() !== '')
                    output.push({ file, lines: text.trimEnd().split('\n').slice(-FAILURE_TAIL_LINES) });
            }
            out.push({
                branch: id,
                ...(failing ? { nodeId: failing } : {}),
                ...(reason ? { reason } : {}),
                ...(output.length ? { output } : {})
            });
        }
        return out;
    }
    async #stopped(nodeId) {
        this.#state.status = 'stopped';
        const reason = 'stopped by signal';
        this.#state.failureReason = reason;
        await this.#checkpoint(nodeId ?? this.#state.currentNode);
        await Promise.all([this.#o.checkpointStore.flush?.(), this.#runStore.flush()]);
        this.#emit({
            type: 'pipeline.stopped',
            durationMs: this.#o.clock.now() - this.#startedAt,
            reason,
            ...(nodeId ? { nodeId } : {})
        });
        return this.#result('stopped', reason, nodeId);
    }
    #result(status, reason, failedNode) {
        return {
            status,
            runId: this.#state.runId,
            ...(reason === undefined ? {} : { failureReason: reason }),
            ...(failedNode === undefined ? {} : { failedNode }),
            completedNodes: [...this.#state.completed],
            checkpoint: this.#state.toCheckpoint(this.#iso())
        };
    }
    /** The failure reason when one more loop_restart would exceed the graph's `max_restarts` (default 5). */
    #restartLimitReason(from, to) {
        const max = Math.max(0, getInteger(this.#graph.attrs, 'max_restarts') ?? DEFAULT_MAX_RESTARTS);
        if (this.#state.restartCount < max)
            return undefined;
        return (`Edge '${from ?? '?'}' -> '${to}' (loop_restart=true) would restart the run a ${ordinal(this.#state.restartCount + 1)} time, ` +
            `but the graph allows max_restarts=${max}. Raise max_restarts on the graph, or give the loop a condition that leaves it.`);
    }
    /** loop_restart (spec §2.7): a fresh context and a fresh run directory, continuing at `target`. */
    async #restart(target) {
        this.#state.restartCount += 1;
        const n = this.#state.restartCount;
        const fresh = new RunContext();
        mirrorGraphAttributes(this.#graph, fresh);
        if (this.#o.initialContext)
            fresh.apply(this.#o.initialContext);
        this.#state.resetForRestart(fresh);
        this.#state.nextNode = target;
        if (this.#o.restartRunStore) {
            await this.#runStore.flush();
            this.#runStore = this.#o.restartRunStore(n);
        }
        this.#emit({ type: 'loop.restarted', restart: n, target });
        await this.#checkpoint(target);
        return target;
    }
    /** The main walk's in-flight attempt is the checkpoint's `current_attempt`. */
    #mainAttempts = {
        saved: (id) => this.#state.currentAttempt?.node === id ? this.#state.currentAttempt.attempt : undefined,
        set: (node, attempt) => {
            this.#state.currentAttempt = { node, attempt };
        },
        clear: () => undefined
    };
    /** Nodes running concurrently (`schedule="dependencies"`) keep theirs in `running_attempts`. */
    #concurrentAttempts = {
        saved: (id) => this.#state.runningAttempts.get(id),
        set: (id, attempt) => {
            this.#state.runningAttempts.set(id, attempt);
        },
        clear: (id) => {
            this.#state.runningAttempts.delete(id);
        }
    };
    /** Why a branch walk was interrupted by its own signal (not the run's): cancelled, or timed out. */
    #interruption(w) {
        if (!w.signal?.aborted || this.#signal.aborted)
            return undefined;
        const reason = w.signal.reason;
        return { timeout: isBranchTimeout(reason), message: errorMessage(reason) };
    }
    #throwIfStopped(nodeId) {
        if (this.#signal.aborted)
            throw new StopSignal(nodeId);
    }
    /**
     * Runs nodes from `start` until the exit, a stop node, a dead end or an unrouted failure. The main walk
     * and every parallel branch use this same loop.
     */
    async #walk(start, w) {
        let current = start;
        let lastOutcome = w.resumedAt?.outcome ?? { status: 'success' };
        let lastNode = w.resumedAt?.lastNode;
        let arrivedVia;
        const isMain = w.branch === undefined;
        for (;;) {
            this.#throwIfStopped(current);
            // A branch that has reached its join is done, even if its siblings' policy cancels it just now.
            if (w.stopAt?.has(current))
                return {
                    kind: 'stop_at',
                    outcome: lastOutcome,
                    stoppedBefore: current,
                    ...(lastNode ? { lastNode } : {})
                };
            const interrupted = this.#interruption(w);
            if (interrupted)
                return this.#interruptedEnd(interrupted, lastNode);
            const node = this.#graph.nodes.get(current);
            if (!node) {
                return {
                    kind: 'failed',
                    outcome: failure(`Edge target '${current}' is not a node of the pipeline.`),
                    ...(lastNode ? { lastNode } : {})
                };
            }
            if (isExitNode(node)) {
                if (!isMain)
                    return {
                        kind: 'stop_at',
                        outcome: lastOutcome,
                        stoppedBefore: current,
                        ...(lastNode ? { lastNode } : {})
                    };
                const redirect = this.#checkGoalGates();
                if (redirect === 'fail') {
                    const reason = this.#unsatisfiedGateReason();
                    return { kind: 'failed', outcome: failure(reason), lastNode: current };
                }
                if (redirect !== undefined) {
                    this.#emitEdge(current, redirect.target, redirect.reason, w);
                    current = redirect.target;
                    arrivedVia = undefined;
                    this.#state.nextNode = current;
                    continue;
                }
            }
            const maxVisits = getInteger(node.attrs, 'max_visits') ?? getInteger(this.#graph.attrs, 'default_max_visits');
            const visits = this.#state.visits.get(current) ?? 0;
            const resuming = w.attempts.saved(current) !== undefined;
            if (maxVisits !== undefined && maxVisits > 0 && visits >= maxVisits && !resuming) {
                const outcome = failure(`Node '${current}' exceeded max_visits=${maxVisits} (it ran ${visits} times). Raise max_visits or add a condition that leaves the loop.`);
                return { kind: 'failed', outcome, lastNode: current };
            }
            if (isMain)
                this.#state.nextNode = current;
            const outcome = await this.#executeNode(node, w, arrivedVia);
            const interruptedNow = this.#interruption(w);
            if (interruptedNow)
                return this.#interruptedEnd(interruptedNow, interruptedNow.timeout ? current : lastNode, interruptedNow.timeout ? outcome : undefined);
            lastOutcome = outcome;
            lastNode = current;
            if (isExitNode(node)) {
                if (isMain)
                    this.#state.currentNode = current;
                return { kind: 'exit', outcome, lastNode: current };
            }
            const next = this.#route(node, outcome, w);
            if (next === undefined) {
                if (isMain) {
                    this.#state.currentNode = current;
                    this.#state.nextNode = outcome.status === 'fail' ? current : undefined;
                    if (outcome.status === 'fail') {
                        return {
                            kind: 'failed',
                            outcome: failure(this.#failureText(node, outcome)),
                            lastNode: current
                        };
                    }
                }
                w.onAdvance?.(current, undefined, outcome);
                return {
                    kind: outcome.status === 'fail' ? 'failed' : 'dead_end',
                    outcome,
                    lastNode: current
                };
            }
            if (next.restart && isMain) {
                this.#state.currentNode = current;
                return { kind: 'restart', outcome, stoppedBefore: next.to, lastNode: current };
            }
            if (isMain) {
                this.#state.currentNode = current;
                this.#state.nextNode = next.to;
                this.#state.currentAttempt = undefined;
                await this.#checkpoint(current);
            }
            else {
                w.onAdvance?.(current, next.to, outcome);
                // A branch that has reached its join ends right here, and runSubgraph checkpoints that end
                // without awaiting anything in between: one write then stands for both transitions.
                if (!w.stopAt?.has(next.to))
                    await this.#checkpoint(current);
            }
            current = next.to;
            arrivedVia = next.edge;
        }
    }
    /** The end of a branch walk whose signal fired: a timeout fails the branch, anything else cancels it. */
    #interruptedEnd(why, lastNode, outcome) {
        return why.timeout
            ? {
                kind: 'failed',
                outcome: outcome ?? failure(why.message, { retryable: false }),
                ...(lastNode ? { lastNode } : {})
            }
            : {
                kind: 'cancelled',
                outcome: { status: 'skipped', notes: `branch cancelled: ${why.message}` },
                ...(lastNode ? { lastNode } : {})
            };
    }
    #failureText(node, outcome) {
        const reason = outcome.failureReason ?? 'failed';
        // A failed stage only follows matching conditions (docs/decisions/0002), so a failing goal gate stops the
        // run here instead of at the exit's goal-gate check: say so, or the gate is never mentioned.
        const gate = getBoolean(node.attrs, 'goal_gate') === true
            ? `; it is a goal gate (goal_gate=true), so the pipeline cannot succeed without it`
            : '';
        return `Stage '${node.id}' failed: ${reason}${gate}`;
    }
    #emitEdge(from, to, reason, w, label, condition) {
        this.#emit({
            type: 'edge.selected',
            nodeId: from,
            to,
            reason,
            ...(w.branch ? { branch: w.branch } : {}),
            ...(label ? { label } : {}),
            ...(condition ? { condition } : {})
        });
    }
    /** Chooses where to go after a node (spec §3.3 and failure routing §3.7). */
    #route(node, outcome, w) {
        const failed = outcome.status === 'fail';
        if (outcome.continueAt !== undefined && !failed) {
            this.#emitEdge(node.id, outcome.continueAt, 'continue_at', w);
            return { to: outcome.continueAt, restart: false };
        }
        const choice = selectEdge(this.#graph, node.id, outcome, w.context, {
            onlyConditional: failed
        });
        if (choice) {
            const e = choice.edge;
            this.#emitEdge(node.id, e.to, choice.reason, w, e.attrs.get('label')?.value, e.attrs.get('condition')?.value);
            return { to: e.to, restart: getBoolean(e.attrs, 'loop_restart') === true, edge: e };
        }
        if (!failed)
            return undefined;
        // A failure may flow into a conditional (diamond) node: it exists to route on the outcome.
        const router = outgoingEdges(this.#graph, node.id).find((e) => {
            const target = this.#graph.nodes.get(e.to);
            return ((e.attrs.get('condition')?.value.trim() ?? '') === '' &&
                target !== undefined &&
                nodeHandlerType(target) === HandlerTypes.Conditional);
        });
        if (router) {
            this.#emitEdge(node.id, router.to, 'condition', w, router.attrs.get('label')?.value);
            return { to: router.to, restart: false, edge: router };
        }
        for (const [attr, reason] of [
            ['retry_target', 'retry_target'],
            ['fallback_retry_target', 'fallback_retry_target']
        ]) {
            const target = getString(node.attrs, attr);
            if (target && this.#graph.nodes.has(target)) {
                this.#emitEdge(node.id, target, reason, w);
                return { to: target, restart: false };
            }
        }
        return undefined;
    }
    /** Goal gates (spec §3.4): undefined = satisfied; a redirect; or 'fail' when nothing can retry. */
    #checkGoalGates() {
        for (const [id, recorded] of this.#state.outcomes) {
            const node = this.#graph.nodes.get(id);
            if (!node || getBoolean(node.attrs, 'goal_gate') !== true)
                continue;
            if (isSuccessful(recorded.status))
                continue;
            const target = this.#retryTargetFor(id);
            this.#emit({
                type: 'goal_gate.unsatisfied',
                nodeId: id,
                status: recorded.status,
                ...(target ? { retryTarget: target } : {})
            });
            return target ? { target, reason: 'goal_gate' } : 'fail';
        }
        return undefined;
    }
    /** A goal gate's retry target: its own retry_target/fallback_retry_target, else the graph's. */
    #retryTargetFor(gate) {
        const node = this.#graph.nodes.get(gate);
        const candidates = [
            node ? getString(node.attrs, 'retry_target') : undefined,
            node ? getString(node.attrs, 'fallback_retry_target') : undefined,
            getString(this.#graph.attrs, 'retry_target'),
            getString(this.#graph.attrs, 'fallback_retry_target')
        ];
        return candidates.find((t) => t !== undefined && t !== '' && this.#graph.nodes.has(t));
    }
    /** Goal gates (goal_gate=true) whose recorded outcome is not a success, in the order they ran. */
    #unsatisfiedGates(options = {}) {
        return [...this.#state.outcomes]
            .filter(([id, o]) => {
            const node = this.#graph.nodes.get(id);
            return (node !== undefined &&
                getBoolean(node.attrs, 'goal_gate') === true &&
                !isSuccessful(o.status) &&
                !(options.ignoreSkipped === true && o.status === 'skipped'));
        })
            .map(([id, o]) => [id, o.status]);
    }
    #unsatisfiedGateReason() {
        const gates = this.#unsatisfiedGates().map(([id, status]) => `'${id}' (${status})`);
        return `Goal gate unsatisfied: ${gates.join(', ')} did not succeed and no retry_target is set. Add retry_target to the node or the graph.`;
    }
    /** Runs one node with its retry policy (spec §3.5; FAIL is retried too, see docs/decisions). */
    async #executeNode(node, w, incomingEdge) {
        const handlerType = this.#o.registry.resolveType(node);
        const handler = handlerType === undefined ? undefined : this.#o.registry.get(handlerType);
        const typeName = handlerType ?? nodeHandlerType(node);
        const policy = buildRetryPolicy(node, this.#graph);
        let attempt = 1;
        const saved = w.attempts.saved(node.id);
        if (saved !== undefined)
            attempt = Math.max(1, Math.min(saved, policy.maxAttempts));
        else
            this.#state.addVisit(node.id);
        w.attempts.set(node.id, attempt);
        const signal = w.signal ? AbortSignal.any([this.#signal, w.signal]) : this.#signal;
        // Let the store create the likely next stage directories while this node runs.
        if (this.#runStore.prepareStage) {
            for (const edge of outgoingEdges(this.#graph, node.id)) {
                const next = this.#graph.nodes.get(edge.to);
                const files = next ? this.#o.registry.resolve(next)?.filesWrittenFirst : undefined;
                this.#runStore.prepareStage(edge.to, files);
            }
        }
        for (;;) {
            await this.#o.clock.yieldToEventLoop?.();
            this.#throwIfStopped(node.id);
            const before = this.#interruption(w);
            if (before)
                return this.#interruptedStage(node, typeName, attempt, undefined, before, w);
            w.context.set('current_node', node.id);
            const startedAt = this.#o.clock.now();
            this.#emit({
                type: 'stage.started',
                nodeId: node.id,
                handlerType: typeName,
                label: nodeLabel(node),
                attempt,
                maxAttempts: policy.maxAttempts,
                ...(w.branch ? { branch: w.branch } : {})
            });
            let outcome;
            if (!handler) {
                outcome = failure(`No handler is registered for type '${typeName}'. Register one with registry.register('${typeName}', handler) or fix the node's type.`, { retryable: false });
            }
            else {
                try {
                    outcome = await handler.execute(this.#handlerInput(node, w, attempt, incomingEdge));
                }
                catch (error) {
                    if (this.#signal.aborted)
                        throw new StopSignal(node.id);
                    outcome = failure(`Handler '${typeName}' threw: ${errorMessage(error)}`);
                }
            }
            if (this.#signal.aborted)
                throw new StopSignal(node.id);
            const durationMs = this.#o.clock.now() - startedAt;
            const interrupted = this.#interruption(w);
            if (interrupted)
                return this.#interruptedStage(node, typeName, attempt, durationMs, interrupted, w);
            this.#emitCompleted(node, typeName, outcome, attempt, durationMs, w);
            const wantsRetry = outcome.status === 'retry' || outcome.status === 'fail';
            if (wantsRetry && outcome.retryable !== false && attempt < policy.maxAttempts) {
                const delayMs = Math.max(outcome.retryAfterMs ?? 0, delayForAttempt(attempt, policy.backoff, this.#o.random));
                const retries = this.#state.addRetry(node.id);
                w.context.set(`internal.retry_count.${node.id}`, retries);
                attempt += 1;
                // Checkpoint before every retry, wherever the node runs, so a resume continues at this attempt.
                w.attempts.set(node.id, attempt);
                await this.#checkpoint(node.id);
                this.#emit({
                    type: 'stage.retrying',
                    nodeId: node.id,
                    attempt,
                    maxAttempts: policy.maxAttempts,
                    delayMs,
                    reason: outcome.failureReason ?? outcome.status,
                    ...(w.branch ? { branch: w.branch } : {})
                });
                try {
                    await this.#o.clock.sleep(delayMs, signal);
                }
                catch {
                    if (this.#signal.aborted)
                        throw new StopSignal(node.id);
                }
                continue;
            }
            if (outcome.status === 'retry') {
                outcome =
                    getBoolean(node.attrs, 'allow_partial') === true
                        ? {
                            ...outcome,
                            status: 'partial_success',
                            notes: 'retries exhausted, partial accepted'
                        }
                        : {
                            ...outcome,
                            status: 'fail',
                            failureReason: `max retries exceeded (${policy.maxAttempts} attempts): ${outcome.failureReason ?? 'stage asked to retry'}`
                        };
            }
            await this.#record(node, outcome, attempt, w);
            w.attempts.clear(node.id);
            return outcome;
        }
    }
    /**
     * A node of a branch whose signal fired while it ran (or waited to retry). A cancelled branch's node is
     * reported as skipped — "branch cancelled: <why>", not a failure and not recorded as completed, so the
     * run's outcome does not count it; a timed-out branch's node failed (recorded, never retried).
     */
    async #interruptedStage(node, typeName, attempt, durationMs, why, w) {
        const outcome = why.timeout
            ? failure(why.message, { retryable: false })
            : { status: 'skipped', notes: `branch cancelled: ${why.message}` };
        // durationMs is undefined when the node was waiting to retry: that attempt never started.
        if (durationMs !== undefined)
            this.#emitCompleted(node, typeName, outcome, attempt, durationMs, w);
        if (why.timeout)
            await this.#record(node, outcome, attempt, w);
        w.attempts.clear(node.id);
        return outcome;
    }
    #emitCompleted(node, handlerType, outcome, attempt, durationMs, w) {
        this.#emit({
            type: 'stage.completed',
            nodeId: node.id,
            handlerType,
            status: outcome.status,
            attempt,
            durationMs,
            ...(outcome.notes ? { notes: outcome.notes } : {}),
            ...(outcome.failureReason ? { failureReason: outcome.failureReason } : {}),
            ...(w.branch ? { branch: w.branch } : {})
        });
    }
    async #record(node, outcome, attempts, w) {
        this.#state.recordOutcome(node.id, outcome, attempts);
        if (outcome.contextUpdates)
            w.context.apply(outcome.contextUpdates);
        w.context.set('outcome', outcome.status);
        if (outcome.preferredLabel)
            w.context.set('preferred_label', outcome.preferredLabel);
        if (!outcome.autoStatus) {
            // Nothing reads status.json back during the run (the checkpoint holds the outcome), so it is
            // written in the background; the run's flush waits for it.
            await this.#runStore.writeStageFile(node.id, 'status.json', JSON.stringify(outcomeToStatusJson(outcome), null, 2) + '\n', { background: true });
        }
    }
    #handlerInput(node, w, attempt, incomingEdge) {
        return {
            ...(incomingEdge ? { incomingEdge } : {}),
            node,
            graph: this.#graph,
            context: w.context,
            runId: this.#state.runId,
            attempt,
            runStore: this.#runStore,
            clock: this.#o.clock,
            signal: w.signal ? AbortSignal.any([this.#signal, w.signal]) : this.#signal,
            ...(w.branch ? { branch: w.branch } : {}),
            emit: (payload) => this.#emit({
                ...payload,
                ...(w.branch && 'nodeId' in payload ? { branch: w.branch } : {})
            }),
            engine: this.#services(w)
        };
    }
    /** EngineServices for handlers running in walk `w`: branches they start are scoped to it. */
    #services(w) {
        return {
            runSubgraph: (request) => this.#runBranch(request, w),
            completeParallel: (nodeId) => {
                const key = parallelKey(w.scope, nodeId);
                for (const k of [...this.#state.pendingParallel.keys()])
                    if (k === key || k.startsWith(`${key}/`))
                        this.#state.pendingParallel.delete(k);
            }
        };
    }
    /**
     * Runs a parallel branch on an isolated copy of the calling walk's context, resuming it when the checkpoint
     * holds its progress. The branch's state is saved under its parallel block's scope key at every step:
     * the next node, the attempt in flight, the changed context keys, and the status of the last finished
     * node (so a branch that reached its join before the process died keeps its real status).
     */
    async #runBranch(request, parent) {
        const [first] = request.branch.split('/');
        const parallelNode = first || request.branch;
        const key = parallelKey(parent.scope, parallelNode);
        let block = this.#state.pendingParallel.get(key);
        if (!block) {
            block = { node: parallelNode, branches: new Map() };
            this.#state.pendingParallel.set(key, block);
        }
        const branches = block.branches;
        const saved = branches.get(request.start);
        const base = parent.context.snapshot();
        const resultOf = (b, context) => ({
            outcome: {
                status: b.status ?? 'success',
                ...(b.failure_reason ? { failureReason: b.failure_reason } : {}),
                ...(b.notes ? { notes: b.notes } : {})
            },
            ...(b.last_node ? { lastNode: b.last_node } : {}),
            completedNodes: b.completed_nodes,
            context: context.snapshot(),
            contextUpdates: b.context_updates,
            ...(b.cancelled ? { cancelled: true } : {})
        });
        const context = new RunContext(base);
        if (saved) {
            context.apply(saved.context_updates);
            for (const k of saved.context_removed ?? [])
                context.delete(k);
        }
        if (saved?.done)
            return resultOf(saved, context);
        let entry = saved ?? {
            done: false,
            next_node: request.start,
            completed_nodes: [],
            context_updates: {}
        };
        const save = (patch) => {
            const { updates, removed } = changedKeys(base, context.snapshot());
            entry = withoutUndefined({
                ...entry,
                context_updates: updates,
                context_removed: removed.length ? removed : undefined,
                ...patch
            });
            branches.set(request.start, entry);
        };
        save({});
        const scope = `${key}/${request.start}`;
        const attempts = {
            saved: (id) => entry.current_attempt?.node === id ? entry.current_attempt.attempt : undefined,
            set: (node, attempt) => save({ current_attempt: { node, attempt } }),
            clear: () => save({ current_attempt: undefined })
        };
        const signal = parent.signal
            ? AbortSignal.any([request.signal, parent.signal])
            : request.signal;
        const end = await this.#walk(entry.next_node ?? request.start, {
            context,
            branch: request.branch,
            scope,
            stopAt: request.stopAt,
            signal,
            attempts,
            ...(saved?.status
                ? {
                    resumedAt: {
                        outcome: {
                            status: saved.status,
                            ...(saved.failure_reason ? { failureReason: saved.failure_reason } : {}),
                            ...(saved.notes ? { notes: saved.notes } : {})
                        },
                        ...(saved.last_node ? { lastNode: saved.last_node } : {})
                    }
                }
                : {}),
            onAdvance: (done, next, outcome) => save({
                completed_nodes: [...entry.completed_nodes, done],
                next_node: next ?? entry.next_node,
                status: outcome.status,
                failure_reason: outcome.failureReason,
                notes: outcome.notes,
                last_node: done
            })
        });
        save({
            done: true,
            next_node: undefined,
            current_attempt: undefined,
            // Only a successful branch's changes are merged: the others need not be kept.
            ...(end.kind === 'cancelled' || !isSuccessful(end.outcome.status)
                ? { context_updates: {}, context_removed: undefined }
                : {}),
            status: end.outcome.status,
            failure_reason: end.outcome.failureReason,
            notes: end.outcome.notes,
            last_node: end.lastNode,
            cancelled: end.kind === 'cancelled' ? true : undefined
        });
        await this.#checkpoint(end.lastNode ?? request.start);
        return resultOf(entry, context);
    }
    /**
     * `schedule="dependencies"` (docs/attractor.md, "Dependency scheduling"): runs the graph like a build tool.
     * A node starts when every predecessor has finished and at least one incoming edge fired (an edge fires
     * when its source succeeded — or failed and the edge's condition matches — and its condition holds). Nodes
     * with no fired incoming edge are skipped, so a failure stops its descendants while independent nodes go
     * on, up to `max_parallel` at once. A failure that a matching condition edge routes is handled and does not
     * fail the run. The exit runs last, once the goal gates are final.
     */
    async #runDependencies(resumeAt) {
        const graph = this.#graph;
        const start = findStartNodes(graph)[0]?.id ?? resumeAt;
        const reachable = new Set([start]);
        const queue = [start];
        for (let i = 0; i < queue.length; i++) {
            for (const e of outgoingEdges(graph, queue[i])) {
                if (!reachable.has(e.to)) {
                    reachable.add(e.to);
                    queue.push(e.to);
                }
            }
        }
        const preds = new Map();
        for (const id of reachable)
            preds.set(id, []);
        for (const e of graph.edges)
            if (reachable.has(e.from) && reachable.has(e.to))
                preds.get(e.to)?.push(e);
        const conditionOf = (e) => e.attrs.get('condition')?.value.trim() ?? '';
        const context = this.#state.context;
        /** A failure is handled when a condition edge out of the node matches it (like spec §3.7 routing). */
        const isHandled = (id, outcome) => outgoingEdges(graph, id).some((e) => reachable.has(e.to) &&
            conditionOf(e) !== '' &&
            conditionHolds(conditionOf(e), outcome, context));
        const finished = new Map();
        const handled = new Set();
        // Resuming keeps the results that stand — successes and handled failures. Unhandled failures, skipped
        // nodes, unsatisfied goal gates and the exit run again; a node that was running has no outcome yet.
        for (const id of this.#state.completed) {
            const recorded = this.#state.outcomes.get(id);
            const node = graph.nodes.get(id);
            if (!recorded || !node || !reachable.has(id) || isExitNode(node))
                continue;
            const outcome = {
                status: recorded.status,
                ...(recorded.failure_reason ? { failureReason: recorded.failure_reason } : {}),
                ...(recorded.preferred_label ? { preferredLabel: recorded.preferred_label } : {})
            };
            if (isSuccessful(recorded.status))
                finished.set(id, outcome);
            else if (recorded.status === 'fail' &&
                getBoolean(node.attrs, 'goal_gate') !== true &&
                isHandled(id, outcome)) {
                finished.set(id, outcome);
                handled.add(id);
            }
            else if (recorded.status === 'fail' && this.#resumedAfterFailure) {
                this.#announceFreshRetryBudget(node);
            }
        }
        const running = new Map();
        const failedNodes = [];
        const maxParallel = Math.max(1, getInteger(graph.attrs, 'max_parallel') ?? 4);
        const walker = {
            context,
            scope: '',
            concurrent: true,
            attempts: this.#concurrentAttempts
        };
        let stop;
        let gateFailure;
        /** Nodes that cannot run because a dependency failed (as opposed to a branch not taken). */
        const blocked = new Set();
        const fired = (e) => {
            const outcome = finished.get(e.from);
            if (!outcome || outcome.status === 'skipped')
                return false;
            const condition = conditionOf(e);
            if (condition === '')
                return isSuccessful(outcome.status);
            return conditionHolds(condition, outcome, context);
        };
        const launch = (id) => {
            const node = graph.nodes.get(id);
            if (!node)
                return;
            const task = (async () => {
                const outcome = await this.#executeNode(node, walker, undefined);
                finished.set(id, outcome);
                if (outcome.status === 'fail') {
                    if (isHandled(id, outcome))
                        handled.add(id);
                    else
                        failedNodes.push(id);
                }
                this.#state.currentNode = id;
                await this.#checkpoint(id);
            })().catch((error) => {
                if (error instanceof StopSignal)
                    stop ??= error;
                else
                    throw error;
            });
            running.set(id, task.finally(() => running.delete(id)));
        };
        const othersPending = (exit) => running.size > 0 || [...reachable].some((other) => other !== exit && !finished.has(other));
        for (;;) {
            if (stop)
                break;
            let progressed = false;
            for (const id of reachable) {
                if (finished.has(id) || running.has(id))
                    continue;
                const incoming = preds.get(id) ?? [];
                if (!incoming.every((e) => finished.has(e.from)))
                    continue;
                const hardDependencyFailed = incoming.some((e) => conditionOf(e) === '' &&
                    (blocked.has(e.from) ||
                        (finished.get(e.from)?.status === 'fail' && !handled.has(e.from))));
                if (id !== start && (hardDependencyFailed || !incoming.some(fired))) {
                    const notes = hardDependencyFailed
                        ? 'skipped: a dependency failed'
                        : 'skipped: no incoming edge condition held';
                    if (hardDependencyFailed)
                        blocked.add(id);
                    finished.set(id, { status: 'skipped', notes });
                    this.#state.recordOutcome(id, { status: 'skipped', notes }, 0);
                    progressed = true;
                    continue;
                }
                const node = graph.nodes.get(id);
                if (isExitNode(node)) {
                    // The exit runs last, so every goal gate has its final outcome.
                    if (othersPending(id))
                        continue;
                    const gates = this.#unsatisfiedGates({ ignoreSkipped: true });
                    if (gates.length > 0) {
                        for (const [gate, status] of gates)
                            this.#emit({ type: 'goal_gate.unsatisfied', nodeId: gate, status });
                        const reason = `Goal gate unsatisfied: ${gates.map(([g, st]) => `'${g}' (${st})`).join(', ')} did not succeed, so '${id}' did not run. ` +
                            'schedule="dependencies" does not follow retry_target; fix the cause and resume, which re-runs the gate(s).';
                        const outcome = failure(reason, { retryable: false });
                        finished.set(id, outcome);
                        this.#state.recordOutcome(id, outcome, 0);
                        gateFailure = { exit: id, gates: gates.map(([g]) => g), reason };
                        progressed = true;
                        continue;
                    }
                }
                if (running.size >= maxParallel)
                    break;
                launch(id);
                progressed = true;
            }
            if (running.size === 0 && !progressed)
                break;
            if (running.size > 0)
                await Promise.race(running.values());
        }
        await Promise.all(running.values());
        if (stop)
            return this.#stopped(stop.nodeId);
        const unfinished = [...reachable].filter((id) => !finished.has(id));
        if (unfinished.length > 0) {
            return this.#finish('fail', `Nodes never became ready (a dependency cycle?): ${unfinished.join(', ')}. schedule="dependencies" needs an acyclic graph.`, undefined, `runs ${unfinished.map((id) => `'${id}'`).join(', ')} once the cycle is fixed (the changed file needs --force); completed nodes are kept`);
        }
        if (failedNodes.length > 0 || blocked.size > 0 || gateFailure) {
            const parts = [];
            if (failedNodes.length > 0 || blocked.size > 0) {
                const reasons = failedNodes.map((id) => `'${id}': ${finished.get(id)?.failureReason ?? 'failed'}`);
                const skipped = blocked.size
                    ? ` (${blocked.size} dependent node(s) skipped: ${[...blocked].join(', ')})`
                    : '';
                parts.push(`${failedNodes.length} node(s) failed — ${reasons.join('; ')}${skipped}`);
            }
            if (gateFailure)
                parts.push(gateFailure.reason);
            const rerun = [...failedNodes, ...(gateFailure?.gates ?? [])];
            const rest = [
                ...blocked,
                ...(gateFailure && !blocked.has(gateFailure.exit) ? [gateFailure.exit] : [])
            ];
            const hint = `re-runs ${rerun.map((id) => `'${id}'`).join(', ')} with a fresh retry budget` +
                (rest.length
                    ? ` and then the ${rest.length} node(s) that did not run (${rest.join(', ')})`
                    : '') +
                '; completed nodes are kept';
            return this.#finish('fail', parts.join('; '), rerun[0] ?? gateFailure?.exit, hint);
        }
        return this.#finish('success', undefined);
    }
}
/** The checkpoint key of parallel node `nodeId` run in walk scope `scope` (see PendingParallel). */
function parallelKey(scope, nodeId) {
    return scope === '' ? nodeId : `${scope}>${nodeId}`;
}
/** The keys `after` changed relative to `base` (with their values), and the keys it removed. */
function changedKeys(base, after) {
    const updates = {};
    for (const key of Object.keys(after)) {
        if (JSON.stringify(base[key]) !== JSON.stringify(after[key]))
            updates[key] = after[key];
    }
    return { updates, removed: Object.keys(base).filter((key) => !(key in after)) };
}
function withoutUndefined(value) {
    const out = { ...value };
    for (const key of Object.keys(out))
        if (out[key] === undefined)
            delete out[key];
    return out;
}

;// CONCATENATED MODULE: ./src/graph/attribute-schema.ts
/**
 * The table of attributes tracker knows, per scope (graph, node, edge): their value type, allowed values,
 * aliases from older dialects, defaults and meaning. `buildGraph` uses it to store aliases under their
 * canonical key; validation uses it for `unknown_attribute` (with did-you-mean) and value checks;
 * docs/attributes.md documents every entry (a test keeps the two in step).
 *
 * Sources: attractor-spec §2.5-2.7, §4.8-4.11, §5.4, §6.5, §9.7 and Appendix A (`spec`); tracker's own
 * additions (`extension`); the Go Tracker's DOT dialect (`tracker`); other Attractor implementations found in
 * the conformance corpus (`peer`); Graphviz layout and rendering attributes, accepted silently so a pipeline
 * can still be drawn (`graphviz`).
 */


/** Context fidelity modes (spec §5.4); the engine and the `fidelity_valid` rule use this list. */
const FIDELITY_MODES = [
    'full',
    'truncate',
    'compact',
    'summary:low',
    'summary:medium',
    'summary:high'
];
const RETRY_POLICIES = ['none', 'standard', 'aggressive', 'linear', 'patient'];
const REASONING_EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'];
const PIPELINE_SHAPES = Object.keys(SHAPE_TO_TYPE);
const G = ['graph'];
const N = ['node'];
const E = ['edge'];
const GN = ['graph', 'node'];
const NE = ['node', 'edge'];
const ALL = ['graph', 'node', 'edge'];
/** The entry factory for attributes from `source`: key, scopes, type, description, then any extras. */
function entriesFrom(source) {
    return (key, scope, type, description, extra = {}) => ({
        key,
        scope,
        type,
        source,
        description,
        ...extra
    });
}
const spec = entriesFrom('spec');
const extension = entriesFrom('extension');
const tracker = entriesFrom('tracker');
const peer = entriesFrom('peer');
function visual(key, scope, type = 'string', extra = {}) {
    return {
        key,
        scope,
        type,
        source: 'graphviz',
        description: 'Graphviz rendering attribute; accepted and ignored by tracker.',
        ...extra
    };
}
const ATTRIBUTE_SCHEMA = Object.freeze([
    // ── Graph (spec §2.5, Appendix A) ────────────────────────────────────────────────────────────────
    spec('goal', G, 'string', 'Pipeline goal. Expanded as `$goal` in prompts; in the context as `graph.goal`.', {
        default: '""'
    }),
    spec('label', G, 'string', 'Display name of the graph. Inside a subgraph: the subgraph label, which derives a class for its nodes (§2.10).', {
        default: '""'
    }),
    spec('model_stylesheet', G, 'string', 'CSS-like rules that set llm_model, llm_provider and reasoning_effort per node (§8).', {
        default: '""'
    }),
    spec('default_max_retries', G, 'integer', 'Retries for nodes that do not set max_retries.', {
        aliases: ['default_max_retry'],
        default: '0'
    }),
    spec('default_fidelity', G, 'enum', 'Context fidelity for nodes and edges that set none (§5.4). Unset means `compact`.', {
        values: FIDELITY_MODES
    }),
    extension('schedule', G, 'enum', 'How the next node is chosen: `edges` follows edge selection (§3.3); `dependencies` runs a node once all its predecessors have completed.', {
        values: ['edges', 'dependencies'],
        default: 'edges'
    }),
    // ── Node (spec §2.6, Appendix A) ─────────────────────────────────────────────────────────────────
    spec('label', N, 'string', 'Display name shown in logs, prompts and gates. Defaults to the node ID.', {
        default: 'node ID'
    }),
    spec('shape', N, 'enum', 'Graphviz shape; selects the handler when `type` is not set (§2.8).', {
        values: PIPELINE_SHAPES,
        default: 'box'
    }),
    spec('type', N, 'string', 'Handler type (e.g. `tool`, `wait.human`); overrides the shape.', {
        default: '""'
    }),
    spec('prompt', N, 'string', 'Instruction for the stage. `$goal` is expanded; LLM stages fall back to the label.', {
        default: '""'
    }),
    spec('max_retries', N, 'integer', 'Additional attempts after the first; inherits default_max_retries.', {
        default: 'inherited'
    }),
    spec('goal_gate', N, 'boolean', 'The node must end in success or partial_success before the pipeline may exit.', {
        default: 'false'
    }),
    spec('retry_target', GN, 'node_ref', 'Graph: node to jump to when the exit is reached with an unsatisfied goal gate. Node: node to jump to when this node fails with retries exhausted.'),
    spec('fallback_retry_target', GN, 'node_ref', 'Second jump target, used when retry_target is missing or invalid.'),
    spec('fidelity', NE, 'enum', 'Context fidelity for the node, or (on an edge) for the target node; the edge wins (§5.4).', {
        values: FIDELITY_MODES,
        default: 'inherited'
    }),
    spec('thread_id', NE, 'string', 'LLM session key for `full` fidelity; nodes with the same key share a session.', {
        default: 'derived'
    }),
    spec('class', N, 'string', 'Comma-separated class names for model stylesheet selectors (`.name`).', {
        default: '""'
    }),
    spec('timeout', N, 'duration', 'Maximum run time of the stage (e.g. `30s`, `15m`); for human gates, how long to wait for an answer.'),
    spec('llm_model', GN, 'string', 'LLM model ID. On the graph: default for every node.', {
        default: 'inherited'
    }),
    spec('llm_provider', GN, 'string', 'LLM provider key; detected from the model when unset.', {
        default: 'auto-detected'
    }),
    spec('reasoning_effort', GN, 'enum', 'Reasoning depth requested from the model.', {
        values: REASONING_EFFORTS,
        default: 'high'
    }),
    spec('auto_status', N, 'boolean', 'When the handler writes no status, record success.', {
        default: 'false'
    }),
    spec('allow_partial', N, 'boolean', 'Accept partial_success when retries are exhausted instead of failing.', {
        default: 'false'
    }),
    tracker('default_max_visits', G, 'integer', 'max_visits for every node that sets none (a run-wide loop guard).', { default: 'unlimited' }),
    peer('max_visits', N, 'integer', 'How many times the node may run in one pipeline run (loop guard); exceeding it fails the run.', {
        default: 'unlimited'
    }),
    // ── Parallel / fan-in (spec §4.8-4.9) ──────────────────────────────────────────────────────────
    spec('join_policy', N, 'enum', 'When a parallel node is done: `wait_all` branches, the `first_success`, `k_of_n` (join_k successes) or a `quorum` (join_quorum fraction succeeds).', {
        values: ['wait_all', 'first_success', 'k_of_n', 'quorum'],
        default: 'wait_all'
    }),
    extension('join_k', N, 'integer', 'Successful branches needed for join_policy=k_of_n.', {
        aliases: ['k_value'],
        default: '1'
    }),
    extension('join_quorum', N, 'float', 'Fraction of branches (0 < q ≤ 1) that must succeed for join_policy=quorum.', {
        default: '0.5'
    }),
    peer('error_policy', N, 'enum', 'Branch failures in a parallel node: `fail_fast` cancels the others, `continue` runs all and reports, `ignore` drops failed branches.', {
        values: ['fail_fast', 'continue', 'ignore'],
        default: 'continue'
    }),
    spec('max_parallel', GN, 'integer', 'Node: how many branches of a parallel node run at once. Graph: how many nodes run at once with schedule=dependencies (no effect otherwise).', {
        aliases: ['max_concurrency'],
        default: '4'
    }),
    tracker('fan_in_policy', N, 'enum', 'Not supported (warned about): Tracker aggregation of parallel branches (`any`, `all`, `quorum`). Use join_policy.', {
        values: ['any', 'all', 'quorum'],
        unsupported: 'Use join_policy instead: wait_all (all branches must succeed), first_success (any one), or k_of_n with join_k=N.'
    }),
    tracker('quorum', N, 'integer', 'Not supported (warned about): Tracker branch count for fan_in_policy=quorum. Use join_policy=k_of_n with join_k.', {
        unsupported: 'Use join_policy=k_of_n with join_k=N (N successful branches) instead.'
    }),
    tracker('parallel_targets', N, 'string', 'Not supported (warned about): Tracker branch list. The branches of a parallel node are its outgoing edges.', {
        unsupported: "Remove it: a parallel node's branches are its outgoing edges, so draw an edge to each branch target."
    }),
    tracker('parallel_join', N, 'node_ref', 'The node where the branches of a parallel node join.'),
    tracker('branch_timeout', N, 'duration', 'Time limit for each branch of a parallel node.'),
    // ── Tool (spec §4.10, Tracker §2.5) ─────────────────────────────────────────────────────────────
    spec('tool_command', N, 'string', 'Shell command run by a tool node (`sh -c`).'),
    tracker('output_limit', N, 'string', 'Cap on captured stdout/stderr per stream: bytes or a size such as `256KB`, `1MB`. The tail is kept.', {
        default: '64KB'
    }),
    tracker('working_dir', N, 'string', 'Directory (relative to the workspace) in which the command or agent runs.'),
    tracker('marker_grep', N, 'string', 'Regular expression; the last matching stdout line is stored as `tool_marker`, and no match fails the node.'),
    tracker('route_required', N, 'boolean', 'Fail the tool node when stdout has no `_TRACKER_ROUTE=<value>` line.', {
        default: 'false'
    }),
    tracker('writes', N, 'string', 'Comma-separated context keys the node must produce (tool: keys of a JSON object on stdout).'),
    tracker('reads', N, 'string', 'Comma-separated context keys the node reads; kept at full fidelity in prompts.'),
    spec('tool_hooks.pre', GN, 'string', 'Shell command run before each LLM tool call; a non-zero exit skips the call (§9.7).'),
    spec('tool_hooks.post', GN, 'string', 'Shell command run after each LLM tool call, for logging and audit (§9.7).'),
    extension('allow_env', GN, 'string', 'Comma-separated environment variable names (`*` globs allowed) passed to tool commands even though they look like secrets (`*_TOKEN`, `*_API_KEY`, `*_SECRET`, `*_PASSWORD`).'),
    // ── Human gate (spec §4.6, §6.5, Tracker §2.6) ─────────────────────────────────────────────────
    spec('human.default_choice', N, 'string', 'Choice (edge label or target node ID) taken when the gate times out or is auto-approved.', {
        aliases: ['default_choice']
    }),
    tracker('mode', N, 'enum', 'Kind of question a human gate asks: pick an outgoing edge (`choice`), free text, yes/no, or a generated questionnaire (`interview`).', {
        values: ['choice', 'freeform', 'yes_no', 'interview'],
        default: 'choice'
    }),
    tracker('timeout_action', N, 'enum', 'What a human gate does on timeout: take the `default` choice or `fail`.', {
        values: ['default', 'fail'],
        default: 'default'
    }),
    tracker('questions_key', N, 'string', 'Context key holding the questions of an interview gate.', {
        default: 'interview_questions'
    }),
    tracker('answers_key', N, 'string', 'Context key that receives the answers of an interview gate.', {
        default: 'interview_answers'
    }),
    // ── Manager loop (spec §4.11) ────────────────────────────────────────────────────────────────
    spec('manager.poll_interval', N, 'duration', 'Time between observation cycles of a manager loop.', {
        aliases: ['poll_interval'],
        default: '45s'
    }),
    spec('manager.max_cycles', N, 'integer', 'Observation cycles before the manager loop fails.', {
        aliases: ['max_cycles'],
        default: '1000'
    }),
    spec('manager.stop_condition', N, 'condition', 'Condition that ends the manager loop with success.', {
        aliases: ['stop_condition']
    }),
    spec('manager.actions', N, 'string', 'Comma-separated actions per cycle: `observe`, `steer`, `wait`.', {
        default: 'observe,wait'
    }),
    spec('stack.child_autostart', N, 'boolean', 'Start the child pipeline when the manager loop starts.', {
        default: 'true'
    }),
    spec('stack.child_dotfile', GN, 'string', 'Path of the child pipeline a manager loop (house) supervises.'),
    spec('stack.child_workdir', GN, 'string', 'Working directory of the supervised child run.', {
        default: 'cwd'
    }),
    peer('manager.stop_condition_key', N, 'string', 'Context key that ends the manager loop with success when it becomes truthy.', {
        aliases: ['stop_condition_key']
    }),
    peer('wait_ms', N, 'integer', 'Manager loop poll interval in milliseconds (older dialect of manager.poll_interval).'),
    tracker('steer_condition', N, 'condition', 'Condition under which the manager loop steers the child.'),
    tracker('steer_context', N, 'string', 'Comma-separated `k=v` pairs injected into the child as `steer.<k>` when steering.'),
    tracker('subgraph_ref', N, 'string', 'Child pipeline file run by a manager loop or subgraph node.'),
    tracker('subgraph_params', N, 'string', 'Comma-separated `k=v` parameters for the child pipeline.'),
    // ── Retry (spec §3.5-3.6, Tracker §3.4) ────────────────────────────────────────────────────────
    tracker('retry_policy', N, 'enum', 'Named backoff policy for retries of this node (§3.6 presets).', {
        values: RETRY_POLICIES,
        default: 'inherited'
    }),
    tracker('default_retry_policy', G, 'enum', 'Backoff policy for nodes that set no retry_policy.', {
        values: RETRY_POLICIES,
        default: 'none'
    }),
    tracker('base_delay', N, 'duration', 'First retry delay of this node, overriding its policy.'),
    tracker('default_base_delay', G, 'duration', 'First retry delay for nodes that set no base_delay.'),
    tracker('fallback_target', GN, 'node_ref', 'Node to route to when a node fails and none of its edges handles the failure.'),
    tracker('restart_target', G, 'node_ref', 'Node to restart from when a loop_restart edge is taken.'),
    tracker('max_restarts', G, 'integer', 'Loop restarts allowed in one run.', { default: '5' }),
    // ── Graph-wide limits and policy (Tracker §2.2) ────────────────────────────────────────────────
    tracker('max_total_tokens', G, 'integer', 'Token budget for the whole run.'),
    tracker('max_cost_cents', G, 'integer', 'Cost budget for the whole run, in US cents.'),
    tracker('max_wall_time', G, 'duration', 'Wall-clock budget for the whole run.'),
    tracker('tool_commands_allow', G, 'string', 'Comma-separated globs: tool commands must match one of them.'),
    tracker('tool_denylist_add', G, 'string', 'Comma-separated globs added to the tool command denylist.'),
    tracker('requires', G, 'string', 'Comma-separated preconditions checked before the run (e.g. `git`).'),
    peer('vars', G, 'string', 'Comma-separated pipeline variables, optionally with defaults (`name=value`), supplied with --param.'),
    // ── Codergen / agent session (Tracker §2.7) ────────────────────────────────────────────────────
    tracker('system_prompt', N, 'string', 'System prompt for the LLM session of this node.'),
    tracker('llm_fallbacks', GN, 'string', 'Comma-separated `provider:model` pairs tried in order when the provider fails.'),
    tracker('backend', GN, 'string', 'Agent backend that runs a codergen node (e.g. `native`, `claude-code`, `acp`).'),
    tracker('max_turns', GN, 'integer', 'Agent turns allowed per codergen stage.', { default: '80' }),
    tracker('command_timeout', GN, 'duration', 'Time limit for each shell command the agent runs.', {
        default: '10s'
    }),
    tracker('response_format', N, 'string', 'Response format requested from the model (e.g. `json_object`).'),
    tracker('response_schema', N, 'string', 'JSON schema the model response must follow.'),
    tracker('cache_tool_results', GN, 'boolean', 'Reuse results of identical read-only tool calls within a session.', {
        default: 'false'
    }),
    tracker('context_compaction', GN, 'enum', 'Compact the agent conversation when it nears the context window.', {
        values: ['auto', 'none']
    }),
    tracker('context_compaction_threshold', GN, 'float', 'Fraction of the context window (0 < t ≤ 1) at which compaction starts.', {
        default: '0.6'
    }),
    tracker('reflect_on_error', GN, 'boolean', 'Ask the agent to reflect after a failing tool call.'),
    tracker('verify_after_edit', GN, 'boolean', 'Run verify_command after the agent edits files.'),
    tracker('verify_command', GN, 'string', 'Command that checks the agent’s edits.'),
    tracker('max_verify_retries', GN, 'integer', 'Verification rounds before giving up.'),
    tracker('plan_before_execute', GN, 'boolean', 'Ask the agent for a plan before it acts.', {
        aliases: ['plan']
    }),
    tracker('max_cost_usd', GN, 'float', 'Cost limit of one codergen stage, in US dollars.'),
    tracker('no_progress_turns', GN, 'integer', 'Fail the stage after this many turns without a successful edit.'),
    tracker('turn_breach_policy', GN, 'enum', 'What to do when the turn limit is hit: verify then classify (`guard`) or `fail`.', {
        values: ['guard', 'fail']
    }),
    tracker('cost_exceeded_action', N, 'string', 'What to do when max_cost_usd is exceeded.'),
    tracker('memoize', N, 'boolean', 'Replay an earlier success of this node when its inputs are unchanged.', {
        default: 'false'
    }),
    tracker('injection_cap', N, 'integer', 'Bytes of previous node output injected into the prompt.', {
        default: '4096'
    }),
    tracker('last_response_truncate', N, 'integer', 'Bytes of the response kept in `last_response`.'),
    tracker('writable_paths', N, 'string', 'Comma-separated globs the agent may write to; everything else is read-only.'),
    tracker('commit_only', N, 'boolean', 'Let the agent only commit, not edit.'),
    tracker('tool_access', N, 'string', 'Tools available to the agent (`none` disables tools).'),
    tracker('allowed_tools', N, 'string', 'Comma-separated tools the agent may use (claude-code backend).'),
    tracker('disallowed_tools', N, 'string', 'Comma-separated tools the agent may not use (claude-code backend).'),
    tracker('mcp_servers', N, 'string', 'MCP servers for the agent (claude-code backend).'),
    tracker('permission_mode', N, 'string', 'Permission mode of the agent (claude-code backend).'),
    tracker('max_budget_usd', N, 'float', 'Budget passed to the claude-code backend, in US dollars.'),
    tracker('acp_agent', N, 'string', 'Agent started by the `acp` backend.'),
    peer('context_keys', N, 'string', 'Comma-separated context keys included in the prompt of this node.'),
    // ── Edge (spec §2.7, Appendix A) ─────────────────────────────────────────────────────────────────
    spec('label', E, 'string', 'Caption and routing key: matched against the preferred label of the outcome and offered as a human gate choice.', {
        default: '""'
    }),
    spec('condition', E, 'condition', 'Guard expression over the outcome and context (§10); the edge is taken only when it holds.', {
        default: '""'
    }),
    spec('weight', E, 'integer', 'Priority among eligible unconditional edges; higher wins.', {
        default: '0'
    }),
    spec('loop_restart', E, 'boolean', 'Taking this edge restarts the run with a fresh log directory.', {
        default: 'false'
    }),
    // ── Graphviz rendering (accepted, ignored) ───────────────────────────────────────────────────────
    visual('rankdir', G, 'enum', { values: ['TB', 'LR', 'BT', 'RL'] }),
    visual('splines', G),
    visual('nodesep', G, 'float'),
    visual('ranksep', G),
    visual('compound', G, 'boolean'),
    visual('concentrate', G, 'boolean'),
    visual('newrank', G, 'boolean'),
    visual('rank', G),
    visual('labeljust', G),
    visual('bgcolor', G),
    visual('pencolor', G),
    visual('pad', G),
    visual('size', G),
    visual('ratio', G),
    visual('dpi', G, 'float'),
    visual('center', G, 'boolean'),
    visual('outputorder', G),
    visual('charset', G),
    visual('layout', G),
    visual('forcelabels', G, 'boolean'),
    visual('clusterrank', G),
    visual('landscape', G, 'boolean'),
    visual('rotate', G, 'integer'),
    visual('nslimit', G, 'float'),
    visual('mclimit', G, 'float'),
    visual('searchsize', G, 'integer'),
    visual('remincross', G, 'boolean'),
    visual('quantum', G, 'float'),
    visual('layers', G),
    visual('fontpath', G),
    visual('imagepath', G),
    visual('ordering', GN),
    visual('margin', GN),
    visual('labelloc', GN),
    visual('color', ALL),
    visual('fillcolor', ALL),
    visual('style', ALL),
    visual('fontname', ALL),
    visual('fontsize', ALL, 'float'),
    visual('fontcolor', ALL),
    visual('penwidth', ALL, 'float'),
    visual('tooltip', ALL),
    visual('URL', ALL),
    visual('href', ALL),
    visual('target', ALL),
    visual('id', ALL),
    visual('comment', ALL),
    visual('layer', NE),
    visual('xlabel', NE),
    visual('width', N, 'float'),
    visual('height', N, 'float'),
    visual('fixedsize', N),
    visual('pos', NE),
    visual('peripheries', N, 'integer'),
    visual('sides', N, 'integer'),
    visual('skew', N, 'float'),
    visual('distortion', N, 'float'),
    visual('orientation', N),
    visual('regular', N, 'boolean'),
    visual('image', N),
    visual('imagescale', N),
    visual('group', N),
    visual('gradientangle', GN, 'integer'),
    visual('nojustify', N, 'boolean'),
    visual('sortv', GN, 'integer'),
    visual('arrowhead', E),
    visual('arrowtail', E),
    visual('arrowsize', E, 'float'),
    visual('dir', E, 'enum', { values: ['forward', 'back', 'both', 'none'] }),
    visual('headlabel', E),
    visual('taillabel', E),
    visual('labelfontsize', E, 'float'),
    visual('labelfontcolor', E),
    visual('labelfontname', E),
    visual('labelangle', E, 'float'),
    visual('labeldistance', E, 'float'),
    visual('labeltooltip', E),
    visual('edgetooltip', E),
    visual('headtooltip', E),
    visual('tailtooltip', E),
    visual('headURL', E),
    visual('tailURL', E),
    visual('constraint', E, 'boolean'),
    visual('minlen', E, 'integer'),
    visual('lhead', E),
    visual('ltail', E),
    visual('headport', E),
    visual('tailport', E),
    visual('headclip', E, 'boolean'),
    visual('tailclip', E, 'boolean'),
    visual('decorate', E, 'boolean'),
    visual('samehead', E),
    visual('sametail', E)
]);
let indexes;
function scopeIndexes() {
    if (indexes)
        return indexes;
    const built = {};
    for (const scope of ['graph', 'node', 'edge']) {
        const byKey = new Map();
        const candidates = [];
        for (const entry of ATTRIBUTE_SCHEMA) {
            if (!entry.scope.includes(scope))
                continue;
            for (const name of [entry.key, ...(entry.aliases ?? [])]) {
                if (byKey.has(name))
                    throw new Error(`attribute schema: '${name}' is listed twice for scope ${scope}`);
                byKey.set(name, entry);
                candidates.push({ name, lower: name.toLowerCase(), canonical: entry.key });
            }
        }
        built[scope] = { byKey, candidates };
    }
    const { graph, node, edge } = built;
    if (!graph || !node || !edge)
        throw new Error('attribute schema: missing scope index');
    indexes = { graph, node, edge };
    return indexes;
}
/** Validation looks up every attribute of every element several times: keep this a property read. */
function indexFor(scope) {
    return (indexes ?? scopeIndexes())[scope];
}
/** Canonical keys of the attributes of `type` in `scope` (e.g. the condition-typed node attributes). */
function attributeKeysOfType(scope, type) {
    return ATTRIBUTE_SCHEMA.filter((e) => e.scope.includes(scope) && e.type === type).map((e) => e.key);
}
/** Canonical keys of the attributes in `scope` that tracker does not implement (`unsupported`). */
function unsupportedAttributeKeys(scope) {
    return ATTRIBUTE_SCHEMA.filter((e) => e.scope.includes(scope) && e.unsupported !== undefined).map((e) => e.key);
}
/** The schema entry for `key` (canonical or alias) in `scope`, or undefined when the key is unknown there. */
function lookupAttribute(scope, key) {
    return indexFor(scope).byKey.get(key);
}
/** The canonical key for `key` in `scope`: aliases map to their canonical key; other keys are returned as is. */
function canonicalAttributeKey(scope, key) {
    return lookupAttribute(scope, key)?.key ?? key;
}
/** True when `key` is an alias (not the canonical name) of a known attribute in `scope`. */
function isAttributeAlias(scope, key) {
    const entry = lookupAttribute(scope, key);
    return entry !== undefined && entry.key !== key;
}
/** The scopes in which `key` (canonical or alias) is known; empty when it is known nowhere. */
function attributeScopes(key) {
    return ['graph', 'node', 'edge'].filter((scope) => lookupAttribute(scope, key) !== undefined);
}
/**
 * Did-you-mean for an unknown key: the canonical key of the closest known attribute in `scope` within edit
 * distance 2 (case-insensitive, singular and plural alike), else a known key that `key` is a prefix of (at least 3 characters) or a
 * `_`/`.`-separated suffix of. Returns undefined when `key` is already known or nothing is close.
 */
function suggestAttribute(scope, key) {
    const index = indexFor(scope);
    if (index.byKey.has(key))
        return undefined;
    const lower = key.toLowerCase();
    if (lower === '')
        return undefined;
    let best;
    let bestDistance = 3;
    const stem = singular(lower);
    for (const candidate of index.candidates) {
        const d = Math.min(boundedEditDistance(lower, candidate.lower, bestDistance - 1), boundedEditDistance(stem, singular(candidate.lower), bestDistance - 1));
        if (d < bestDistance) {
            bestDistance = d;
            best = candidate.canonical;
            if (d === 0)
                break;
        }
    }
    // Two edits in a four-letter word (`file` → `side`) is another word, not a typo.
    if (best !== undefined && 2 * bestDistance < lower.length)
        return best;
    if (lower.length >= 3) {
        for (const candidate of index.candidates) {
            if (candidate.lower.startsWith(lower))
                return candidate.canonical;
        }
    }
    for (const candidate of index.candidates) {
        if (candidate.lower.endsWith(`_${lower}`) || candidate.lower.endsWith(`.${lower}`)) {
            return candidate.canonical;
        }
    }
    return undefined;
}
/** `max_retries` → `max_retry`, `branches` → `branche`: so singular/plural slips count as close. */
function singular(word) {
    if (word.endsWith('ies'))
        return `${word.slice(0, -3)}y`;
    return word.endsWith('s') ? word.slice(0, -1) : word;
}

;// CONCATENATED MODULE: ./src/engine/fidelity.ts



function isFidelity(value) {
    return value !== undefined && FIDELITY_MODES.includes(value);
}
function resolveFidelity(graph, node, incoming) {
    for (const candidate of [
        incoming ? getString(incoming.attrs, 'fidelity') : undefined,
        getString(node.attrs, 'fidelity'),
        getString(graph.attrs, 'default_fidelity')
    ]) {
        if (isFidelity(candidate?.trim()))
            return candidate.trim();
    }
    return 'compact';
}
/** Per mode: the longest value kept (characters) and how many keys at most. */
const LIMITS = {
    compact: { chars: 500, keys: 200 },
    'summary:low': { chars: 200, keys: 20 },
    'summary:medium': { chars: 500, keys: 60 },
    'summary:high': { chars: 1000, keys: 200 }
};
const TRUNCATE_KEYS = ['graph.goal', 'current_node'];
function clip(text, max) {
    return text.length <= max ? text : `${text.slice(0, max - 15)}… [truncated]`;
}
/**
 * The part of the context a stage sees at a fidelity. `full` passes everything; `truncate` only the goal;
 * the others drop engine bookkeeping (`internal.*`) and clip long values.
 */
function projectContext(snapshot, mode) {
    if (mode === 'full')
        return { ...snapshot };
    if (mode === 'truncate') {
        const out = {};
        for (const key of TRUNCATE_KEYS)
            if (key in snapshot)
                out[key] = snapshot[key];
        return out;
    }
    const limit = LIMITS[mode];
    const out = {};
    let count = 0;
    for (const key of Object.keys(snapshot)) {
        if (key.startsWith('internal.') || key === 'parallel.results')
            continue;
        if (count++ >= limit.keys)
            break;
        const value = snapshot[key];
        out[key] =
            typeof value === 'number' || typeof value === 'boolean'
                ? value
                : clip(contextValueToString(value), limit.chars);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/handlers/codergen.ts
/**
 * The LLM stage (spec §4.5): builds the prompt, writes prompt.md, calls the backend, writes response.md.
 */




const LAST_RESPONSE_LIMIT = 200;
const STATUS_LINE = /^\s*STATUS:\s*(success|partial_success|fail|retry)\s*$/i;
/** `$goal` expansion (spec §4.5): plain replacement, single pass. */
function expandPromptVariables(prompt, goal) {
    return prompt.includes('$goal') ? prompt.split('$goal').join(goal) : prompt;
}
/** The last `STATUS: <status>` line outside ``` fences, for `auto_status` nodes. */
function findStatusLine(text) {
    let inFence = false;
    let found;
    for (const line of text.split('\n')) {
        if (line.trimStart().startsWith('```')) {
            inFence = !inFence;
            continue;
        }
        if (inFence)
            continue;
        const m = STATUS_LINE.exec(line);
        if (m?.[1])
            found = m[1].toLowerCase();
    }
    return found;
}
function isOutcome(value) {
    return 'status' in value && isStageStatus(value.status);
}
class CodergenHandler {
    backend;
    constructor(backend) {
        this.backend = backend;
    }
    async execute(input) {
        const { node, graph, runStore } = input;
        const raw = getString(node.attrs, 'prompt') || getString(node.attrs, 'label') || node.id;
        const prompt = expandPromptVariables(raw, getString(graph.attrs, 'goal') ?? '');
        await runStore.writeStageFile(node.id, 'prompt.md', prompt);
        const fidelity = resolveFidelity(graph, node, input.incomingEdge);
        const projected = projectContext(input.context.snapshot(), fidelity);
        await runStore.writeStageFile(node.id, 'context.json', JSON.stringify({ fidelity, context: projected }, null, 2) + '\n');
        let result;
        try {
            const model = getString(node.attrs, 'llm_model') ?? getString(graph.attrs, 'llm_model');
            const provider = getString(node.attrs, 'llm_provider') ?? getString(graph.attrs, 'llm_provider');
            const effort = getString(node.attrs, 'reasoning_effort') ?? getString(graph.attrs, 'reasoning_effort');
            result = await this.backend.run({
                node,
                prompt,
                context: input.context,
                fidelity,
                projectedContext: projected,
                ...(model ? { model } : {}),
                ...(provider ? { provider } : {}),
                ...(effort ? { reasoningEffort: effort } : {})
            }, input.signal);
        }
        catch (error) {
            const retryable = !(isTrackerError(error) && error.code === 'USAGE');
            return {
                status: 'fail',
                failureReason: `LLM call failed: ${errorMessage(error)}`,
                retryable
            };
        }
        if (isOutcome(result))
            return result;
        const text = result.text;
        await runStore.writeStageFile(node.id, 'response.md', text);
        const updates = {
            last_stage: node.id,
            last_response: text.length > LAST_RESPONSE_LIMIT ? text.slice(0, LAST_RESPONSE_LIMIT) : text
        };
        if (text.trim() === '') {
            return {
                status: 'fail',
                failureReason: 'the model returned an empty response',
                contextUpdates: updates
            };
        }
        if (getBoolean(node.attrs, 'auto_status') === true) {
            const declared = findStatusLine(text);
            if (declared && isStageStatus(declared)) {
                return {
                    status: declared,
                    notes: `auto_status: response declared STATUS: ${declared}`,
                    contextUpdates: updates
                };
            }
            return {
                status: 'success',
                autoStatus: true,
                notes: 'auto_status synthesized success: the response declared no STATUS line',
                contextUpdates: updates
            };
        }
        return { status: 'success', notes: `Stage completed: ${node.id}`, contextUpdates: updates };
    }
}

;// CONCATENATED MODULE: ./src/handlers/conditional.ts

/**
 * A routing point (spec §4.7). It passes the previous stage's outcome through, so its edge conditions
 * (`outcome=fail`, `preferred_label=…`) route on what happened before it — the reason a diamond exists.
 * Never retried: re-evaluating a pass-through cannot change anything.
 */
class ConditionalHandler {
    execute(input) {
        const previous = input.context.get('outcome');
        const status = isStageStatus(previous) ? previous : 'success';
        const preferred = input.context.getString('preferred_label');
        return Promise.resolve({
            status,
            retryable: false,
            notes: `Conditional node evaluated: ${input.node.id}`,
            ...(preferred ? { preferredLabel: preferred } : {}),
            ...(status === 'fail'
                ? { failureReason: 'previous stage failed and no condition on this node matched' }
                : {})
        });
    }
}

;// CONCATENATED MODULE: ./src/handlers/exit.ts
/** Pipeline exit point (spec §4.4): a no-op; the engine checks goal gates before it runs. */
class ExitHandler {
    execute() {
        return Promise.resolve({ status: 'success', notes: 'Pipeline completed' });
    }
}

;// CONCATENATED MODULE: ./src/graph/find-join-node.ts



function distancesFrom(graph, start, blocked, unconditionalOnly) {
    const dist = new Map([[start, 0]]);
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
        const id = queue[i];
        const d = dist.get(id) ?? 0;
        for (const e of outgoingEdges(graph, id)) {
            if (e.to === blocked || dist.has(e.to))
                continue;
            if (unconditionalOnly && (e.attrs.get('condition')?.value.trim() ?? '') !== '')
                continue;
            dist.set(e.to, d + 1);
            queue.push(e.to);
        }
    }
    return dist;
}
function findJoinNode(graph, parallelId, branchStarts) {
    const node = graph.nodes.get(parallelId);
    const explicit = node ? getString(node.attrs, 'parallel_join') : undefined;
    if (explicit && graph.nodes.has(explicit))
        return explicit;
    if (branchStarts.length === 0)
        return undefined;
    return (convergence(graph, parallelId, branchStarts, true) ??
        convergence(graph, parallelId, branchStarts, false));
}
function convergence(graph, parallelId, branchStarts, unconditionalOnly) {
    const starts = new Set(branchStarts);
    const maps = branchStarts.map((b) => distancesFrom(graph, b, parallelId, unconditionalOnly));
    let best;
    for (const [id, n] of graph.nodes) {
        if (id === parallelId || starts.has(id))
            continue;
        let cost = 0;
        let reachable = true;
        for (const m of maps) {
            const d = m.get(id);
            if (d === undefined) {
                reachable = false;
                break;
            }
            cost = Math.max(cost, d);
        }
        if (!reachable)
            continue;
        const fanIn = nodeHandlerType(n) === HandlerTypes.FanIn;
        if (best === undefined || cost < best.cost || (cost === best.cost && fanIn && !best.fanIn))
            best = { id, cost, fanIn };
    }
    return best?.id;
}

;// CONCATENATED MODULE: ./src/handlers/parallel.ts
/**
 * Parallel fan-out (spec §4.8). Each outgoing edge starts a branch that runs on an isolated copy of the
 * context until it reaches the join node (the fan-in, or else the first node where the branches converge);
 * then execution continues at the join node, so every branch node runs exactly once. Join policies:
 * wait_all, first_success, k_of_n, quorum. Error policies: continue, fail_fast, ignore.
 *
 * The context changes of the successful branches are merged here, in branch order (later branches win),
 * so the join node — a fan-in or any other node — sees them. `parallel.results` holds small per-branch
 * summaries (status, reason, a bounded list of changed keys), never the branches' values.
 */







const JOIN_POLICIES = (/* unused pure expression or super */ null && (['wait_all', 'first_success', 'k_of_n', 'quorum']));
const ERROR_POLICIES = (/* unused pure expression or super */ null && (['continue', 'fail_fast', 'ignore']));
const DEFAULT_MAX_PARALLEL = 4;
/** How many changed context keys a branch summary lists. */
const MAX_RESULT_KEYS = 32;
function isBranchFailure(status) {
    return status === 'fail' || status === 'retry';
}
function toBranchResult(id, r, timedOut) {
    const keys = Object.keys(r.contextUpdates);
    const score = r.contextUpdates['score'];
    const numeric = typeof score === 'number' ? score : Number(score);
    const status = timedOut ? 'fail' : r.cancelled ? 'cancelled' : r.outcome.status;
    const reason = timedOut ?? r.outcome.failureReason;
    return {
        id,
        status,
        ...(r.outcome.notes ? { notes: r.outcome.notes } : {}),
        ...(reason && status === 'fail' ? { failure_reason: reason } : {}),
        ...(r.lastNode ? { last_node: r.lastNode } : {}),
        completed_nodes: r.completedNodes,
        ...(score !== undefined && Number.isFinite(numeric) ? { score: numeric } : {}),
        context_keys: keys.slice(0, MAX_RESULT_KEYS),
        ...(keys.length > MAX_RESULT_KEYS ? { more_context_keys: keys.length - MAX_RESULT_KEYS } : {})
    };
}
/**
 * How many successes satisfy the join, for a policy and branch count. `quorum` is the fraction `q` of the
 * branches that must succeed: ceil(n·q), at least 1 and at most n.
 */
function requiredSuccesses(policy, total, k, quorum) {
    switch (policy) {
        case 'first_success':
            return Math.min(1, total);
        case 'k_of_n':
            return Math.min(total, Math.max(1, k ?? 1));
        case 'quorum':
            // The epsilon keeps a product that floating point puts just above a whole number (0.7·10) on it.
            return Math.min(total, Math.max(1, Math.ceil(total * (quorum ?? 0.5) - 1e-9)));
        default:
            return total;
    }
}
function list(label, ids) {
    return ids.length ? `; ${label}: ${ids.join(', ')}` : '';
}
class ParallelHandler {
    async execute(input) {
        const { node, graph } = input;
        const branches = [...new Set(outgoingEdges(graph, node.id).map((e) => e.to))];
        if (branches.length === 0)
            return {
                status: 'fail',
                failureReason: `Parallel node '${node.id}' has no outgoing edges (branches).`,
                retryable: false
            };
        const policy = getString(node.attrs, 'join_policy') ?? 'wait_all';
        const errorPolicy = getString(node.attrs, 'error_policy') ?? 'continue';
        const maxParallel = Math.max(1, getInteger(node.attrs, 'max_parallel') ?? DEFAULT_MAX_PARALLEL);
        const k = getInteger(node.attrs, 'join_k');
        const quorumText = getString(node.attrs, 'join_quorum');
        const quorum = quorumText === undefined ? undefined : Number(quorumText);
        const branchTimeout = getDurationMs(node.attrs, 'branch_timeout');
        const needed = requiredSuccesses(policy, branches.length, k, Number.isFinite(quorum) ? quorum : undefined);
        const join = findJoinNode(graph, node.id, branches);
        const exits = [...graph.nodes.values()]
            .filter((n) => nodeHandlerType(n) === HandlerTypes.Exit)
            .map((n) => n.id);
        const stopAt = new Set(join ? [join] : exits);
        input.emit({ type: 'parallel.started', nodeId: node.id, branches, maxParallel });
        const started = input.clock.now();
        const controllers = branches.map(() => new AbortController());
        const results = branches.map(() => undefined);
        const updatesByBranch = branches.map(() => undefined);
        let successes = 0;
        let failures = 0;
        let stopReason;
        const cancelRest = (reason) => {
            stopReason ??= reason;
            for (const c of controllers)
                if (!c.signal.aborted)
                    c.abort(new Error(reason));
        };
        const finish = (index, result, durationMs) => {
            results[index] = result;
            if (isSuccessful(result.status))
                successes++;
            else if (isBranchFailure(result.status))
                failures++;
            input.emit({
                type: 'parallel.branch_completed',
                nodeId: node.id,
                branchId: result.id,
                status: result.status,
                durationMs,
                ...(result.failure_reason ? { failureReason: result.failure_reason } : {}),
                ...(result.notes && !isBranchFailure(result.status) ? { notes: result.notes } : {}),
                ...(result.last_node ? { lastNode: result.last_node } : {})
            });
            if (policy !== 'wait_all' && successes >= needed)
                cancelRest(`join policy ${policy} satisfied`);
            if (errorPolicy === 'fail_fast' && isBranchFailure(result.status))
                cancelRest(`branch '${result.id}' failed (error_policy=fail_fast)`);
        };
        let next = 0;
        const worker = async () => {
            for (;;) {
                const index = next++;
                const start = branches[index];
                const controller = controllers[index];
                if (start === undefined || controller === undefined)
                    return;
                if (controller.signal.aborted) {
                    finish(index, {
                        id: start,
                        status: 'skipped',
                        notes: `not started: ${stopReason ?? 'the join was decided'}`,
                        completed_nodes: [],
                        context_keys: []
                    }, 0);
                    continue;
                }
                const branchStarted = input.clock.now();
                let timer;
                let timedOut;
                const timerStop = new AbortController();
                if (branchTimeout !== undefined) {
                    timer = input.clock.sleep(branchTimeout, timerStop.signal).then(() => {
                        timedOut = `branch timed out after ${branchTimeout} ms (branch_timeout)`;
                        controller.abort(branchTimeoutReason(timedOut));
                    }, () => undefined);
                }
                let result;
                try {
                    const r = await input.engine.runSubgraph({
                        start,
                        stopAt,
                        branch: `${node.id}/${start}`,
                        signal: controller.signal
                    });
                    result = toBranchResult(start, r, timedOut);
                    if (isSuccessful(r.outcome.status) && !r.cancelled && !timedOut)
                        updatesByBranch[index] = r.contextUpdates;
                }
                catch (error) {
                    if (input.signal.aborted)
                        throw error;
                    result = {
                        id: start,
                        status: 'fail',
                        failure_reason: errorMessage(error),
                        completed_nodes: [],
                        context_keys: []
                    };
                }
                finally {
                    timerStop.abort();
                    await timer;
                }
                finish(index, result, input.clock.now() - branchStarted);
            }
        };
        await Promise.all(Array.from({ length: Math.min(maxParallel, branches.length) }, () => worker()));
        input.engine.completeParallel(node.id);
        const finished = results.filter((r) => r !== undefined);
        const idsWith = (test) => finished.filter((r) => test(r.status)).map((r) => r.id);
        const failedIds = idsWith(isBranchFailure);
        const cancelledIds = idsWith((s) => s === 'cancelled');
        const notStartedIds = idsWith((s) => s === 'skipped');
        input.emit({
            type: 'parallel.completed',
            nodeId: node.id,
            successCount: successes,
            failureCount: failures,
            cancelledCount: cancelledIds.length + notStartedIds.length,
            durationMs: input.clock.now() - started
        });
        // Successful branches' context changes, in branch order (later branches win); then the summary keys.
        const updates = {};
        for (const u of updatesByBranch)
            if (u)
                Object.assign(updates, u);
        Object.assign(updates, {
            'parallel.results': finished,
            'parallel.branch_count': branches.length,
            'parallel.success_count': successes,
            'parallel.fail_count': failures,
            'parallel.cancelled_count': cancelledIds.length + notStartedIds.length
        });
        for (const r of finished)
            updates[`parallel.branch.${r.id}.status`] = r.status;
        const summary = `${successes}/${branches.length} branches succeeded` +
            list('failed', failedIds) +
            list('cancelled', cancelledIds) +
            list('not started', notStartedIds);
        const base = {
            contextUpdates: updates,
            ...(join ? { continueAt: join } : exits[0] ? { continueAt: exits[0] } : {}),
            retryable: false
        };
        let status;
        if (errorPolicy === 'fail_fast' && failedIds.length > 0)
            status = 'fail';
        else if (policy === 'wait_all')
            status =
                failedIds.length === 0
                    ? 'success'
                    : errorPolicy === 'ignore' && successes > 0
                        ? 'success'
                        : 'partial_success';
        else
            status = successes >= needed ? 'success' : 'fail';
        if (status === 'fail') {
            return {
                ...base,
                status,
                failureReason: `${summary}${stopReason ? ` (${stopReason})` : ''}; join policy ${policy} needs ${needed}`
            };
        }
        return { ...base, status, notes: summary };
    }
}

;// CONCATENATED MODULE: ./src/handlers/fan-in.ts


const RANK = {
    success: 0,
    partial_success: 1,
    retry: 2,
    fail: 3,
    cancelled: 4,
    skipped: 5
};
function isBranchResult(value) {
    return (typeof value === 'object' &&
        value !== null &&
        typeof value.id === 'string' &&
        typeof value.status === 'string' &&
        value.status in RANK);
}
function scoreOf(r) {
    const s = r.score ?? r.context_updates?.['score'];
    return typeof s === 'number' ? s : Number(s) || 0;
}
function selectBest(results) {
    return [...results].sort((a, b) => RANK[a.status] - RANK[b.status] || scoreOf(b) - scoreOf(a) || a.id.localeCompare(b.id))[0];
}
function fan_in_list(label, ids) {
    return ids.length ? `; ${label}: ${ids.join(', ')}` : '';
}
class FanInHandler {
    execute(input) {
        const raw = input.context.get('parallel.results');
        const results = Array.isArray(raw) ? raw.filter(isBranchResult) : [];
        if (results.length === 0) {
            return Promise.resolve({
                status: 'fail',
                failureReason: 'No parallel results to evaluate: no parallel node ran before this fan-in.',
                retryable: false
            });
        }
        const best = selectBest(results);
        // Results written before the parallel node merged the branches carry their changes: merge those here.
        const legacy = {};
        for (const r of results)
            if (r.context_updates && isSuccessful(r.status))
                Object.assign(legacy, r.context_updates);
        const ids = (test) => results.filter(test).map((r) => r.id);
        const failed = ids((r) => isBranchFailure(r.status));
        const cancelled = ids((r) => r.status === 'cancelled' || r.status === 'skipped');
        const succeeded = ids((r) => r.status === 'success' || r.status === 'partial_success');
        const updates = {
            ...legacy,
            'parallel.fan_in.best_id': best?.id ?? '',
            'parallel.fan_in.best_outcome': best?.status ?? ''
        };
        if (succeeded.length === 0) {
            return Promise.resolve({
                status: 'fail',
                failureReason: failed.length === results.length
                    ? `all ${results.length} branches failed: ${failed.join(', ')}`
                    : `no branch succeeded (${results.length} branches)${fan_in_list('failed', failed)}${fan_in_list('cancelled or not started', cancelled)}`,
                contextUpdates: updates,
                retryable: false
            });
        }
        const notes = `Selected best candidate: ${best?.id ?? ''}${fan_in_list('failed branches', failed)}${fan_in_list('cancelled or not started', cancelled)}`;
        return Promise.resolve({
            status: failed.length ? 'partial_success' : 'success',
            notes,
            contextUpdates: updates,
            retryable: false
        });
    }
}

;// CONCATENATED MODULE: ./src/handlers/manager-loop.ts
/**
 * Supervisor loop (spec §4.11, shape=house): optionally starts a child pipeline (`stack.child_dotfile`),
 * then for up to `manager.max_cycles` cycles observes the child, checks the stop conditions and waits
 * `manager.poll_interval`. Ends SUCCESS when the child succeeds or a stop condition holds, FAIL when the
 * child fails or the cycles run out.
 */




const DEFAULT_POLL_MS = 45_000;
const DEFAULT_MAX_CYCLES = 1000;
function isTruthy(value) {
    const text = contextValueToString(value).trim().toLowerCase();
    return text !== '' && text !== 'false' && text !== '0';
}
/** A context view with the observation keys laid over the run context. */
function overlay(base, extra) {
    return {
        get: (key) => (extra.has(key) ? extra.get(key) : base.get(key)),
        getString: (key, fallback = '') => {
            const v = extra.has(key) ? extra.get(key) : base.get(key);
            return v === undefined ? fallback : contextValueToString(v);
        },
        has: (key) => extra.has(key) || base.has(key),
        keys: () => new Set([...base.keys(), ...extra.keys()]).values(),
        snapshot: () => ({ ...base.snapshot(), ...Object.fromEntries(extra) })
    };
}
class ManagerLoopHandler {
    children;
    constructor(children) {
        this.children = children;
    }
    async execute(input) {
        const { node, graph } = input;
        const pollMs = getDurationMs(node.attrs, 'manager.poll_interval') ??
            getInteger(node.attrs, 'wait_ms') ??
            DEFAULT_POLL_MS;
        const maxCycles = Math.max(1, getInteger(node.attrs, 'manager.max_cycles') ?? DEFAULT_MAX_CYCLES);
        const stopCondition = getString(node.attrs, 'manager.stop_condition')?.trim() ?? '';
        const stopKey = (getString(node.attrs, 'manager.stop_condition_key') ??
            getString(node.attrs, 'stop_condition_key'))?.trim() ?? '';
        const actions = new Set((getString(node.attrs, 'manager.actions') ?? 'observe,wait')
            .split(',')
            .map((a) => a.trim())
            .filter(Boolean));
        const dotfile = getString(node.attrs, 'stack.child_dotfile') ?? getString(graph.attrs, 'stack.child_dotfile');
        const autostart = (getBoolean(node.attrs, 'stack.child_autostart') ??
            getBoolean(graph.attrs, 'stack.child_autostart')) !== false;
        let child;
        if (dotfile && autostart) {
            if (!this.children) {
                return {
                    status: 'fail',
                    retryable: false,
                    failureReason: `Manager '${node.id}' needs to start child pipeline '${dotfile}', but no child runner is configured.`
                };
            }
            try {
                const workdir = getString(graph.attrs, 'stack.child_workdir');
                child = await this.children.start({
                    dotfile,
                    parentNodeId: node.id,
                    context: input.context.snapshot(),
                    signal: input.signal,
                    ...(workdir ? { workdir } : {})
                });
            }
            catch (error) {
                return {
                    status: 'fail',
                    retryable: false,
                    failureReason: `Could not start child pipeline '${dotfile}': ${errorMessage(error)}`
                };
            }
        }
        const observed = new Map();
        const updates = (cycle) => ({
            ...Object.fromEntries(observed),
            'stack.manager_loop.cycle_count': cycle,
            'stack.manager_loop.max_cycles': maxCycles
        });
        try {
            for (let cycle = 1; cycle <= maxCycles; cycle++) {
                if (input.signal.aborted)
                    return { status: 'fail', failureReason: 'stopped' };
                if (child && actions.has('observe')) {
                    const o = child.observe();
                    observed.set('stack.child.status', o.status);
                    observed.set('stack.child.completed_nodes', o.completedNodes);
                    if (o.currentNode)
                        observed.set('stack.child.current_node', o.currentNode);
                    if (o.outcome)
                        observed.set('stack.child.outcome', o.outcome);
                    if (o.status === 'completed' && o.outcome === 'success') {
                        return {
                            status: 'success',
                            notes: `Child pipeline completed after ${cycle} cycle(s)`,
                            contextUpdates: updates(cycle)
                        };
                    }
                    if (o.status === 'failed' || o.status === 'completed') {
                        return {
                            status: 'fail',
                            failureReason: `Child pipeline failed: ${o.failureReason ?? o.outcome ?? 'unknown reason'}`,
                            contextUpdates: updates(cycle)
                        };
                    }
                }
                const view = overlay(input.context, observed);
                if (stopKey && isTruthy(view.get(stopKey))) {
                    return {
                        status: 'success',
                        notes: `Stop key '${stopKey}' is set (cycle ${cycle})`,
                        contextUpdates: updates(cycle)
                    };
                }
                if (stopCondition && conditionHolds(stopCondition, { status: 'success' }, view)) {
                    return {
                        status: 'success',
                        notes: `Stop condition satisfied: ${stopCondition} (cycle ${cycle})`,
                        contextUpdates: updates(cycle)
                    };
                }
                if (cycle < maxCycles && actions.has('wait'))
                    await input.clock.sleep(pollMs, input.signal).catch(() => undefined);
            }
        }
        finally {
            if (child && child.observe().status === 'running')
                await child.cancel();
        }
        const waitingFor = [
            stopKey && `context key '${stopKey}'`,
            stopCondition && `condition '${stopCondition}'`,
            child && 'the child pipeline'
        ]
            .filter(Boolean)
            .join(' or ');
        return {
            status: 'fail',
            failureReason: `Manager loop '${node.id}' exceeded max_cycles=${maxCycles} waiting for ${waitingFor || 'a stop condition (none is configured)'}.`,
            contextUpdates: updates(maxCycles)
        };
    }
}

;// CONCATENATED MODULE: ./src/handlers/registry.ts


class HandlerRegistry {
    #handlers = new Map();
    #defaultType = HandlerTypes.Codergen;
    /** Registers (or replaces) the handler for a type string. */
    register(type, handler) {
        if (type.trim() === '')
            throw new TypeError('Handler type must be a non-empty string');
        this.#handlers.set(type, handler);
        return this;
    }
    has(type) {
        return this.#handlers.has(type);
    }
    get(type) {
        return this.#handlers.get(type);
    }
    types() {
        return [...this.#handlers.keys()];
    }
    setDefaultType(type) {
        this.#defaultType = type;
        return this;
    }
    /** The type a node resolves to, or undefined when nothing (not even the default) is registered. */
    resolveType(node) {
        const explicit = node.attrs.get('type')?.value.trim();
        if (explicit && this.#handlers.has(explicit))
            return explicit;
        if (explicit)
            return undefined;
        const byShape = shapeToHandlerType(nodeShape(node));
        if (byShape && this.#handlers.has(byShape))
            return byShape;
        return this.#handlers.has(this.#defaultType) ? this.#defaultType : undefined;
    }
    resolve(node) {
        const type = this.resolveType(node);
        return type === undefined ? undefined : this.#handlers.get(type);
    }
}

;// CONCATENATED MODULE: ./src/handlers/simulated-backend.ts
/**
 * The backend used by `--simulate` and when no LLM is configured (spec §4.5 "simulation mode"):
 * answers deterministically without any network.
 */
class SimulatedBackend {
    run(request) {
        return Promise.resolve({
            text: `[Simulated] Response for stage: ${request.node.id}`,
            model: 'simulated',
            provider: 'simulated'
        });
    }
}

;// CONCATENATED MODULE: ./src/handlers/start.ts
/** Pipeline entry point (spec §4.3): a no-op. */
class StartHandler {
    execute() {
        return Promise.resolve({ status: 'success' });
    }
}

;// CONCATENATED MODULE: ./src/handlers/tool.ts
/**
 * The tool stage (spec §4.10, parallelogram): runs `tool_command` with `sh -c` through the ProcessRunner
 * port. See docs/tool-nodes.md for the user-facing contract.
 *
 * Security: the command text is run exactly as written in the DOT file. Nothing from the context, the goal or
 * LLM output is ever spliced into it; those reach the command only as environment variables and files
 * (`TRACKER_CONTEXT_FILE`, `TRACKER_GOAL`, …). Secrets in the inherited environment are stripped by default.
 */






const DEFAULT_OUTPUT_LIMIT = 64 * 1024;
/** `output_limit` values above this are clamped (each stream's tail is held in memory). */
const MAX_OUTPUT_LIMIT = 10 * 1024 * 1024;
/** How much of a truncated stream a `stage.output` event carries. */
const OUTPUT_EVENT_CHARS = 2000;
const HOOK_TAIL_BYTES = 4096;
const REASON_LINE_CHARS = 300;
const UTF8 = new TextEncoder();
/** Files the handler writes in the node's stage directory. */
const ToolFiles = {
    Stdout: 'stdout.log',
    Stderr: 'stderr.log',
    Output: 'tool_output.txt',
    Context: 'tool_context.json',
    Prompt: 'prompt.txt',
    Status: 'status.json'
};
const BYTE_SIZE = /^(\d+)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i;
const UNIT_BYTES = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
/** `65536`, `64KB`, `64KiB`, `1MB`, `256k` → bytes (K/M/G are powers of 1024). undefined when unparseable. */
function parseByteSize(text) {
    const m = BYTE_SIZE.exec(text.trim());
    if (!m?.[1])
        return undefined;
    const unit = UNIT_BYTES[(m[2] ?? 'b').charAt(0).toLowerCase()] ?? 1;
    const n = Number(m[1]) * unit;
    return Number.isSafeInteger(n) ? n : undefined;
}
const SECRET_NAME = /(?:^|_)(?:API_?KEY|TOKEN|SECRET|SECRET_KEY|SECRET_ACCESS_KEY|ACCESS_KEY|PASSWORD|PASSWD|PASSPHRASE|PRIVATE_KEY|SIGNING_KEY|ENCRYPTION_KEY|PAT|CREDENTIALS?)$/i;
const SECRET_EXACT = new Set([
    'GITHUB_TOKEN',
    'ACTIONS_RUNTIME_TOKEN',
    'ACTIONS_ID_TOKEN_REQUEST_TOKEN'
]);
/**
 * Environment names stripped from tool commands by default (case-insensitive): names ending in `_API_KEY`,
 * `_APIKEY`, `_TOKEN`, `_SECRET`, `_SECRET_KEY`, `_SECRET_ACCESS_KEY`, `_ACCESS_KEY`, `_PASSWORD`, `_PASSWD`,
 * `_PASSPHRASE`, `_PRIVATE_KEY`, `_SIGNING_KEY`, `_ENCRYPTION_KEY`, `_PAT`, `_CREDENTIAL(S)` (or exactly
 * one of those words), and the GitHub Actions tokens.
 */
function isSecretEnvName(name) {
    return SECRET_EXACT.has(name.toUpperCase()) || SECRET_NAME.test(name);
}
function globToRegExp(glob) {
    const body = glob
        .split('*')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*');
    return new RegExp(`^${body}$`, 'i');
}
/** Parses `allow_env="NAME1,AWS_*"` into matchers (exact names or `*` globs, case-insensitive). */
function parseAllowEnv(text) {
    if (text === undefined)
        return [];
    return text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .map(globToRegExp);
}
/** The inherited environment minus secrets (unless allowed or `TRACKER_PASS_ENV=1`). */
function inheritedToolEnv(baseEnv, allow) {
    const passAll = ['1', 'true'].includes((baseEnv['TRACKER_PASS_ENV'] ?? '').trim().toLowerCase());
    const env = Object.create(null);
    for (const [name, value] of Object.entries(baseEnv)) {
        if (value === undefined)
            continue;
        if (!passAll && isSecretEnvName(name) && !allow.some((re) => re.test(name)))
            continue;
        env[name] = value;
    }
    return env;
}
/** `1500` → `1.5s`, `60000` → `1m`, `250` → `250ms`. */
function tool_formatDurationMs(ms) {
    if (ms < 1000)
        return `${ms}ms`;
    if (ms % 60_000 === 0)
        return `${ms / 60_000}m`;
    return `${Number((ms / 1000).toFixed(3))}s`;
}
function lastLine(text) {
    const lines = text.trimEnd().split('\n');
    const line = (lines[lines.length - 1] ?? '').trim();
    return line.length > REASON_LINE_CHARS ? line.slice(0, REASON_LINE_CHARS) + '…' : line;
}
/** A tail for the context: right-trimmed, with a marker line when earlier output was dropped. */
function contextText(tail, file) {
    const text = tail.text.trimEnd();
    if (!tail.truncated)
        return text;
    const dropped = tail.totalBytes - UTF8.encode(tail.text).length;
    return `[... ${dropped} earlier bytes truncated; full output in ${file} ...]\n${text}`;
}
/** An attribute of the node, else of the graph. */
function nodeOrGraph(nodeAttrs, graphAttrs, key) {
    const own = getString(nodeAttrs, key);
    if (own !== undefined && own.trim() !== '')
        return own;
    const inherited = getString(graphAttrs, key);
    return inherited !== undefined && inherited.trim() !== '' ? inherited : undefined;
}
class ToolHandler {
    filesWrittenFirst = [ToolFiles.Context];
    #runner;
    #workdir;
    #baseEnv;
    /**
     * The inherited environment by `allow_env` text, filtered once: reading `process.env` and testing
     * every name against the secret patterns cost 0.1 ms per tool node (a third of the engine's own
     * work for a trivial command). The base environment is therefore read when the first tool node
     * starts, not again for every node.
     */
    #inherited = new Map();
    #baseSnapshot;
    constructor(options) {
        this.#runner = options.runner;
        this.#workdir = options.workdir;
        this.#baseEnv = options.baseEnv;
    }
    /** Reads and checks the node's attributes; every problem is a terminal FAIL the user fixes in the DOT file. */
    #settings(input) {
        const { node } = input;
        const command = getString(node.attrs, 'tool_command') ?? '';
        if (command.trim() === '') {
            return {
                ok: false,
                reason: `No tool_command specified for tool node '${node.id}'. Add tool_command="...".`
            };
        }
        let tailBytes = DEFAULT_OUTPUT_LIMIT;
        let clamped = false;
        const limitText = getString(node.attrs, 'output_limit');
        if (limitText !== undefined) {
            const parsed = parseByteSize(limitText);
            if (parsed === undefined || parsed <= 0) {
                return {
                    ok: false,
                    reason: `Tool node '${node.id}' has output_limit="${limitText}", which is not a byte size. Use a positive size like output_limit="65536", "64KB" or "1MB".`
                };
            }
            clamped = parsed > MAX_OUTPUT_LIMIT;
            tailBytes = Math.min(parsed, MAX_OUTPUT_LIMIT);
        }
        const timeoutText = getString(node.attrs, 'timeout');
        let timeoutMs;
        if (timeoutText !== undefined && timeoutText.trim() !== '') {
            const parsed = parseDurationLenient(timeoutText)?.ms;
            if (parsed === undefined || parsed <= 0) {
                return {
                    ok: false,
                    reason: `Tool node '${node.id}' has timeout="${timeoutText}", which is not a positive duration. Use a value like timeout="30s" or "5m".`
                };
            }
            timeoutMs = parsed;
        }
        let cwd = this.#workdir;
        const workingDir = getString(node.attrs, 'working_dir');
        if (workingDir !== undefined && workingDir.trim() !== '') {
            const rel = (0,external_node_path_namespaceObject.normalize)(workingDir.trim()).replace(/(.)\/+$/, '$1');
            if ((0,external_node_path_namespaceObject.isAbsolute)(rel)) {
                return {
                    ok: false,
                    reason: `Tool node '${node.id}' has working_dir="${workingDir}", an absolute path. Use a path relative to the workdir (${this.#workdir}).`
                };
            }
            if (rel === '..' || rel.startsWith('../')) {
                return {
                    ok: false,
                    reason: `Tool node '${node.id}' has working_dir="${workingDir}", which leaves the workdir (${this.#workdir}). Use a path inside it.`
                };
            }
            cwd = (0,external_node_path_namespaceObject.join)(this.#workdir, rel);
        }
        return {
            ok: true,
            command,
            cwd,
            tailBytes,
            clamped,
            ...(timeoutMs === undefined ? {} : { timeoutMs, timeoutText: timeoutText?.trim() ?? '' })
        };
    }
    /** A fresh copy of the inherited environment for a node with `allow_env` = `allowText`. */
    #inheritedEnv(allowText) {
        const key = allowText ?? '';
        let inherited = this.#inherited.get(key);
        if (inherited === undefined) {
            this.#baseSnapshot ??= { ...this.#baseEnv };
            inherited = inheritedToolEnv(this.#baseSnapshot, parseAllowEnv(allowText));
            this.#inherited.set(key, inherited);
        }
        return Object.assign(Object.create(null), inherited);
    }
    async execute(input) {
        const { node, graph, runStore, context } = input;
        const settings = this.#settings(input);
        if (!settings.ok)
            return { status: 'fail', failureReason: settings.reason, retryable: false };
        if (input.signal.aborted)
            return stopped();
        const stageDir = await runStore.ensureStageDir(node.id);
        // A stage directory made moments ago for this node's first run holds nothing stale.
        const fresh = (await runStore.claimFreshStage?.(node.id)) ?? false;
        const staleStatusRemoved = fresh
            ? Promise.resolve()
            : runStore.removeStageFile(node.id, ToolFiles.Status);
        const stageFile = (name) => (0,external_node_path_namespaceObject.join)(stageDir, name);
        const goal = getString(graph.attrs, 'goal') ?? '';
        let contextJson;
        try {
            contextJson = JSON.stringify(context.snapshot(), null, 2) + '\n';
        }
        catch (error) {
            contextJson =
                JSON.stringify({ error: `context could not be serialised: ${errorMessage(error)}` }) + '\n';
        }
        const prepared = [
            staleStatusRemoved,
            runStore.writeStageFile(node.id, ToolFiles.Context, contextJson)
        ];
        const env = this.#inheritedEnv(getString(node.attrs, 'allow_env'));
        Object.assign(env, {
            TRACKER_RUN_ID: input.runId,
            TRACKER_RUN_DIR: runStore.runDir,
            TRACKER_NODE_ID: node.id,
            TRACKER_STAGE_DIR: stageDir,
            TRACKER_WORKDIR: this.#workdir,
            TRACKER_CONTEXT_FILE: stageFile(ToolFiles.Context),
            TRACKER_OUTCOME: contextValueToString(context.get('outcome')),
            TRACKER_PREFERRED_LABEL: contextValueToString(context.get('preferred_label')),
            TRACKER_GOAL: goal,
            ATTRACTOR_LOGS_ROOT: runStore.runDir,
            ATTRACTOR_STAGE_DIR: stageDir,
            ATTRACTOR_NODE_ID: node.id
        });
        delete env['ATTRACTOR_PROMPT_FILE'];
        const prompt = getString(node.attrs, 'prompt');
        if (prompt !== undefined) {
            prepared.push(runStore.writeStageFile(node.id, ToolFiles.Prompt, expandPromptVariables(prompt, goal)));
            env['ATTRACTOR_PROMPT_FILE'] = stageFile(ToolFiles.Prompt);
        }
        await Promise.all(prepared);
        const notes = [];
        if (settings.clamped)
            notes.push(`output_limit clamped to ${MAX_OUTPUT_LIMIT} bytes`);
        const timeout = settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs };
        const hookMeta = { tool_name: 'shell', node_id: node.id, command: settings.command };
        const preHook = nodeOrGraph(node.attrs, graph.attrs, 'tool_hooks.pre');
        if (preHook !== undefined) {
            const pre = await this.#runner.run({
                command: preHook,
                cwd: settings.cwd,
                env: { ...env, TOOL_NAME: 'shell', NODE_ID: node.id },
                tailBytes: HOOK_TAIL_BYTES,
                stdin: JSON.stringify(hookMeta) + '\n',
                ...timeout
            }, input.signal);
            if (pre.aborted || input.signal.aborted)
                return stopped();
            if (pre.exitCode !== 0) {
                const why = describeHookFailure(pre);
                const detail = lastLine(pre.stderr.text);
                return {
                    status: 'fail',
                    failureReason: `pre-hook ${why}; command skipped`,
                    notes: `tool_hooks.pre ${why}${detail ? `: ${detail}` : ''}; tool_command was not run`,
                    retryable: false
                };
            }
        }
        const result = await this.#runner.run({
            command: settings.command,
            cwd: settings.cwd,
            env,
            tailBytes: settings.tailBytes,
            stdoutFile: stageFile(ToolFiles.Stdout),
            stderrFile: stageFile(ToolFiles.Stderr),
            outputFilesFresh: fresh,
            ...timeout
        }, input.signal);
        if (result.aborted || input.signal.aborted)
            return stopped();
        if (result.outputError !== undefined)
            notes.push(result.outputError);
        // Nothing reads tool_output.txt back during the run: write it in the background.
        await runStore.writeStageFile(node.id, ToolFiles.Output, result.stdout.text, {
            background: true
        });
        const streams = [
            ['stdout', result.stdout],
            ['stderr', result.stderr]
        ];
        for (const [stream, tail] of streams) {
            if (!tail.truncated)
                continue;
            input.emit({
                type: 'stage.output',
                nodeId: node.id,
                stream,
                tail: tail.text.length > OUTPUT_EVENT_CHARS ? tail.text.slice(-OUTPUT_EVENT_CHARS) : tail.text,
                truncated: true,
                totalBytes: tail.totalBytes
            });
        }
        const updates = {
            tool_stdout: contextText(result.stdout, stageFile(ToolFiles.Stdout)),
            tool_stderr: contextText(result.stderr, stageFile(ToolFiles.Stderr)),
            'tool.output': result.stdout.text.trimEnd(),
            'tool.exit_code': result.exitCode
        };
        const postHook = nodeOrGraph(node.attrs, graph.attrs, 'tool_hooks.post');
        if (postHook !== undefined && result.spawnError === undefined) {
            const exitText = result.exitCode === null ? '' : String(result.exitCode);
            const post = await this.#runner.run({
                command: postHook,
                cwd: settings.cwd,
                env: {
                    ...env,
                    TOOL_NAME: 'shell',
                    NODE_ID: node.id,
                    EXIT_CODE: exitText,
                    ...(result.signal === null ? {} : { EXIT_SIGNAL: result.signal })
                },
                tailBytes: HOOK_TAIL_BYTES,
                stdin: JSON.stringify({
                    ...hookMeta,
                    exit_code: result.exitCode,
                    signal: result.signal,
                    timed_out: result.timedOut
                }) + '\n',
                ...timeout
            }, input.signal);
            if (post.aborted || input.signal.aborted)
                return stopped();
            if (post.exitCode !== 0) {
                const detail = lastLine(post.stderr.text);
                notes.push(`tool_hooks.post ${describeHookFailure(post)}${detail ? `: ${detail}` : ''}`);
            }
        }
        const outcome = await this.#decide(input, settings, result, updates, stageFile(ToolFiles.Status));
        if (notes.length === 0)
            return outcome;
        return {
            ...outcome,
            notes: [outcome.notes, ...notes].filter((n) => n !== undefined && n !== '').join('; ')
        };
    }
    async #decide(input, settings, result, updates, statusPath) {
        const { node } = input;
        if (result.spawnError !== undefined) {
            return {
                status: 'fail',
                failureReason: `could not start the tool command: ${result.spawnError}`,
                retryable: false,
                contextUpdates: updates
            };
        }
        if (result.timedOut) {
            const limit = settings.timeoutMs ?? 0;
            return {
                status: 'fail',
                failureReason: `timed out after ${tool_formatDurationMs(limit)} (timeout=${settings.timeoutText ?? tool_formatDurationMs(limit)}); the process group was killed`,
                contextUpdates: updates
            };
        }
        const exitText = result.exitCode === null ? `signal ${result.signal ?? 'unknown'}` : `exit ${result.exitCode}`;
        const statusText = await input.runStore.readStageFile(node.id, ToolFiles.Status);
        if (statusText !== undefined) {
            let parsed;
            try {
                parsed = JSON.parse(statusText);
            }
            catch (error) {
                return {
                    status: 'fail',
                    failureReason: `Tool node '${node.id}' wrote ${statusPath}, which is not valid JSON (${errorMessage(error)}). Write an object like {"outcome":"success"}.`,
                    retryable: false,
                    contextUpdates: updates
                };
            }
            const declared = outcomeFromStatusJson(parsed);
            if (typeof declared === 'string') {
                return {
                    status: 'fail',
                    failureReason: `Tool node '${node.id}' wrote an invalid ${statusPath}: ${declared}.`,
                    retryable: false,
                    contextUpdates: updates
                };
            }
            const merged = { ...declared.contextUpdates, ...updates };
            return {
                ...declared,
                contextUpdates: merged,
                notes: declared.notes ?? `status.json declared ${declared.status} (tool ${exitText})`
            };
        }
        if (getBoolean(node.attrs, 'auto_status') === true) {
            return {
                status: 'success',
                autoStatus: true,
                notes: `auto_status synthesized success: the tool wrote no status.json (tool ${exitText})`,
                contextUpdates: updates
            };
        }
        if (result.exitCode === 0)
            return { status: 'success', notes: 'Tool completed: exit 0', contextUpdates: updates };
        if (result.exitCode === null) {
            return {
                status: 'fail',
                failureReason: `killed by signal ${result.signal ?? 'unknown'}`,
                contextUpdates: updates
            };
        }
        const detail = lastLine(result.stderr.text);
        return {
            status: 'fail',
            failureReason: `exit code ${result.exitCode}${detail ? `: ${detail}` : ''}`,
            contextUpdates: updates
        };
    }
}
function stopped() {
    return {
        status: 'fail',
        failureReason: 'stopped: the run was cancelled; the process group was killed',
        retryable: false
    };
}
function describeHookFailure(result) {
    if (result.spawnError !== undefined)
        return `could not start (${result.spawnError})`;
    if (result.timedOut)
        return 'timed out';
    if (result.exitCode === null)
        return `was killed by signal ${result.signal ?? 'unknown'}`;
    return `exited ${result.exitCode}`;
}

;// CONCATENATED MODULE: ./src/interviewers/accelerator-key.ts
/**
 * Accelerator keys of human-gate choices (spec §4.6): `[K] Label`, `K) Label`, `K - Label`, else the
 * label's first character, upper-cased. Shared by the wait.human handler (which derives the keys) and the
 * interviewers (which show them and match typed answers against them). The prefixes stripped here are the ones
 * edge selection strips when it matches a preferred label (`normalizeLabel` in engine/select-edge.ts).
 */
const BRACKETED = /^\s*\[([^\]\s]{1,3})\]\s*(.*)$/s;
const PAREN = /^\s*([A-Za-z0-9])\)\s+(.*)$/s;
const DASH = /^\s*([A-Za-z0-9])\s+-\s+(.*)$/s;
const PATTERNS = [BRACKETED, PAREN, DASH];
function splitAccelerator(label) {
    for (const pattern of PATTERNS) {
        const m = pattern.exec(label);
        if (m?.[1] !== undefined)
            return { key: m[1].toUpperCase(), rest: (m[2] ?? '').trim() };
    }
    return undefined;
}
/** The accelerator key of a choice label: `[Y] Yes` → `Y`, `y) yes` → `Y`, `Deploy` → `D`, `` → ``. */
function parseAcceleratorKey(label) {
    const split = splitAccelerator(label);
    if (split)
        return split.key;
    const first = label.trim().charAt(0);
    return first.toUpperCase();
}
/** The label without its accelerator prefix: `[A] Approve` → `Approve`. Labels without one are unchanged. */
function stripAcceleratorKey(label) {
    const split = splitAccelerator(label);
    return split && split.rest !== '' ? split.rest : label.trim();
}
/**
 * The form labels are compared in: accelerator prefix removed, whitespace collapsed, lower case. `[A] Approve`,
 * `A) approve` and `  APPROVE ` all normalise to `approve`.
 */
function normaliseChoiceLabel(label) {
    return stripAcceleratorKey(label).replace(/\s+/g, ' ').toLowerCase();
}

;// CONCATENATED MODULE: ./src/interviewers/format-timeout.ts
/**
 * A wait time in the DOT duration syntax (`5m`, `1h30m`, `1s500ms`), so messages show a gate's timeout
 * the way it is written in the pipeline. `parseDuration(formatTimeout(ms)) === ms` for whole milliseconds.
 */
const UNITS = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1]
];
function formatTimeout(ms) {
    let rest = Math.max(0, Math.round(ms));
    if (rest === 0)
        return '0s';
    let out = '';
    for (const [unit, size] of UNITS) {
        const amount = Math.floor(rest / size);
        if (amount > 0) {
            out += `${amount}${unit}`;
            rest -= amount * size;
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./src/ports/interviewer.ts
const AnswerValues = {
    Yes: 'yes',
    No: 'no',
    Skipped: 'skipped',
    Timeout: 'timeout'
};

;// CONCATENATED MODULE: ./src/handlers/wait-human.ts
/**
 * The human gate (spec §4.6, Tracker's `mode`s): asks the interviewer and routes on the answer.
 *
 * - `mode=choice` (default): the outgoing edges are the choices, in declaration order, labelled by the edge
 *   `label` (else the target id) with accelerator keys per §4.6. The answer selects an edge
 *   (`suggestedNextIds` + `preferredLabel`).
 * - `mode=freeform`: free text in `human_response`; text equal to an edge label (or target id) selects that
 *   edge, and a gate with a single edge follows it.
 * - `mode=yes_no`: yes → success, no → fail (not retried); route with `condition="outcome=fail"`.
 *
 * `timeout` is how long to wait. On timeout the gate takes `human.default_choice` (an edge label or target
 * id; for yes_no `yes`/`no`; for freeform the default text), or fails — never retried — when there is none
 * or `timeout_action=fail`. The question and answer are written to the stage directory (question.json,
 * prompt.md, answer.json, response.md) and announced as `gate.waiting` / `gate.answered` events.
 */







const GateModes = ['choice', 'freeform', 'yes_no'];
const QUESTION_TYPE = {
    choice: 'multiple_choice',
    freeform: 'freeform',
    yes_no: 'yes_no'
};
const FALLBACK_TEXT = {
    choice: 'Select an option:',
    freeform: 'Enter a response:',
    yes_no: 'Proceed?'
};
const YES_WORDS = new Set(['y', 'yes']);
const NO_WORDS = new Set(['n', 'no']);
/** The choices of a gate: its outgoing edges in declaration order (spec §4.6). */
function gateChoices(edges) {
    return edges.map((edge) => {
        const written = edge.attrs.get('label')?.value.trim() ?? '';
        const label = written === '' ? edge.to : written;
        return { key: parseAcceleratorKey(label), label, to: edge.to };
    });
}
/** The choice an edge label or target id names: exact target id first, then the normalised label. */
function findChoiceByName(choices, name) {
    const trimmed = name.trim();
    if (trimmed === '')
        return undefined;
    const normalised = normaliseChoiceLabel(trimmed);
    return (choices.find((c) => c.to === trimmed) ??
        choices.find((c) => normaliseChoiceLabel(c.label) === normalised));
}
/** The choice an interviewer's answer selects: its option, its value as a key, label or target id, or its text. */
function findAnsweredChoice(choices, answer) {
    const option = answer.selectedOption;
    if (option) {
        const hit = choices.find((c) => c.key === option.key && c.label === option.label) ??
            choices.find((c) => c.label === option.label);
        if (hit)
            return hit;
    }
    const value = answer.value.trim();
    const byKey = choices.filter((c) => c.key.toLowerCase() === value.toLowerCase());
    if (byKey.length === 1)
        return byKey[0];
    return (findChoiceByName(choices, value) ??
        (answer.text === undefined ? undefined : findChoiceByName(choices, answer.text)));
}
/** Whether the answer is one of the special values (no option chosen, no text given). */
function isSpecial(answer, value) {
    return answer.value === value && answer.text === undefined && answer.selectedOption === undefined;
}
function parseMode(raw) {
    const mode = (raw ?? '').trim().toLowerCase();
    if (mode === '')
        return 'choice';
    return GateModes.includes(mode) ? mode : undefined;
}
function questionText(input, mode) {
    const goal = getString(input.graph.attrs, 'goal') ?? '';
    const parts = [getString(input.node.attrs, 'label'), getString(input.node.attrs, 'prompt')]
        .map((part) => (part === undefined ? '' : expandPromptVariables(part, goal).trim()))
        .filter((part) => part !== '');
    return parts.length > 0 ? parts.join('\n\n') : FALLBACK_TEXT[mode];
}
/** `[A] Approve`, however the label spells its accelerator. */
function displayChoice(choice) {
    return `[${choice.key}] ${stripAcceleratorKey(choice.label)}`;
}
function toOption(choice) {
    return { key: choice.key, label: choice.label };
}
class WaitHumanHandler {
    #interviewer;
    constructor(interviewer) {
        this.#interviewer = interviewer;
    }
    async execute(input) {
        const { node } = input;
        const edges = outgoingEdges(input.graph, node.id);
        if (edges.length === 0) {
            return {
                status: 'fail',
                retryable: false,
                failureReason: `human gate '${node.id}' has no outgoing edges, so it has no choices to offer. Add one edge per answer, e.g. ${node.id} -> next [label="[A] Approve"].`
            };
        }
        const rawMode = getString(node.attrs, 'mode');
        const mode = parseMode(rawMode);
        if (mode === undefined) {
            return {
                status: 'fail',
                retryable: false,
                failureReason: `human gate '${node.id}' has mode='${rawMode ?? ''}', which tracker does not support; use mode=choice, mode=freeform or mode=yes_no.`
            };
        }
        const choices = gateChoices(edges);
        const defaultName = (getString(node.attrs, 'human.default_choice') ?? getString(node.attrs, 'default_choice'))?.trim() || undefined;
        const defaultAnswer = defaultName === undefined ? undefined : resolveDefault(mode, choices, defaultName);
        if (defaultName !== undefined && defaultAnswer === undefined) {
            return {
                status: 'fail',
                retryable: false,
                failureReason: unmatchedDefault(node.id, mode, choices, defaultName)
            };
        }
        const timeout = getDurationMs(node.attrs, 'timeout');
        const gate = {
            id: node.id,
            mode,
            choices,
            timeoutMs: timeout !== undefined && timeout > 0 ? timeout : undefined,
            timeoutAction: getString(node.attrs, 'timeout_action')?.trim().toLowerCase() === 'fail'
                ? 'fail'
                : 'default',
            defaultName,
            defaultAnswer
        };
        const question = buildQuestion(input, gate);
        return this.#ask(input, gate, question);
    }
    async #ask(input, gate, question) {
        const { clock, runStore } = input;
        const branch = input.branch === undefined ? {} : { branch: input.branch };
        const askedAt = clock.now();
        await runStore.writeStageFile(gate.id, 'question.json', json(questionRecord(question, gate, askedAt, input.attempt)));
        await runStore.writeStageFile(gate.id, 'prompt.md', promptMarkdown(question, gate));
        input.emit({
            type: 'gate.waiting',
            nodeId: gate.id,
            ...branch,
            question: question.text,
            options: gateOptionLabels(gate),
            ...(question.timeoutMs === undefined ? {} : { timeoutMs: question.timeoutMs })
        });
        let answer;
        try {
            answer = await this.#interviewer.ask(question, input.signal);
        }
        catch (error) {
            if (input.signal.aborted)
                throw error;
            return {
                status: 'fail',
                failureReason: `human gate '${gate.id}' could not ask its question: ${errorMessage(error)}`
            };
        }
        const answeredAt = clock.now();
        const timedOut = answer.defaulted === 'timeout' || isSpecial(answer, AnswerValues.Timeout);
        const decision = decide(gate, answer);
        const response = describeDecision(decision);
        input.emit({
            type: 'gate.answered',
            nodeId: gate.id,
            ...branch,
            answer: response,
            ...(answer.actor === undefined ? {} : { actor: answer.actor }),
            timedOut,
            durationMs: answeredAt - askedAt
        });
        await runStore.writeStageFile(gate.id, 'answer.json', json(answerRecord(answer, decision, timedOut, answeredAt, answeredAt - askedAt)));
        await runStore.writeStageFile(gate.id, 'response.md', `${response}\n`);
        return toOutcome(gate, decision, answer);
    }
}
function resolveDefault(mode, choices, name) {
    switch (mode) {
        case 'choice': {
            // Tracker's dialect names the default by its accelerator key (default_choice="S" for "[S] Skip").
            const byKey = choices.filter((c) => c.key !== '' && c.key.toLowerCase() === name.toLowerCase());
            const choice = findChoiceByName(choices, name) ?? (byKey.length === 1 ? byKey[0] : undefined);
            return choice ? { value: choice.key, selectedOption: toOption(choice) } : undefined;
        }
        case 'yes_no': {
            const word = name.toLowerCase();
            if (YES_WORDS.has(word))
                return { value: AnswerValues.Yes };
            if (NO_WORDS.has(word))
                return { value: AnswerValues.No };
            return undefined;
        }
        case 'freeform':
            return { value: name, text: name };
    }
}
function unmatchedDefault(id, mode, choices, name) {
    if (mode === 'yes_no') {
        return `human gate '${id}' has human.default_choice='${name}', but a yes_no gate's default must be yes or no.`;
    }
    const labels = choices.map((c) => `'${c.label}'`).join(', ');
    const targets = choices.map((c) => `'${c.to}'`).join(', ');
    return `human gate '${id}' has human.default_choice='${name}', which matches none of its outgoing edges; use an edge label (${labels}) or a target node id (${targets}).`;
}
function buildQuestion(input, gate) {
    return {
        text: questionText(input, gate.mode),
        type: QUESTION_TYPE[gate.mode],
        options: gate.mode === 'choice' ? gate.choices.map(toOption) : [],
        ...(gate.defaultAnswer === undefined ? {} : { default: gate.defaultAnswer }),
        ...(gate.timeoutMs === undefined ? {} : { timeoutMs: gate.timeoutMs }),
        stage: gate.id,
        metadata: {
            runId: input.runId,
            mode: gate.mode,
            attempt: input.attempt,
            choices: gate.choices.map((c) => ({ key: c.key, label: c.label, to: c.to })),
            ...(input.branch === undefined ? {} : { branch: input.branch })
        }
    };
}
function timeoutFailure(gate) {
    const after = gate.timeoutMs === undefined ? '' : ` after ${formatTimeout(gate.timeoutMs)}`;
    if (gate.timeoutAction === 'fail')
        return `human gate '${gate.id}' timed out${after} (timeout_action=fail)`;
    return `human gate '${gate.id}' timed out${after} and has no human.default_choice; set human.default_choice to an edge label or target node id to continue without an answer`;
}
function decide(gate, answer) {
    const timedOut = answer.defaulted === 'timeout' || isSpecial(answer, AnswerValues.Timeout);
    if (timedOut && gate.timeoutAction === 'fail')
        return { kind: 'fail', reason: timeoutFailure(gate), response: 'timed out' };
    let given = answer;
    if (isSpecial(answer, AnswerValues.Timeout)) {
        if (gate.defaultAnswer === undefined)
            return { kind: 'fail', reason: timeoutFailure(gate), response: 'timed out' };
        given = gate.defaultAnswer;
    }
    if (isSpecial(given, AnswerValues.Skipped)) {
        return {
            kind: 'fail',
            reason: `human gate '${gate.id}' got no answer (the question was skipped)`,
            response: 'skipped'
        };
    }
    switch (gate.mode) {
        case 'choice': {
            const choice = findAnsweredChoice(gate.choices, given);
            if (choice)
                return { kind: 'choice', choice };
            const offered = gate.choices.map(displayChoice).join(', ');
            return {
                kind: 'fail',
                reason: `human gate '${gate.id}' got the answer '${given.text ?? given.value}', which matches none of its choices (${offered})`,
                response: given.text ?? given.value
            };
        }
        case 'freeform':
            return { kind: 'text', text: given.text ?? given.value };
        case 'yes_no': {
            const word = (given.text ?? given.value).trim().toLowerCase();
            if (YES_WORDS.has(word))
                return { kind: 'yes_no', yes: true };
            if (NO_WORDS.has(word))
                return { kind: 'yes_no', yes: false };
            return {
                kind: 'fail',
                reason: `human gate '${gate.id}' asked yes or no and got '${given.text ?? given.value}'`,
                response: given.text ?? given.value
            };
        }
    }
}
function describeDecision(decision) {
    switch (decision.kind) {
        case 'choice':
            return decision.choice.label;
        case 'text':
            return decision.text;
        case 'yes_no':
            return decision.yes ? AnswerValues.Yes : AnswerValues.No;
        case 'fail':
            return decision.response;
    }
}
function toOutcome(gate, decision, answer) {
    const actor = answer.actor === undefined ? {} : { 'human.gate.actor': answer.actor };
    switch (decision.kind) {
        case 'fail':
            return { status: 'fail', retryable: false, failureReason: decision.reason };
        case 'choice': {
            const { choice } = decision;
            return {
                status: 'success',
                preferredLabel: choice.label,
                suggestedNextIds: [choice.to],
                notes: `human gate '${gate.id}': ${choice.label}`,
                contextUpdates: {
                    'human.gate.selected': choice.key,
                    'human.gate.label': choice.label,
                    human_response: choice.label,
                    ...actor
                }
            };
        }
        case 'text': {
            const matched = findChoiceByName(gate.choices, decision.text);
            const only = gate.choices.length === 1 ? gate.choices[0] : undefined;
            return {
                status: 'success',
                notes: `human gate '${gate.id}' answered in free text`,
                ...(matched ? { preferredLabel: matched.label, suggestedNextIds: [matched.to] } : {}),
                ...(!matched && only ? { suggestedNextIds: [only.to] } : {}),
                contextUpdates: {
                    human_response: decision.text,
                    ...(matched
                        ? { 'human.gate.selected': matched.key, 'human.gate.label': matched.label }
                        : {}),
                    ...actor
                }
            };
        }
        case 'yes_no': {
            const word = decision.yes ? AnswerValues.Yes : AnswerValues.No;
            const edge = gate.choices.find((c) => normaliseChoiceLabel(c.label) === word);
            const updates = {
                'human.gate.selected': decision.yes ? 'Y' : 'N',
                'human.gate.label': decision.yes ? 'Yes' : 'No',
                human_response: word,
                ...actor
            };
            const preferred = edge ? { preferredLabel: edge.label } : {};
            return decision.yes
                ? {
                    status: 'success',
                    notes: `human gate '${gate.id}': yes`,
                    ...preferred,
                    contextUpdates: updates
                }
                : {
                    status: 'fail',
                    retryable: false,
                    failureReason: `human answered no at gate '${gate.id}'`,
                    ...preferred,
                    contextUpdates: updates
                };
        }
    }
}
function gateOptionLabels(gate) {
    switch (gate.mode) {
        case 'choice':
            return gate.choices.map((c) => c.label);
        case 'yes_no':
            return ['Yes', 'No'];
        case 'freeform':
            return [];
    }
}
function json(value) {
    return `${JSON.stringify(value, null, 2)}\n`;
}
function iso(ms) {
    return new Date(ms).toISOString();
}
function questionRecord(question, gate, askedAt, attempt) {
    return {
        stage: question.stage,
        mode: gate.mode,
        type: question.type,
        text: question.text,
        choices: gate.choices.map((c) => ({ key: c.key, label: c.label, to: c.to })),
        ...(gate.defaultName === undefined ? {} : { default_choice: gate.defaultName }),
        ...(gate.timeoutMs === undefined
            ? {}
            : { timeout_ms: gate.timeoutMs, timeout_action: gate.timeoutAction }),
        attempt,
        asked_at: iso(askedAt)
    };
}
function answerRecord(answer, decision, timedOut, answeredAt, durationMs) {
    return {
        value: answer.value,
        ...(answer.text === undefined ? {} : { text: answer.text }),
        ...(answer.selectedOption === undefined ? {} : { selected_option: answer.selectedOption }),
        ...(answer.actor === undefined ? {} : { actor: answer.actor }),
        ...(answer.defaulted === undefined ? {} : { defaulted: answer.defaulted }),
        timed_out: timedOut,
        response: describeDecision(decision),
        ...(decision.kind === 'choice'
            ? {
                selected: {
                    key: decision.choice.key,
                    label: decision.choice.label,
                    to: decision.choice.to
                }
            }
            : {}),
        ...(decision.kind === 'fail' ? { failure_reason: decision.reason } : {}),
        answered_at: iso(answeredAt),
        duration_ms: durationMs
    };
}
function promptMarkdown(question, gate) {
    const lines = [question.text];
    if (gate.mode === 'choice') {
        lines.push('');
        for (const c of gate.choices)
            lines.push(`- ${displayChoice(c)} → ${c.to}`);
    }
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./src/handlers/builtin-registry.ts
/**
 * The registry with every built-in handler (spec §2.8 types), wired to the given ports.
 * Composition roots call this, then may `register` custom handlers on the result.
 */












function createBuiltinRegistry(deps) {
    const registry = new HandlerRegistry();
    registry
        .register(HandlerTypes.Start, new StartHandler())
        .register(HandlerTypes.Exit, new ExitHandler())
        .register(HandlerTypes.Conditional, new ConditionalHandler())
        .register(HandlerTypes.Codergen, new CodergenHandler(deps.backend ?? new SimulatedBackend()))
        .register(HandlerTypes.WaitHuman, new WaitHumanHandler(deps.interviewer))
        .register(HandlerTypes.Parallel, new ParallelHandler())
        .register(HandlerTypes.FanIn, new FanInHandler())
        .register(HandlerTypes.Tool, new ToolHandler({ runner: deps.processRunner, workdir: deps.workdir, baseEnv: deps.env }))
        .register(HandlerTypes.ManagerLoop, new ManagerLoopHandler(deps.childRunner))
        .setDefaultType(HandlerTypes.Codergen);
    return registry;
}

;// CONCATENATED MODULE: ./src/interviewers/auto-approve.ts

const AUTO_APPROVE_ACTOR = 'auto-approve';
const AUTO_APPROVED_TEXT = 'auto-approved';
class AutoApproveInterviewer {
    #preferDefault;
    #actor;
    constructor(options = {}) {
        this.#preferDefault = options.preferDefault ?? false;
        this.#actor = options.actor ?? AUTO_APPROVE_ACTOR;
    }
    ask(question, signal) {
        if (signal?.aborted)
            return Promise.reject(signal.reason);
        if (this.#preferDefault && question.default) {
            return Promise.resolve({ ...question.default, actor: this.#actor });
        }
        return Promise.resolve(this.#answer(question));
    }
    #answer(question) {
        const actor = this.#actor;
        switch (question.type) {
            case 'yes_no':
            case 'confirmation':
                return { value: AnswerValues.Yes, actor };
            case 'multiple_choice': {
                const first = question.options[0];
                return first
                    ? { value: first.key, selectedOption: first, actor }
                    : { value: AUTO_APPROVED_TEXT, text: AUTO_APPROVED_TEXT, actor };
            }
            case 'freeform':
                return { value: AUTO_APPROVED_TEXT, text: AUTO_APPROVED_TEXT, actor };
        }
    }
}

;// CONCATENATED MODULE: external "node:string_decoder"
const external_node_string_decoder_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:string_decoder");
;// CONCATENATED MODULE: ./src/interviewers/line-reader.ts
/**
 * Reads one line at a time from a stream without losing input between reads: lines that arrive in one
 * chunk are kept for the next read, and the stream is paused (its listeners removed) while nobody is
 * reading, so it neither loses data nor keeps the process alive.
 */

class LineReader {
    #input;
    #decoder = new external_node_string_decoder_namespaceObject.StringDecoder('utf8');
    #lines = [];
    #partial = '';
    #closed = false;
    #error;
    constructor(input) {
        this.#input = input;
    }
    /** The next line (without its `\n` or `\r\n`), or `closed` once the input has ended. Rejects on abort. */
    read(signal) {
        if (signal?.aborted)
            return Promise.reject(signal.reason);
        const ready = this.#take();
        if (ready)
            return Promise.resolve(ready);
        const input = this.#input;
        return new Promise((resolve, reject) => {
            const cleanup = () => {
                input.removeListener('data', onData);
                input.removeListener('end', onEnd);
                input.removeListener('close', onEnd);
                input.removeListener('error', onError);
                signal?.removeEventListener('abort', onAbort);
                input.pause();
            };
            const settle = () => {
                const result = this.#take();
                if (!result)
                    return;
                cleanup();
                resolve(result);
            };
            const onData = (chunk) => {
                this.#push(typeof chunk === 'string' ? chunk : this.#decoder.write(chunk));
                settle();
            };
            const onEnd = () => {
                this.#finish();
                settle();
            };
            const onError = (error) => {
                this.#error = error;
                this.#finish();
                settle();
            };
            const onAbort = () => {
                cleanup();
                reject(signal?.reason);
            };
            input.on('data', onData);
            input.once('end', onEnd);
            input.once('close', onEnd);
            input.once('error', onError);
            signal?.addEventListener('abort', onAbort, { once: true });
            input.resume();
        });
    }
    #inputEnded() {
        if (this.#closed)
            return true;
        const state = this.#input;
        return state.readableEnded === true || state.destroyed === true;
    }
    #take() {
        const line = this.#lines.shift();
        if (line !== undefined)
            return { line };
        if (!this.#inputEnded())
            return undefined;
        this.#finish();
        if (this.#partial !== '') {
            const last = this.#partial;
            this.#partial = '';
            return { line: last.endsWith('\r') ? last.slice(0, -1) : last };
        }
        return this.#error === undefined ? { closed: true } : { closed: true, error: this.#error };
    }
    #push(text) {
        const parts = (this.#partial + text).split('\n');
        this.#partial = parts.pop() ?? '';
        for (const part of parts)
            this.#lines.push(part.endsWith('\r') ? part.slice(0, -1) : part);
    }
    #finish() {
        if (this.#closed)
            return;
        this.#closed = true;
        this.#push(this.#decoder.end());
    }
}

;// CONCATENATED MODULE: ./src/interviewers/console.ts





const CONSOLE_ACTOR = 'console';
const DEFAULT_MAX_INVALID = 10;
/** Shows an option as `[A] Approve`, however its label spells the accelerator. */
function formatOption(option) {
    return `[${option.key}] ${stripAcceleratorKey(option.label)}`;
}
function describeAnswer(answer) {
    if (answer.selectedOption)
        return formatOption(answer.selectedOption);
    return answer.text ?? answer.value;
}
function isYesNo(question) {
    return question.type === 'yes_no' || question.type === 'confirmation';
}
function isChoice(question) {
    return question.type === 'multiple_choice' && question.options.length > 0;
}
function renderQuestion(question) {
    const lines = [`[?] ${question.text}`];
    if (isChoice(question)) {
        question.options.forEach((option, i) => lines.push(`  ${i + 1}. ${formatOption(option)}`));
    }
    const notes = [];
    if (question.default)
        notes.push(`default: ${describeAnswer(question.default)}`);
    if (question.timeoutMs !== undefined && question.timeoutMs > 0) {
        notes.push(`waits ${formatTimeout(question.timeoutMs)}`);
    }
    if (notes.length > 0)
        lines.push(`  (${notes.join('; ')})`);
    return `${lines.join('\n')}\n`;
}
function renderPrompt(question) {
    if (isChoice(question)) {
        const keys = question.options.map((o) => o.key).join('/');
        const count = question.options.length;
        return `Select ${keys} or 1${count > 1 ? `-${count}` : ''}: `;
    }
    if (isYesNo(question)) {
        const value = question.default?.value.toLowerCase();
        if (value === AnswerValues.Yes)
            return '[Y/n]: ';
        if (value === AnswerValues.No)
            return '[y/N]: ';
        return '[y/n]: ';
    }
    return '> ';
}
function interpretChoice(question, text) {
    const options = question.options;
    const bare = (/^\[(.+)\]$/.exec(text)?.[1] ?? text).trim();
    const lower = bare.toLowerCase();
    const byKey = options.filter((o) => o.key.toLowerCase() === lower);
    const [onlyKey] = byKey;
    if (byKey.length === 1 && onlyKey)
        return { answer: { value: onlyKey.key, selectedOption: onlyKey } };
    if (/^\d+$/.test(bare)) {
        const option = options[Number(bare) - 1];
        if (option)
            return { answer: { value: option.key, selectedOption: option } };
        if (byKey.length === 0) {
            return { error: `There is no option ${bare}; choose a number from 1 to ${options.length}.` };
        }
    }
    const normalised = normaliseChoiceLabel(bare);
    const byLabel = options.filter((o) => normaliseChoiceLabel(o.label) === normalised || o.label.trim().toLowerCase() === lower);
    const [onlyLabel] = byLabel;
    if (byLabel.length === 1 && onlyLabel) {
        return { answer: { value: onlyLabel.key, selectedOption: onlyLabel } };
    }
    const ambiguous = byKey.length > 1 ? byKey : byLabel;
    if (ambiguous.length > 1) {
        return {
            error: `'${text}' matches more than one option (${ambiguous.map(formatOption).join(', ')}); type the option's number instead.`
        };
    }
    const keys = options.map((o) => o.key).join(', ');
    return {
        error: `'${text}' is not one of the options. Type a key (${keys}), a number (1-${options.length}) or the option's label.`
    };
}
function interpret(question, line) {
    const text = line.trim();
    if (text === '') {
        if (question.default)
            return { answer: question.default };
        if (isChoice(question))
            return { error: 'Please choose an option: type its key, number or label.' };
        if (isYesNo(question))
            return { error: 'Please answer y or n.' };
        return { error: 'Please type a response; an empty line is not an answer.' };
    }
    if (isChoice(question))
        return interpretChoice(question, text);
    if (isYesNo(question)) {
        const lower = text.toLowerCase();
        if (lower === 'y' || lower === 'yes')
            return { answer: { value: AnswerValues.Yes } };
        if (lower === 'n' || lower === 'no')
            return { answer: { value: AnswerValues.No } };
        return { error: `'${text}' is not yes or no; type y or n.` };
    }
    return { answer: { value: text, text } };
}
const TIMED_OUT = Symbol('timed out');
class ConsoleInterviewer {
    #reader;
    #output;
    #clock;
    #actor;
    #inputName;
    #maxInvalid;
    #echo;
    /** The previous ask; questions are asked one at a time. */
    #turn = Promise.resolve();
    constructor(options) {
        this.#reader = new LineReader(options.input);
        this.#output = options.output;
        this.#clock = options.clock;
        this.#actor = options.actor ?? CONSOLE_ACTOR;
        this.#inputName = options.inputName ?? 'stdin';
        this.#maxInvalid = Math.max(1, options.maxInvalidAnswers ?? DEFAULT_MAX_INVALID);
        this.#echo = options.echo ?? options.input.isTTY !== true;
    }
    ask(question, signal) {
        const run = this.#turn.then(() => this.#ask(question, signal));
        this.#turn = run.catch(() => undefined);
        return run;
    }
    inform(message, stage) {
        this.#write(`[i] ${stage}: ${message}\n`);
    }
    async #ask(question, signal) {
        signal?.throwIfAborted();
        this.#write(renderQuestion(question));
        const controller = new AbortController();
        const forwardAbort = () => controller.abort(signal?.reason);
        signal?.addEventListener('abort', forwardAbort, { once: true });
        try {
            const conversation = this.#converse(question, controller.signal);
            const timeoutMs = question.timeoutMs;
            if (timeoutMs === undefined || timeoutMs <= 0)
                return await conversation;
            const timer = this.#clock
                .sleep(timeoutMs, controller.signal)
                .then(() => TIMED_OUT);
            const winner = await Promise.race([conversation, timer]);
            return winner === TIMED_OUT ? this.#timedOut(question, timeoutMs) : winner;
        }
        finally {
            signal?.removeEventListener('abort', forwardAbort);
            // Stops whichever of the read and the timer is still pending; both are already settled or handled.
            controller.abort();
        }
    }
    async #converse(question, signal) {
        for (let invalid = 0;;) {
            this.#write(renderPrompt(question));
            const result = await this.#reader.read(signal);
            if ('closed' in result)
                return this.#closed(question, result.error);
            if (this.#echo)
                this.#write(`${result.line}\n`);
            const interpretation = interpret(question, result.line);
            if ('answer' in interpretation)
                return { ...interpretation.answer, actor: this.#actor };
            invalid += 1;
            if (invalid >= this.#maxInvalid) {
                this.#write(`${interpretation.error}\nToo many invalid answers (${invalid}); skipping gate '${question.stage}'.\n`);
                return { value: AnswerValues.Skipped };
            }
            this.#write(`${interpretation.error}\n`);
        }
    }
    #timedOut(question, timeoutMs) {
        const waited = formatTimeout(timeoutMs);
        if (question.default) {
            this.#write(`\nNo answer after ${waited}; gate '${question.stage}' takes its default: ${describeAnswer(question.default)}\n`);
            return { ...question.default, defaulted: 'timeout' };
        }
        this.#write(`\nNo answer after ${waited} for gate '${question.stage}'.\n`);
        return { value: AnswerValues.Timeout };
    }
    #closed(question, error) {
        const why = error === undefined
            ? `${this.#inputName} closed`
            : `${this.#inputName} failed (${errorMessage(error)})`;
        if (question.default) {
            this.#write(`\n${why}; gate '${question.stage}' takes its default: ${describeAnswer(question.default)}\n`);
            return { ...question.default, defaulted: 'closed' };
        }
        this.#write(`\n${why}; no answer for gate '${question.stage}'.\n`);
        return { value: AnswerValues.Skipped };
    }
    #write(text) {
        this.#output.write(text);
    }
}

;// CONCATENATED MODULE: ./src/dot/dot-syntax-error.ts
/**
 * The one error `parseDot` throws. It carries every independent problem the parser found (after error
 * recovery), each with file:line:col, the offending token, a source excerpt and a hint on how to fix it.
 */

/** Excerpts show at most this many characters of a line (minified input can have one huge line). */
const EXCERPT_WIDTH = 120;
/**
 * The line holding `offset` and a caret under it, with a line-number gutter:
 * ```
 *   3 |   a [label="x"
 *     |     ^
 * ```
 */
function sourceExcerpt(source, location) {
    const offset = Math.max(0, Math.min(location.offset, source.length));
    // Look for the line's ends only nearby: a minified file can be one 10 MB line.
    const floor = Math.max(0, offset - 4 * EXCERPT_WIDTH);
    const ceiling = Math.min(source.length, offset + 4 * EXCERPT_WIDTH);
    let lineStart = offset;
    while (lineStart > floor && source.charCodeAt(lineStart - 1) !== 10)
        lineStart -= 1;
    let lineEnd = offset;
    while (lineEnd < ceiling && source.charCodeAt(lineEnd) !== 10)
        lineEnd += 1;
    const cutBefore = lineStart > 0 && source.charCodeAt(lineStart - 1) !== 10;
    const cutAfter = lineEnd < source.length && source.charCodeAt(lineEnd) !== 10;
    if (!cutAfter && lineEnd > lineStart && source.charCodeAt(lineEnd - 1) === 13)
        lineEnd -= 1;
    let prefix = cutBefore ? '…' : '';
    let suffix = cutAfter ? '…' : '';
    if (lineEnd - lineStart > EXCERPT_WIDTH) {
        const from = Math.max(lineStart, Math.min(offset - EXCERPT_WIDTH / 2, lineEnd - EXCERPT_WIDTH));
        const to = Math.min(lineEnd, from + EXCERPT_WIDTH);
        if (from > lineStart)
            prefix = '…';
        if (to < lineEnd)
            suffix = '…';
        lineStart = from;
        lineEnd = to;
    }
    const text = source.slice(lineStart, lineEnd);
    const caretAt = Math.min(offset, lineEnd) - lineStart;
    let pad = prefix === '' ? '' : ' ';
    for (let i = 0; i < caretAt; i += 1)
        pad += text.charCodeAt(i) === 9 ? '\t' : ' ';
    const gutter = String(location.line);
    const blank = ' '.repeat(gutter.length);
    return `  ${gutter} | ${prefix}${text}${suffix}\n  ${blank} | ${pad}^`;
}
/** The diagnostic rule id for an issue's code (`dot_syntax`, `dot_limit`). */
function issueRule(code) {
    switch (code) {
        case 'DOT_SYNTAX':
            return 'dot_syntax';
        case 'DOT_LIMIT':
            return 'dot_limit';
    }
}
/** Renders one issue as `file:line:col: error[dot_syntax]: message`, the excerpt and the hint. */
function formatDotIssue(issue) {
    const { file, line, column } = issue.location;
    let text = `${file}:${line}:${column}: error[${issueRule(issue.code)}]: ${issue.message}`;
    if (issue.excerpt !== '')
        text += `\n${issue.excerpt}`;
    if (issue.hint !== undefined)
        text += `\n  hint: ${issue.hint}`;
    return text;
}
class DotSyntaxError extends TrackerError {
    /** The primary (first) issue's location. */
    location;
    token;
    hint;
    excerpt;
    /** Every independent issue found, the primary first. Never empty. */
    issues;
    /** True when the parser stopped at its error cap, so there may be more problems after the last issue. */
    truncated;
    constructor(issues, options = {}) {
        const primary = issues[0];
        const { file, line, column } = primary.location;
        const more = issues.length > 1
            ? ` (and ${issues.length - 1} more error${issues.length > 2 ? 's' : ''})`
            : '';
        super(primary.code, `${file}:${line}:${column}: ${primary.message}${more}`, {
            ...(options.cause === undefined ? {} : { cause: options.cause })
        });
        this.name = 'DotSyntaxError';
        this.location = primary.location;
        this.token = primary.token;
        if (primary.hint !== undefined)
            this.hint = primary.hint;
        this.excerpt = primary.excerpt;
        this.issues = issues;
        this.truncated = options.truncated ?? false;
    }
    /** Every issue, compiler style, separated by blank lines (and a note when parsing stopped early). */
    format() {
        const text = this.issues.map(formatDotIssue).join('\n\n');
        return this.truncated
            ? `${text}\n\nnote: stopped after ${this.issues.length} errors; fix these and run again to see the rest`
            : text;
    }
}

;// CONCATENATED MODULE: ./src/dot/lexer.ts
/**
 * A hand-written DOT scanner over UTF-16 char codes. It is pulled one token at a time by the parser and
 * tracks line, column and offset exactly (columns count UTF-16 code units, 1-based; a tab counts 1).
 *
 * The token right after `=` is scanned in "value mode", which also accepts the spec's BareValue
 * (`summary:high`, `claude-sonnet-4-5`, `900s`, `1.2.3`) as one token; everywhere else `:` and `-` are
 * punctuation, so `a:port` stays a port and `a->b` an edge.
 */
/** The DOT keywords, matched case-insensitively as Graphviz does. */
const DOT_KEYWORDS = (/* unused pure expression or super */ null && ([
    'strict',
    'graph',
    'digraph',
    'node',
    'edge',
    'subgraph'
]));
/** The keyword `text` spells (any case), if any. Allocation-free: it runs for every bare ID. */
function keywordOf(text) {
    let candidate;
    switch (text.length) {
        case 4: {
            const c = text.charCodeAt(0) | 0x20;
            if (c === 0x6e)
                candidate = 'node';
            else if (c === 0x65)
                candidate = 'edge';
            else
                return undefined;
            break;
        }
        case 5:
            candidate = 'graph';
            break;
        case 6:
            candidate = 'strict';
            break;
        case 7:
            candidate = 'digraph';
            break;
        case 8:
            candidate = 'subgraph';
            break;
        default:
            return undefined;
    }
    for (let i = 0; i < text.length; i += 1) {
        // Keywords are ASCII letters: OR-ing 0x20 lowercases an uppercase letter and leaves a lowercase one.
        if ((text.charCodeAt(i) | 0x20) !== candidate.charCodeAt(i))
            return undefined;
    }
    return candidate;
}
/** `[A-Za-z_]` or any code unit >= U+0080 (Graphviz treats every non-ASCII byte as a letter). */
function isIdStart(c) {
    return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
}
function isIdPart(c) {
    return ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 48 && c <= 57) || c >= 128);
}
function lexer_isDigit(c) {
    return c >= 48 && c <= 57;
}
/** The one-character punctuation tokens, by char code. */
const PUNCTUATION = new Map([
    [123, '{'],
    [125, '}'],
    [91, '['],
    [93, ']'],
    [61, '='],
    [59, ';'],
    [44, ','],
    [58, ':']
]);
/** Characters that can never start a token (a run of them is reported as one problem). */
function isJunk(c) {
    if (lexer_isSpace(c) || isIdPart(c) || PUNCTUATION.has(c))
        return false;
    switch (c) {
        case 34: // "
        case 39: // '
        case 60: // <
        case 45: // -
        case 46: // .
        case 47: // /
        case 35: // #
            return false;
        default:
            return true;
    }
}
/** Plain whitespace (U+FEFF only counts at offset 0: a byte-order mark). */
function lexer_isSpace(c) {
    return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}
/** Quotes `text` for a message, shortened to stay readable. */
function describeText(text) {
    const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
    return `'${shown.replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}
const NO_LIMIT = Number.MAX_SAFE_INTEGER;
class Lexer {
    source;
    length;
    maxAttrLength;
    report;
    pos = 0;
    line = 1;
    lineStart = 0;
    /** The previous token was `=`: scan the next one as a value. */
    valueMode = false;
    eqLine = 0;
    /** A fatal issue was reported; only `eof` follows. */
    stopped = false;
    constructor(source, report, options = {}) {
        this.source = source;
        this.length = source.length;
        this.report = report;
        this.maxAttrLength = options.maxAttrLength ?? NO_LIMIT;
        if (source.charCodeAt(0) === 0xfeff)
            this.pos = 1;
    }
    next() {
        const valueMode = this.valueMode;
        this.valueMode = false;
        for (;;) {
            if (this.stopped || !this.skipTrivia())
                return this.eof();
            const token = this.scan(valueMode);
            if (token !== undefined)
                return token;
        }
    }
    /** One token at `pos`, or undefined after skipping (and reporting) characters that start none. */
    scan(valueMode) {
        const src = this.source;
        const start = this.pos;
        const c = src.charCodeAt(start);
        if (isIdStart(c)) {
            if (valueMode)
                return this.scanBareValue(start, start, this.line === this.eqLine);
            return this.scanId(start);
        }
        if (lexer_isDigit(c) || (c === 46 && lexer_isDigit(src.charCodeAt(start + 1)))) {
            return this.scanNumber(start, start, valueMode);
        }
        switch (c) {
            case 34: // "
                return this.scanString(start);
            case 60: // <
                return this.scanHtml(start);
            case 45: {
                // -
                const n = src.charCodeAt(start + 1);
                if (n === 62)
                    return this.punct('->', start, 2);
                if (n === 45)
                    return this.punct('--', start, 2);
                if (lexer_isDigit(n) || (n === 46 && lexer_isDigit(src.charCodeAt(start + 2)))) {
                    return this.scanNumber(start, start + 1, valueMode);
                }
                this.skipStray(start);
                return undefined;
            }
            case 61: {
                const token = this.punct('=', start, 1);
                this.valueMode = true;
                this.eqLine = this.line;
                return token;
            }
            case 39: // ' : recover as a string, but report it
                return this.scanSingleQuoted(start);
            default: {
                const kind = PUNCTUATION.get(c);
                if (kind !== undefined)
                    return this.punct(kind, start, 1);
                this.skipStray(start);
                return undefined;
            }
        }
    }
    // ---- trivia ------------------------------------------------------------------------------------
    /** Skips whitespace and comments. Returns false at end of input (or after a fatal issue). */
    skipTrivia() {
        const src = this.source;
        const len = this.length;
        let i = this.pos;
        while (i < len) {
            const c = src.charCodeAt(i);
            if (c === 10) {
                i += 1;
                this.line += 1;
                this.lineStart = i;
            }
            else if (lexer_isSpace(c)) {
                i += 1;
            }
            else if (c === 47) {
                // /
                const n = src.charCodeAt(i + 1);
                if (n === 47) {
                    i = this.skipToLineEnd(i + 2);
                }
                else if (n === 42) {
                    const end = src.indexOf('*/', i + 2);
                    if (end < 0) {
                        this.pos = i;
                        this.fatal(i, 'unterminated comment: the /* is never closed by */', '/*', "close the comment with '*/' (block comments do not nest)");
                        return false;
                    }
                    this.countLines(i + 2, end);
                    i = end + 2;
                }
                else {
                    break;
                }
            }
            else if (c === 35) {
                // #
                if (this.onlyBlanksBefore(i)) {
                    i = this.skipToLineEnd(i + 1);
                }
                else {
                    this.issue(i, "'#' starts a comment only as the first character of a line", '#', "use '//' for a comment after other text on the line");
                    i = this.skipToLineEnd(i + 1);
                }
            }
            else {
                break;
            }
        }
        this.pos = i;
        return i < len;
    }
    skipToLineEnd(from) {
        const nl = this.source.indexOf('\n', from);
        return nl < 0 ? this.length : nl;
    }
    onlyBlanksBefore(offset) {
        for (let j = offset - 1; j >= this.lineStart; j -= 1) {
            const c = this.source.charCodeAt(j);
            if (c !== 32 && c !== 9 && c !== 13 && c !== 12 && c !== 11 && !(j === 0 && c === 0xfeff))
                return false;
        }
        return true;
    }
    /** Advances line tracking over `[from, to)`. */
    countLines(from, to) {
        const src = this.source;
        let nl = src.indexOf('\n', from);
        while (nl >= 0 && nl < to) {
            this.line += 1;
            this.lineStart = nl + 1;
            nl = src.indexOf('\n', nl + 1);
        }
    }
    // ---- tokens ------------------------------------------------------------------------------------
    make(kind, value, start, line, column, dotted = false, extended = false) {
        const end = this.pos;
        return {
            kind,
            value,
            start,
            end,
            line,
            column,
            endLine: this.line,
            endColumn: end - this.lineStart + 1,
            dotted,
            extended
        };
    }
    punct(kind, start, width) {
        this.pos = start + width;
        return this.make(kind, kind, start, this.line, start - this.lineStart + 1);
    }
    eof() {
        this.stopped = true;
        const offset = this.length;
        // After a fatal issue `pos` is where the problem started; the eof token still sits at the real end.
        if (this.pos < offset)
            this.countLines(this.pos, offset);
        this.pos = offset;
        return this.make('eof', '', offset, this.line, offset - this.lineStart + 1);
    }
    /** `[A-Za-z_\u0080-][A-Za-z0-9_\u0080-]*`, plus inner dots (`tool_hooks.pre`). Keywords are case-insensitive. */
    scanId(start) {
        const src = this.source;
        const len = this.length;
        let i = start + 1;
        let dotted = false;
        for (;;) {
            if (i >= len)
                break;
            const c = src.charCodeAt(i);
            if (isIdPart(c)) {
                i += 1;
            }
            else if (c === 46 && isIdPart(src.charCodeAt(i + 1))) {
                dotted = true;
                i += 2;
            }
            else {
                break;
            }
        }
        return this.word(start, i, !dotted, dotted, false);
    }
    /**
     * Value mode: `[A-Za-z_\u0080-][A-Za-z0-9_.:\u0080-]*` with inner `-` (but never `->`), so
     * `claude-sonnet-4-5` and `summary:high` are one value. `from` is where scanning continues (after a
     * numeral prefix such as `900` in `900s`).
     */
    scanBareValue(start, from, sameLineAsEq) {
        const src = this.source;
        const len = this.length;
        let i = from + (from === start ? 1 : 0);
        let extended = from !== start;
        let dotted = false;
        while (i < len) {
            const c = src.charCodeAt(i);
            if (isIdPart(c)) {
                i += 1;
            }
            else if (c === 46 || c === 58) {
                if (c === 46)
                    dotted = true;
                extended = extended || c === 58;
                i += 1;
            }
            else if (c === 45 && src.charCodeAt(i + 1) !== 62) {
                extended = true;
                i += 1;
            }
            else {
                break;
            }
        }
        // A keyword on a new line after `=` is the next statement (`rankdir=` then `node [...]`), not a value.
        return this.word(start, i, !sameLineAsEq && !extended && !dotted, dotted, extended);
    }
    /** The bare word `[start, end)`: a keyword if `mayBeKeyword` and it spells one (any case), else an `id`. */
    word(start, end, mayBeKeyword, dotted, extended) {
        const text = this.source.slice(start, end);
        const column = start - this.lineStart + 1;
        this.pos = end;
        if (mayBeKeyword) {
            const keyword = keywordOf(text);
            if (keyword !== undefined)
                return this.make(keyword, text, start, this.line, column);
        }
        this.checkLength(text, start, column);
        return this.make('id', text, start, this.line, column, dotted, extended);
    }
    /** `-?(\.[0-9]+|[0-9]+(\.[0-9]*)?)`; `digitsAt` is just past an optional `-`. */
    scanNumber(start, digitsAt, valueMode) {
        const src = this.source;
        let i = digitsAt;
        while (lexer_isDigit(src.charCodeAt(i)))
            i += 1;
        if (src.charCodeAt(i) === 46) {
            i += 1;
            while (lexer_isDigit(src.charCodeAt(i)))
                i += 1;
        }
        const after = src.charCodeAt(i);
        const glued = isIdStart(after) || after === 46;
        if (valueMode && (glued || after === 58 || (after === 45 && src.charCodeAt(i + 1) !== 62))) {
            // `900s`, `15m`, `1.2.3`, `2024-01-01`: one bare value.
            return this.scanBareValue(start, i, true);
        }
        const column = start - this.lineStart + 1;
        if (glued) {
            let j = i;
            while (j < this.length && (isIdPart(src.charCodeAt(j)) || src.charCodeAt(j) === 46))
                j += 1;
            const text = src.slice(start, j);
            this.issue(i, `number '${src.slice(start, i)}' runs into '${src.slice(i, j)}': ${describeText(text)} is neither a number nor an ID`, text, `quote it ("${text}") or put a space between the number and what follows`);
            this.pos = j;
            return this.make('number', text, start, this.line, column);
        }
        this.pos = i;
        return this.make('number', src.slice(start, i), start, this.line, column);
    }
    /** A quoted string, plus any `+ "more"` concatenations. The token spans all parts. */
    scanString(start) {
        const line = this.line;
        const column = start - this.lineStart + 1;
        let value = this.scanStringPart(start);
        if (value === undefined)
            return this.eof();
        let end = this.pos;
        let endLine = this.line;
        let endLineStart = this.lineStart;
        // `"a" + "b"`: look past trivia for '+'.
        for (;;) {
            if (!this.skipTrivia() || this.source.charCodeAt(this.pos) !== 43)
                break;
            const plus = this.pos;
            const plusLine = this.line;
            const plusColumn = plus - this.lineStart + 1;
            this.pos += 1;
            if (!this.skipTrivia() || this.source.charCodeAt(this.pos) !== 34) {
                this.issue(plus, "'+' must be followed by a quoted string", '+', 'only quoted strings can be joined: "a" + "b"', plusLine, plusColumn);
                break;
            }
            const part = this.scanStringPart(this.pos);
            if (part === undefined)
                return this.eof();
            value += part;
            end = this.pos;
            endLine = this.line;
            endLineStart = this.lineStart;
        }
        this.checkLength(value, start, column, line);
        return {
            kind: 'string',
            value,
            start,
            end,
            line,
            column,
            endLine,
            endColumn: end - endLineStart + 1,
            dotted: false,
            extended: false
        };
    }
    /** Decodes one `"..."` starting at `start`; leaves `pos` after the closing quote. */
    scanStringPart(start) {
        const src = this.source;
        const len = this.length;
        const line = this.line;
        const column = start - this.lineStart + 1;
        let out = '';
        let i = start + 1;
        let segment = i;
        for (;;) {
            if (i >= len) {
                this.pos = len;
                this.fatal(start, "unterminated string: this '\"' is never closed", '"', 'add the closing \'"\'; write a quote inside a string as \\"', line, column);
                return undefined;
            }
            const c = src.charCodeAt(i);
            if (c === 34)
                break;
            if (c === 10) {
                i += 1;
                this.line += 1;
                this.lineStart = i;
            }
            else if (c === 92) {
                const n = src.charCodeAt(i + 1);
                let replacement;
                let width = 2;
                switch (n) {
                    case 34:
                        replacement = '"';
                        break;
                    case 110:
                        replacement = '\n';
                        break;
                    case 116:
                        replacement = '\t';
                        break;
                    case 92:
                        replacement = '\\';
                        break;
                    case 10:
                        replacement = '';
                        break;
                    case 13:
                        if (src.charCodeAt(i + 2) === 10) {
                            replacement = '';
                            width = 3;
                        }
                        break;
                    default:
                        break;
                }
                if (replacement === undefined) {
                    // `\l`, `\[` ... stay as both characters; the character after '\' is re-examined (it may be a newline).
                    i += 1;
                }
                else {
                    out += src.slice(segment, i) + replacement;
                    i += width;
                    segment = i;
                    if (n === 10 || n === 13) {
                        this.line += 1;
                        this.lineStart = i;
                    }
                }
            }
            else {
                i += 1;
            }
        }
        this.pos = i + 1;
        return segment === start + 1 ? src.slice(segment, i) : out + src.slice(segment, i);
    }
    /** `<...>` with balanced angle brackets; the value is the text between the outer brackets. */
    scanHtml(start) {
        const src = this.source;
        const len = this.length;
        const line = this.line;
        const column = start - this.lineStart + 1;
        let depth = 1;
        let i = start + 1;
        for (;;) {
            if (i >= len) {
                this.pos = len;
                this.fatal(start, "unterminated HTML string: this '<' is never closed by a matching '>'", '<', 'balance the angle brackets, or write the value as a quoted string ("...")', line, column);
                return this.eof();
            }
            const c = src.charCodeAt(i);
            if (c === 60) {
                depth += 1;
            }
            else if (c === 62) {
                depth -= 1;
                if (depth === 0)
                    break;
            }
            else if (c === 10) {
                this.line += 1;
                this.lineStart = i + 1;
            }
            i += 1;
        }
        const value = src.slice(start + 1, i);
        this.pos = i + 1;
        this.checkLength(value, start, column, line);
        return this.make('html', value, start, line, column);
    }
    /** `'text'` is not DOT: report it, but read it as a string so one mistake gives one error. */
    scanSingleQuoted(start) {
        const src = this.source;
        let close = start + 1;
        while (close < this.length) {
            const c = src.charCodeAt(close);
            if (c === 39 || c === 10)
                break;
            close += 1;
        }
        if (src.charCodeAt(close) !== 39) {
            this.skipStray(start);
            return undefined;
        }
        const text = src.slice(start, close + 1);
        this.issue(start, `DOT strings use double quotes, found ${describeText(text)}`, text, `write "${src.slice(start + 1, close)}"`);
        const column = start - this.lineStart + 1;
        this.pos = close + 1;
        return this.make('string', src.slice(start + 1, close), start, this.line, column);
    }
    /** Characters that start no token: report the run once and skip it. */
    skipStray(start) {
        const src = this.source;
        let end = start + 1;
        while (end < this.length && isJunk(src.charCodeAt(end)))
            end += 1;
        const text = src.slice(start, end);
        let hint;
        switch (text.charAt(0)) {
            case '+':
                hint = 'only quoted strings can be joined with \'+\': "a" + "b"';
                break;
            case '-':
                hint = "edges are written '->'; a negative number is written -1";
                break;
            case '.':
                hint =
                    "'.' may only appear inside a number (.5) or between the parts of a name (tool_hooks.pre)";
                break;
            case '/':
                hint = "comments start with '//' or '/*'";
                break;
            case '>':
                hint = "edges are written '->'; HTML strings are written <...>";
                break;
            case '\\':
                hint = 'escapes like \\n are only meaningful inside a quoted string';
                break;
            default:
                hint = 'quote the text ("...") if it is part of a name or value';
                break;
        }
        this.issue(start, `unexpected ${text.length === 1 ? 'character' : 'characters'} ${describeText(text)}`, text, hint);
        this.pos = end;
    }
    // ---- issues ------------------------------------------------------------------------------------
    checkLength(value, start, column, line = this.line) {
        if (value.length <= this.maxAttrLength)
            return;
        this.report({
            message: `value is ${value.length} characters long, over the limit of ${this.maxAttrLength}`,
            offset: start,
            line,
            column,
            token: this.source.slice(start, start + 1),
            hint: 'shorten the value, or raise limits.maxAttrLength if this input is trusted',
            kind: 'limit',
            fatal: true
        });
        this.stopped = true;
    }
    issue(offset, message, token, hint, line = this.line, column = offset - this.lineStart + 1, fatal = false) {
        if (fatal)
            this.stopped = true;
        this.report({ message, offset, line, column, token, hint, kind: 'syntax', fatal });
    }
    /** An issue after which the rest of the input is swallowed: only `eof` follows. */
    fatal(offset, message, token, hint, line, column) {
        this.issue(offset, message, token, hint, line, column, true);
    }
}
/** Every token of `source` up to and including `eof`, plus the issues found (for tests and tools). */
function tokenize(source, options = {}) {
    const issues = [];
    const lexer = new Lexer(source, (issue) => issues.push(issue), options);
    const tokens = [];
    for (;;) {
        const token = lexer.next();
        tokens.push(token);
        if (token.kind === 'eof')
            return { tokens, issues };
    }
}

;// CONCATENATED MODULE: ./src/dot/parser.ts


const DEFAULT_DOT_LIMITS = Object.freeze({
    maxBytes: 10 * 1024 * 1024,
    maxDepth: 64,
    maxNodes: 200_000,
    maxEdges: 1_000_000,
    maxAttrLength: 1024 * 1024,
    maxStatements: 2_000_000
});
/** Issues collected before giving up. */
const MAX_ISSUES = 20;
/** Longest token text copied into an issue. */
const MAX_TOKEN_TEXT = 100;
/** Control-flow signals; never escape `parseDot`. */
class ParseSignal extends Error {
}
/** Skip to a safe point and keep parsing. */
const RECOVER = new ParseSignal('recover');
/** Stop parsing and report what was collected. */
const STOP = new ParseSignal('stop');
const EMPTY_ATTRS = Object.freeze([]);
const ARROW_OPS = Object.freeze(['->']);
const DASH_OPS = Object.freeze(['--']);
function isIdToken(token) {
    const k = token.kind;
    return k === 'id' || k === 'number' || k === 'string' || k === 'html';
}
function idKind(token) {
    switch (token.kind) {
        case 'id':
            return 'bare';
        case 'number':
            return 'number';
        case 'string':
            return 'quoted';
        case 'html':
            return 'html';
    }
}
function startOf(token) {
    return { line: token.line, column: token.column, offset: token.start };
}
function endOf(token) {
    return { line: token.endLine, column: token.endColumn, offset: token.end };
}
function resolveLimits(partial) {
    return {
        maxBytes: partial?.maxBytes ?? DEFAULT_DOT_LIMITS.maxBytes,
        maxDepth: partial?.maxDepth ?? DEFAULT_DOT_LIMITS.maxDepth,
        maxNodes: partial?.maxNodes ?? DEFAULT_DOT_LIMITS.maxNodes,
        maxEdges: partial?.maxEdges ?? DEFAULT_DOT_LIMITS.maxEdges,
        maxAttrLength: partial?.maxAttrLength ?? DEFAULT_DOT_LIMITS.maxAttrLength,
        maxStatements: partial?.maxStatements ?? DEFAULT_DOT_LIMITS.maxStatements
    };
}
/** UTF-8 size of `text`. */
function utf8Length(text) {
    let bytes = 0;
    const n = text.length;
    for (let i = 0; i < n; i += 1) {
        const c = text.charCodeAt(i);
        if (c < 0x80)
            bytes += 1;
        else if (c < 0x800)
            bytes += 2;
        else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
            const d = text.charCodeAt(i + 1);
            if (d >= 0xdc00 && d <= 0xdfff) {
                bytes += 4;
                i += 1;
            }
            else {
                bytes += 3;
            }
        }
        else
            bytes += 3;
    }
    return bytes;
}
function formatBytes(bytes) {
    if (bytes >= 1024 * 1024)
        return `${(bytes / (1024 * 1024)).toFixed(1)} MiB (${bytes} bytes)`;
    if (bytes >= 1024)
        return `${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes)`;
    return `${bytes} bytes`;
}
class Parser {
    source;
    file;
    limits;
    lexer;
    issues = [];
    seenOffsets = new Set();
    limitIssue;
    /** Parsing stopped because MAX_ISSUES problems were recorded; there may be more. */
    capped = false;
    /** A lexer error swallowed the rest of the input: later problems are consequences, not news. */
    lexFatal = false;
    nodeIds = new Set();
    edgeCount = 0;
    statementCount = 0;
    depth = 0;
    /** The most recently closed subgraph, to explain where a missing '}' probably belongs. */
    lastClosed;
    tok;
    prev;
    ahead;
    constructor(source, file, limits) {
        this.source = source;
        this.file = file;
        this.limits = limits;
        this.lexer = new Lexer(source, (issue) => this.onLexIssue(issue), {
            maxAttrLength: limits.maxAttrLength
        });
        // Placeholder until the first token is read (reading it may report issues, which needs the fields above).
        this.tok = {
            kind: 'eof',
            value: '',
            start: 0,
            end: 0,
            line: 1,
            column: 1,
            endLine: 1,
            endColumn: 1,
            dotted: false,
            extended: false
        };
        this.prev = this.tok;
    }
    run() {
        try {
            this.tok = this.lexer.next();
            this.prev = this.tok;
            const graph = this.parseGraph();
            if (this.issues.length === 0)
                return graph;
        }
        catch (error) {
            if (!(error instanceof ParseSignal))
                this.onUnexpected(error);
        }
        throw this.buildError();
    }
    // ---- token stream -------------------------------------------------------------------------------
    advance() {
        this.prev = this.tok;
        if (this.ahead === undefined) {
            this.tok = this.lexer.next();
        }
        else {
            this.tok = this.ahead;
            this.ahead = undefined;
        }
    }
    peek() {
        if (this.ahead === undefined)
            this.ahead = this.lexer.next();
        return this.ahead;
    }
    raw(token) {
        const text = this.source.slice(token.start, Math.min(token.end, token.start + MAX_TOKEN_TEXT + 1));
        return text.length > MAX_TOKEN_TEXT ? `${text.slice(0, MAX_TOKEN_TEXT)}…` : text;
    }
    /** How a token reads in a message: `end of file`, `keyword 'node'`, `'"x"'`. */
    describe(token) {
        switch (token.kind) {
            case 'eof':
                return 'end of file';
            case 'strict':
            case 'graph':
            case 'digraph':
            case 'node':
            case 'edge':
            case 'subgraph':
                return `keyword '${token.value}'`;
            case 'string':
                return `the string ${describeText(this.raw(token))}`;
            case 'id':
            case 'number':
            case 'html':
            case '->':
            case '--':
            case '{':
            case '}':
            case '[':
            case ']':
            case '=':
            case ';':
            case ',':
            case ':':
                return describeText(this.raw(token));
        }
    }
    makeId(token) {
        return {
            value: token.value,
            kind: idKind(token),
            span: { start: startOf(token), end: endOf(token) }
        };
    }
    // ---- issues -------------------------------------------------------------------------------------
    makeIssue(at, token, message, hint, code) {
        const location = { file: this.file, line: at.line, column: at.column, offset: at.start };
        return {
            message,
            location,
            token,
            ...(hint === undefined ? {} : { hint }),
            code,
            excerpt: sourceExcerpt(this.source, location)
        };
    }
    record(issue) {
        if (this.seenOffsets.has(issue.location.offset))
            return;
        this.seenOffsets.add(issue.location.offset);
        this.issues.push(issue);
        if (this.issues.length >= MAX_ISSUES) {
            this.capped = true;
            throw STOP;
        }
    }
    /** A `DOT_SYNTAX` issue at `token` (its text, or '' at end of file). */
    syntaxIssue(token, message, hint) {
        const text = token.kind === 'eof' ? '' : this.raw(token);
        return this.makeIssue(token, text, message, hint, 'DOT_SYNTAX');
    }
    /** Records a problem at `token` and carries on (the token is still usable). */
    note(token, message, hint) {
        if (this.lexFatal)
            return;
        this.record(this.syntaxIssue(token, message, hint));
    }
    /** Records a problem at `token` and abandons the current statement. */
    fail(token, message, hint) {
        if (this.lexFatal)
            throw STOP;
        this.record(this.syntaxIssue(token, message, hint));
        throw RECOVER;
    }
    /** Records a problem after which nothing sensible can follow, and stops. */
    stop(token, message, hint) {
        if (!this.lexFatal)
            this.record(this.syntaxIssue(token, message, hint));
        throw STOP;
    }
    limit(token, message, option, advice) {
        this.stopAtLimit(token, this.raw(token), message, option, advice);
    }
    /** Stops with a `DOT_LIMIT` issue whose hint names the option to raise. */
    stopAtLimit(at, token, message, option, advice) {
        this.limitIssue = this.makeIssue(at, token, message, `${advice}, or ${raiseLimitHint(option, this.limits[option], this.limits[option] * 2)}`, 'DOT_LIMIT');
        throw STOP;
    }
    onLexIssue(issue) {
        const at = { start: issue.offset, line: issue.line, column: issue.column };
        if (issue.kind === 'limit') {
            this.stopAtLimit(at, issue.token, issue.message, 'maxAttrLength', 'shorten the value');
        }
        if (this.lexFatal)
            return;
        if (issue.fatal)
            this.lexFatal = true;
        this.record(this.makeIssue(at, issue.token, issue.message, issue.hint, 'DOT_SYNTAX'));
    }
    onUnexpected(error) {
        const token = this.tok;
        if (error instanceof RangeError) {
            this.limitIssue = this.makeIssue(token, this.raw(token), 'the input is nested too deeply (or is too large) for the parser', 'reduce the subgraph nesting, or lower limits.maxDepth so such input is rejected early', 'DOT_LIMIT');
            return;
        }
        const detail = error instanceof Error ? error.message : String(error);
        // Pushed directly: `record` may throw STOP, and we are already unwinding.
        this.issues.push(this.makeIssue(token, this.raw(token), `internal parser error near ${this.describe(token)}: ${detail}`, 'this is a bug in tracker; please report it with the input that triggers it', 'DOT_SYNTAX'));
    }
    buildError() {
        const sorted = [...this.issues].sort((a, b) => a.location.offset - b.location.offset);
        const all = this.limitIssue === undefined ? sorted : [this.limitIssue, ...sorted];
        const [first, ...rest] = all;
        if (first === undefined) {
            // Unreachable: we only get here after recording an issue. Keep the contract anyway.
            return new DotSyntaxError([
                this.makeIssue(this.tok, '', 'invalid DOT input', undefined, 'DOT_SYNTAX')
            ]);
        }
        return new DotSyntaxError([first, ...rest], { truncated: this.capped });
    }
    // ---- graph --------------------------------------------------------------------------------------
    parseGraph() {
        const first = this.tok;
        let strict = false;
        if (this.tok.kind === 'strict') {
            strict = true;
            this.advance();
        }
        const keyword = this.tok;
        if (keyword.kind !== 'graph' && keyword.kind !== 'digraph') {
            if (keyword.kind === 'eof' && !strict) {
                this.stop(keyword, 'the input is empty: expected a graph such as digraph G { ... }', 'a pipeline file holds exactly one graph: digraph Name { ... }');
            }
            this.stop(keyword, `expected 'digraph' to start the graph, found ${this.describe(keyword)}`, 'a pipeline file holds exactly one graph: digraph Name { ... }');
        }
        const directed = keyword.kind === 'digraph';
        this.advance();
        const idToken = this.tok;
        const id = this.parseName('graph name');
        const open = this.tok;
        if (open.kind !== '{') {
            const named = id === undefined ? keyword.value : `${keyword.value} ${this.raw(idToken)}`;
            const hint = id !== undefined && isIdToken(open)
                ? `a graph name with spaces must be quoted: ${keyword.value} "${this.raw(idToken)} ${this.raw(open)}" { ... }`
                : `write the graph as: ${keyword.value} Name { ... }`;
            this.stop(open, `expected '{' to open the body of ${named}, found ${this.describe(open)}`, hint);
        }
        this.advance();
        const body = this.parseBody(open, 'graph body');
        const close = this.tok;
        this.advance();
        this.checkTrailing(close);
        return {
            type: 'graph',
            strict,
            directed,
            ...(id === undefined ? {} : { id }),
            body,
            span: { start: startOf(first), end: endOf(close) },
            file: this.file
        };
    }
    checkTrailing(close) {
        const t = this.tok;
        if (t.kind === 'eof')
            return;
        const closedAt = `${close.line}:${close.column}`;
        if (t.kind === 'strict' || t.kind === 'graph' || t.kind === 'digraph') {
            this.stop(t, `only one graph per file: a second graph starts here, after the first one closed at ${closedAt}`, 'put each graph in its own file, or group statements inside one graph with subgraph name { ... }');
        }
        if (t.kind === '}') {
            this.stop(t, `unexpected '}' after the end of the graph (closed at ${closedAt}): the braces are unbalanced`, "remove the extra '}', or find the '{' it was meant to close");
        }
        this.stop(t, `unexpected ${this.describe(t)} after the end of the graph (closed at ${closedAt}); only one graph per file`, "move it inside the graph's braces, or remove it");
    }
    /** Statements up to (not including) the `}` matching `open`. */
    parseBody(open, what) {
        const body = [];
        for (;;) {
            const t = this.tok;
            if (t.kind === '}')
                return body;
            if (t.kind === 'eof') {
                const last = this.lastClosed;
                const hint = last !== undefined && last.open.start > open.start
                    ? `add the missing '}'. Note: the '}' at ${last.close.line}:${last.close.column} closes ${last.name} (opened at ${last.open.line}:${last.open.column}); if it was meant to close the ${what}, that subgraph is the one missing its '}'`
                    : "add the missing '}'; every '{' needs a matching '}'";
                this.stop(t, `expected '}' to close the ${what} opened at ${open.line}:${open.column}, found end of file`, hint);
            }
            if (t.kind === ';') {
                this.advance();
                continue;
            }
            try {
                body.push(this.parseStatement());
            }
            catch (error) {
                if (error !== RECOVER)
                    throw error;
                this.resync();
                if (this.tok === t)
                    this.advance();
            }
        }
    }
    /**
     * After an error: skip to just past the next `;` or `]` at this level, to the `}` that closes the
     * enclosing body, or to a token that begins a line and can begin a statement.
     */
    resync() {
        let brackets = 0;
        let braces = 0;
        for (;;) {
            const t = this.tok;
            switch (t.kind) {
                case 'eof':
                    return;
                case ';':
                    this.advance();
                    if (brackets === 0 && braces === 0)
                        return;
                    break;
                case '[':
                    brackets += 1;
                    this.advance();
                    break;
                case ']':
                    this.advance();
                    // The end of the list the error was in; skip any further lists of the same statement.
                    if (brackets === 0 && braces === 0 && this.tok.kind !== '[')
                        return;
                    if (brackets > 0)
                        brackets -= 1;
                    break;
                case '{':
                    braces += 1;
                    this.advance();
                    break;
                case '}':
                    if (braces === 0)
                        return;
                    braces -= 1;
                    this.advance();
                    break;
                case 'id':
                case 'number':
                case 'string':
                case 'html':
                case 'graph':
                case 'node':
                case 'edge':
                case 'subgraph':
                    if (brackets === 0 && braces === 0 && t.line > this.prev.endLine)
                        return;
                    this.advance();
                    break;
                case '->':
                case '--':
                case '=':
                case ',':
                case ':':
                case 'strict':
                case 'digraph':
                    this.advance();
                    break;
            }
        }
    }
    // ---- statements ---------------------------------------------------------------------------------
    parseStatement() {
        const t = this.tok;
        this.statementCount += 1;
        if (this.statementCount > this.limits.maxStatements) {
            this.limit(t, `the graph has more than ${this.limits.maxStatements} statements`, 'maxStatements', 'split the pipeline');
        }
        switch (t.kind) {
            case 'graph':
            case 'node':
            case 'edge':
                return this.parseAttrStmt();
            case 'subgraph':
            case '{': {
                const subgraph = this.parseSubgraph();
                const next = this.tok.kind;
                return next === '->' || next === '--' ? this.parseEdge(subgraph) : subgraph;
            }
            case 'id':
            case 'number':
            case 'string':
            case 'html': {
                if (this.peek().kind === '=')
                    return this.parseAssign();
                const ref = this.parseNodeRef();
                const next = this.tok.kind;
                if (next === '->' || next === '--')
                    return this.parseEdge(ref);
                const hasAttrs = next === '[';
                const attrs = hasAttrs ? this.parseAttrLists() : EMPTY_ATTRS;
                const stmt = {
                    type: 'node',
                    ref,
                    attrs,
                    span: { start: ref.span.start, end: hasAttrs ? endOf(this.prev) : ref.span.end }
                };
                return stmt;
            }
            case 'strict':
            case 'digraph':
                return this.fail(t, `unexpected keyword '${t.value}' inside the graph body`, `only one graph per file: group statements with subgraph name { ... }; to use '${t.value}' as a node ID, quote it ("${t.value}")`);
            case ']':
                return this.fail(t, "unexpected ']' with no '[' open", "remove it, or add the '[' that should open the attribute list");
            case '=':
                return this.fail(t, "unexpected '=': an assignment needs a name before '='", 'write name=value, e.g. rankdir=LR');
            case '->':
            case '--':
                return this.fail(t, `edge '${t.kind}' has no node before it`, 'write an edge as a -> b');
            case ':':
                return this.fail(t, "unexpected ':'", 'a port is written right after a node ID: a:port');
            case ',':
                return this.fail(t, "unexpected ','", "',' separates attributes inside [ ... ]; separate statements with ';' or a new line");
            case '[':
                return this.fail(t, "unexpected '[': an attribute list needs a node, an edge, or graph/node/edge before it", 'write a [label="A"], a -> b [label="x"], or node [shape=box]');
            case ';':
            case '}':
            case 'eof':
                return this.fail(t, `unexpected ${this.describe(t)}`);
        }
    }
    parseAttrStmt() {
        const keyword = this.tok;
        this.advance();
        if (this.tok.kind !== '[') {
            this.fail(keyword, `'${keyword.value}' is a keyword and cannot be used as a node ID`, `quote it ("${keyword.value}") to use it as a name, or follow it with [ ... ] to set ${keyword.kind} attributes`);
        }
        const attrs = this.parseAttrLists();
        const target = keyword.kind === 'graph' ? 'graph' : keyword.kind === 'node' ? 'node' : 'edge';
        return {
            type: 'attr_stmt',
            target,
            attrs,
            span: { start: startOf(keyword), end: endOf(this.prev) }
        };
    }
    parseAssign() {
        const attr = this.parseAttr(this.tok);
        return { type: 'assign', attr, span: attr.span };
    }
    /** `key = value`, where `keyToken` is the current token and '=' the next one. */
    parseAttr(keyToken) {
        const key = this.makeId(keyToken);
        this.advance(); // key
        this.advance(); // =
        const value = this.parseValue(keyToken);
        return { key, value, span: { start: key.span.start, end: value.span.end } };
    }
    parseValue(keyToken) {
        const t = this.tok;
        if (isIdToken(t)) {
            this.advance();
            return this.makeId(t);
        }
        const key = this.raw(keyToken);
        return this.fail(t, `expected a value after '${key}=', found ${this.describe(t)}`, `write ${key}="..." (use "" for an empty value)`);
    }
    /** The graph's or a subgraph's optional name, if the current token is an ID. */
    parseName(what) {
        const t = this.tok;
        if (!isIdToken(t))
            return undefined;
        this.checkBareName(t, what);
        const id = this.makeId(t);
        this.advance();
        return id;
    }
    /** A bare ID with '.' (or value-only characters) is not a valid node, graph or subgraph name. */
    checkBareName(t, what) {
        if (t.kind === 'id' && (t.dotted || t.extended)) {
            const raw = this.raw(t);
            const bad = /[^A-Za-z0-9_\u0080-\uFFFF]/.exec(raw)?.[0] ?? '.';
            this.note(t, `${what} '${raw}' contains '${bad}', which is not allowed in a bare ID`, `quote it ("${raw}"), or use only letters, digits and '_'`);
        }
    }
    noteNode(t, id) {
        const ids = this.nodeIds;
        const size = ids.size;
        ids.add(id);
        if (ids.size !== size && ids.size > this.limits.maxNodes) {
            this.limit(t, `the graph has more than ${this.limits.maxNodes} distinct nodes`, 'maxNodes', 'split the pipeline');
        }
    }
    parseNodeRef() {
        const t = this.tok;
        this.checkBareName(t, 'node ID');
        const id = this.makeId(t);
        this.noteNode(t, t.value);
        this.advance();
        if (this.tok.kind !== ':')
            return { type: 'node_ref', id, span: id.span };
        this.advance();
        let port = this.expectPortPart(t).value;
        if (this.tok.kind === ':') {
            this.advance();
            port += `:${this.expectPortPart(t).value}`;
        }
        return { type: 'node_ref', id, port, span: { start: id.span.start, end: endOf(this.prev) } };
    }
    expectPortPart(node) {
        const t = this.tok;
        if (!isIdToken(t)) {
            this.fail(t, `expected a port name after '${this.raw(node)}:', found ${this.describe(t)}`, "write a port as node:port, or remove the ':'");
        }
        this.advance();
        return t;
    }
    parseEdge(first) {
        const operands = [first];
        const ops = [];
        for (;;) {
            const op = this.tok;
            if (op.kind !== '->' && op.kind !== '--')
                break;
            ops.push(op.kind);
            this.advance();
            const t = this.tok;
            switch (t.kind) {
                case 'id':
                case 'number':
                case 'string':
                case 'html':
                    operands.push(this.parseNodeRef());
                    break;
                case 'subgraph':
                case '{':
                    operands.push(this.parseSubgraph());
                    break;
                case 'graph':
                case 'node':
                case 'edge':
                case 'strict':
                case 'digraph':
                    this.fail(t, `'${t.value}' is a keyword and cannot be used as a node ID`, `quote it ("${t.value}") to use it as a node name`);
                    break;
                case '->':
                case '--':
                case '}':
                case '[':
                case ']':
                case '=':
                case ';':
                case ',':
                case ':':
                case 'eof':
                    this.fail(t, `expected a node ID or subgraph after '${op.kind}', found ${this.describe(t)}`, `an edge needs a target: a ${op.kind} b`);
            }
        }
        const hasAttrs = this.tok.kind === '[';
        const attrs = hasAttrs ? this.parseAttrLists() : EMPTY_ATTRS;
        this.countEdges(operands);
        const last = operands[operands.length - 1] ?? first;
        // Exact-length copies (a pushed-to array keeps spare capacity, which adds up over 100k edges), and
        // shared frozen arrays for the common single operator.
        return {
            type: 'edge',
            operands: operands.slice(),
            ops: ops.length === 1 ? (ops[0] === '->' ? ARROW_OPS : DASH_OPS) : ops.slice(),
            attrs,
            span: { start: first.span.start, end: hasAttrs ? endOf(this.prev) : last.span.end }
        };
    }
    countEdges(operands) {
        let left = operandSize(operands[0]);
        let edges = 0;
        for (let i = 1; i < operands.length; i += 1) {
            const right = operandSize(operands[i]);
            edges += left * right;
            left = right;
        }
        this.edgeCount += edges;
        if (this.edgeCount > this.limits.maxEdges) {
            const at = operands[0]?.span.start ?? startOf(this.tok);
            this.stopAtLimit({ start: at.offset, line: at.line, column: at.column }, this.source.slice(at.offset, at.offset + 1), `the graph has more than ${this.limits.maxEdges} edges (after expanding chains and subgraphs)`, 'maxEdges', 'split the pipeline');
        }
    }
    parseAttrLists() {
        const attrs = [];
        while (this.tok.kind === '[')
            this.parseAttrList(attrs);
        // An exact-length copy: pushed-to arrays keep spare capacity, which adds up over 100k statements.
        return attrs.length === 0 ? EMPTY_ATTRS : attrs.slice();
    }
    parseAttrList(attrs) {
        const open = this.tok;
        this.advance();
        const closeHint = "add ']' after the last attribute";
        /** The attribute just parsed, until a ',' or ';' separates it from what follows. */
        let last;
        for (;;) {
            const t = this.tok;
            switch (t.kind) {
                case ']':
                    this.advance();
                    return;
                case ',':
                case ';':
                    last = undefined;
                    this.advance();
                    break;
                case 'id':
                case 'number':
                case 'string':
                case 'html': {
                    const next = this.peek();
                    // `a=x b=y` is valid DOT (the separator is optional), so an ID before '=' starts an attribute.
                    if (next.kind === '=') {
                        last = this.parseAttr(t);
                        attrs.push(last);
                        break;
                    }
                    if (t.line > this.prev.endLine)
                        this.fail(t, this.unclosedList(open, t), closeHint);
                    const continued = this.continuesBareValue(last, t) ? last : undefined;
                    // `label=Hello World]`: one value with a space. `shape=box color red`: more likely a missing '='.
                    if (continued !== undefined && !isIdToken(next))
                        this.failUnquotedValue(continued, t);
                    const name = this.raw(t);
                    this.fail(next, `expected '=' after attribute name '${name}', found ${this.describe(next)}`, `attributes are written name=value, e.g. ${name}="..."` +
                        (continued === undefined
                            ? ''
                            : `; if it is all one value, quote it: ${this.quotedValue(continued, t)}`));
                    break;
                }
                case 'eof':
                    this.stop(t, this.unclosedList(open, t), closeHint);
                    break;
                case 'strict':
                case 'graph':
                case 'digraph':
                case 'node':
                case 'edge':
                case 'subgraph':
                    if (t.line === this.prev.endLine && this.peek().kind === '=') {
                        this.fail(t, `'${t.value}' is a keyword and cannot be an attribute name`, `quote it: "${t.value}"=...`);
                    }
                    this.fail(t, this.unclosedList(open, t), closeHint);
                    break;
                case '=':
                    if (last !== undefined && this.continuesBareValue(last, t))
                        this.failUnquotedValue(last, t);
                    this.fail(t, "missing attribute name before '='", 'attributes are written name=value');
                    break;
                case '->':
                case '--':
                case '{':
                case '}':
                case '[':
                case ':':
                    this.fail(t, this.unclosedList(open, t), closeHint);
            }
        }
    }
    /**
     * True when `t` follows the unquoted value of `last` on the same line with no ',' or ';' between: the
     * author meant one value with spaces or '=' in it (`label=Hello World`, `condition=outcome=success`).
     */
    continuesBareValue(last, t) {
        if (last === undefined)
            return false;
        const kind = last.value.kind;
        if (kind !== 'bare' && kind !== 'number')
            return false;
        return (t.line === this.prev.endLine && (t.kind === '=' || t.kind === 'id' || t.kind === 'number'));
    }
    /** `key="the value as meant"`: from `last`'s value up to the next ',', ';', ']' or the end of the line. */
    quotedValue(last, t) {
        const src = this.source;
        let to = t.start;
        while (to < src.length && !',;]\n'.includes(src.charAt(to)))
            to += 1;
        const meant = src.slice(last.value.span.start.offset, to).trimEnd();
        return `${last.key.value}=${JSON.stringify(meant)}`;
    }
    /** Reports an unquoted value that runs on past its end, with the quoted value as the fix. */
    failUnquotedValue(last, t) {
        const what = t.kind === '=' ? "contains '='" : 'contains a space';
        this.fail(t, `the unquoted value of '${last.key.value}' ${what}, so it ends at '${last.value.value}'`, `quote the whole value: ${this.quotedValue(last, t)}`);
    }
    unclosedList(open, found) {
        return `expected ']' to close the attribute list opened at ${open.line}:${open.column}, found ${this.describe(found)}`;
    }
    parseSubgraph() {
        const first = this.tok;
        let id;
        if (first.kind === 'subgraph') {
            this.advance();
            const idToken = this.tok;
            id = this.parseName('subgraph name');
            if (this.tok.kind !== '{') {
                const named = id === undefined ? 'subgraph' : `subgraph ${this.raw(idToken)}`;
                this.fail(this.tok, `expected '{' to open the body of ${named}, found ${this.describe(this.tok)}`, 'write a subgraph as: subgraph name { ... }');
            }
        }
        const open = this.tok;
        if (this.depth >= this.limits.maxDepth) {
            this.limit(open, `subgraphs are nested more than ${this.limits.maxDepth} deep`, 'maxDepth', 'flatten the nesting');
        }
        this.depth += 1;
        this.advance();
        const body = this.parseBody(open, id === undefined ? 'subgraph' : `subgraph '${id.value}'`);
        const close = this.tok;
        this.advance();
        this.depth -= 1;
        this.lastClosed = {
            name: id === undefined ? 'an anonymous subgraph' : `subgraph '${id.value}'`,
            open,
            close
        };
        return {
            type: 'subgraph',
            ...(id === undefined ? {} : { id }),
            body,
            span: { start: startOf(first), end: endOf(close) }
        };
    }
}
/** Distinct node IDs in an edge operand (a subgraph counts every node mentioned inside it). */
function operandSize(operand) {
    if (operand === undefined)
        return 0;
    if (operand.type === 'node_ref')
        return 1;
    const ids = new Set();
    collectNodeIds(operand.body, ids);
    return ids.size;
}
function collectNodeIds(body, ids) {
    for (const stmt of body) {
        switch (stmt.type) {
            case 'node':
                ids.add(stmt.ref.id.value);
                break;
            case 'edge':
                for (const operand of stmt.operands) {
                    if (operand.type === 'node_ref')
                        ids.add(operand.id.value);
                    else
                        collectNodeIds(operand.body, ids);
                }
                break;
            case 'subgraph':
                collectNodeIds(stmt.body, ids);
                break;
            case 'attr_stmt':
            case 'assign':
                break;
        }
    }
}
/**
 * How to raise a limit, for CLI users (`tracker validate|run --limit name=N`) and library callers
 * (`parseDot(text, { limits })`), suggesting `suggested` as the new value.
 */
function raiseLimitHint(option, now, suggested) {
    return (`if this input is trusted, raise the ${option} limit (now ${now}, default ${DEFAULT_DOT_LIMITS[option]}): ` +
        `tracker --limit ${option}=${suggested}, or parseDot(text, { limits: { ${option}: ${suggested} } }) in the library`);
}
/**
 * Parses one DOT graph. Throws `DotSyntaxError` (code `DOT_SYNTAX`, or `DOT_LIMIT` when a `DotLimits` bound
 * is exceeded) carrying every independent problem found; never throws anything else.
 */
function parseDot(source, options = {}) {
    const file = options.file ?? '<input>';
    const limits = resolveLimits(options.limits);
    // Each UTF-16 code unit is at most 3 UTF-8 bytes, so short inputs skip the exact count.
    if (source.length * 3 > limits.maxBytes) {
        const bytes = utf8Length(source);
        if (bytes > limits.maxBytes) {
            const location = { file, line: 1, column: 1, offset: 0 };
            throw new DotSyntaxError([
                {
                    message: `input is ${formatBytes(bytes)}, over the limit of ${formatBytes(limits.maxBytes)}`,
                    location,
                    token: '',
                    hint: raiseLimitHint('maxBytes', limits.maxBytes, bytes),
                    code: 'DOT_LIMIT',
                    excerpt: sourceExcerpt(source, location)
                }
            ]);
        }
    }
    return new Parser(source, file, limits).run();
}

;// CONCATENATED MODULE: ./src/validate/diagnostic.ts
function diagnosticAt(loc, d) {
    return loc ? { ...d, file: loc.file, line: loc.line, column: loc.column } : d;
}
function diagnostic_hasErrors(diagnostics) {
    return diagnostics.some((d) => d.severity === 'error');
}
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 };
/** Stable order: by file, line, column, then severity, then rule. */
function sortDiagnostics(diagnostics) {
    return [...diagnostics].sort((a, b) => compareText(a.file ?? '', b.file ?? '') ||
        (a.line ?? 0) - (b.line ?? 0) ||
        (a.column ?? 0) - (b.column ?? 0) ||
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        compareText(a.rule, b.rule));
}
function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

;// CONCATENATED MODULE: ./src/graph/derive-handler-type.ts




function hasText(attrs, key) {
    return (attrs.get(key)?.value.trim() ?? '') !== '';
}
/** The node's own shape (written on its statement, not inherited from defaults). */
function ownShape(node) {
    const shape = node.attrs.get('shape');
    return shape !== undefined && (shape.origin === 'explicit' || shape.origin === 'alias')
        ? shape
        : undefined;
}
function derived(value, like) {
    return like?.loc === undefined
        ? { value, kind: 'bare', origin: 'derived' }
        : { value, kind: 'bare', origin: 'derived', loc: like.loc };
}
function withAttrs(node, changes) {
    const attrs = new Map(node.attrs);
    for (const [key, value] of Object.entries(changes))
        attrs.set(key, value);
    return withNodeAttrs(node, attrs);
}
/** Diamond nodes (collected first: the loop below replaces entries of the map it came from). */
function* diamonds(nodes) {
    for (const node of nodes.values())
        if (node.attrs.get('shape')?.value === 'diamond')
            yield node;
}
/**
 * Returns the nodes with derived `type` attributes set. The input map is returned as is when nothing is
 * derived, and updated in place otherwise (the builder owns it; node objects are replaced, not changed).
 */
function deriveHandlerTypes(nodes) {
    const input = nodes;
    const diagnostics = [];
    for (const node of [...diamonds(input)]) {
        if (hasText(node.attrs, 'type') || node.attrs.get('shape')?.value !== 'diamond')
            continue;
        const shape = node.attrs.get('shape');
        if (hasText(node.attrs, 'tool_command')) {
            nodes.set(node.id, withAttrs(node, { type: derived(HandlerTypes.Tool, shape) }));
            diagnostics.push(dialectNote(node, shape, 'tool_command', 'a tool node', 'parallelogram'));
        }
        else if (hasText(node.attrs, 'prompt')) {
            const changes = { type: derived(HandlerTypes.Codergen, shape) };
            if (!node.attrs.has('auto_status'))
                changes.auto_status = derived('true', shape);
            nodes.set(node.id, withAttrs(node, changes));
            diagnostics.push(dialectNote(node, shape, 'prompt', 'an LLM stage (codergen, auto_status=true)', 'box'));
        }
    }
    const { starts, exits, startByFallback, exitByFallback } = findTerminalNodes(nodes);
    const terminals = [
        [startByFallback ? starts[0] : undefined, HandlerTypes.Start],
        [exitByFallback ? exits[0] : undefined, HandlerTypes.Exit]
    ];
    for (const [node, type] of terminals) {
        if (node === undefined || hasText(node.attrs, 'type') || ownShape(node) !== undefined)
            continue;
        nodes.set(node.id, withAttrs(node, { type: derived(type) }));
    }
    return { nodes, diagnostics };
}
function dialectNote(node, shape, key, becomes, shapeInstead) {
    return diagnosticAt(shape?.loc ?? node.loc, {
        rule: 'dot_dialect',
        severity: 'info',
        nodeId: node.id,
        message: `Node '${node.id}' is a diamond with ${key}, so it runs as ${becomes}, as in the Go Tracker; a plain diamond is a conditional routing point.`,
        fix: `Write shape=${shapeInstead} (or an explicit type=) to say so, or remove ${key} if '${node.id}' only routes.`
    });
}

;// CONCATENATED MODULE: ./src/graph/derive-class.ts
/**
 * Class names (spec §2.10, §2.12): the comma-separated `class` attribute, and the class a subgraph label
 * derives for the nodes inside it.
 */
/**
 * The class a subgraph label derives: lower-cased, whitespace runs become `-`, every character other than
 * `[a-z0-9-]` is dropped. `"Loop A"` → `loop-a`. Undefined when nothing is left.
 */
function deriveClass(label) {
    const derived = label
        .toLowerCase()
        .trim()
        .replace(/\s+/g, '-')
        .replace(/[^a-z0-9-]/g, '');
    return derived === '' ? undefined : derived;
}
/** The names in a `class` attribute: split on commas, trimmed, empties dropped, duplicates removed. */
function splitClasses(value) {
    const seen = new Set();
    for (const part of value.split(',')) {
        const name = part.trim();
        if (name !== '')
            seen.add(name);
    }
    return [...seen];
}

;// CONCATENATED MODULE: ./src/graph/build-graph.ts





function ownerText(owner) {
    return 'nodeId' in owner ? `Node '${owner.nodeId}'` : owner.text;
}
const build_graph_EMPTY_ATTRS = new Map();
const EDGE_STATEMENT = Object.freeze({ text: 'The edge statement' });
const NO_SUBGRAPHS = [];
/** Never pushed to: `#finishNode` only replaces it. */
const NO_IDS = Object.freeze([]);
function buildGraph(ast) {
    return new GraphBuilder(ast).build();
}
class GraphBuilder {
    #ast;
    #file;
    #diagnostics = [];
    #nodes = new Map();
    #edges = [];
    #graphAttrs = new Map();
    #subgraphs = [];
    #namedSubgraphs = new Map();
    constructor(ast) {
        this.#ast = ast;
        this.#file = ast.file;
    }
    build() {
        const ast = this.#ast;
        const graphLoc = this.#loc(ast.span.start);
        if (!ast.directed) {
            this.#diagnostics.push(diagnosticAt(graphLoc, {
                rule: 'dot_dialect',
                severity: 'error',
                message: `The pipeline is an undirected 'graph'${ast.id ? ` ('${ast.id.value}')` : ''}; tracker runs directed graphs only.`,
                fix: "Write 'digraph' instead of 'graph', and '->' instead of '--' in every edge."
            }));
        }
        if (ast.strict) {
            this.#diagnostics.push(diagnosticAt(graphLoc, {
                rule: 'dot_dialect',
                severity: 'warning',
                message: "'strict' has no effect in tracker: repeated edges are kept as written.",
                fix: "Remove the 'strict' keyword."
            }));
        }
        this.#statements(ast.body, { nodeDefaults: build_graph_EMPTY_ATTRS, edgeDefaults: build_graph_EMPTY_ATTRS, chain: [] });
        const finished = new Map();
        for (const state of this.#nodes.values())
            finished.set(state.id, this.#finishNode(state));
        const { nodes, diagnostics: derivedNotes } = deriveHandlerTypes(finished);
        for (const d of derivedNotes)
            this.#diagnostics.push(d);
        const subgraphs = [];
        for (const state of this.#subgraphs) {
            const label = state.attrs.get('label')?.value;
            if (state.id === undefined && state.attrs.size === 0)
                continue;
            const derivedClass = label === undefined ? undefined : deriveClass(label);
            subgraphs.push({
                ...(state.id === undefined ? {} : { id: state.id }),
                ...(label === undefined ? {} : { label }),
                ...(derivedClass === undefined ? {} : { derivedClass }),
                nodeIds: state.nodeIds,
                loc: state.loc,
                ...(state.attrs.size === 0 ? {} : { attrs: state.attrs })
            });
        }
        const graph = makeGraph({
            name: ast.id?.value ?? '',
            file: this.#file,
            attrs: this.#graphAttrs,
            nodes,
            edges: this.#edges,
            subgraphs,
            loc: graphLoc
        });
        return { graph, diagnostics: this.#diagnostics };
    }
    // ── Statements ─────────────────────────────────────────────────────────────────────────────────
    #statements(body, scope) {
        for (const statement of body) {
            switch (statement.type) {
                case 'node':
                    this.#nodeStatement(statement, scope);
                    break;
                case 'edge':
                    this.#edgeStatement(statement, scope);
                    break;
                case 'attr_stmt':
                    this.#attrStatement(statement, scope);
                    break;
                case 'assign':
                    this.#setGraphAttrs(scope, [statement.attr]);
                    break;
                case 'subgraph':
                    this.#subgraph(statement, scope);
                    break;
                default: {
                    const unexpected = statement;
                    throw new Error(`buildGraph: unexpected statement ${JSON.stringify(unexpected)}`);
                }
            }
        }
    }
    #attrStatement(statement, scope) {
        switch (statement.target) {
            case 'graph':
                this.#setGraphAttrs(scope, statement.attrs);
                break;
            case 'node': {
                const layer = this.#layer(statement.attrs, 'node', 'default', {
                    text: 'A node [...] default block'
                });
                scope.nodeDefaults = mergeAttrs(scope.nodeDefaults, layer);
                break;
            }
            case 'edge': {
                const layer = this.#layer(statement.attrs, 'edge', 'default', {
                    text: 'An edge [...] default block'
                });
                scope.edgeDefaults = mergeAttrs(scope.edgeDefaults, layer);
                break;
            }
            default: {
                const unexpected = statement.target;
                throw new Error(`buildGraph: unexpected attribute statement target ${String(unexpected)}`);
            }
        }
    }
    /** `graph [..]` or `k=v`: the root graph's attributes, or the innermost subgraph's. */
    #setGraphAttrs(scope, attrs) {
        const inner = scope.chain.at(-1);
        const target = inner ? inner.attrs : this.#graphAttrs;
        const owner = {
            text: inner
                ? inner.id === undefined
                    ? 'An anonymous subgraph'
                    : `Subgraph '${inner.id}'`
                : 'The graph'
        };
        for (const attr of attrs)
            this.#setAttr(target, attr, 'graph', 'explicit', owner);
    }
    #subgraph(subgraph, scope) {
        const id = subgraph.id?.value;
        let state = id === undefined ? undefined : this.#namedSubgraphs.get(id);
        if (!state) {
            state = {
                id,
                loc: this.#loc(subgraph.span.start),
                attrs: new Map(),
                nodeIds: [],
                nodeSet: new Set()
            };
            this.#subgraphs.push(state);
            if (id !== undefined)
                this.#namedSubgraphs.set(id, state);
        }
        // Re-opening a named subgraph here makes its earlier nodes members of the subgraphs enclosing it here.
        if (scope.chain.length > 0) {
            for (const nodeId of state.nodeIds) {
                const node = this.#nodes.get(nodeId);
                if (node)
                    this.#addMembership(node, scope.chain);
            }
        }
        this.#statements(subgraph.body, {
            nodeDefaults: scope.nodeDefaults,
            edgeDefaults: scope.edgeDefaults,
            chain: [...scope.chain, state]
        });
        return state;
    }
    #nodeStatement(statement, scope) {
        const id = statement.ref.id.value;
        const loc = this.#loc(statement.ref.id.span.start);
        const isNew = !this.#nodes.has(id);
        const node = this.#mention(statement.ref, scope, loc);
        node.declarations.push(loc);
        if (statement.attrs.length > 0) {
            const owner = { nodeId: id };
            const explicit = (node.explicit ??= new Map(node.defaults));
            let shape;
            let type;
            for (const attr of statement.attrs) {
                const value = this.#setAttr(explicit, attr, 'node', 'explicit', owner);
                if (value.writtenKey !== undefined)
                    continue;
                if (attr.key.value === 'shape')
                    shape = value;
                else if (attr.key.value === 'type')
                    type = value;
            }
            node.declaredShape = this.#checkRedeclaration(node, 'shape', shape, node.declaredShape, isNew, loc);
            node.declaredType = this.#checkRedeclaration(node, 'type', type, node.declaredType, isNew, loc);
        }
        else if (isNew) {
            node.declaredShape = this.#inherited(node, 'shape', loc);
            node.declaredType = this.#inherited(node, 'type', loc);
        }
    }
    /** `duplicate_node` when a declaration sets `key` to a value other than an earlier declaration's. */
    #checkRedeclaration(node, key, written, before, isNew, loc) {
        if (written === undefined) {
            return before ?? (isNew ? this.#inherited(node, key, loc) : undefined);
        }
        const writtenLoc = written.loc ?? loc;
        if (before !== undefined && before.value !== written.value) {
            const id = node.id;
            this.#diagnostics.push(diagnosticAt(writtenLoc, {
                rule: 'duplicate_node',
                severity: 'warning',
                nodeId: id,
                message: `Node '${id}' is declared again with ${key}='${written.value}', but an earlier declaration gave it ${key}='${before.value}' (${formatLoc(before.loc)}); the later value wins.`,
                fix: `Declare '${id}' once, or give the second node its own ID.`,
                related: [
                    {
                        message: `'${id}' first declared with ${key}='${before.value}' here`,
                        loc: before.loc
                    }
                ]
            }));
        }
        return { value: written.value, loc: writtenLoc };
    }
    /** The shape/type a brand-new node takes from the defaults, as its first declared value. */
    #inherited(node, key, loc) {
        const inherited = node.defaults.get(key);
        return inherited === undefined ? undefined : { value: inherited.value, loc };
    }
    #edgeStatement(statement, scope) {
        const groups = [];
        for (const operand of statement.operands) {
            if (operand.type === 'node_ref') {
                const loc = this.#loc(operand.span.start);
                this.#mention(operand, scope, loc);
                groups.push({ ids: operand.id.value, loc, subgraph: undefined });
            }
            else {
                const sub = this.#subgraph(operand, scope);
                groups.push({ ids: [...sub.nodeIds], loc: this.#loc(operand.span.start), subgraph: sub });
            }
        }
        const layer = statement.attrs.length === 0
            ? build_graph_EMPTY_ATTRS
            : this.#layer(statement.attrs, 'edge', 'explicit', EDGE_STATEMENT);
        const attrs = mergeAttrs(scope.edgeDefaults, layer);
        let reportedUndirected = false;
        for (let i = 0; i < statement.ops.length; i++) {
            const left = groups[i];
            const right = groups[i + 1];
            if (!left || !right)
                continue;
            if (statement.ops[i] === '--' && this.#ast.directed && !reportedUndirected) {
                reportedUndirected = true;
                this.#reportUndirectedEdge(left, right);
            }
            if (typeof left.ids === 'string' && typeof right.ids === 'string') {
                this.#edges.push({
                    index: this.#edges.length,
                    from: left.ids,
                    to: right.ids,
                    attrs,
                    loc: left.loc
                });
                continue;
            }
            for (const from of typeof left.ids === 'string' ? [left.ids] : left.ids) {
                for (const to of typeof right.ids === 'string' ? [right.ids] : right.ids) {
                    this.#edges.push({ index: this.#edges.length, from, to, attrs, loc: left.loc });
                }
            }
        }
    }
    #reportUndirectedEdge(left, right) {
        const describe = (operand) => typeof operand.ids === 'string'
            ? `'${operand.ids}'`
            : operand.subgraph?.id === undefined
                ? 'a subgraph'
                : `subgraph '${operand.subgraph.id}'`;
        this.#diagnostics.push(diagnosticAt(left.loc, {
            rule: 'dot_dialect',
            severity: 'error',
            message: `The edge ${describe(left)} -- ${describe(right)} uses the undirected operator '--'; pipeline edges are directed.`,
            fix: `Write ${describe(left)} -> ${describe(right)}.`,
            ...(typeof left.ids === 'string' && typeof right.ids === 'string'
                ? { edge: { from: left.ids, to: right.ids } }
                : {})
        }));
    }
    // ── Nodes ──────────────────────────────────────────────────────────────────────────────────────
    /** Finds or creates the node (with the defaults in effect here) and records subgraph membership. */
    #mention(ref, scope, loc) {
        const id = ref.id.value;
        let node = this.#nodes.get(id);
        if (!node) {
            node = {
                id,
                defaults: scope.nodeDefaults,
                explicit: undefined,
                firstMention: loc,
                declarations: [],
                memberOf: undefined,
                declaredShape: undefined,
                declaredType: undefined
            };
            this.#nodes.set(id, node);
        }
        if (scope.chain.length > 0)
            this.#addMembership(node, scope.chain);
        return node;
    }
    #addMembership(node, chain) {
        for (const sub of chain) {
            if (sub.nodeSet.has(node.id))
                continue;
            sub.nodeSet.add(node.id);
            sub.nodeIds.push(node.id);
            (node.memberOf ??= []).push(sub);
        }
    }
    #finishNode(state) {
        const attrs = state.explicit ?? state.defaults;
        const classAttr = attrs.get('class')?.value;
        const memberOf = state.memberOf ?? NO_SUBGRAPHS;
        let classes = classAttr === undefined ? NO_IDS : splitClasses(classAttr);
        // Shared empty arrays for the common case (no class, no subgraph): fewer allocations on big graphs.
        const subgraphs = memberOf.length === 0 ? NO_IDS : [];
        for (const sub of memberOf) {
            if (sub.id !== undefined)
                subgraphs.push(sub.id);
            const label = sub.attrs.get('label')?.value;
            const derived = label === undefined ? undefined : deriveClass(label);
            if (derived !== undefined && !classes.includes(derived))
                classes = [...classes, derived];
        }
        return {
            id: state.id,
            attrs,
            loc: state.declarations[0] ?? state.firstMention,
            declarations: state.declarations,
            implicit: state.declarations.length === 0,
            classes,
            subgraphs
        };
    }
    // ── Attributes ─────────────────────────────────────────────────────────────────────────────────
    /** One attribute list as canonical key → value, reporting alias conflicts inside the list. */
    #layer(attrs, scope, origin, owner) {
        const layer = new Map();
        for (const attr of attrs)
            this.#setAttr(layer, attr, scope, origin, owner);
        return layer;
    }
    #setAttr(target, attr, scope, origin, owner) {
        const written = attr.key.value;
        const key = canonicalAttributeKey(scope, written);
        const loc = this.#loc(attr.key.span.start);
        const value = key === written
            ? { value: attr.value.value, kind: attr.value.kind, origin, loc }
            : {
                value: attr.value.value,
                kind: attr.value.kind,
                origin: origin === 'explicit' ? 'alias' : origin,
                loc,
                writtenKey: written
            };
        this.#setValue(target, key, value, owner);
        return value;
    }
    /**
     * Sets `key`. When one value was written under an alias and the other under the canonical key, the canonical
     * one wins, and `attribute_alias_conflict` is reported if their values differ.
     */
    #setValue(target, key, value, owner) {
        const existing = target.get(key);
        if (existing !== undefined &&
            // An explicit value overriding a node default is not a conflict; two values in one list are.
            !(existing.origin === 'default' && value.origin !== 'default') &&
            (existing.writtenKey === undefined) !== (value.writtenKey === undefined)) {
            const canonical = existing.writtenKey === undefined ? existing : value;
            const alias = existing.writtenKey === undefined ? value : existing;
            const aliasKey = alias.writtenKey ?? key;
            target.set(key, canonical);
            if (alias.value === canonical.value)
                return;
            this.#diagnostics.push(diagnosticAt(alias.loc, {
                rule: 'attribute_alias_conflict',
                severity: 'warning',
                ...('nodeId' in owner ? { nodeId: owner.nodeId } : {}),
                message: `${ownerText(owner)} sets both '${key}' ("${canonical.value}") and its alias '${aliasKey}' ("${alias.value}"); '${key}' wins and '${aliasKey}' is ignored.`,
                fix: `Remove '${aliasKey}' and keep only '${key}'.`,
                ...(canonical.loc
                    ? { related: [{ message: `'${key}' set here`, loc: canonical.loc }] }
                    : {})
            }));
            return;
        }
        target.set(key, value);
    }
    #loc(position) {
        return { file: this.#file, line: position.line, column: position.column };
    }
}
function mergeAttrs(base, layer) {
    if (layer.size === 0)
        return base;
    if (base.size === 0)
        return layer;
    const merged = new Map(base);
    for (const [key, value] of layer)
        merged.set(key, value);
    return merged;
}
function formatLoc(loc) {
    return `${loc.file}:${loc.line}:${loc.column}`;
}

;// CONCATENATED MODULE: ./src/validate/format-diagnostic.ts
/** `file:line:col`, leaving out the parts that are unknown. */
function formatLocation(loc) {
    const parts = [];
    if (loc.file !== undefined && loc.file !== '')
        parts.push(loc.file);
    if (loc.line !== undefined) {
        parts.push(String(loc.line));
        if (loc.column !== undefined)
            parts.push(String(loc.column));
    }
    return parts.join(':');
}
function formatDiagnostic(d) {
    const where = formatLocation(d);
    const head = `${where === '' ? '' : `${where}: `}${d.severity}[${d.rule}]: ${d.message}`;
    const lines = [head];
    if (d.excerpt !== undefined && d.excerpt !== '')
        lines.push(d.excerpt);
    if (d.fix !== undefined && d.fix !== '')
        lines.push(`  fix: ${d.fix}`);
    for (const related of d.related ?? []) {
        const at = formatLocation(related.loc);
        lines.push(`  note: ${related.message}${at === '' ? '' : ` at ${at}`}`);
    }
    return lines.join('\n');
}
const NOUNS = {
    error: ['error', 'errors'],
    warning: ['warning', 'warnings'],
    info: ['note', 'notes']
};
/** `2 errors, 1 warning` (zero counts left out; `no problems` when empty). */
function summarizeDiagnostics(diagnostics) {
    const counts = { error: 0, warning: 0, info: 0 };
    for (const d of diagnostics)
        counts[d.severity]++;
    const parts = [];
    for (const severity of ['error', 'warning', 'info']) {
        const n = counts[severity];
        if (n > 0)
            parts.push(`${n} ${NOUNS[severity][n === 1 ? 0 : 1]}`);
    }
    return parts.length === 0 ? 'no problems' : parts.join(', ');
}

;// CONCATENATED MODULE: ./src/validate/pipeline-validation-error.ts
/**
 * Thrown by `assertValid` when a pipeline has error diagnostics (spec §7.3 `validate_or_raise`).
 * Decide on it with `isTrackerError(e) && e.code === 'PIPELINE_INVALID'`.
 */


/** Errors listed in the message; all of them are always in `diagnostics`. */
const MAX_IN_MESSAGE = 20;
class pipeline_validation_error_PipelineValidationError extends TrackerError {
    diagnostics;
    constructor(diagnostics) {
        const errors = diagnostics.filter((d) => d.severity === 'error');
        const listed = errors.slice(0, MAX_IN_MESSAGE).map((d) => formatDiagnostic(d));
        if (errors.length > MAX_IN_MESSAGE)
            listed.push(`… and ${errors.length - MAX_IN_MESSAGE} more errors`);
        super('PIPELINE_INVALID', `The pipeline is invalid (${summarizeDiagnostics(diagnostics)}):\n${listed.join('\n')}`);
        this.name = 'PipelineValidationError';
        this.diagnostics = diagnostics;
    }
}

;// CONCATENATED MODULE: ./src/validate/once-per-source.ts
class OncePerSource {
    #seen = new Set();
    /** True the first time the value written at this place is seen (always true for a value without a place). */
    first(key, value) {
        if (value.loc === undefined)
            return true;
        const id = `${value.origin}\u0000${value.loc.file}\u0000${value.loc.line}\u0000${value.loc.column}\u0000${key}\u0000${value.value}`;
        if (this.#seen.has(id))
            return false;
        this.#seen.add(id);
        return true;
    }
}
/** Where to point for an attribute: its own location, else the element's. */
function attributeLocation(value, fallback) {
    return value?.loc ?? fallback;
}
/** `node 'x'`, or `the node defaults (applied to 'x')` for an inherited value. */
function ownerPhrase(kind, owner, value) {
    switch (value.origin) {
        case 'default':
            return `the ${kind} defaults (first applied to ${kind} ${owner})`;
        case 'stylesheet':
            return `the model_stylesheet (first applied to ${kind} ${owner})`;
        case 'explicit':
        case 'alias':
        case 'api':
        case 'derived':
            return `${kind} ${owner}`;
    }
}

;// CONCATENATED MODULE: ./src/validate/attribute-owners.ts

const NO_TARGET = Object.freeze({});
class GraphOwner {
    scope = 'graph';
    subgraph = false;
    target = NO_TARGET;
    attrs;
    loc;
    constructor(graph) {
        this.attrs = graph.attrs;
        this.loc = graph.loc;
    }
    describe() {
        return 'the graph';
    }
}
class SubgraphOwner {
    scope = 'graph';
    subgraph = true;
    target = NO_TARGET;
    attrs;
    loc;
    id;
    constructor(subgraph, attrs) {
        this.attrs = attrs;
        this.loc = subgraph.loc;
        this.id = subgraph.id;
    }
    describe() {
        return this.id === undefined ? 'an anonymous subgraph' : `subgraph '${this.id}'`;
    }
}
class NodeOwner {
    scope = 'node';
    subgraph = false;
    attrs;
    node;
    constructor(node) {
        this.node = node;
        this.attrs = node.attrs;
    }
    get loc() {
        return this.node.loc;
    }
    get target() {
        return { nodeId: this.node.id };
    }
    describe(value) {
        return ownerPhrase('node', `'${this.node.id}'`, value);
    }
}
class EdgeOwner {
    scope = 'edge';
    subgraph = false;
    attrs;
    edge;
    constructor(edge) {
        this.edge = edge;
        this.attrs = edge.attrs;
    }
    get loc() {
        return this.edge.loc;
    }
    get target() {
        return { edge: { from: this.edge.from, to: this.edge.to } };
    }
    describe(value) {
        return ownerPhrase('edge', `'${this.edge.from}' -> '${this.edge.to}'`, value);
    }
}
/** Owners are made once per graph (graphs are immutable) and shared by every rule that walks them. */
const memo = new WeakMap();
function ownersOf(graph, kind) {
    let lists = memo.get(graph);
    if (lists === undefined)
        memo.set(graph, (lists = {}));
    const cached = lists[kind];
    if (cached !== undefined)
        return cached;
    let made;
    switch (kind) {
        case 'graph':
            made = [new GraphOwner(graph)];
            break;
        case 'subgraph':
            made = [];
            for (const subgraph of graph.subgraphs) {
                if (subgraph.attrs !== undefined && subgraph.attrs.size > 0)
                    made.push(new SubgraphOwner(subgraph, subgraph.attrs));
            }
            break;
        case 'node':
            made = [];
            for (const node of graph.nodes.values())
                made.push(new NodeOwner(node));
            break;
        case 'edge':
            made = [];
            for (const edge of graph.edges)
                made.push(new EdgeOwner(edge));
            break;
    }
    lists[kind] = made;
    return made;
}
const combined = new WeakMap();
/**
 * The graph, every subgraph with attributes of its own, every node and every edge, for the kinds listed
 * and in their order (one shared array per graph and list of kinds). A subgraph owner has scope `graph`.
 */
function attributeOwners(graph, kinds) {
    let byKinds = combined.get(graph);
    if (byKinds === undefined)
        combined.set(graph, (byKinds = new Map()));
    const key = kinds.join(',');
    let owners = byKinds.get(key);
    if (owners === undefined) {
        if (kinds.length === 1)
            owners = ownersOf(graph, kinds[0] ?? 'graph');
        else {
            const all = [];
            for (const kind of kinds)
                for (const owner of ownersOf(graph, kind))
                    all.push(owner);
            owners = all;
        }
        byKinds.set(key, owners);
    }
    return owners;
}

;// CONCATENATED MODULE: ./src/validate/rules/attribute-no-effect.ts
/**
 * attribute_no_effect: a known attribute that tracker will ignore where it is written. Three cases:
 * - an attribute of another dialect that tracker's engine does not implement (`fan_in_policy`, `quorum`,
 *   `parallel_targets`; marked `unsupported` in the schema), with what to write instead;
 * - a graph attribute set inside a subgraph (`subgraph s { goal="x" }`): only `label` (which derives a
 *   class) and Graphviz rendering attributes mean something there;
 * - graph-level `max_parallel` without `schedule="dependencies"`, the only scheduler that reads it.
 * Unknown keys are `unknown_attribute`'s business.
 */




/** Graph attributes that mean something inside a subgraph (besides Graphviz rendering attributes). */
const SUBGRAPH_ATTRIBUTES = new Set(['label']);
const UNSUPPORTED_KEYS = {
    node: unsupportedAttributeKeys('node'),
    edge: unsupportedAttributeKeys('edge')
};
function dependenciesScheduled(graph) {
    return graph.attrs.get('schedule')?.value.trim() === 'dependencies';
}
const attributeNoEffectRule = {
    name: 'attribute_no_effect',
    apply(graph) {
        const diagnostics = [];
        const once = new OncePerSource();
        for (const owner of attributeOwners(graph, ['graph', 'subgraph', 'node', 'edge'])) {
            // Nodes and edges can only hold an unsupported attribute: look those few keys up instead of
            // walking every attribute of every element. The graph and subgraphs are walked in full.
            const keys = owner.scope === 'graph' ? owner.attrs.keys() : UNSUPPORTED_KEYS[owner.scope];
            for (const key of keys) {
                const value = owner.attrs.get(key);
                if (value === undefined)
                    continue;
                const entry = lookupAttribute(owner.scope, key);
                if (entry === undefined || entry.source === 'graphviz')
                    continue;
                const written = value.writtenKey ?? key;
                let message;
                let fix = '';
                if (entry.unsupported !== undefined) {
                    message = `${written}=${JSON.stringify(value.value)} on ${owner.describe(value)} has no effect: it is a Go Tracker attribute that tracker's engine does not implement`;
                    fix = entry.unsupported;
                }
                else if (owner.subgraph && !SUBGRAPH_ATTRIBUTES.has(entry.key)) {
                    const alsoNode = lookupAttribute('node', key) !== undefined;
                    message = `graph attribute '${written}' set inside ${owner.describe(value)} has no effect: graph attributes are read only at the top level of the graph (a subgraph takes only label)`;
                    fix = alsoNode
                        ? `Move ${written}=… to the top level of the graph, or write node [${written}=…] inside the subgraph to set it on the subgraph's nodes.`
                        : `Move ${written}=… to the top level of the graph (outside every subgraph), or remove it.`;
                }
                else if (owner.scope === 'graph' &&
                    !owner.subgraph &&
                    entry.key === 'max_parallel' &&
                    !dependenciesScheduled(graph)) {
                    message = `graph attribute '${written}' has no effect without schedule="dependencies": edge-by-edge scheduling runs one node at a time`;
                    fix = `Set ${written} on the parallel (shape=component) nodes to cap their branches, or add schedule="dependencies" to run independent nodes concurrently.`;
                }
                if (message === undefined || !once.first(`${owner.scope}:${key}`, value))
                    continue;
                diagnostics.push(diagnosticAt(attributeLocation(value, owner.loc), {
                    rule: 'attribute_no_effect',
                    severity: 'warning',
                    message,
                    ...owner.target,
                    fix
                }));
            }
        }
        return diagnostics;
    }
};

;// CONCATENATED MODULE: ./src/validate/rules/attribute-type.ts







/** Checked by other rules: condition_syntax, fidelity_valid, retry_target_exists. */
const OWNED_ELSEWHERE = new Set([
    'condition',
    'fidelity',
    'default_fidelity',
    'retry_target',
    'fallback_retry_target'
]);
const NON_NEGATIVE = new Set([
    'max_retries',
    'default_max_retries',
    'max_restarts'
]);
function checkValue(graph, entry, written, text, attrs) {
    const quoted = JSON.stringify(text);
    switch (entry.type) {
        case 'string':
        case 'condition':
            return undefined;
        case 'integer': {
            const n = parseInteger(text);
            if (n === undefined) {
                return {
                    severity: 'error',
                    what: 'is not an integer',
                    fix: `Write a whole number, e.g. ${written}=${entry.default !== undefined && parseInteger(entry.default) !== undefined ? entry.default : '3'}.`
                };
            }
            if (n < 0 && NON_NEGATIVE.has(entry.key)) {
                return {
                    severity: 'error',
                    what: 'is negative; it counts additional attempts, so it must be 0 or more',
                    fix: `Write ${written}=0 for no retries.`
                };
            }
            return undefined;
        }
        case 'float':
            return parseFloatValue(text) === undefined
                ? {
                    severity: 'error',
                    what: 'is not a number',
                    fix: `Write a decimal number, e.g. ${written}=0.5.`
                }
                : undefined;
        case 'boolean':
            return parseBoolean(text) === undefined
                ? {
                    severity: 'error',
                    what: 'is not a boolean',
                    fix: `Write ${written}=true or ${written}=false.`
                }
                : undefined;
        case 'duration': {
            const parsed = parseDurationLenient(text);
            if (parsed === undefined) {
                return {
                    severity: 'error',
                    what: 'is not a duration',
                    fix: `Write a number with a unit (ms, s, m, h, d), e.g. ${written}="30s" or "1h30m".`
                };
            }
            if (parsed.ms > MAX_DURATION_MS) {
                return {
                    severity: 'error',
                    what: `is ${formatDurationMs(parsed.ms)}, longer than the longest duration tracker can time (${formatDurationMs(MAX_DURATION_MS)}, 2^31-1 ms)`,
                    fix: `Write at most ${written}="24d"; for a gate that should wait without a limit, remove ${written}.`
                };
            }
            if (parsed.unitless) {
                return {
                    severity: 'warning',
                    what: `has no unit, so it is read as ${text.trim()}s`,
                    fix: `Write ${written}="${text.trim()}s" (or the unit you meant).`
                };
            }
            return undefined;
        }
        case 'enum': {
            const values = entry.values ?? [];
            if (values.includes(text))
                return undefined;
            const suggestion = values.find((v) => v.toLowerCase() === text.toLowerCase()) ??
                closestMatch(text.toLowerCase(), values, 2);
            if (entry.key === 'shape') {
                if ((attrs.get('type')?.value.trim() ?? '') !== '')
                    return undefined;
                return {
                    severity: 'warning',
                    what: `is not a pipeline shape, so the node runs as an LLM stage (${HandlerTypes.Codergen})${didYouMean(suggestion)}`,
                    fix: `Use one of ${values.join(', ')}, or set type= to choose the handler explicitly.`
                };
            }
            return {
                severity: 'error',
                what: `is not one of ${values.join(', ')}${didYouMean(suggestion)}`,
                fix: suggestion === undefined
                    ? `Use one of ${values.join(', ')}.`
                    : `Write ${written}=${JSON.stringify(suggestion)}.`
            };
        }
        case 'node_ref':
            return graph.nodes.has(text)
                ? undefined
                : {
                    severity: 'warning',
                    what: `names no node (${quoted} is not a node id)`,
                    fix: `Set ${written} to the id of an existing node, or remove it.`
                };
    }
}
const attributeTypeRule = {
    name: 'attribute_type',
    apply(graph) {
        const diagnostics = [];
        const once = new OncePerSource();
        // The verdict for a (key as written, value) pair, for the types whose check depends on nothing else:
        // large graphs repeat the same values (timeout="30s", shape=box) thousands of times.
        const verdicts = new Map();
        for (const owner of attributeOwners(graph, ['graph', 'node', 'edge'])) {
            for (const key of owner.attrs.keys()) {
                // keys() + get(): iterating entries allocates a [key, value] pair per attribute.
                const value = owner.attrs.get(key);
                if (OWNED_ELSEWHERE.has(key))
                    continue;
                const entry = lookupAttribute(owner.scope, key);
                if (entry === undefined || entry.source === 'graphviz')
                    continue;
                const text = value.value.trim();
                if (text === '')
                    continue;
                const written = value.writtenKey ?? key;
                if (entry.type === 'string' || entry.type === 'condition')
                    continue;
                // Cached by key as written (the messages name it) and value; node_ref and shape depend on more.
                const pure = entry.type !== 'node_ref' && entry.key !== 'shape';
                let cache;
                if (pure) {
                    cache = verdicts.get(written);
                    if (cache === undefined)
                        verdicts.set(written, (cache = new Map()));
                }
                let problem;
                if (cache?.has(text))
                    problem = cache.get(text);
                else {
                    problem = checkValue(graph, entry, written, text, owner.attrs);
                    cache?.set(text, problem);
                }
                if (problem === undefined || !once.first(`${owner.scope}:${key}`, value))
                    continue;
                diagnostics.push(diagnosticAt(attributeLocation(value, owner.loc), {
                    rule: 'attribute_type',
                    severity: problem.severity,
                    message: `${written}=${JSON.stringify(value.value)} on ${owner.describe(value)} ${problem.what}`,
                    ...owner.target,
                    fix: problem.fix
                }));
            }
        }
        return diagnostics;
    }
};

;// CONCATENATED MODULE: ./src/validate/locate-in-value.ts
function locateInValue(value, key, offset) {
    const loc = value.loc;
    if (loc === undefined)
        return undefined;
    if (value.origin !== 'explicit' && value.origin !== 'alias')
        return loc;
    const text = value.value;
    const at = Math.max(0, Math.min(offset, text.length));
    const before = text.slice(0, at);
    const newline = before.lastIndexOf('\n');
    if (newline === -1) {
        const start = loc.column + (value.writtenKey ?? key).length + 1 + (value.kind === 'quoted' ? 1 : 0);
        return { file: loc.file, line: loc.line, column: start + at };
    }
    let lines = 0;
    for (let i = 0; i < before.length; i++)
        if (before.charCodeAt(i) === 10)
            lines++;
    return { file: loc.file, line: loc.line + lines, column: at - newline };
}

;// CONCATENATED MODULE: ./src/validate/graph-facts.ts



class GraphFacts {
    #graph;
    #index;
    #flowIndex;
    #starts;
    #exits;
    #types;
    #fromStart;
    #toExit;
    #conditions = new Map();
    constructor(graph) {
        this.#graph = graph;
    }
    get index() {
        return (this.#index ??= buildIndex(this.#graph, []));
    }
    /**
     * The index plus the engine's jumps: a node's `retry_target`/`fallback_retry_target` (failure routing) and,
     * from each exit node, the goal-gate retry targets (node and graph level). Reachability uses this one: a
     * node reached only through a retry target still runs.
     */
    get flowIndex() {
        if (this.#flowIndex === undefined) {
            const jumps = jumpPairs(this.#graph);
            // Without jumps the flow index is the edge index: build (and hold) one, not two.
            this.#flowIndex = jumps.length === 0 ? this.index : buildIndex(this.#graph, jumps);
        }
        return this.#flowIndex;
    }
    get starts() {
        return (this.#starts ??= findStartNodes(this.#graph));
    }
    get exits() {
        return (this.#exits ??= findExitNodes(this.#graph));
    }
    /** The handler type of a node (explicit type, else shape, else codergen). */
    handlerType(node) {
        let types = this.#types;
        if (types === undefined) {
            types = new Map();
            for (const n of this.#graph.nodes.values())
                types.set(n.id, nodeHandlerType(n));
            this.#types = types;
        }
        return types.get(node.id) ?? nodeHandlerType(node);
    }
    /** Nodes reachable from the start node(s), start included. */
    get reachableFromStart() {
        return (this.#fromStart ??= this.reachable(this.starts.map((n) => n.id), 'forward'));
    }
    /** Nodes with a path to an exit node, exits included. */
    get leadsToExit() {
        return (this.#toExit ??= this.reachable(this.exits.map((n) => n.id), 'backward'));
    }
    /** Every node reachable from `roots` (included), following edges forward or backward. O(nodes + edges). */
    reachable(roots, direction, withJumps = true) {
        const index = withJumps ? this.flowIndex : this.index;
        const start = direction === 'forward' ? index.outStart : index.inStart;
        const adjacent = direction === 'forward' ? index.outTargets : index.inSources;
        const seen = new Uint8Array(index.ids.length);
        const queue = new Int32Array(index.ids.length);
        let tail = 0;
        for (const root of roots) {
            const i = index.indexOf.get(root);
            if (i !== undefined && seen[i] === 0) {
                seen[i] = 1;
                queue[tail++] = i;
            }
        }
        for (let head = 0; head < tail; head++) {
            const i = queue[head] ?? 0;
            const end = start[i + 1] ?? 0;
            for (let k = start[i] ?? 0; k < end; k++) {
                const j = adjacent[k] ?? 0;
                if (seen[j] === 0) {
                    seen[j] = 1;
                    queue[tail++] = j;
                }
            }
        }
        return { has: (id) => seen[index.indexOf.get(id) ?? -1] === 1 };
    }
    /** parseCondition, once per distinct text. */
    condition(text) {
        let result = this.#conditions.get(text);
        if (result === undefined) {
            result = parseCondition(text);
            this.#conditions.set(text, result);
        }
        return result;
    }
}
const graph_facts_memo = new WeakMap();
function graphFacts(graph) {
    let facts = graph_facts_memo.get(graph);
    if (facts === undefined) {
        facts = new GraphFacts(graph);
        graph_facts_memo.set(graph, facts);
    }
    return facts;
}
const TARGET_ATTRS = ['retry_target', 'fallback_retry_target'];
/** Engine jumps that are not edges: [from, to] pairs (see GraphFacts.flowIndex). */
function jumpPairs(graph) {
    const pairs = [];
    const exits = findExitNodes(graph).map((n) => n.id);
    const target = (attrs, key) => {
        const t = attrs.get(key)?.value.trim();
        return t && graph.nodes.has(t) ? t : undefined;
    };
    for (const key of TARGET_ATTRS) {
        const graphTarget = target(graph.attrs, key);
        if (graphTarget)
            for (const exit of exits)
                pairs.push([exit, graphTarget]);
    }
    for (const node of graph.nodes.values()) {
        const goalGate = node.attrs.get('goal_gate')?.value.trim().toLowerCase() === 'true';
        for (const key of TARGET_ATTRS) {
            const t = target(node.attrs, key);
            if (!t)
                continue;
            pairs.push([node.id, t]);
            if (goalGate)
                for (const exit of exits)
                    pairs.push([exit, t]);
        }
    }
    return pairs;
}
function buildIndex(graph, jumps) {
    const ids = [];
    const indexOf = new Map();
    const add = (id) => {
        let i = indexOf.get(id);
        if (i === undefined) {
            i = ids.length;
            ids.push(id);
            indexOf.set(id, i);
        }
        return i;
    };
    for (const id of graph.nodes.keys())
        add(id);
    const count = graph.edges.length + jumps.length;
    const from = new Int32Array(count);
    const to = new Int32Array(count);
    graph.edges.forEach((edge, k) => {
        from[k] = add(edge.from);
        to[k] = add(edge.to);
    });
    jumps.forEach(([a, b], k) => {
        from[graph.edges.length + k] = add(a);
        to[graph.edges.length + k] = add(b);
    });
    const n = ids.length;
    const csr = (keys, values) => {
        const start = new Int32Array(n + 1);
        for (const key of keys)
            start[key + 1] = (start[key + 1] ?? 0) + 1;
        for (let i = 0; i < n; i++)
            start[i + 1] = (start[i + 1] ?? 0) + (start[i] ?? 0);
        const fill = start.slice(0, n);
        const out = new Int32Array(keys.length);
        for (let k = 0; k < keys.length; k++) {
            const key = keys[k] ?? 0;
            out[fill[key] ?? 0] = values[k] ?? 0;
            fill[key] = (fill[key] ?? 0) + 1;
        }
        return [start, out];
    };
    const [outStart, outTargets] = csr(from, to);
    const [inStart, inSources] = csr(to, from);
    return { ids, indexOf, outStart, outTargets, inStart, inSources };
}

;// CONCATENATED MODULE: ./src/validate/rules/condition-syntax.ts






const GRAMMAR_HINT = 'A condition is one or more clauses `key=value` or `key!=value` joined by &&, where key is outcome, preferred_label or context.<name>; e.g. outcome=success && context.tests_passed=true.';
const parsed = new WeakMap();
const EDGE_CONDITION_KEYS = attributeKeysOfType('edge', 'condition');
const NODE_CONDITION_KEYS = attributeKeysOfType('node', 'condition');
/**
 * Every non-empty condition-typed attribute of every edge, then of every node, parsed once per graph and
 * shared by condition_syntax and condition_extension (graphs are immutable).
 */
function parsedConditions(graph) {
    let list = parsed.get(graph);
    if (list !== undefined)
        return list;
    const facts = graphFacts(graph);
    const found = [];
    for (const owner of attributeOwners(graph, ['edge', 'node'])) {
        // Attributes are stored under their canonical keys, so looking up the few condition keys is enough.
        for (const key of owner.scope === 'edge' ? EDGE_CONDITION_KEYS : NODE_CONDITION_KEYS) {
            const value = owner.attrs.get(key);
            if (value === undefined || value.value.trim() === '')
                continue;
            found.push({ owner, key, value, result: facts.condition(value.value) });
        }
    }
    list = found;
    parsed.set(graph, list);
    return list;
}
const conditionSyntaxRule = {
    name: 'condition_syntax',
    apply(graph) {
        const diagnostics = [];
        const once = new OncePerSource();
        for (const { owner, key, value, result } of parsedConditions(graph)) {
            const problems = result.ok ? result.warnings : result.errors;
            if (problems.length === 0 || !once.first(`${owner.scope}:${key}`, value))
                continue;
            const severity = result.ok ? 'warning' : 'error';
            const written = value.writtenKey ?? key;
            for (const problem of problems) {
                diagnostics.push(diagnosticAt(locateInValue(value, key, problem.offset) ?? attributeLocation(value, owner.loc), {
                    rule: 'condition_syntax',
                    severity,
                    message: `${result.ok ? 'suspicious' : 'invalid'} ${written} ${JSON.stringify(value.value)} on ${owner.describe(value)}: ${problem.message}`,
                    ...owner.target,
                    fix: problem.hint ?? GRAMMAR_HINT
                }));
            }
        }
        return diagnostics;
    }
};

;// CONCATENATED MODULE: ./src/validate/rules/condition-extension.ts
/**
 * condition_extension (info): a condition uses an operator that tracker supports but the Attractor spec
 * (§10) does not (`||`, `!`/`not`, `==`, `<`, `contains`, `in`, `matches`, `ctx.` …). Such a pipeline
 * runs on tracker; the note tells strict-spec users where it would not run on other engines.
 */




const conditionExtensionRule = {
    name: 'condition_extension',
    apply(graph) {
        const diagnostics = [];
        const once = new OncePerSource();
        for (const { owner, key, value, result } of parsedConditions(graph)) {
            if (!result.ok ||
                result.extensions.length === 0 ||
                !once.first(`${owner.scope}:${key}`, value))
                continue;
            const first = result.extensions[0] ?? '';
            const at = Math.max(0, value.value.indexOf(first));
            diagnostics.push(diagnosticAt(locateInValue(value, key, at) ?? attributeLocation(value, owner.loc), {
                rule: 'condition_extension',
                severity: 'info',
                message: `${value.writtenKey ?? key} ${JSON.stringify(value.value)} on ${owner.describe(value)} uses tracker extensions ` +
                    `beyond the Attractor spec: ${result.extensions.map((e) => `'${e}'`).join(', ')}`,
                ...owner.target,
                fix: 'Nothing to do if the pipeline only runs on tracker. For other engines, use only =, != and && with outcome, preferred_label and context.<key>.'
            }));
        }
        return diagnostics;
    }
};

;// CONCATENATED MODULE: ./src/validate/rules/edge-target-exists.ts
/**
 * edge_target_exists (spec §7.2): both ends of every edge name a node of the graph. The DOT builder
 * creates a node for every edge endpoint, so this fires for graphs built or transformed through the API.
 */


const edgeTargetExistsRule = {
    name: 'edge_target_exists',
    apply(graph) {
        const diagnostics = [];
        let suggester;
        for (const edge of graph.edges) {
            if (graph.nodes.has(edge.from) && graph.nodes.has(edge.to))
                continue;
            for (const end of ['to', 'from']) {
                const id = edge[end];
                if (graph.nodes.has(id))
                    continue;
                suggester ??= new Suggester(graph.nodes.keys());
                const role = end === 'to' ? 'targets' : 'starts at';
                diagnostics.push(diagnosticAt(edge.loc, {
                    rule: 'edge_target_exists',
                    severity: 'error',
                    message: `edge '${edge.from}' -> '${edge.to}' ${role} unknown node '${id}'${didYouMean(suggester.suggest(id))}`,
                    edge: { from: edge.from, to: edge.to },
                    fix: `Declare node '${id}' or fix the edge ${end === 'to' ? 'target' : 'source'}.`
                }));
            }
        }
        return diagnostics;
    }
};

;// CONCATENATED MODULE: ./src/validate/rules/exit-no-outgoing.ts
/**
 * exit_no_outgoing (spec §7.2): the exit node ends the run, so it may have no outgoing edges.
 */


const exitNoOutgoingRule = {
    name: 'exit_no_outgoing',
    apply(graph) {
        const diagnostics = [];
        for (const exit of graphFacts(graph).exits) {
            for (const edge of graph.outgoing.get(exit.id) ?? []) {
                diagnostics.push(diagnosticAt(edge.loc, {
                    rule: 'exit_no_outgoing',
                    severity: 'error',
                    message: `edge '${edge.from}' -> '${edge.to}' leaves the exit node; the run ends at '${exit.id}', so it can have no outgoing edges`,
                    nodeId: exit.id,
                    edge: { from: edge.from, to: edge.to },
                    fix: `Delete the edge, or start it from the stage before '${exit.id}' and add a condition to choose between them.`
                }));
            }
        }
        return diagnostics;
    }
};

;// CONCATENATED MODULE: ./src/validate/describe-nodes.ts

/** At most this many nodes are listed; the rest become "and N more". */
const MAX_LISTED = 10;
function describeNodes(nodes) {
    const listed = nodes.slice(0, MAX_LISTED).map((n) => `${n.id} (${formatLocation(n.loc)})`);
    if (nodes.length > MAX_LISTED)
        listed.push(`and ${nodes.length - MAX_LISTED} more`);
    return listed.join(', ');
}
/** `'a', 'b' and 'c'` (at most MAX_LISTED names). */
function quoteIds(ids) {
    const quoted = ids.slice(0, MAX_LISTED).map((id) => `'${id}'`);
    if (ids.length > MAX_LISTED)
        quoted.push(`${ids.length - MAX_LISTED} more`);
    if (quoted.length <= 1)
        return quoted.join('');
    return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1] ?? ''}`;
}

;// CONCATENATED MODULE: ./src/validate/rules/exit-reachable.ts
/**
 * exit_reachable: every node the run can reach must have a path onward to the exit. A node without one
 * is a dead end (no outgoing edges) or sits in a part of the graph that only loops back on itself; a run
 * that gets there never finishes. Nodes that are not reachable at all are left to `reachability`.
 */



const exitReachableRule = {
    name: 'exit_reachable',
    apply(graph) {
        const facts = graphFacts(graph);
        const exits = facts.exits;
        if (facts.starts.length === 0 || exits.length === 0)
            return [];
        const exitIds = exits.map((n) => n.id);
        const reached = facts.reachableFromStart;
        const leadsToExit = facts.leadsToExit;
        const exitName = exits.length === 1 ? `the exit ${quoteIds(exitIds)}` : 'the exit';
        const target = exitIds[0] ?? 'exit';
        const diagnostics = [];
        for (const node of graph.nodes.values()) {
            if (!reached.has(node.id) || leadsToExit.has(node.id))
                continue;
            const outgoing = graph.outgoing.get(node.id) ?? [];
            const why = outgoing.length === 0
                ? 'it has no outgoing edges, so a run that gets there stops without finishing'
                : `its edges (to ${quoteIds([...new Set(outgoing.map((e) => e.to))])}) only lead to nodes that never reach ${exitName} either`;
            diagnostics.push(diagnosticAt(node.loc, {
                rule: 'exit_reachable',
                severity: 'error',
                message: `node '${node.id}' has no path to the exit: ${why}`,
                nodeId: node.id,
                fix: outgoing.length === 0
                    ? `Add an edge from '${node.id}' to '${target}' or to a stage that leads there.`
                    : `Add an edge (for example with condition="outcome=success") from '${node.id}' or one of the nodes it loops through towards '${target}'.`
            }));
        }
        return diagnostics;
    }
};

;// CONCATENATED MODULE: ./src/validate/rules/fidelity-valid.ts




const MODES = new Set(FIDELITY_MODES);
const fidelityValidRule = {
    name: 'fidelity_valid',
    apply(graph) {
        const diagnostics = [];
        const once = new OncePerSource();
        const check = (key, value, where, fallback, extra) => {
            const mode = value.value.trim();
            if (mode === '' || MODES.has(mode))
                return;
            const suggestion = closestMatch(mode.toLowerCase(), FIDELITY_MODES, 3);
            diagnostics.push(diagnosticAt(attributeLocation(value, fallback), {
                rule: 'fidelity_valid',
                severity: 'warning',
                message: `${key} '${mode}' on ${where} is not a fidelity mode${didYouMean(suggestion)}`,
                ...extra,
                fix: `Use one of ${FIDELITY_MODES.join(', ')}.`
            }));
        };
        const graphDefault = graph.attrs.get('default_fidelity');
        if (graphDefault !== undefined)
            check('default_fidelity', graphDefault, 'the graph', graph.loc, {});
        for (const node of graph.nodes.values()) {
            const value = node.attrs.get('fidelity');
            if (value !== undefined && once.first('fidelity', value)) {
                check('fidelity', value, ownerPhrase('node', `'${node.id}'`, value), node.loc, {
                    nodeId: node.id
                });
            }
        }
        for (const edge of graph.edges) {
            const value = edge.attrs.get('fidelity');
            if (value !== undefined && once.first('edge:fidelity', value)) {
                check('fidelity', value, ownerPhrase('edge', `'${edge.from}' -> '${edge.to}'`, value), edge.loc, {
                    edge: { from: edge.from, to: edge.to }
                });
            }
        }
        return diagnostics;
    }
};

;// CONCATENATED MODULE: ./src/validate/rules/gate-choices.ts
/**
 * gate_choices: a human gate (wait.human) offers its outgoing edges as choices (spec §4.6), labelled by
 * the edge `label`. A gate with several edges and an unlabelled one shows the raw node id as a choice;
 * a gate with no outgoing edges fails whenever it runs. Freeform gates (mode=freeform) and gates with a
 * single edge ask no choice, so they need no labels.
 */




function describeCount(unlabelled, total) {
    if (unlabelled === total)
        return 'no labels on its outgoing edges';
    return `${unlabelled} unlabelled outgoing edge${unlabelled === 1 ? '' : 's'}`;
}
const gateChoicesRule = {
    name: 'gate_choices',
    apply(graph) {
        const facts = graphFacts(graph);
        const diagnostics = [];
        for (const node of graph.nodes.values()) {
            if (facts.handlerType(node) !== HandlerTypes.WaitHuman)
                continue;
            const out = graph.outgoing.get(node.id) ?? [];
            if (out.length === 0) {
                diagnostics.push(diagnosticAt(node.loc, {
                    rule: 'gate_choices',
                    severity: 'error',
                    message: `human gate '${node.id}' has no outgoing edges, so it has no choices to offer and fails when it runs`,
                    nodeId: node.id,
                    fix: `Add one labelled edge per answer, e.g. ${node.id} -> next [label="[A] Approve"].`
                }));
                continue;
            }
            if (out.length === 1 || node.attrs.get('mode')?.value.trim().toLowerCase() === 'freeform')
                continue;
            const unlabelled = out.filter((e) => (e.attrs.get('label')?.value.trim() ?? '') === '');
            if (unlabelled.length === 0)
                continue;
            const first = unlabelled[0];
            diagnostics.push(diagnosticAt(first?.loc ?? node.loc, {
                rule: 'gate_choices',
                severity: 'warning',
                message: `human gate '${node.id}' has ${describeCount(unlabelled.length, out.length)} ` +
                    `(to ${quoteIds(unlabelled.map((e) => e.to))}), so the person answering sees raw node ids as choices`,
                nodeId: node.id,
                ...(first === undefined ? {} : { edge: { from: first.from, to: first.to } }),
                fix: `Label each choice, e.g. ${node.id} -> ${first?.to ?? 'next'} [label="[A] Approve"].`
            }));
        }
        return diagnostics;
    }
};

;// CONCATENATED MODULE: ./src/validate/rules/goal-gate-has-retry.ts
/**
 * goal_gate_has_retry (spec §7.2, §3.4): when the run reaches the exit and a goal gate has not succeeded,
 * the engine jumps to a retry target (node first, then graph). With none, the run simply fails there.
 */



const RETRY_KEYS = ['retry_target', 'fallback_retry_target'];
const goalGateHasRetryRule = {
    name: 'goal_gate_has_retry',
    apply(graph) {
        const graphHasRetry = RETRY_KEYS.some((k) => (graph.attrs.get(k)?.value.trim() ?? '') !== '');
        if (graphHasRetry)
            return [];
        const diagnostics = [];
        for (const node of graph.nodes.values()) {
            if (getBoolean(node.attrs, 'goal_gate') !== true)
                continue;
            if (RETRY_KEYS.some((k) => (node.attrs.get(k)?.value.trim() ?? '') !== ''))
                continue;
            const gate = node.attrs.get('goal_gate');
            diagnostics.push(diagnosticAt(gate?.origin === 'explicit' ? attributeLocation(gate, node.loc) : node.loc, {
                rule: 'goal_gate_has_retry',
                severity: 'warning',
                message: `goal gate '${node.id}' has no retry_target (nor has the graph), so if it has not succeeded when the run reaches the exit, the run fails instead of retrying`,
                nodeId: node.id,
                fix: `Add retry_target="<node to retry from>" to '${node.id}' (often '${node.id}' itself), or a graph-level retry_target.`
            }));
        }
        return diagnostics;
    }
};

;// CONCATENATED MODULE: ./src/validate/rules/implicit-node.ts
/**
 * implicit_node: a node that only appears in edge statements and is never declared. DOT allows it, but
 * in a pipeline it is usually a typo of a declared node, and it runs as whatever the defaults make it
 * (an LLM stage, for `box`) with no prompt of its own.
 */




const implicitNodeRule = {
    name: 'implicit_node',
    apply(graph) {
        const diagnostics = [];
        let suggester;
        for (const node of graph.nodes.values()) {
            if (!node.implicit)
                continue;
            suggester ??= new Suggester([...graph.nodes.values()].filter((n) => !n.implicit).map((n) => n.id));
            const suggestion = suggester.suggest(node.id);
            const type = nodeHandlerType(node);
            const runsAs = type === HandlerTypes.Codergen && !node.attrs.get('prompt')?.value
                ? 'an LLM stage whose prompt is just its id'
                : `a '${type}' stage`;
            diagnostics.push(diagnosticAt(node.loc, {
                rule: 'implicit_node',
                severity: 'warning',
                message: `node '${node.id}' is used in an edge but never declared, so it runs as ${runsAs}${didYouMean(suggestion)}`,
                nodeId: node.id,
                fix: suggestion === undefined
                    ? `Declare it, e.g. \`${node.id} [shape=box, prompt="..."]\`, or fix the edge.`
                    : `Change the edge to use '${suggestion}', or declare '${node.id}'.`
            }));
        }
        return diagnostics;
    }
};

;// CONCATENATED MODULE: ./src/validate/rules/parallel-fan-in.ts
/**
 * parallel_fan_in: the branches of a `parallel` node run until they reach their join node, where execution
 * continues (spec §4.8-4.9; the join is found as the engine finds it, `graph/find-join-node.ts`). A fan-in
 * node (shape=tripleoctagon) as the join is the normal case. A plain node as the join works (it runs once,
 * after the branches) but nothing summarizes the branches: an info note. Branches that never meet run on
 * to the exit: a warning.
 */




const parallelFanInRule = {
    name: 'parallel_fan_in',
    apply(graph) {
        const facts = graphFacts(graph);
        const parallels = [...graph.nodes.values()].filter((n) => facts.handlerType(n) === HandlerTypes.Parallel);
        if (parallels.length === 0)
            return [];
        const fanIns = [...graph.nodes.values()]
            .filter((n) => facts.handlerType(n) === HandlerTypes.FanIn)
            .map((n) => n.id);
        const exit = facts.exits[0]?.id;
        const diagnostics = [];
        for (const node of parallels) {
            const explicit = node.attrs.get('parallel_join')?.value.trim() ?? '';
            if (explicit !== '' && graph.nodes.has(explicit))
                continue;
            const branches = [...new Set((graph.outgoing.get(node.id) ?? []).map((e) => e.to))];
            if (branches.length === 0)
                continue;
            const join = findJoinNode(graph, node.id, branches);
            const joinNode = join === undefined ? undefined : graph.nodes.get(join);
            if (joinNode && facts.handlerType(joinNode) === HandlerTypes.FanIn)
                continue;
            if (join !== undefined) {
                diagnostics.push(diagnosticAt(node.loc, {
                    rule: 'parallel_fan_in',
                    severity: 'info',
                    message: `parallel node '${node.id}': its branches join at '${join}', the first node they all reach; ` +
                        `'${join}' runs once, after them, but no fan-in node summarizes the branch results`,
                    nodeId: node.id,
                    fix: `To pick the best branch and record a summary, put a fan-in node (shape=tripleoctagon) before '${join}'; to keep this join and silence the note, set parallel_join="${join}".`
                }));
                continue;
            }
            diagnostics.push(diagnosticAt(node.loc, {
                rule: 'parallel_fan_in',
                severity: 'warning',
                message: `parallel node '${node.id}': its branches never meet, so there is no join: each branch runs on ` +
                    'to the exit' +
                    (exit === undefined ? '' : ` and the run then continues at '${exit}'`),
                nodeId: node.id,
                fix: fanIns.length === 0
                    ? `Add a fan-in node, e.g. join [shape=tripleoctagon], route every branch of '${node.id}' into it and continue from there.`
                    : `Route every branch of '${node.id}' into a fan-in node such as '${fanIns[0] ?? ''}', or name the join with parallel_join.`
            }));
        }
        return diagnostics;
    }
};

;// CONCATENATED MODULE: ./src/validate/rules/prompt-on-llm-nodes.ts
/**
 * prompt_on_llm_nodes (spec §7.2): a node that runs the LLM (codergen) needs instructions: a `prompt`,
 * or at least a descriptive `label` (the prompt falls back to the label). A label that merely repeats
 * the node id does not count. Undeclared nodes are left to `implicit_node`.
 */



const promptOnLlmNodesRule = {
    name: 'prompt_on_llm_nodes',
    apply(graph) {
        const facts = graphFacts(graph);
        const diagnostics = [];
        for (const node of graph.nodes.values()) {
            if (node.implicit || facts.handlerType(node) !== HandlerTypes.Codergen)
                continue;
            if ((node.attrs.get('prompt')?.value.trim() ?? '') !== '')
                continue;
            const label = node.attrs.get('label')?.value.trim() ?? '';
            if (label !== '' && label !== node.id)
                continue;
            diagnostics.push(diagnosticAt(node.loc, {
                rule: 'prompt_on_llm_nodes',
                severity: 'warning',
                message: `LLM stage '${node.id}' has no prompt${label === '' ? '' : ' (its label is just its id)'}, so the model is asked only '${node.id}'`,
                nodeId: node.id,
                fix: `Add prompt="..." to '${node.id}' saying what the stage should do, or give it another shape/type if it is not an LLM stage.`
            }));
        }
        return diagnostics;
    }
};

;// CONCATENATED MODULE: ./src/validate/rules/reachability.ts
/**
 * reachability (spec §7.2): every node must be reachable from the start node. A node that is not will
 * never run. Skipped when there is no start node (start_node reports that).
 */



const reachabilityRule = {
    name: 'reachability',
    apply(graph) {
        const facts = graphFacts(graph);
        const starts = facts.starts;
        if (starts.length === 0)
            return [];
        const startIds = starts.map((n) => n.id);
        const reached = facts.reachableFromStart;
        const from = starts.length === 1 ? `the start node ${quoteIds(startIds)}` : `any start node`;
        const diagnostics = [];
        for (const node of graph.nodes.values()) {
            if (reached.has(node.id))
                continue;
            const incoming = graph.incoming.get(node.id)?.length ?? 0;
            diagnostics.push(diagnosticAt(node.loc, {
                rule: 'reachability',
                severity: 'error',
                message: `node '${node.id}' is not reachable from ${from}, so it never runs` +
                    (incoming === 0 ? ' (no edge leads to it)' : ' (only unreachable nodes lead to it)'),
                nodeId: node.id,
                fix: `Add an edge into '${node.id}' from a stage that runs, or delete the node.`
            }));
        }
        return diagnostics;
    }
};

;// CONCATENATED MODULE: ./src/validate/rules/retry-target-exists.ts



const KEYS = ['retry_target', 'fallback_retry_target'];
const retryTargetExistsRule = {
    name: 'retry_target_exists',
    apply(graph) {
        const diagnostics = [];
        const once = new OncePerSource();
        let suggester;
        const check = (key, value, where, fallback, nodeId) => {
            const target = value.value.trim();
            if (target === '' || graph.nodes.has(target))
                return;
            suggester ??= new Suggester(graph.nodes.keys());
            const suggestion = suggester.suggest(target);
            diagnostics.push(diagnosticAt(attributeLocation(value, fallback), {
                rule: 'retry_target_exists',
                severity: 'warning',
                message: `${key} '${target}' on ${where} names no node${didYouMean(suggestion)}`,
                ...(nodeId === undefined ? {} : { nodeId }),
                fix: suggestion === undefined
                    ? `Set ${key} to the id of the node to jump back to, or remove it.`
                    : `Write ${key}="${suggestion}".`
            }));
        };
        for (const key of KEYS) {
            const value = graph.attrs.get(key);
            if (value !== undefined)
                check(key, value, 'the graph', graph.loc);
        }
        for (const node of graph.nodes.values()) {
            for (const key of KEYS) {
                const value = node.attrs.get(key);
                if (value !== undefined && once.first(key, value)) {
                    check(key, value, ownerPhrase('node', `'${node.id}'`, value), node.loc, node.id);
                }
            }
        }
        return diagnostics;
    }
};

;// CONCATENATED MODULE: ./src/validate/rules/start-no-incoming.ts
/**
 * start_no_incoming (spec §7.2): nothing may lead back into the start node.
 */


const startNoIncomingRule = {
    name: 'start_no_incoming',
    apply(graph) {
        const diagnostics = [];
        for (const start of graphFacts(graph).starts) {
            const firstStage = graph.outgoing.get(start.id)?.[0]?.to;
            for (const edge of graph.incoming.get(start.id) ?? []) {
                diagnostics.push(diagnosticAt(edge.loc, {
                    rule: 'start_no_incoming',
                    severity: 'error',
                    message: `edge '${edge.from}' -> '${edge.to}' leads into the start node; the start node must have no incoming edges`,
                    nodeId: start.id,
                    edge: { from: edge.from, to: edge.to },
                    fix: firstStage === undefined || firstStage === start.id
                        ? `Point the edge at the first stage after '${start.id}' instead.`
                        : `To loop back to the beginning, target the first stage instead: '${edge.from}' -> '${firstStage}'.`
                }));
            }
        }
        return diagnostics;
    }
};

;// CONCATENATED MODULE: ./src/validate/rules/start-node.ts
/**
 * start_node (spec §7.2): a pipeline has exactly one start node (shape=Mdiamond, type=start, or, when
 * none is marked, a node with id `start`/`Start`).
 */



const startNodeRule = {
    name: 'start_node',
    apply(graph) {
        const starts = graphFacts(graph).starts;
        if (starts.length === 1)
            return [];
        if (starts.length === 0) {
            return [
                diagnosticAt(graph.loc, {
                    rule: 'start_node',
                    severity: 'error',
                    message: 'no start node: add a node with shape=Mdiamond where the pipeline begins',
                    fix: 'Declare `start [shape=Mdiamond]` and add an edge from it to the first stage.'
                })
            ];
        }
        const [first, extra] = starts;
        const d = diagnosticAt(extra?.loc, {
            rule: 'start_node',
            severity: 'error',
            message: `found ${starts.length} start nodes: ${describeNodes(starts)}; a pipeline has exactly one (shape=Mdiamond)`,
            ...(extra === undefined ? {} : { nodeId: extra.id }),
            fix: `Keep one start node${first === undefined ? '' : ` (e.g. '${first.id}')`} and turn the others into ordinary stages (change their shape) or delete them.`,
            related: starts.map((n) => ({ message: `start node '${n.id}'`, loc: n.loc }))
        });
        return [d];
    }
};

;// CONCATENATED MODULE: ./src/stylesheet/style-rule.ts
/**
 * The parsed form of a `model_stylesheet` (spec §8): rules with one selector each and their declarations.
 * Offsets are 0-based UTF-16 indexes `[start, end)` within the stylesheet text.
 */
/** The properties a stylesheet may set (spec §8.4). */
const STYLE_PROPERTIES = ['llm_model', 'llm_provider', 'reasoning_effort'];
/** Values `reasoning_effort` accepts; the same set the node attribute accepts. */
const REASONING_EFFORT_VALUES = [
    'none',
    'minimal',
    'low',
    'medium',
    'high',
    'xhigh'
];

;// CONCATENATED MODULE: ./src/stylesheet/parse-stylesheet.ts
/**
 * Parser for the `model_stylesheet` graph attribute (spec §8.2):
 *
 *   Stylesheet   ::= Rule*
 *   Rule         ::= SelectorList '{' ( Declaration ( ';' Declaration )* ';'? )? '}'
 *   SelectorList ::= Selector ( ',' Selector )*            (',' lists are a Tracker extension)
 *   Selector     ::= '*' | ShapeName | '#' NodeId | '.' ClassName
 *   Declaration  ::= Property ':' ( String | BareValue )
 *
 * Whitespace (newlines included) and `/* … *\/` comments may appear between tokens. Parsing never throws;
 * after an error it skips to the next `;` or `}` so one pass reports every problem.
 */



const MAX_STYLESHEET_LENGTH = 1_048_576;
const MAX_ERRORS = 20;
/** Graphviz shapes that are not pipeline shapes but are still plausible `shape=` values. */
const OTHER_SHAPES = [
    'rect',
    'rectangle',
    'square',
    'ellipse',
    'oval',
    'circle',
    'doublecircle',
    'point',
    'egg',
    'triangle',
    'plaintext',
    'plain',
    'none',
    'polygon',
    'octagon',
    'doubleoctagon',
    'invtriangle',
    'invtrapezium',
    'trapezium',
    'pentagon',
    'septagon',
    'star',
    'cylinder',
    'note',
    'tab',
    'folder',
    'box3d',
    'cds',
    'Mcircle',
    'record',
    'Mrecord',
    'underline',
    'signature',
    'rarrow',
    'larrow',
    'rpromoter',
    'lpromoter'
];
const parse_stylesheet_PIPELINE_SHAPES = Object.keys(SHAPE_TO_TYPE);
const KNOWN_SHAPES = new Set([...parse_stylesheet_PIPELINE_SHAPES, ...OTHER_SHAPES]);
/** Unwinds the parser to `parseStylesheet` (too many errors, or an unterminated comment); never escapes. */
class StopParsing extends Error {
    constructor() {
        super('stop parsing');
        this.name = 'StopParsing';
    }
}
function parse_stylesheet_isSpace(c) {
    return c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
}
function parse_stylesheet_isLetter(c) {
    return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function parse_stylesheet_isDigit(c) {
    return c >= 48 && c <= 57;
}
/** Letters, digits, `_`, `-` and any non-ASCII character (node ids may be Unicode). */
function isNameChar(c) {
    return parse_stylesheet_isLetter(c) || parse_stylesheet_isDigit(c) || c === 95 || c === 45 || c > 127;
}
function parse_stylesheet_quote(text) {
    return `'${text}'`;
}
function parseStylesheet(text) {
    if (text.length > MAX_STYLESHEET_LENGTH) {
        return {
            ok: false,
            errors: [
                {
                    message: `model_stylesheet is ${text.length} characters long; the limit is ${MAX_STYLESHEET_LENGTH}`,
                    offset: MAX_STYLESHEET_LENGTH,
                    length: text.length - MAX_STYLESHEET_LENGTH
                }
            ]
        };
    }
    const parser = new StylesheetParser(text);
    const rules = parser.parse();
    if (parser.errors.length > 0)
        return { ok: false, errors: parser.errors };
    return { ok: true, rules, warnings: parser.warnings };
}
class StylesheetParser {
    errors = [];
    warnings = [];
    #text;
    #pos = 0;
    /** Start of each line, for "line L, column C" in messages. */
    #lineStarts;
    constructor(text) {
        this.#text = text;
    }
    parse() {
        const rules = [];
        try {
            for (;;) {
                this.#skipTrivia();
                if (this.#pos >= this.#text.length)
                    break;
                this.#parseRule(rules);
            }
        }
        catch (e) {
            if (!(e instanceof StopParsing))
                throw e;
        }
        return rules;
    }
    // ── rules ───────────────────────────────────────────────────────────────────
    #parseRule(rules) {
        const start = this.#pos;
        const selectors = this.#parseSelectorList();
        if (selectors === undefined) {
            this.#recoverPast('}');
            return;
        }
        const open = this.#pos;
        this.#pos++; // '{'
        const declarations = this.#parseDeclarations(selectors, open);
        const span = { start, end: this.#pos };
        for (const selector of selectors) {
            rules.push({ selector, declarations, order: rules.length, span });
        }
    }
    /** Selectors up to and including the position of `{` (left at `{`), or undefined after an error. */
    #parseSelectorList() {
        const selectors = [];
        for (;;) {
            const selector = this.#parseSelector();
            if (selector === undefined)
                return undefined;
            selectors.push(selector);
            this.#checkShape(selector);
            this.#skipTrivia();
            const c = this.#char();
            if (c === ',') {
                this.#pos++;
                this.#skipTrivia();
                continue;
            }
            if (c === '{')
                return selectors;
            if (this.#pos >= this.#text.length) {
                this.#error(`missing '{' after selector ${parse_stylesheet_quote(selector.text)} at ${this.#where(selector.span.end)}`, selector.span.start, selector.span.end - selector.span.start, `Write ${selector.text} { llm_model: claude-sonnet-4-5; }.`);
                return undefined;
            }
            const glued = this.#pos === selector.span.end && (c === '.' || c === '#');
            const next = this.#peekToken();
            if (STYLE_PROPERTIES.includes(next)) {
                this.#error(`missing '{' after selector ${parse_stylesheet_quote(selector.text)} at ${this.#where(selector.span.end)}`, this.#pos, next.length, `Write ${selector.text} { ${next}: value; }.`);
                return undefined;
            }
            this.#error(glued
                ? `compound selector ${parse_stylesheet_quote(selector.text + next)} at ${this.#where(selector.span.start)} is not supported`
                : `unexpected ${parse_stylesheet_quote(next)} after selector ${parse_stylesheet_quote(selector.text)} at ${this.#where(this.#pos)}`, glued ? selector.span.start : this.#pos, glued ? selector.text.length + next.length : next.length, glued
                ? 'A selector is one of *, a shape, .class or #node_id; give the nodes a class instead.'
                : "A rule has one selector, or several separated by ','; then its declarations in { }.");
            return undefined;
        }
    }
    #parseSelector() {
        const start = this.#pos;
        const c = this.#char();
        if (c === '*') {
            this.#pos++;
            return { kind: 'universal', text: '*', span: { start, end: this.#pos } };
        }
        if (c === '.' || c === '#') {
            this.#pos++;
            const name = this.#scanName();
            if (name === '') {
                this.#error(`missing ${c === '.' ? 'class name' : 'node id'} after ${parse_stylesheet_quote(c)} at ${this.#where(start)}`, start, 1, c === '.' ? 'Write a class selector like .code.' : 'Write a node selector like #review.');
                return undefined;
            }
            const span = { start, end: this.#pos };
            const text = this.#text.slice(start, this.#pos);
            return c === '.'
                ? { kind: 'class', className: name, text, span }
                : { kind: 'id', nodeId: name, text, span };
        }
        const code = this.#text.charCodeAt(start);
        if (parse_stylesheet_isLetter(code) || code === 95) {
            const name = this.#scanName();
            return { kind: 'shape', shape: name, text: name, span: { start, end: this.#pos } };
        }
        const token = this.#peekToken();
        this.#error(`expected a selector at ${this.#where(start)}, found ${parse_stylesheet_quote(token)}`, start, token.length, c === '{'
            ? 'Put a selector before the {: *, a shape such as box, .class or #node_id.'
            : 'Selectors are *, a shape such as box, .class or #node_id.');
        return undefined;
    }
    #checkShape(selector) {
        if (selector.kind !== 'shape' || KNOWN_SHAPES.has(selector.shape))
            return;
        const near = closestMatch(selector.shape, parse_stylesheet_PIPELINE_SHAPES, 2);
        this.warnings.push({
            message: near === undefined
                ? `selector ${parse_stylesheet_quote(selector.shape)} at ${this.#where(selector.span.start)} matches nodes with shape=${selector.shape}, which is not a pipeline shape`
                : `unknown shape ${parse_stylesheet_quote(selector.shape)} at ${this.#where(selector.span.start)}; did you mean ${parse_stylesheet_quote(near)}?`,
            offset: selector.span.start,
            length: selector.shape.length,
            hint: `For a class write .${selector.shape}; for a node id write #${selector.shape}.`
        });
    }
    // ── declarations ────────────────────────────────────────────────────────────
    /** From after `{` through `}`. */
    #parseDeclarations(selectors, open) {
        const declarations = [];
        for (;;) {
            this.#skipTrivia();
            const c = this.#char();
            if (this.#pos >= this.#text.length) {
                const first = selectors[0]?.text ?? '';
                this.#error(`missing '}' to close the rule for ${parse_stylesheet_quote(first)} opened at ${this.#where(open)}`, open, 1, 'Add } after the last declaration.');
                return declarations;
            }
            if (c === '}') {
                this.#pos++;
                return declarations;
            }
            if (c === ';') {
                this.#pos++;
                continue;
            }
            if (c === '{') {
                this.#error(`unexpected '{' at ${this.#where(this.#pos)}; the previous rule is not closed`, this.#pos, 1, `Add } to close the rule opened at ${this.#where(open)}.`);
                this.#pos++;
                continue;
            }
            const declaration = this.#parseDeclaration();
            if (declaration === undefined)
                this.#recoverDeclaration();
            else
                declarations.push(declaration);
        }
    }
    #parseDeclaration() {
        const start = this.#pos;
        const code = this.#text.charCodeAt(start);
        if (!(parse_stylesheet_isLetter(code) || code === 95)) {
            const token = this.#peekToken();
            this.#error(`expected a property name at ${this.#where(start)}, found ${parse_stylesheet_quote(token)}`, start, token.length, `Declarations look like llm_model: claude-sonnet-4-5; properties are ${STYLE_PROPERTIES.join(', ')}.`);
            return undefined;
        }
        const name = this.#scanName();
        const nameSpan = { start, end: this.#pos };
        this.#skipTrivia();
        if (this.#char() !== ':') {
            const found = this.#pos >= this.#text.length ? 'the end' : parse_stylesheet_quote(this.#peekToken());
            this.#error(`expected ':' after ${parse_stylesheet_quote(name)} at ${this.#where(this.#pos)}, found ${found}`, this.#pos < this.#text.length ? this.#pos : start, this.#pos < this.#text.length ? Math.max(1, this.#peekToken().length) : name.length, `Write ${name}: value;${this.#char() === '=' ? " (a colon, not '=')" : ''}`);
            return undefined;
        }
        const colon = this.#pos;
        this.#pos++;
        this.#skipTrivia();
        const valueStart = this.#pos;
        const c = this.#char();
        if (this.#pos >= this.#text.length || c === ';' || c === '}') {
            this.#error(`missing value for ${parse_stylesheet_quote(name)} at ${this.#where(colon)}`, colon, 1, `Write ${name}: value; or remove the declaration.`);
            return undefined;
        }
        let value;
        let quoted = false;
        if (c === '"') {
            const decoded = this.#scanQuoted();
            if (decoded === undefined)
                return undefined;
            value = decoded;
            quoted = true;
        }
        else {
            value = this.#scanBareValue();
            if (value === '') {
                const token = this.#peekToken();
                this.#error(`unexpected ${parse_stylesheet_quote(token)} in the value of ${parse_stylesheet_quote(name)} at ${this.#where(valueStart)}`, valueStart, token.length, `Put the value in double quotes: ${name}: "…";`);
                return undefined;
            }
        }
        const valueSpan = { start: valueStart, end: this.#pos };
        this.#skipTrivia();
        const after = this.#char();
        if (this.#pos < this.#text.length && after !== ';' && after !== '}') {
            const token = this.#peekToken();
            this.#error(`unexpected ${parse_stylesheet_quote(token)} after the value of ${parse_stylesheet_quote(name)} at ${this.#where(this.#pos)}`, this.#pos, token.length, token === '{'
                ? 'Close the rule with } before starting the next one.'
                : quoted
                    ? 'End the declaration with ;'
                    : `End the declaration with ; or, if the value contains spaces, put it in double quotes: ${name}: "${value} ${token}";`);
            return undefined;
        }
        const property = this.#checkProperty(name, nameSpan);
        if (property === undefined)
            return undefined;
        if (property === 'reasoning_effort' && !REASONING_EFFORT_VALUES.includes(value)) {
            const near = closestMatch(value, REASONING_EFFORT_VALUES, 2);
            this.#error(`reasoning_effort must be one of ${REASONING_EFFORT_VALUES.join(', ')}; got ${JSON.stringify(value)} at ${this.#where(valueStart)}${near === undefined ? '' : `; did you mean ${parse_stylesheet_quote(near)}?`}`, valueStart, valueSpan.end - valueStart);
            return undefined;
        }
        if (value.trim() === '') {
            this.#error(`empty value for ${parse_stylesheet_quote(name)} at ${this.#where(valueStart)}`, valueStart, valueSpan.end - valueStart, 'Remove the declaration to leave the property unset.');
            return undefined;
        }
        return { property, value, quoted, span: { start, end: valueSpan.end }, valueSpan };
    }
    #checkProperty(name, span) {
        const known = STYLE_PROPERTIES.find((p) => p === name);
        if (known !== undefined)
            return known;
        const near = closestMatch(name.replace(/-/g, '_'), STYLE_PROPERTIES, 2) ??
            closestMatch(name, STYLE_PROPERTIES, 2);
        this.#error(`unknown property ${parse_stylesheet_quote(name)} at ${this.#where(span.start)}${near === undefined ? '' : `; did you mean ${parse_stylesheet_quote(near)}?`}`, span.start, span.end - span.start, `A stylesheet sets ${STYLE_PROPERTIES.join(', ')}. Set other attributes on the nodes or in node [ … ] defaults.`);
        return undefined;
    }
    // ── scanning ────────────────────────────────────────────────────────────────
    #char() {
        return this.#text.charAt(this.#pos);
    }
    #scanName() {
        const start = this.#pos;
        while (this.#pos < this.#text.length && isNameChar(this.#text.charCodeAt(this.#pos)))
            this.#pos++;
        return this.#text.slice(start, this.#pos);
    }
    /** An unquoted value: everything up to whitespace, `;`, `{`, `}`, a quote or a comment. */
    #scanBareValue() {
        const start = this.#pos;
        while (this.#pos < this.#text.length) {
            const c = this.#text.charCodeAt(this.#pos);
            if (parse_stylesheet_isSpace(c) || c === 59 || c === 123 || c === 125 || c === 34 || c === 39)
                break;
            if (c === 47 && this.#text.charCodeAt(this.#pos + 1) === 42)
                break;
            this.#pos++;
        }
        return this.#text.slice(start, this.#pos);
    }
    /** A double-quoted value with `\"` and `\\` escapes; undefined (error recorded) when unterminated. */
    #scanQuoted() {
        const start = this.#pos;
        let out = '';
        let i = start + 1;
        while (i < this.#text.length) {
            const ch = this.#text.charAt(i);
            if (ch === '"') {
                this.#pos = i + 1;
                return out;
            }
            if (ch === '\\' && (this.#text.charAt(i + 1) === '"' || this.#text.charAt(i + 1) === '\\')) {
                out += this.#text.charAt(i + 1);
                i += 2;
                continue;
            }
            if (ch === '\n')
                break;
            out += ch;
            i++;
        }
        this.#error(`unterminated string starting at ${this.#where(start)}`, start, i - start, 'Close the value with a double quote on the same line.');
        this.#pos = i;
        return undefined;
    }
    /** The next token's text for messages: a name, a quoted string, or one character. */
    #peekToken() {
        const start = this.#pos;
        let end = start;
        const c = this.#text.charAt(start);
        if (c === '.' || c === '#')
            end++;
        while (end < this.#text.length && isNameChar(this.#text.charCodeAt(end)))
            end++;
        if (end > start)
            return this.#text.slice(start, end);
        return this.#text.charAt(start);
    }
    #skipTrivia() {
        for (;;) {
            while (this.#pos < this.#text.length && parse_stylesheet_isSpace(this.#text.charCodeAt(this.#pos)))
                this.#pos++;
            if (!this.#text.startsWith('/*', this.#pos))
                return;
            const close = this.#text.indexOf('*/', this.#pos + 2);
            if (close < 0) {
                this.#error(`unterminated comment starting at ${this.#where(this.#pos)}`, this.#pos, this.#text.length - this.#pos, 'Close the comment with */.');
                throw new StopParsing();
            }
            this.#pos = close + 2;
        }
    }
    /** After a bad declaration: skip to the next `;` (consumed) or `}` (left for the caller). */
    #recoverDeclaration() {
        while (this.#pos < this.#text.length) {
            const c = this.#char();
            if (c === '}')
                return;
            if (c === ';') {
                this.#pos++;
                return;
            }
            if (c === '"') {
                const end = this.#text.indexOf('"', this.#pos + 1);
                this.#pos = end < 0 ? this.#text.length : end + 1;
                continue;
            }
            this.#pos++;
        }
    }
    #recoverPast(ch) {
        const at = this.#text.indexOf(ch, this.#pos);
        this.#pos = at < 0 ? this.#text.length : at + 1;
    }
    /** `column C` for one-line stylesheets, `line L, column C` otherwise (1-based, within the stylesheet). */
    #where(offset) {
        if (this.#lineStarts === undefined) {
            this.#lineStarts = [0];
            for (let i = 0; i < this.#text.length; i++) {
                if (this.#text.charCodeAt(i) === 10)
                    this.#lineStarts.push(i + 1);
            }
        }
        const starts = this.#lineStarts;
        if (starts.length === 1)
            return `column ${offset + 1}`;
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if ((starts[mid] ?? 0) <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        return `line ${lo + 1}, column ${offset - (starts[lo] ?? 0) + 1}`;
    }
    #error(message, offset, length, hint) {
        this.errors.push(hint === undefined ? { message, offset, length } : { message, offset, length, hint });
        if (this.errors.length >= MAX_ERRORS)
            throw new StopParsing();
    }
}

;// CONCATENATED MODULE: ./src/validate/rules/stylesheet-syntax.ts




const stylesheet_syntax_GRAMMAR_HINT = 'A stylesheet is a list of rules `selector { property: value; }` where the selector is *, a shape, .class or #node_id, e.g. `* { llm_model: claude-sonnet-4-5; } .review { reasoning_effort: high; }`.';
/** Selectors naming a node id or class that no node has. */
function unmatchedSelectors(graph, rules) {
    const problems = [];
    let classes;
    for (const { selector } of rules) {
        if (selector.kind === 'id' && !graph.nodes.has(selector.nodeId)) {
            const near = closestMatch(selector.nodeId, graph.nodes.keys());
            problems.push({
                message: `selector '${selector.text}' matches no node${didYouMean(near === undefined ? undefined : `#${near}`)}`,
                offset: selector.span.start,
                hint: `Use the id of a node: #<node id>.`
            });
        }
        else if (selector.kind === 'class') {
            classes ??= new Set([...graph.nodes.values()].flatMap((n) => n.classes));
            if (classes.has(selector.className))
                continue;
            const near = closestMatch(selector.className, classes);
            problems.push({
                message: `selector '${selector.text}' matches no node: no node has class '${selector.className}'${didYouMean(near === undefined ? undefined : `.${near}`)}`,
                offset: selector.span.start,
                hint: `Add class="${selector.className}" to the nodes it should style, or put them in a subgraph labelled "${selector.className}".`
            });
        }
    }
    return problems;
}
const stylesheetSyntaxRule = {
    name: 'stylesheet_syntax',
    apply(graph) {
        const value = graph.attrs.get('model_stylesheet');
        if (value === undefined || value.value.trim() === '')
            return [];
        const result = parseStylesheet(value.value);
        const problems = result.ok
            ? [...result.warnings, ...unmatchedSelectors(graph, result.rules)]
            : result.errors;
        return problems.map((problem) => diagnosticAt(locateInValue(value, 'model_stylesheet', problem.offset) ?? value.loc ?? graph.loc, {
            rule: 'stylesheet_syntax',
            severity: result.ok ? 'warning' : 'error',
            message: result.ok
                ? `model_stylesheet: ${problem.message}`
                : `invalid model_stylesheet: ${problem.message}${excerpt(value.value, problem.offset)}; the stylesheet is not applied`,
            fix: problem.hint ?? stylesheet_syntax_GRAMMAR_HINT
        }));
    }
};
/** ` (near "…text…")`: the stylesheet text around the error, on one line. */
function excerpt(text, offset) {
    const start = Math.max(0, offset - 10);
    const piece = text
        .slice(start, offset + 20)
        .replace(/\s+/g, ' ')
        .trim();
    return piece === '' ? '' : ` (near ${JSON.stringify(piece)})`;
}

;// CONCATENATED MODULE: ./src/validate/rules/terminal-node.ts
/**
 * terminal_node (spec §7.2): a pipeline has exactly one exit node (shape=Msquare, type=exit, or, when
 * none is marked, a node with id `exit`/`end`).
 */



const terminalNodeRule = {
    name: 'terminal_node',
    apply(graph) {
        const exits = graphFacts(graph).exits;
        if (exits.length === 1)
            return [];
        if (exits.length === 0) {
            return [
                diagnosticAt(graph.loc, {
                    rule: 'terminal_node',
                    severity: 'error',
                    message: 'no exit node: add a node with shape=Msquare where the pipeline ends',
                    fix: 'Declare `done [shape=Msquare]` and add an edge into it from the last stage.'
                })
            ];
        }
        const [first, extra] = exits;
        return [
            diagnosticAt(extra?.loc, {
                rule: 'terminal_node',
                severity: 'error',
                message: `found ${exits.length} exit nodes: ${describeNodes(exits)}; a pipeline has exactly one (shape=Msquare)`,
                ...(extra === undefined ? {} : { nodeId: extra.id }),
                fix: `Keep one exit node${first === undefined ? '' : ` (e.g. '${first.id}')`} and route the edges that end at the others to it.`,
                related: exits.map((n) => ({ message: `exit node '${n.id}'`, loc: n.loc }))
            })
        ];
    }
};

;// CONCATENATED MODULE: ./src/validate/rules/type-known.ts
/**
 * type_known (spec §7.2): an explicit `type` must name a handler the registry knows; a node whose
 * handler is missing fails when the run reaches it.
 */



const typeKnownRule = {
    name: 'type_known',
    apply(graph, ctx) {
        const diagnostics = [];
        const once = new OncePerSource();
        let suggester;
        for (const node of graph.nodes.values()) {
            const value = node.attrs.get('type');
            const type = value?.value.trim() ?? '';
            if (value === undefined ||
                type === '' ||
                ctx.knownHandlerTypes.has(type) ||
                !once.first('type', value))
                continue;
            suggester ??= new Suggester(ctx.knownHandlerTypes, 3);
            const suggestion = suggester.suggest(type);
            diagnostics.push(diagnosticAt(attributeLocation(value, node.loc), {
                rule: 'type_known',
                severity: 'warning',
                message: `type '${type}' on ${ownerPhrase('node', `'${node.id}'`, value)} is not a known handler type, so the node fails when it runs${didYouMean(suggestion)}`,
                nodeId: node.id,
                fix: suggestion === undefined
                    ? `Use one of ${[...ctx.knownHandlerTypes].sort().join(', ')}, register a handler for '${type}', or drop the type and pick a shape.`
                    : `Write type="${suggestion}".`
            }));
        }
        return diagnostics;
    }
};

;// CONCATENATED MODULE: ./src/validate/strongly-connected.ts
/**
 * Strongly connected components (Tarjan's algorithm) over an integer graph in CSR form: the successors of
 * node i are `targets[start[i] .. start[i + 1])`. Iterative, so deep graphs cannot overflow the stack.
 * O(nodes + edges), allocation-light.
 */
function stronglyConnectedComponents(n, start, targets) {
    const order = new Int32Array(n).fill(-1);
    const low = new Int32Array(n);
    const of = new Int32Array(n).fill(-1);
    const stack = new Int32Array(n);
    const onStack = new Uint8Array(n);
    const frames = new Int32Array(n);
    const cursor = new Int32Array(n);
    let stackTop = 0;
    let counter = 0;
    let count = 0;
    let depth = 0;
    // One closure for the whole run (not one per root: 10k roots made 10k closures).
    const enter = (v) => {
        order[v] = low[v] = counter++;
        stack[stackTop++] = v;
        onStack[v] = 1;
        cursor[v] = start[v] ?? 0;
        frames[depth++] = v;
    };
    for (let root = 0; root < n; root++) {
        if (order[root] !== -1)
            continue;
        depth = 0;
        enter(root);
        while (depth > 0) {
            const v = frames[depth - 1] ?? 0;
            const c = cursor[v] ?? 0;
            if (c < (start[v + 1] ?? 0)) {
                cursor[v] = c + 1;
                const w = targets[c] ?? 0;
                if (order[w] === -1)
                    enter(w);
                else if (onStack[w] === 1)
                    low[v] = Math.min(low[v] ?? 0, order[w] ?? 0);
                continue;
            }
            depth--;
            if (depth > 0) {
                const parent = frames[depth - 1] ?? 0;
                low[parent] = Math.min(low[parent] ?? 0, low[v] ?? 0);
            }
            if (low[v] === order[v]) {
                let w;
                do {
                    w = stack[--stackTop] ?? 0;
                    onStack[w] = 0;
                    of[w] = count;
                } while (w !== v);
                count++;
            }
        }
    }
    return { count, of };
}

;// CONCATENATED MODULE: ./src/validate/rules/unconditional-cycle.ts





const MAX_PATH_SHOWN = 12;
function isConditional(edge) {
    return (edge.attrs.get('condition')?.value.trim() ?? '') !== '';
}
function positive(text) {
    const n = text === undefined ? undefined : parseInteger(text);
    return n !== undefined && n > 0;
}
function breaksLoops(facts, node) {
    return (facts.handlerType(node) === HandlerTypes.WaitHuman ||
        positive(node.attrs.get('max_visits')?.value));
}
/** Shortest loop from `root` back to itself along the loop edges inside its component (BFS). */
function findLoop(root, inComponent, start, targets, edgeAt) {
    /** node → [slot of the edge that reached it, the node that edge comes from] */
    const via = new Map();
    const queue = [root];
    for (let head = 0; head < queue.length; head++) {
        const i = queue[head] ?? 0;
        const end = start[i + 1] ?? 0;
        for (let k = start[i] ?? 0; k < end; k++) {
            const j = targets[k] ?? 0;
            if (!inComponent(j))
                continue;
            if (j === root) {
                const slots = [k];
                for (let cur = i; cur !== root;) {
                    const step = via.get(cur);
                    if (step === undefined)
                        break;
                    slots.push(step[0]);
                    cur = step[1];
                }
                return slots.reverse().flatMap((slot) => edgeAt[slot] ?? []);
            }
            if (j !== root && !via.has(j)) {
                via.set(j, [k, i]);
                queue.push(j);
            }
        }
    }
    return [];
}
function describeLoop(path) {
    const ids = path.map((e) => e.from);
    ids.push(path[path.length - 1]?.to ?? '');
    if (ids.length <= MAX_PATH_SHOWN)
        return ids.join(' -> ');
    return [...ids.slice(0, MAX_PATH_SHOWN - 2), '…', ids[ids.length - 1] ?? ''].join(' -> ');
}
const unconditionalCycleRule = {
    name: 'unconditional_cycle',
    apply(graph) {
        if (positive(graph.attrs.get('default_max_visits')?.value))
            return [];
        const facts = graphFacts(graph);
        const { ids, indexOf } = facts.index;
        const n = ids.length;
        const at = (id) => indexOf.get(id) ?? -1;
        const breaker = new Uint8Array(n);
        for (const node of graph.nodes.values())
            if (breaksLoops(facts, node))
                breaker[at(node.id)] = 1;
        for (const node of [...facts.starts, ...facts.exits])
            breaker[at(node.id)] = 1;
        // The loop-capable edges (unconditional, between non-breakers) in CSR form.
        const loopEdges = graph.edges.filter((e) => !isConditional(e) && breaker[at(e.from)] === 0 && breaker[at(e.to)] === 0);
        const start = new Int32Array(n + 1);
        for (const e of loopEdges)
            start[at(e.from) + 1] = (start[at(e.from) + 1] ?? 0) + 1;
        for (let i = 0; i < n; i++)
            start[i + 1] = (start[i + 1] ?? 0) + (start[i] ?? 0);
        const fill = start.slice(0, n);
        const targets = new Int32Array(loopEdges.length);
        const edgeAt = new Array(loopEdges.length);
        for (const e of loopEdges) {
            const i = at(e.from);
            const slot = fill[i] ?? 0;
            targets[slot] = at(e.to);
            edgeAt[slot] = e;
            fill[i] = slot + 1;
        }
        const { count, of } = stronglyConnectedComponents(n, start, targets);
        const size = new Int32Array(count);
        const root = new Int32Array(count).fill(-1);
        for (let i = 0; i < n; i++) {
            const c = of[i] ?? 0;
            size[c] = (size[c] ?? 0) + 1;
            if (root[c] === -1)
                root[c] = i;
        }
        const cyclic = new Uint8Array(count);
        for (let c = 0; c < count; c++)
            if ((size[c] ?? 0) > 1)
                cyclic[c] = 1;
        for (const e of loopEdges)
            if (e.from === e.to)
                cyclic[of[at(e.from)] ?? 0] = 1;
        // A loop can be left through a conditional edge, or a labelled choice, to outside the component.
        for (const e of graph.edges) {
            const c = of[at(e.from)] ?? 0;
            if (cyclic[c] !== 1 || of[at(e.to)] === c)
                continue;
            const choice = (graph.outgoing.get(e.from)?.length ?? 0) > 1 &&
                (e.attrs.get('label')?.value.trim() ?? '') !== '';
            if (isConditional(e) || choice)
                cyclic[c] = 2;
        }
        const reported = [];
        for (let c = 0; c < count; c++)
            if (cyclic[c] === 1)
                reported.push(c);
        reported.sort((a, b) => (root[a] ?? 0) - (root[b] ?? 0));
        const diagnostics = [];
        for (const c of reported) {
            const r = root[c] ?? 0;
            const path = findLoop(r, (i) => of[i] === c, start, targets, edgeAt);
            const closing = path[path.length - 1];
            if (closing === undefined)
                continue;
            const members = size[c] ?? 0;
            const involves = members > path.length ? ` (the loop involves ${members} nodes)` : '';
            diagnostics.push(diagnosticAt(closing.loc, {
                rule: 'unconditional_cycle',
                severity: 'error',
                message: `unconditional cycle ${describeLoop(path)}${involves}: no edge on it has a condition and no node in it ` +
                    'has a conditional or labelled way out, so a run that enters it loops forever',
                nodeId: ids[r] ?? closing.from,
                edge: { from: closing.from, to: closing.to },
                fix: `Add a condition to an edge of the loop, e.g. ${closing.from} -> ${closing.to} [condition="outcome=fail"], ` +
                    'give the loop a conditional exit, or bound it with max_visits on one of its nodes.'
            }));
        }
        return diagnostics;
    }
};

;// CONCATENATED MODULE: ./src/validate/rules/unknown-attribute.ts





const VARIABLE_REF = /\$\{?(?:graph\.)?([A-Za-z_][A-Za-z0-9_]*)/g;
/** Names used as `$name` / `${name}` / `${graph.name}` anywhere in node, edge or graph attribute values. */
function referencedVariables(graph) {
    const names = new Set();
    const scan = (attrs) => {
        for (const value of attrs.values()) {
            if (!value.value.includes('$'))
                continue;
            for (const m of value.value.matchAll(VARIABLE_REF))
                if (m[1] !== undefined)
                    names.add(m[1]);
        }
    };
    scan(graph.attrs);
    for (const node of graph.nodes.values())
        scan(node.attrs);
    for (const edge of graph.edges)
        scan(edge.attrs);
    for (const entry of (graph.attrs.get('vars')?.value ?? '').split(',')) {
        const name = entry.split('=')[0]?.trim();
        if (name)
            names.add(name);
    }
    return names;
}
function withArticle(word) {
    return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}
const unknownAttributeRule = {
    name: 'unknown_attribute',
    apply(graph) {
        const diagnostics = [];
        const once = new OncePerSource();
        const suggestions = new Map();
        const suggest = (scope, key) => {
            const cacheKey = `${scope}\u0000${key}`;
            if (!suggestions.has(cacheKey))
                suggestions.set(cacheKey, suggestAttribute(scope, key));
            return suggestions.get(cacheKey);
        };
        let variables;
        for (const owner of attributeOwners(graph, ['graph', 'subgraph', 'node', 'edge'])) {
            const scope = owner.scope;
            for (const key of owner.attrs.keys()) {
                // keys() + get(): iterating entries allocates a [key, value] pair per attribute.
                const value = owner.attrs.get(key);
                if (lookupAttribute(scope, key) !== undefined)
                    continue;
                if (scope === 'graph' && !owner.subgraph) {
                    variables ??= referencedVariables(graph);
                    if (variables.has(key))
                        continue;
                }
                if (!once.first(`${owner.subgraph ? 'subgraph' : scope}:${key}`, value))
                    continue;
                const written = value.writtenKey ?? key;
                const elsewhere = attributeScopes(key);
                const suggestion = elsewhere.length > 0 ? undefined : suggest(scope, key);
                const detail = elsewhere.length > 0
                    ? `; '${written}' is ${withArticle(elsewhere.join('/'))} attribute, not ${withArticle(scope)} attribute, so it has no effect here`
                    : ` (tracker ignores it)${didYouMean(suggestion)}`;
                diagnostics.push(diagnosticAt(attributeLocation(value, owner.loc), {
                    rule: 'unknown_attribute',
                    severity: 'warning',
                    message: `unknown ${scope} attribute '${written}' on ${owner.describe(value)}${detail}`,
                    ...owner.target,
                    fix: suggestion !== undefined
                        ? `Write ${suggestion}=… instead of ${written}=….`
                        : elsewhere.length > 0
                            ? `Move '${written}' to the ${elsewhere[0] ?? ''} it applies to, or remove it.`
                            : `Remove '${written}', or check docs/attributes.md for the attribute you meant.`
                }));
            }
        }
        return diagnostics;
    }
};

;// CONCATENATED MODULE: ./src/validate/validate.ts


























/** The built-in rules: spec §7.2 first, then tracker's own. Every name has a section in docs/diagnostics.md. */
const BUILTIN_RULES = Object.freeze([
    startNodeRule,
    terminalNodeRule,
    reachabilityRule,
    edgeTargetExistsRule,
    startNoIncomingRule,
    exitNoOutgoingRule,
    conditionSyntaxRule,
    stylesheetSyntaxRule,
    typeKnownRule,
    fidelityValidRule,
    retryTargetExistsRule,
    goalGateHasRetryRule,
    promptOnLlmNodesRule,
    implicitNodeRule,
    conditionExtensionRule,
    exitReachableRule,
    unconditionalCycleRule,
    gateChoicesRule,
    unknownAttributeRule,
    attributeTypeRule,
    attributeNoEffectRule,
    parallelFanInRule
]);
function validateGraph(graph, options = {}) {
    const ctx = {
        knownHandlerTypes: options.knownHandlerTypes === undefined
            ? BUILTIN_HANDLER_TYPES
            : new Set(options.knownHandlerTypes)
    };
    const diagnostics = [];
    for (const rule of [...BUILTIN_RULES, ...(options.extraRules ?? [])]) {
        for (const d of rule.apply(graph, ctx))
            diagnostics.push(d);
    }
    return sortDiagnostics(diagnostics);
}
/**
 * Validates and throws `PipelineValidationError` (code PIPELINE_INVALID) when there are errors;
 * otherwise returns the diagnostics (warnings and notes).
 */
function assertValid(graph, options = {}) {
    const diagnostics = validateGraph(graph, options);
    if (hasErrors(diagnostics))
        throw new PipelineValidationError(diagnostics);
    return diagnostics;
}

;// CONCATENATED MODULE: ./src/stylesheet/apply-stylesheet.ts


function selectorSpecificity(selector) {
    switch (selector.kind) {
        case 'universal':
            return 0;
        case 'shape':
            return 1;
        case 'class':
            return 2;
        case 'id':
            return 3;
    }
}
/** Origins that count as the node setting the attribute itself; those always beat the stylesheet. */
const OWN_ORIGINS = new Set(['explicit', 'alias', 'api']);
function push(map, key, rule) {
    const list = map.get(key);
    if (list)
        list.push(rule);
    else
        map.set(key, [rule]);
}
function indexRules(rules) {
    const index = {
        universal: [],
        byShape: new Map(),
        byClass: new Map(),
        byId: new Map()
    };
    for (const rule of rules) {
        const s = rule.selector;
        switch (s.kind) {
            case 'universal':
                index.universal.push(rule);
                break;
            case 'shape':
                push(index.byShape, s.shape, rule);
                break;
            case 'class':
                push(index.byClass, s.className, rule);
                break;
            case 'id':
                push(index.byId, s.nodeId, rule);
                break;
        }
    }
    return index;
}
/** The winning declaration for each property among the rules matching `node`. */
function resolveNodeStyle(node, rules) {
    const winners = resolveWithIndex(node, indexRules(rules));
    return new Map([...winners].map(([property, w]) => [property, w.declaration]));
}
function resolveWithIndex(node, index) {
    const winners = new Map();
    const consider = (rules) => {
        if (rules === undefined)
            return;
        for (const rule of rules) {
            const specificity = selectorSpecificity(rule.selector);
            for (const declaration of rule.declarations) {
                const current = winners.get(declaration.property);
                // `>=` on order: a later rule, or a later declaration in the same rule, wins a tie.
                if (current === undefined ||
                    specificity > current.specificity ||
                    (specificity === current.specificity && rule.order >= current.order)) {
                    winners.set(declaration.property, { specificity, order: rule.order, declaration });
                }
            }
        }
    };
    consider(index.universal);
    consider(index.byShape.get(nodeShape(node)));
    for (const className of node.classes)
        consider(index.byClass.get(className));
    consider(index.byId.get(node.id));
    return winners;
}
function applyStylesheet(graph, rules) {
    const index = indexRules(rules);
    const loc = graph.attrs.get('model_stylesheet')?.loc;
    const nodes = new Map();
    for (const [id, node] of graph.nodes) {
        const winners = resolveWithIndex(node, index);
        let attrs;
        for (const [property, { declaration }] of winners) {
            const existing = node.attrs.get(property);
            if (existing !== undefined && OWN_ORIGINS.has(existing.origin))
                continue;
            attrs ??= new Map(node.attrs);
            const value = loc === undefined
                ? { value: declaration.value, kind: 'quoted', origin: 'stylesheet' }
                : { value: declaration.value, kind: 'quoted', origin: 'stylesheet', loc };
            attrs.set(property, value);
        }
        nodes.set(id, attrs === undefined ? node : withNodeAttrs(node, attrs));
    }
    return makeGraph({
        name: graph.name,
        file: graph.file,
        attrs: graph.attrs,
        nodes,
        edges: graph.edges,
        subgraphs: graph.subgraphs,
        loc: graph.loc
    });
}

;// CONCATENATED MODULE: ./src/pipeline/transforms.ts



/** Applies `model_stylesheet` (spec §8). A stylesheet that does not parse is left for validation to report. */
const stylesheetTransform = {
    name: 'stylesheet',
    apply(graph) {
        const text = graph.attrs.get('model_stylesheet')?.value;
        if (text === undefined || text.trim() === '')
            return graph;
        const parsed = parseStylesheet(text);
        return parsed.ok ? applyStylesheet(graph, parsed.rules) : graph;
    }
};
/**
 * Expands `$goal` in node prompts to the graph's `goal` (spec §9.2). Simple replacement, single pass:
 * the goal text is never re-scanned.
 */
const goalExpansionTransform = {
    name: 'goal-expansion',
    apply(graph) {
        const goal = graph.attrs.get('goal')?.value ?? '';
        // Copy the node map only when some prompt uses $goal (most large graphs have none).
        let nodes;
        for (const [id, node] of graph.nodes) {
            const prompt = node.attrs.get('prompt');
            if (!prompt || !prompt.value.includes('$goal'))
                continue;
            nodes ??= new Map(graph.nodes);
            const attrs = new Map(node.attrs);
            const expanded = { ...prompt, value: prompt.value.split('$goal').join(goal) };
            attrs.set('prompt', expanded);
            nodes.set(id, withNodeAttrs(node, attrs));
        }
        if (nodes === undefined)
            return graph;
        return makeGraph({ ...graph, nodes });
    }
};
const BUILTIN_TRANSFORMS = [
    stylesheetTransform,
    goalExpansionTransform
];

;// CONCATENATED MODULE: ./src/pipeline/prepare-pipeline.ts
/**
 * PARSE → TRANSFORM → VALIDATE (spec §3.1 phases 1-3) as one pure function. A syntax error becomes
 * diagnostics (rule `dot_syntax` / `dot_limit`), so callers handle every bad input the same way.
 */







/** One diagnostic per issue, each with its own rule, in source order; a note when parsing gave up early. */
function syntaxDiagnostics(error) {
    const diagnostics = sortDiagnostics(error.issues.map((issue) => ({
        rule: issueRule(issue.code),
        severity: 'error',
        message: issue.message,
        file: issue.location.file,
        line: issue.location.line,
        column: issue.location.column,
        ...(issue.hint === undefined ? {} : { fix: issue.hint }),
        ...(issue.excerpt === '' ? {} : { excerpt: issue.excerpt }),
        token: issue.token
    })));
    if (error.truncated) {
        const last = diagnostics[diagnostics.length - 1];
        diagnostics.push({
            rule: 'dot_syntax',
            severity: 'info',
            message: `stopped after ${error.issues.length} errors; fix these and run again to see the rest`,
            ...(last?.file === undefined ? {} : { file: last.file }),
            ...(last?.line === undefined ? {} : { line: last.line }),
            ...(last?.column === undefined ? {} : { column: last.column })
        });
    }
    return diagnostics;
}
function preparePipeline(source, options = {}) {
    let ast;
    try {
        ast = parseDot(source, {
            ...(options.file === undefined ? {} : { file: options.file }),
            ...(options.limits === undefined ? {} : { limits: options.limits })
        });
    }
    catch (error) {
        if (isTrackerError(error) && (error.code === 'DOT_SYNTAX' || error.code === 'DOT_LIMIT')) {
            return {
                diagnostics: syntaxDiagnostics(error),
                ok: false,
                source,
                ...(options.file === undefined ? {} : { file: options.file })
            };
        }
        throw error;
    }
    const built = buildGraph(ast);
    let graph = built.graph;
    for (const transform of [...BUILTIN_TRANSFORMS, ...(options.transforms ?? [])]) {
        graph = transform.apply(graph);
    }
    const diagnostics = sortDiagnostics([
        ...built.diagnostics,
        ...validateGraph(graph, {
            ...(options.extraRules === undefined ? {} : { extraRules: [...options.extraRules] }),
            ...(options.knownHandlerTypes === undefined
                ? {}
                : { knownHandlerTypes: options.knownHandlerTypes })
        })
    ]);
    return {
        graph,
        diagnostics,
        ok: !diagnostic_hasErrors(diagnostics),
        source,
        ...(options.file === undefined ? {} : { file: options.file })
    };
}

;// CONCATENATED MODULE: ./src/stores/fs-checkpoint-store.ts






/**
 * How many checkpoint files are reused in turn. A save rewrites the oldest of them, so a reader that
 * keeps `checkpoint.json` open across this many later saves could see it change under it.
 */
const CHECKPOINT_SLOTS = 8;
/** Background fsyncs start at most this often (a run's end always syncs: `flush`). */
const FSYNC_INTERVAL_MS = 50;
function inodeOf(path) {
    try {
        return (0,external_node_fs_namespaceObject.statSync)(path).ino;
    }
    catch {
        return null;
    }
}
async function fsyncFile(path) {
    const handle = await (0,promises_namespaceObject.open)(path, 'r');
    try {
        await handle.datasync();
    }
    finally {
        await handle.close();
    }
}
/**
 * `checkpoint.json` on disk. Each save writes a temp file and renames it over the checkpoint before
 * returning, so a killed process always leaves a complete checkpoint (the old or the new one).
 *
 * The temp files are a ring of CHECKPOINT_SLOTS files in `.checkpoint-slots/`, each a second name
 * (hard link) of one recent checkpoint: a save rewrites the oldest slot, renames it over
 * `checkpoint.json` and links the slot's name back to it. The checkpoint replaced keeps its slot name,
 * so no save creates or frees a file (inode): on ext4 without a journal a freed inode is skipped by
 * every allocation for a minute or more, so one freed inode per node made every file created later
 * in the run slower (decision 0006). The slots are removed when the run ends (`flush`).
 *
 * With the default `durability: 'background'`, the fsync that makes the file durable against power
 * loss runs in the background and never delays a save: while one fsync runs (or within
 * FSYNC_INTERVAL_MS of the last one), later saves only mark the file dirty, and one more fsync follows
 * (group commit). `flush()` waits until the newest
 * checkpoint is synced. `'sync'` fsyncs before each save returns; `'none'` never fsyncs.
 */
class FsCheckpointStore {
    path;
    options;
    #slotsMade = false;
    /** The inode `checkpoint.json` names (null: none yet; undefined: not looked up yet). */
    #currentIno;
    #nextSlot = 0;
    #syncing;
    #syncTimer;
    #lastSyncAt = -Infinity;
    #dirty = false;
    #syncError;
    #buffer = Buffer.allocUnsafeSlow(16 * 1024);
    #slots = [];
    #slotDir;
    constructor(path, options = {}) {
        this.path = path;
        this.options = options;
        this.#slotDir = (0,external_node_path_namespaceObject.join)((0,external_node_path_namespaceObject.dirname)(path), '.checkpoint-slots');
    }
    save(serialized) {
        try {
            this.#saveSync(serialized);
            return Promise.resolve();
        }
        catch (error) {
            return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
    }
    #saveSync(serialized) {
        if (this.#syncError !== undefined) {
            const cause = this.#syncError;
            this.#syncError = undefined;
            throw new TrackerError('IO', `Cannot fsync checkpoint ${this.path}: ${errorMessage(cause)}`, {
                cause
            });
        }
        const durability = this.options.durability ?? 'background';
        try {
            if (!this.#slotsMade) {
                (0,external_node_fs_namespaceObject.mkdirSync)(this.#slotDir, { recursive: true });
                this.#slotsMade = true;
            }
            const index = this.#nextSlot;
            this.#nextSlot = (this.#nextSlot + 1) % CHECKPOINT_SLOTS;
            const bytes = this.#encode(serialized);
            // A slot kept open since an earlier save whose name has gone (the slot directory was removed
            // from outside) is opened again, once.
            for (let attempt = 0;; attempt++) {
                const slot = this.#slot(index);
                // Rewritten in place (its inode and blocks reused). Only what the old content had beyond the
                // new is cut: truncating to zero first would free every block and allocate them again (and,
                // mounted with `discard`, trim each one on the disk).
                writeAllSync(slot.fd, bytes, 0);
                if (bytes.length < slot.size)
                    (0,external_node_fs_namespaceObject.ftruncateSync)(slot.fd, bytes.length);
                slot.size = bytes.length;
                if (durability === 'sync')
                    (0,external_node_fs_namespaceObject.fdatasyncSync)(slot.fd);
                try {
                    (0,external_node_fs_namespaceObject.renameSync)(slot.path, this.path);
                }
                catch (error) {
                    this.#forgetSlot(index);
                    if (error.code === 'ENOENT' && attempt === 0)
                        continue;
                    throw error;
                }
                this.#currentIno = slot.ino;
                try {
                    (0,external_node_fs_namespaceObject.linkSync)(this.path, slot.path);
                }
                catch {
                    this.#forgetSlot(index); // created again when its turn comes
                }
                break;
            }
        }
        catch (error) {
            this.#currentIno = undefined; // looked up again by the next save
            throw new TrackerError('IO', `Cannot write checkpoint ${this.path}: ${error.message}`, { cause: error });
        }
        if (durability === 'background')
            this.#scheduleSync();
    }
    /**
     * `serialized` as UTF-8, in a buffer reused from save to save. A new Buffer per save cost 0.1 ms
     * whatever its size (a fresh allocation of a checkpoint-sized buffer: mapped, faulted in, freed),
     * more than encoding into memory that is already there.
     */
    #encode(serialized) {
        for (;;) {
            const buffer = this.#buffer;
            const length = buffer.write(serialized, 0, 'utf8');
            // `write` stops before a character that does not fit; with 4 bytes to spare, none was left out.
            if (length <= buffer.length - 4)
                return buffer.subarray(0, length);
            this.#buffer = Buffer.allocUnsafeSlow(Math.max(buffer.length * 2, Buffer.byteLength(serialized, 'utf8') + 4));
        }
    }
    /**
     * Slot `index`, open for rewriting. Slots stay open from save to save (opening, inspecting and
     * closing one cost three system calls per save); each is opened the first time its turn comes.
     * Never the current checkpoint itself: slots left by an earlier process (killed before its run
     * ended) may include the file `checkpoint.json` names, and rewriting that in place would not be
     * atomic.
     */
    #slot(index) {
        this.#currentIno ??= inodeOf(this.path);
        const open = this.#slots[index];
        if (open !== undefined && open.ino !== this.#currentIno)
            return open;
        if (open !== undefined)
            this.#forgetSlot(index);
        const path = (0,external_node_path_namespaceObject.join)(this.#slotDir, `${(0,external_node_path_namespaceObject.basename)(this.path)}.${index}`);
        const fd = this.#openSlot(path);
        try {
            const { ino, size } = (0,external_node_fs_namespaceObject.fstatSync)(fd);
            const slot = { path, fd, ino, size };
            this.#slots[index] = slot;
            return slot;
        }
        catch (error) {
            (0,external_node_fs_namespaceObject.closeSync)(fd);
            throw error;
        }
    }
    #forgetSlot(index) {
        const open = this.#slots[index];
        if (open === undefined)
            return;
        this.#slots[index] = undefined;
        try {
            (0,external_node_fs_namespaceObject.closeSync)(open.fd);
        }
        catch {
            // already closed
        }
    }
    /** Opens a slot's file: an existing one that is not the current checkpoint, else a new one. */
    #openSlot(slot) {
        try {
            const fd = (0,external_node_fs_namespaceObject.openSync)(slot, 'r+');
            if ((0,external_node_fs_namespaceObject.fstatSync)(fd).ino !== this.#currentIno)
                return fd;
            (0,external_node_fs_namespaceObject.closeSync)(fd);
            (0,external_node_fs_namespaceObject.unlinkSync)(slot); // only this name: the file lives on as checkpoint.json
        }
        catch (error) {
            if (error.code !== 'ENOENT')
                throw error;
        }
        try {
            return (0,external_node_fs_namespaceObject.openSync)(slot, 'w', 0o644);
        }
        catch (error) {
            if (error.code !== 'ENOENT')
                throw error;
            (0,external_node_fs_namespaceObject.mkdirSync)(this.#slotDir, { recursive: true }); // removed from outside since
            return (0,external_node_fs_namespaceObject.openSync)(slot, 'w', 0o644);
        }
    }
    /**
     * Starts an fsync of the checkpoint, or marks it dirty when one is running or waiting already. Syncs
     * start at most every FSYNC_INTERVAL_MS: each costs a disk flush and three thread-pool calls, and a
     * chain of quick nodes would otherwise sync after nearly every one.
     */
    #scheduleSync() {
        if (this.#syncing !== undefined || this.#syncTimer !== undefined) {
            this.#dirty = true;
            return;
        }
        const wait = this.#lastSyncAt + FSYNC_INTERVAL_MS - performance.now();
        if (wait <= 0) {
            this.#startSync();
            return;
        }
        this.#dirty = true;
        this.#syncTimer = setTimeout(() => {
            this.#syncTimer = undefined;
            if (!this.#dirty)
                return;
            this.#dirty = false;
            this.#startSync();
        }, wait);
        this.#syncTimer.unref(); // flush() syncs what is left when the run ends
    }
    #startSync() {
        this.#lastSyncAt = performance.now();
        this.#syncing = fsyncFile(this.path)
            .catch((error) => {
            this.#syncError ??= error;
        })
            .finally(() => {
            this.#syncing = undefined;
            if (this.#dirty) {
                this.#dirty = false;
                this.#scheduleSync();
            }
        });
    }
    async flush() {
        for (;;) {
            if (this.#syncing !== undefined) {
                await this.#syncing;
                continue;
            }
            if (this.#syncTimer === undefined)
                break;
            clearTimeout(this.#syncTimer);
            this.#syncTimer = undefined;
            if (this.#dirty) {
                this.#dirty = false;
                this.#startSync();
            }
        }
        for (let index = 0; index < CHECKPOINT_SLOTS; index++)
            this.#forgetSlot(index);
        if (!this.#slotsMade)
            return;
        this.#slotsMade = false;
        await (0,promises_namespaceObject.rm)(this.#slotDir, { recursive: true, force: true });
    }
    load() {
        let text;
        try {
            text = (0,external_node_fs_namespaceObject.readFileSync)(this.path, 'utf8');
        }
        catch (error) {
            if (error.code === 'ENOENT')
                return Promise.resolve(undefined);
            return Promise.reject(new TrackerError('IO', `Cannot read checkpoint ${this.path}: ${error.message}`, {
                cause: error
            }));
        }
        try {
            return Promise.resolve(parseCheckpoint(text));
        }
        catch (error) {
            return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
    }
}

;// CONCATENATED MODULE: ./src/stores/fs-run-store.ts






const SAFE_SEGMENT = /^[^/\\\0]+$/;
/**
 * A node id as one directory name: `/`, `\`, NUL and `%` are percent-encoded, and `.`/`..` become
 * `%2E`/`%2E%2E`, so any quoted DOT id stays inside the run directory.
 */
function stageDirName(nodeId) {
    if (nodeId === '.' || nodeId === '..')
        return nodeId.replace(/\./g, '%2E');
    return nodeId.replace(/[%/\\\0]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
function isSafeSegment(name) {
    return SAFE_SEGMENT.test(name) && name !== '.' && name !== '..';
}
function segment(name, what) {
    if (!isSafeSegment(name)) {
        throw new Error(`Unsafe ${what} '${name}' for a run directory path`);
    }
    return name;
}
/** How long one turn of the idle lane may run before it lets the event loop go on. */
const LANE_SLICE_MS = 2;
/**
 * Background file calls, run synchronously from a timer: they happen in the next turn of the event
 * loop, after the work already queued for this turn (the engine starts the next stage from
 * `setImmediate`), so typically while that stage's command runs; in order, a few milliseconds per turn.
 * On the thread pool each call would cost two thread hand-offs, which on a small VM cost more than the
 * call itself.
 */
class IdleLane {
    #queue = [];
    #scheduled = false;
    run(op) {
        return new Promise((resolve, reject) => {
            this.#queue.push(() => {
                try {
                    op();
                    resolve();
                }
                catch (error) {
                    reject(error instanceof Error ? error : new Error(String(error)));
                }
            });
            this.#schedule();
        });
    }
    #schedule() {
        if (this.#scheduled)
            return;
        this.#scheduled = true;
        setTimeout(this.#drain, 0);
    }
    #drain = () => {
        this.#scheduled = false;
        const deadline = performance.now() + LANE_SLICE_MS;
        let op = this.#queue.shift();
        while (op !== undefined) {
            op();
            if (performance.now() >= deadline)
                break;
            op = this.#queue.shift();
        }
        if (this.#queue.length > 0)
            this.#schedule();
    };
}
/**
 * Writes `content` to `path`, which probably exists (`exists`) or probably does not. An existing file is
 * overwritten in place and then cut to the new length, never truncated to zero first: ext4 flushes a
 * file that was truncated to zero and written again when it is closed (`auto_da_alloc`, so that a crash
 * cannot leave it empty), which made writing a small file that exists — a prepared placeholder — cost
 * 100 µs instead of 30.
 */
function overwriteFileSync(path, content, exists) {
    if (!exists) {
        (0,external_node_fs_namespaceObject.writeFileSync)(path, content, 'utf8');
        return;
    }
    let fd;
    try {
        fd = (0,external_node_fs_namespaceObject.openSync)(path, 'r+');
    }
    catch (error) {
        if (error.code !== 'ENOENT')
            throw error;
        (0,external_node_fs_namespaceObject.writeFileSync)(path, content, 'utf8'); // removed from outside since
        return;
    }
    try {
        const bytes = Buffer.from(content, 'utf8');
        writeAllSync(fd, bytes, 0);
        if ((0,external_node_fs_namespaceObject.fstatSync)(fd).size > bytes.length)
            (0,external_node_fs_namespaceObject.ftruncateSync)(fd, bytes.length);
    }
    finally {
        (0,external_node_fs_namespaceObject.closeSync)(fd);
    }
}
function readIfExists(path) {
    // Most files asked for do not exist (a command's own status.json): look first, because a failed
    // read costs an exception with a stack trace.
    if ((0,external_node_fs_namespaceObject.statSync)(path, { throwIfNoEntry: false }) === undefined)
        return undefined;
    try {
        return (0,external_node_fs_namespaceObject.readFileSync)(path, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw error;
    }
}
/**
 * The run directory on disk: `<runDir>/<node>/…`, manifest.json, activity.jsonl.
 *
 * Creating a file or directory is the expensive part of a run's I/O (an inode allocation: about a
 * millisecond on some virtual disks, and such calls do not overlap one another), so the store keeps
 * them off the path between two nodes where it can (docs/decisions/0006-run-directory-io.md):
 * - calls on the same path run in the order they were made, so a background write can never land
 *   after a later removal or read of the same file;
 * - reads and writes a caller waits for run synchronously once their turn comes, and so do
 *   background writes, in an idle lane (a timer, a few ms per turn) that runs while the
 *   event loop waits for a command: no thread-pool hand-offs;
 * - `background` writes resolve at once; `flush()` waits for them and reports the first failure;
 * - `prepareStage` creates a stage directory ahead of time, and `flush()` removes the prepared
 *   directories of nodes that never ran.
 */
class FsRunStore {
    runDir;
    /** Directories this store has made (or found existing). */
    #dirs = new Set();
    #prepared = new Set();
    #used = new Set();
    /** The last queued operation per path (settled, never rejecting). */
    #queues = new Map();
    #background = new Set();
    #lane = new IdleLane();
    #backgroundError;
    /** Stage directories this store created, not yet claimed by `claimFreshStage`. */
    #fresh = new Set();
    /** Empty files made by `prepareStage` and not written since; paths the store has written. */
    #placeholders = new Set();
    #written = new Set();
    constructor(runDir) {
        this.runDir = (0,external_node_path_namespaceObject.resolve)(runDir);
    }
    stageDir(nodeId) {
        return (0,external_node_path_namespaceObject.join)(this.runDir, stageDirName(nodeId));
    }
    /** `mkdir -p`, once per directory; a failure is not remembered, so a later call tries again. */
    #mkdir(dir) {
        if (this.#dirs.has(dir))
            return;
        const created = (0,external_node_fs_namespaceObject.mkdirSync)(dir, { recursive: true });
        if (created === dir)
            this.#fresh.add(dir);
        this.#dirs.add(dir);
    }
    /** Runs `op` after every earlier operation on `path` has settled. */
    #enqueue(path, op) {
        const previous = this.#queues.get(path);
        if (previous === undefined) {
            // Nothing pending on this path: no need to wait a turn.
            try {
                const value = op();
                if (!(value instanceof Promise))
                    return Promise.resolve(value);
                return this.#setLast(path, value);
            }
            catch (error) {
                return Promise.reject(error instanceof Error ? error : new Error(String(error)));
            }
        }
        return this.#setLast(path, previous.then(op));
    }
    /** Makes `result` the last operation on `path` until it settles. */
    #setLast(path, result) {
        const settled = result.then(() => undefined, () => undefined);
        this.#queues.set(path, settled);
        void settled.then(() => {
            if (this.#queues.get(path) === settled)
                this.#queues.delete(path);
        });
        return result;
    }
    #stagePath(nodeId, name) {
        const dir = this.stageDir(nodeId);
        this.#used.add(dir);
        return { dir, path: (0,external_node_path_namespaceObject.join)(dir, segment(name, 'file name')) };
    }
    /**
     * Background work `flush()` waits for. A failed write is reported by `flush()`; a failed
     * preparation (`report: false`) is not: the node reports its own error if it runs.
     */
    #track(work, report = true) {
        const tracked = work.catch((error) => {
            if (report)
                this.#backgroundError ??= error;
        });
        this.#background.add(tracked);
        void tracked.then(() => this.#background.delete(tracked));
    }
    prepareStage(nodeId, files = []) {
        const dir = this.stageDir(nodeId);
        if (!this.#dirs.has(dir) && !this.#prepared.has(dir)) {
            this.#prepared.add(dir);
            this.#track(this.#lane.run(() => this.#mkdir(dir)), false);
        }
        for (const name of files) {
            if (!isSafeSegment(name))
                continue;
            const path = (0,external_node_path_namespaceObject.join)(dir, name);
            if (this.#placeholders.has(path) || this.#written.has(path))
                continue;
            this.#placeholders.add(path);
            // Queued on the path: the node's own write waits for it, then opens an existing file.
            this.#track(this.#enqueue(path, () => this.#lane.run(() => {
                this.#mkdir(dir);
                (0,external_node_fs_namespaceObject.writeFileSync)(path, '', { flag: 'a' });
            })), false);
        }
    }
    ensureStageDir(nodeId) {
        const dir = this.stageDir(nodeId);
        this.#used.add(dir);
        try {
            this.#mkdir(dir);
        }
        catch (error) {
            return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
        return Promise.resolve(dir);
    }
    writeStageFile(nodeId, name, content, options = {}) {
        let write;
        try {
            const { dir, path } = this.#stagePath(nodeId, name);
            // A placeholder, or a file this store wrote before, is there to be overwritten in place.
            const exists = this.#written.has(path) || this.#placeholders.has(path);
            this.#written.add(path);
            this.#placeholders.delete(path);
            const op = () => {
                this.#mkdir(dir);
                overwriteFileSync(path, content, exists);
            };
            // Waited for: synchronous once its turn comes (writing a small file that exists, such as a
            // prepared placeholder, takes microseconds). Background: in the idle lane.
            if (options.background !== true)
                return this.#enqueue(path, op);
            write = this.#enqueue(path, () => this.#lane.run(op));
        }
        catch (error) {
            write = Promise.reject(error instanceof Error ? error : new Error(String(error)));
            if (options.background !== true)
                return write;
        }
        this.#track(write);
        return Promise.resolve();
    }
    /**
     * True once for a stage directory this store created (so it holds nothing from an earlier run or
     * attempt), false afterwards and for directories that existed already.
     */
    claimFreshStage(nodeId) {
        return Promise.resolve(this.#fresh.delete(this.stageDir(nodeId)));
    }
    readStageFile(nodeId, name) {
        let path;
        try {
            path = (0,external_node_path_namespaceObject.join)(this.stageDir(nodeId), segment(name, 'file name'));
        }
        catch (error) {
            return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
        return this.#enqueue(path, () => readIfExists(path));
    }
    async readStageFileTail(nodeId, name, maxBytes) {
        const path = (0,external_node_path_namespaceObject.join)(this.stageDir(nodeId), segment(name, 'file name'));
        return this.#enqueue(path, async () => {
            let handle;
            try {
                handle = await (0,promises_namespaceObject.open)(path, 'r');
            }
            catch (error) {
                if (error.code === 'ENOENT')
                    return undefined;
                throw error;
            }
            try {
                const { size } = await handle.stat();
                const length = Math.min(size, Math.max(0, Math.floor(maxBytes)));
                const buffer = Buffer.alloc(length);
                const { bytesRead } = await handle.read(buffer, 0, length, size - length);
                return utf8Tail(buffer.subarray(0, bytesRead));
            }
            finally {
                await handle.close();
            }
        });
    }
    async removeStageFile(nodeId, name) {
        const path = (0,external_node_path_namespaceObject.join)(this.stageDir(nodeId), segment(name, 'file name'));
        this.#written.delete(path);
        return this.#enqueue(path, () => (0,promises_namespaceObject.rm)(path, { force: true }));
    }
    /** Replaced atomically (temp file + rename): a reader never sees a torn run file. */
    async writeRunFile(name, content) {
        const path = (0,external_node_path_namespaceObject.join)(this.runDir, segment(name, 'file name'));
        return this.#enqueue(path, () => {
            this.#mkdir(this.runDir);
            writeFileAtomicSync(path, content, { fsync: false });
        });
    }
    async readRunFile(name) {
        const path = (0,external_node_path_namespaceObject.join)(this.runDir, segment(name, 'file name'));
        return this.#enqueue(path, () => readIfExists(path));
    }
    async appendActivity(line) {
        const path = (0,external_node_path_namespaceObject.join)(this.runDir, 'activity.jsonl');
        return this.#enqueue(path, async () => {
            this.#mkdir(this.runDir);
            await (0,promises_namespaceObject.appendFile)(path, line.endsWith('\n') ? line : line + '\n', 'utf8');
        });
    }
    async flush() {
        while (this.#background.size > 0)
            await Promise.all([...this.#background]);
        for (const path of this.#placeholders) {
            // A placeholder its node never wrote (it did not run, or stopped first): removed if still empty.
            await this.#enqueue(path, async () => {
                if (readIfExists(path) === '')
                    await (0,promises_namespaceObject.rm)(path, { force: true });
            }).catch(() => undefined);
        }
        this.#placeholders.clear();
        for (const dir of this.#prepared) {
            if (this.#used.has(dir))
                continue;
            this.#prepared.delete(dir);
            if (!this.#dirs.delete(dir))
                continue;
            // Only an empty directory is removed: something outside the store may have used it.
            try {
                (0,external_node_fs_namespaceObject.rmdirSync)(dir);
            }
            catch {
                // not empty, or gone
            }
        }
        const error = this.#backgroundError;
        if (error !== undefined) {
            this.#backgroundError = undefined;
            throw new TrackerError('IO', `Could not write to run directory ${this.runDir}: ${errorMessage(error)}`, {
                cause: error
            });
        }
    }
}

;// CONCATENATED MODULE: ./src/version.ts
/** The tracker version; a test keeps it equal to package.json's. */
const VERSION = '0.1.0';

;// CONCATENATED MODULE: ./src/cli/args.ts
/**
 * argv → CliSettings, once, at the edge (style.md habit 1). Pure: no process access here.
 */


const LIMIT_NAMES = Object.keys(DEFAULT_DOT_LIMITS);
const FLAGS = [
    {
        name: 'no-tui',
        value: false,
        help: 'Plain line-per-stage output instead of the live dashboard.'
    },
    {
        name: 'json',
        value: false,
        help: 'validate: diagnostics as JSON. run: NDJSON events on stdout.'
    },
    { name: 'quiet', short: 'q', value: false, help: 'Print only failures and the final result.' },
    {
        name: 'auto-approve',
        value: false,
        help: 'Human gates take their first choice (or yes) without asking.'
    },
    {
        name: 'simulate',
        value: false,
        help: 'LLM nodes answer with a simulated response; tool nodes still run.'
    },
    {
        name: 'workdir',
        short: 'w',
        value: true,
        metavar: 'DIR',
        help: "Working directory for tool nodes and .tracker/ (default: cwd; on resume: the run's recorded one)."
    },
    {
        name: 'run-id',
        value: true,
        metavar: 'ID',
        help: 'Use this run ID instead of a generated one ([A-Za-z0-9._-], no leading dot, at most 64).'
    },
    {
        name: 'logs',
        value: true,
        metavar: 'DIR',
        help: 'Run directory (default: <workdir>/.tracker/runs/<runID>).'
    },
    {
        name: 'checkpoint',
        short: 'c',
        value: true,
        metavar: 'FILE',
        help: 'Resume from this checkpoint.json.'
    },
    {
        name: 'resume',
        short: 'r',
        value: true,
        metavar: 'ID|DIR',
        help: 'Resume the run with this ID (prefix; looked up under <workdir>/.tracker/runs) or run directory.'
    },
    {
        name: 'force',
        value: false,
        help: 'Resume even though the pipeline file changed since the checkpoint.'
    },
    { name: 'var', value: true, metavar: 'KEY=VALUE', help: 'Seed a context value (repeatable).' },
    {
        name: 'limit',
        value: true,
        metavar: 'NAME=N',
        help: `Raise an input limit for a trusted file (repeatable): ${LIMIT_NAMES.join(', ')}.`
    },
    { name: 'validate', value: false, help: 'Same as the validate command.' },
    { name: 'help', short: 'h', value: false, help: 'Show this help.' },
    { name: 'version', short: 'V', value: false, help: 'Print the version.' }
];
const COMMANDS = new Set(['run', 'validate', 'simulate', 'help', 'version']);
function usageError(message) {
    return new TrackerError('USAGE', `${message}\nRun 'tracker --help' for usage.`);
}
const RUN_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/;
/** A run ID names a directory under .tracker/runs, so it must be one plain path segment. */
function checkRunId(id) {
    if (RUN_ID.test(id))
        return;
    const why = id === ''
        ? 'it is empty'
        : id.length > 64
            ? `it is ${id.length} characters long (at most 64)`
            : id.startsWith('.')
                ? 'it starts with a dot'
                : `it contains ${JSON.stringify([...id].find((c) => !/[A-Za-z0-9._-]/.test(c)))}`;
    throw usageError(`Invalid --run-id '${id}': ${why}. Use letters, digits, '.', '_' and '-' (not starting with '.'), at most 64 characters, e.g. --run-id nightly-2026-12-01.`);
}
function findFlag(token) {
    if (token.startsWith('--')) {
        const eq = token.indexOf('=');
        const name = eq === -1 ? token.slice(2) : token.slice(2, eq);
        const spec = FLAGS.find((f) => f.name === name);
        if (!spec)
            return undefined;
        return eq === -1 ? { spec } : { spec, inline: token.slice(eq + 1) };
    }
    const spec = FLAGS.find((f) => f.short !== undefined && `-${f.short}` === token);
    return spec ? { spec } : undefined;
}
function isLimitName(name) {
    return LIMIT_NAMES.includes(name);
}
/** `maxNodes=400000` → ['maxNodes', 400000]; a usage error for an unknown name or a bad number. */
function parseLimit(value) {
    const eq = value.indexOf('=');
    const name = eq === -1 ? value : value.slice(0, eq);
    if (!isLimitName(name))
        throw usageError(`--limit expects NAME=N with NAME one of ${LIMIT_NAMES.join(', ')}; got '${value}'.`);
    const text = eq === -1 ? '' : value.slice(eq + 1).trim();
    const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(n) || n <= 0)
        throw usageError(`--limit ${name} needs a positive whole number, got '${text}'.`);
    return [name, n];
}
/** Parses argv (without node and script). Flags may come before or after the pipeline file. */
function parseArgs(argv) {
    const bools = new Set();
    const values = new Map();
    const vars = new Map();
    const limits = {};
    const positionals = [];
    let onlyPositionals = false;
    for (let i = 0; i < argv.length; i++) {
        const token = argv[i] ?? '';
        if (onlyPositionals || token === '-' || !token.startsWith('-')) {
            positionals.push(token);
            continue;
        }
        if (token === '--') {
            onlyPositionals = true;
            continue;
        }
        const found = findFlag(token);
        if (!found)
            throw usageError(`Unknown flag '${token}'.`);
        const { spec } = found;
        if (!spec.value) {
            if (found.inline !== undefined)
                throw usageError(`Flag --${spec.name} takes no value.`);
            bools.add(spec.name);
            continue;
        }
        let value = found.inline;
        if (value === undefined) {
            value = argv[i + 1];
            if (value === undefined || (value.startsWith('-') && value !== '-')) {
                throw usageError(`Flag --${spec.name} needs a value (${spec.metavar ?? 'VALUE'}).`);
            }
            i++;
        }
        if (spec.name === 'limit') {
            const [name, n] = parseLimit(value);
            limits[name] = n;
        }
        else if (spec.name === 'var') {
            const eq = value.indexOf('=');
            if (eq <= 0)
                throw usageError(`--var expects KEY=VALUE, got '${value}'.`);
            vars.set(value.slice(0, eq), value.slice(eq + 1));
        }
        else {
            if (values.has(spec.name))
                throw usageError(`Flag --${spec.name} was given twice.`);
            values.set(spec.name, value);
        }
    }
    let command = 'run';
    if (bools.has('help'))
        command = 'help';
    else if (bools.has('version'))
        command = 'version';
    else if (positionals[0] !== undefined && COMMANDS.has(positionals[0])) {
        command = positionals.shift();
    }
    if (bools.has('validate')) {
        if (command !== 'run' && command !== 'validate')
            throw usageError(`--validate cannot be combined with '${command}'.`);
        command = 'validate';
    }
    if (command === 'help' || command === 'version') {
        return settings(command, undefined, bools, values, vars, limits);
    }
    if (positionals.length === 0)
        throw usageError(`Missing pipeline file: tracker ${command === 'run' ? '' : command + ' '}<pipeline.dot>.`);
    if (positionals.length > 1)
        throw usageError(`Expected one pipeline file, got ${positionals.length}: ${positionals.join(' ')}.`);
    if (values.has('checkpoint') && values.has('resume'))
        throw usageError('Use either --checkpoint or --resume, not both.');
    const runId = values.get('run-id');
    if (runId !== undefined)
        checkRunId(runId);
    return settings(command, positionals[0], bools, values, vars, limits);
}
function settings(command, pipeline, bools, values, vars, limits) {
    const opt = (name) => values.get(name);
    return {
        command,
        ...(pipeline === undefined ? {} : { pipeline }),
        json: bools.has('json'),
        noTui: bools.has('no-tui'),
        quiet: bools.has('quiet'),
        autoApprove: bools.has('auto-approve'),
        simulate: bools.has('simulate'),
        force: bools.has('force'),
        ...(opt('workdir') === undefined ? {} : { workdir: opt('workdir') }),
        ...(opt('run-id') === undefined ? {} : { runId: opt('run-id') }),
        ...(opt('logs') === undefined ? {} : { logs: opt('logs') }),
        ...(opt('checkpoint') === undefined ? {} : { checkpoint: opt('checkpoint') }),
        ...(opt('resume') === undefined ? {} : { resume: opt('resume') }),
        vars,
        limits
    };
}

;// CONCATENATED MODULE: ./src/cli/child-runner.ts
/**
 * Runs manager-loop child pipelines from DOT files, in `<runDir>/<manager>/child/`, with the same handlers
 * as the parent. Child gates ask the parent's interviewer; child events reach the parent's sinks with node
 * ids prefixed `<manager>/`. When the parent resumes a run whose manager was in flight (or failed), the
 * child resumes from its own checkpoint instead of starting over.
 */













/** Child events worth showing in the parent's output and activity log (not the child's own start/end lines). */
const FORWARDED = new Set([
    'stage.started',
    'stage.completed',
    'stage.retrying',
    'stage.output',
    'gate.waiting',
    'gate.answered',
    'goal_gate.unsatisfied',
    'parallel.started',
    'parallel.completed',
    'warning'
]);
/** A sink that forwards a child's events to the parent's, with `<prefix>/` before every node id. */
function prefixedSink(target, prefix) {
    if (!target)
        return undefined;
    return {
        emit: (event) => {
            if (!FORWARDED.has(event.type))
                return;
            target.emit('nodeId' in event && event.nodeId !== undefined
                ? { ...event, nodeId: `${prefix}/${event.nodeId}` }
                : event);
        }
    };
}
/** An interviewer that asks the parent's, naming the child stage `<prefix>/<stage>`. */
function prefixedInterviewer(target, prefix) {
    return {
        ask: (question, signal) => target.ask({ ...question, stage: `${prefix}/${question.stage}` }, signal),
        ...(target.inform
            ? {
                inform: (message, stage) => target.inform?.(message, `${prefix}/${stage}`)
            }
            : {})
    };
}
/**
 * Whether the parent checkpoint says `nodeId` did not finish well: it was the next node (in flight, or where
 * the run failed), had an attempt in flight, or has no successful outcome.
 */
function unfinishedIn(checkpoint, nodeId) {
    if (checkpoint.status === 'success')
        return false;
    if (checkpoint.next_node === nodeId || checkpoint.current_attempt?.node === nodeId)
        return true;
    const outcome = checkpoint.node_outcomes[nodeId];
    return outcome === undefined || !isSuccessful(outcome.status);
}
class FileChildRunner {
    options;
    /** Managers whose first child start in this process resumes the child's checkpoint. */
    #resumeChecked = new Set();
    constructor(options) {
        this.options = options;
    }
    /** True once per manager node: on its first start, when the parent resumed with it unfinished. */
    #shouldResume(parentNodeId) {
        const parent = this.options.resumeFrom;
        if (!parent || this.#resumeChecked.has(parentNodeId))
            return false;
        this.#resumeChecked.add(parentNodeId);
        return unfinishedIn(parent, parentNodeId);
    }
    async start(request) {
        const file = (0,external_node_path_namespaceObject.isAbsolute)(request.dotfile)
            ? request.dotfile
            : (0,external_node_path_namespaceObject.resolve)(this.options.baseDir, request.dotfile);
        const source = await (0,promises_namespaceObject.readFile)(file, 'utf8');
        const sha256 = (0,external_node_crypto_namespaceObject.createHash)('sha256').update(source).digest('hex');
        const prepared = preparePipeline(source, { file });
        if (!prepared.ok || !prepared.graph) {
            const errors = prepared.diagnostics
                .filter((d) => d.severity === 'error')
                .map(formatDiagnostic);
            throw new TrackerError('PIPELINE_INVALID', `child pipeline ${file} is invalid:\n${errors.join('\n')}`);
        }
        const graph = prepared.graph;
        const runDir = (0,external_node_path_namespaceObject.join)(this.options.runDir, request.parentNodeId, 'child');
        const workdir = request.workdir
            ? (0,external_node_path_namespaceObject.resolve)(this.options.workdir, request.workdir)
            : this.options.workdir;
        const checkpointStore = new FsCheckpointStore((0,external_node_path_namespaceObject.join)(runDir, 'checkpoint.json'));
        const resumeFrom = this.#shouldResume(request.parentNodeId)
            ? await checkpointStore.load()
            : undefined;
        if (resumeFrom && resumeFrom.pipeline.sha256 !== sha256 && this.options.force !== true) {
            throw new TrackerError('CHECKPOINT_MISMATCH', `child pipeline ${file} changed since its run in ${runDir} started. Restore the file, or resume the parent with --force.`);
        }
        const controller = new AbortController();
        const signal = AbortSignal.any([request.signal, controller.signal]);
        let observation = { status: 'running', completedNodes: 0 };
        const forward = prefixedSink(this.options.events, request.parentNodeId);
        const interviewer = this.options.interviewer
            ? prefixedInterviewer(this.options.interviewer, request.parentNodeId)
            : new AutoApproveInterviewer();
        const registry = createBuiltinRegistry({
            processRunner: this.options.processRunner,
            interviewer,
            workdir,
            env: this.options.env,
            clock: systemClock,
            // Grandchildren live under this child's run directory and report through this child's prefix.
            childRunner: new FileChildRunner({
                baseDir: (0,external_node_path_namespaceObject.dirname)(file),
                runDir,
                processRunner: this.options.processRunner,
                env: this.options.env,
                workdir,
                interviewer,
                ...(forward ? { events: forward } : {}),
                ...(resumeFrom ? { resumeFrom } : {}),
                ...(this.options.force === undefined ? {} : { force: this.options.force })
            })
        });
        const done = runPipeline(graph, {
            registry,
            clock: systemClock,
            random: Math.random,
            runId: `${request.parentNodeId}-child`,
            runStore: new FsRunStore(runDir),
            checkpointStore,
            events: {
                emit: (event) => {
                    if (event.type === 'stage.started')
                        observation = { ...observation, currentNode: event.nodeId };
                    if (event.type === 'stage.completed')
                        observation = { ...observation, completedNodes: observation.completedNodes + 1 };
                    forward?.emit(event);
                }
            },
            pipeline: { name: graph.name, file, sha256 },
            signal,
            workdir,
            ...(resumeFrom ? { resumeFrom } : {}),
            initialContext: Object.fromEntries(Object.entries(request.context).filter(([key]) => !key.startsWith('graph.')))
        }).then((result) => {
            observation = {
                ...observation,
                status: result.status === 'success' ? 'completed' : 'failed',
                outcome: result.status,
                ...(result.failureReason ? { failureReason: result.failureReason } : {})
            };
        }, (error) => {
            observation = {
                ...observation,
                status: 'failed',
                outcome: 'fail',
                failureReason: String(error)
            };
        });
        return {
            observe: () => observation,
            cancel: async () => {
                controller.abort(new Error('cancelled by manager'));
                await done;
            }
        };
    }
}

;// CONCATENATED MODULE: ./src/cli/help.ts
/** `tracker --help` text, generated from the flag table so it cannot drift from the parser. */


function helpText() {
    const rows = FLAGS.map((f) => {
        const names = `${f.short ? `-${f.short}, ` : '    '}--${f.name}${f.metavar ? ` ${f.metavar}` : ''}`;
        return `  ${names.padEnd(28)} ${f.help}`;
    });
    return [
        `tracker ${VERSION} — run DOT-defined pipelines (Attractor), checkpointed and resumable.`,
        '',
        'Usage:',
        '  tracker [run] <pipeline.dot> [flags]   Run a pipeline.',
        '  tracker validate <pipeline.dot>        Check a pipeline; print diagnostics, a synopsis and the plan.',
        '  tracker simulate <pipeline.dot>        Print the plan and walk the graph with simulated outcomes',
        '                                         (runs nothing; a loop is cut off at the 4th visit of a node).',
        '  tracker -c <run>/checkpoint.json <pipeline.dot>   Resume a run from its checkpoint.',
        '  tracker -r <runID|run dir> <pipeline.dot>         Resume a run by ID (prefix) or directory.',
        '    A resumed run keeps its ID and workdir; completed nodes are not re-run; after a failure the',
        '    failed node gets a fresh retry budget. See docs/runs.md.',
        '',
        'Flags:',
        ...rows,
        '',
        'Exit codes:',
        '  0  success (validate: no errors; warnings allowed)',
        '  1  the pipeline failed, or the graph has errors',
        '  2  usage error (unknown flag, missing or unreadable file)',
        '  3  stopped (SIGINT/SIGTERM) and resumable: the resume command is printed',
        '',
        'Environment:',
        '  TRACKER_PASS_ENV=1        pass secret-looking variables to every tool command (docs/tool-nodes.md)',
        '  TRACKER_PROCESS_HELPER=0  start tool commands from tracker itself, not from its helper process',
        '',
        'Docs: README.md, docs/runs.md, docs/diagnostics.md, docs/attributes.md, docs/conditions.md.'
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/cli/render-console.ts
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)}ms`;
    if (ms < 60_000)
        return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`;
    const m = Math.floor(ms / 60_000);
    const s = Math.round((ms % 60_000) / 1000);
    return `${m}m${String(s).padStart(2, '0')}s`;
}
const ICON = {
    success: '✓',
    partial_success: '◐',
    fail: '✗',
    retry: '↻',
    skipped: '⊘',
    cancelled: '⊘'
};
/** The failed branches behind a failed parallel or fan-in node: node, reason, last output lines. */
function formatFailedBranches(branches) {
    return branches
        .map((b) => {
        const head = `    ✗ branch ${b.branch}${b.nodeId ? ` failed at '${b.nodeId}'` : ' failed'}${b.reason ? `: ${b.reason}` : ''}`;
        const tails = (b.output ?? []).map((o) => `\n      last lines of ${b.nodeId ?? b.branch}/${o.file}:\n${o.lines.map((l) => `        │ ${l}`).join('\n')}`);
        return head + tails.join('');
    })
        .join('\n');
}
function formatEvent(event, options = {}) {
    const where = (nodeId, branch) => branch ? `${branch.split('/')[0]}/${nodeId}` : nodeId;
    switch (event.type) {
        case 'pipeline.started':
            return options.quiet
                ? undefined
                : `${event.resumed ? 'Resuming' : 'Running'} pipeline '${event.pipeline}' (run ${event.runId}, ${event.nodeCount} nodes)\n  run dir: ${event.runDir}`;
        case 'stage.started':
            if (options.quiet)
                return undefined;
            return `  → ${where(event.nodeId, event.branch)} [${event.handlerType}]${event.attempt > 1 ? ` attempt ${event.attempt}/${event.maxAttempts}` : ''}`;
        case 'stage.completed': {
            if (options.quiet && event.status !== 'fail')
                return undefined;
            const detail = event.status === 'fail'
                ? `  ${event.failureReason ?? ''}`
                : (event.status === 'partial_success' || event.status === 'skipped') && event.notes
                    ? `  ${event.notes}`
                    : '';
            return `  ${ICON[event.status] ?? '?'} ${where(event.nodeId, event.branch)} ${event.status} in ${formatDuration(event.durationMs)}${detail}`;
        }
        case 'stage.retrying':
            return `  ↻ ${where(event.nodeId, event.branch)} retrying (attempt ${event.attempt}/${event.maxAttempts}) in ${formatDuration(event.delayMs)}: ${event.reason}`;
        case 'parallel.started':
            return options.quiet
                ? undefined
                : `  ⇉ ${event.nodeId}: ${event.branches.length} branches (${event.branches.join(', ')}), max_parallel=${event.maxParallel}`;
        case 'parallel.completed':
            return options.quiet
                ? undefined
                : `  ⇇ ${event.nodeId}: ${event.successCount} succeeded, ${event.failureCount} failed${event.cancelledCount ? `, ${event.cancelledCount} cancelled or not started` : ''} in ${formatDuration(event.durationMs)}`;
        case 'gate.waiting':
            return undefined;
        case 'gate.answered':
            return options.quiet
                ? undefined
                : `  ☞ ${event.nodeId}: ${event.timedOut ? 'timed out → ' : ''}${event.answer}${event.actor ? ` (by ${event.actor})` : ''}`;
        case 'goal_gate.unsatisfied':
            return `  ⚑ goal gate '${event.nodeId}' is ${event.status}${event.retryTarget ? `; retrying from '${event.retryTarget}'` : '; no retry target'}`;
        case 'loop.restarted':
            return `  ⟲ loop restart #${event.restart} at '${event.target}' (fresh context)`;
        case 'warning':
            return `  ! ${event.nodeId ? `${event.nodeId}: ` : ''}${event.message}`;
        case 'stage.output':
            return options.quiet || !event.truncated
                ? undefined
                : `  … ${event.nodeId} ${event.stream}: ${event.totalBytes} bytes, kept the last part in context`;
        case 'pipeline.completed':
            return `✓ Pipeline succeeded in ${formatDuration(event.durationMs)} (${event.completedNodes} nodes completed)`;
        case 'pipeline.failed':
            return (`✗ Pipeline failed${event.nodeId ? ` at '${event.nodeId}'` : ''} after ${formatDuration(event.durationMs)}: ${event.reason}` +
                (event.failedBranches?.length ? `\n${formatFailedBranches(event.failedBranches)}` : ''));
        case 'pipeline.stopped':
            return `■ Pipeline stopped${event.nodeId ? ` during '${event.nodeId}'` : ''} after ${formatDuration(event.durationMs)}: ${event.reason}`;
        case 'edge.selected':
        case 'checkpoint.saved':
        case 'parallel.branch_completed':
            return undefined;
    }
}
/** Progress goes to `write`; the final failure or stop line goes to `writeError` (stderr). */
class ConsoleSink {
    write;
    options;
    writeError;
    constructor(write, options = {}, writeError = write) {
        this.write = write;
        this.options = options;
        this.writeError = writeError;
    }
    emit(event) {
        const line = formatEvent(event, this.options);
        if (line === undefined)
            return;
        if (event.type === 'pipeline.failed' || event.type === 'pipeline.stopped')
            this.writeError(line + '\n');
        else
            this.write(line + '\n');
    }
}
/** `--json`: one JSON object per event on stdout. */
class NdjsonSink {
    write;
    constructor(write) {
        this.write = write;
    }
    emit(event) {
        this.write(JSON.stringify(event) + '\n');
    }
}
class FanOutSink {
    sinks;
    constructor(sinks) {
        this.sinks = sinks;
    }
    emit(event) {
        for (const sink of this.sinks)
            sink.emit(event);
    }
}

;// CONCATENATED MODULE: ./src/graph/plan.ts
/**
 * A static view of how a pipeline will run, for `tracker validate` / `simulate` output: topological levels
 * from the start node (back edges of loops ignored), the parallel groups with their fan-in, and the kind of
 * pipeline (planning, execution, hybrid). Nothing here decides routing at run time; the engine does that.
 */





function summarizeGraph(graph) {
    const handlerCounts = countHandlers(graph);
    const goal = graph.attrs.get('goal')?.value;
    return {
        name: graph.name,
        ...(goal === undefined || goal === '' ? {} : { goal }),
        nodeCount: graph.nodes.size,
        edgeCount: graph.edges.length,
        handlerCounts,
        startNodeIds: findStartNodes(graph).map((n) => n.id),
        exitNodeIds: findExitNodes(graph).map((n) => n.id),
        kind: kindFromCounts(handlerCounts)
    };
}
function pipelineKind(graph) {
    return kindFromCounts(countHandlers(graph));
}
function planExecution(graph) {
    const roots = findRoots(graph);
    const { visited, backEdges } = depthFirst(graph, roots);
    const backEdgeIndexes = new Set(backEdges.map((e) => e.index));
    // Longest path from the roots over the acyclic remainder (Kahn's algorithm).
    const indegree = new Map();
    for (const id of visited)
        indegree.set(id, 0);
    for (const edge of graph.edges) {
        if (backEdgeIndexes.has(edge.index) || !visited.has(edge.from) || !visited.has(edge.to))
            continue;
        indegree.set(edge.to, (indegree.get(edge.to) ?? 0) + 1);
    }
    const level = new Map();
    const queue = [];
    for (const [id, d] of indegree) {
        if (d === 0) {
            queue.push(id);
            level.set(id, 0);
        }
    }
    for (let head = 0; head < queue.length; head++) {
        const id = queue[head];
        if (id === undefined)
            break;
        const here = level.get(id) ?? 0;
        for (const edge of outgoingEdges(graph, id)) {
            if (backEdgeIndexes.has(edge.index) || !visited.has(edge.to))
                continue;
            if ((level.get(edge.to) ?? -1) < here + 1)
                level.set(edge.to, here + 1);
            const left = (indegree.get(edge.to) ?? 0) - 1;
            indegree.set(edge.to, left);
            if (left === 0)
                queue.push(edge.to);
        }
    }
    const levels = [];
    const unreachable = [];
    for (const id of graph.nodes.keys()) {
        const l = level.get(id);
        if (l === undefined) {
            unreachable.push(id);
            continue;
        }
        while (levels.length <= l)
            levels.push([]);
        levels[l]?.push(id);
    }
    return {
        roots,
        levels,
        order: levels.flat(),
        backEdges,
        unreachable,
        parallelGroups: findParallelGroups(graph),
        kind: pipelineKind(graph)
    };
}
// ── Internals ──────────────────────────────────────────────────────────────────────────────────────
function countHandlers(graph) {
    const counts = new Map();
    for (const node of graph.nodes.values()) {
        const type = nodeHandlerType(node);
        counts.set(type, (counts.get(type) ?? 0) + 1);
    }
    return counts;
}
function kindFromCounts(counts) {
    const llm = counts.get(HandlerTypes.Codergen) ?? 0;
    const human = counts.get(HandlerTypes.WaitHuman) ?? 0;
    const tool = counts.get(HandlerTypes.Tool) ?? 0;
    if (tool > 0)
        return llm > 0 ? 'HYBRID' : 'EXECUTION';
    return llm > 0 || human > 0 ? 'PLANNING' : 'EMPTY';
}
function findRoots(graph) {
    const starts = findStartNodes(graph).map((n) => n.id);
    if (starts.length > 0)
        return starts;
    const sources = [...graph.nodes.keys()].filter((id) => (graph.incoming.get(id)?.length ?? 0) === 0);
    if (sources.length > 0)
        return sources;
    const first = graph.nodes.keys().next();
    return first.done === true ? [] : [first.value];
}
/** Iterative DFS (no recursion: long chains must not overflow the stack). */
function depthFirst(graph, roots) {
    const visited = new Set();
    const onStack = new Set();
    const backEdges = [];
    for (const root of roots) {
        if (visited.has(root) || !graph.nodes.has(root))
            continue;
        const stack = [{ id: root, next: 0 }];
        visited.add(root);
        onStack.add(root);
        while (stack.length > 0) {
            const frame = stack[stack.length - 1];
            if (!frame)
                break;
            const edges = outgoingEdges(graph, frame.id);
            const edge = edges[frame.next];
            if (!edge) {
                onStack.delete(frame.id);
                stack.pop();
                continue;
            }
            frame.next++;
            if (!graph.nodes.has(edge.to))
                continue;
            if (onStack.has(edge.to)) {
                backEdges.push(edge);
            }
            else if (!visited.has(edge.to)) {
                visited.add(edge.to);
                onStack.add(edge.to);
                stack.push({ id: edge.to, next: 0 });
            }
        }
    }
    backEdges.sort((a, b) => a.index - b.index);
    return { visited, backEdges };
}
/** Each parallel node's branches and where they join: the node the engine continues at (find-join-node). */
function findParallelGroups(graph) {
    const groups = [];
    for (const node of graph.nodes.values()) {
        if (nodeHandlerType(node) !== HandlerTypes.Parallel)
            continue;
        const branches = [...new Set(outgoingEdges(graph, node.id).map((e) => e.to))];
        const fanIn = findJoinNode(graph, node.id, branches);
        groups.push({ nodeId: node.id, branches, ...(fanIn === undefined ? {} : { fanIn }) });
    }
    return groups;
}

;// CONCATENATED MODULE: ./src/pipeline/attach-excerpts.ts
/**
 * Adds the source excerpt (the line and a caret under the column, as syntax errors show) to diagnostics
 * that point into `source` and do not carry one yet. Pure: renderers call it with the text they parsed.
 */

/** 0-based offsets at which each line starts; index 0 is line 1. */
function lineStarts(source) {
    const starts = [0];
    let at = source.indexOf('\n');
    while (at !== -1) {
        starts.push(at + 1);
        at = source.indexOf('\n', at + 1);
    }
    return starts;
}
function attachExcerpts(diagnostics, source, file) {
    let starts;
    return diagnostics.map((d) => {
        if (d.excerpt !== undefined || d.line === undefined)
            return d;
        if (file !== undefined && d.file !== undefined && d.file !== file)
            return d;
        starts ??= lineStarts(source);
        const lineStart = starts[d.line - 1];
        if (lineStart === undefined)
            return d;
        const lineEnd = starts[d.line] ?? source.length + 1;
        const offset = Math.min(lineStart + Math.max(0, (d.column ?? 1) - 1), lineEnd - 1);
        return { ...d, excerpt: sourceExcerpt(source, { line: d.line, offset }) };
    });
}

;// CONCATENATED MODULE: ./src/cli/render-validate.ts



function renderValidation(prepared, options) {
    const graph = prepared.graph;
    const diagnostics = prepared.source === undefined
        ? prepared.diagnostics
        : attachExcerpts(prepared.diagnostics, prepared.source, prepared.file);
    if (options.json) {
        const summary = graph ? summarizeGraph(graph) : undefined;
        const plan = graph ? planExecution(graph) : undefined;
        return (JSON.stringify({
            valid: prepared.ok,
            diagnostics,
            ...(summary && plan
                ? {
                    synopsis: {
                        name: summary.name,
                        goal: summary.goal ?? '',
                        nodes: summary.nodeCount,
                        edges: summary.edgeCount,
                        handlers: Object.fromEntries(summary.handlerCounts),
                        start: summary.startNodeIds,
                        exit: summary.exitNodeIds,
                        kind: summary.kind
                    },
                    plan: {
                        levels: plan.levels,
                        parallel_groups: plan.parallelGroups,
                        back_edges: plan.backEdges.map((e) => ({ from: e.from, to: e.to })),
                        unreachable: plan.unreachable
                    }
                }
                : {})
        }, null, 2) + '\n');
    }
    const lines = diagnostics.map(formatDiagnostic);
    if (graph) {
        if (lines.length)
            lines.push('');
        const plan = planLines(graph);
        lines.push(...plan.lines);
        if (plan.cut)
            lines.push('  (long lists are cut short here; tracker validate --json has them in full)');
    }
    lines.push(prepared.ok
        ? `✓ valid (${summarizeDiagnostics(prepared.diagnostics)})`
        : `✗ invalid (${summarizeDiagnostics(prepared.diagnostics)})`);
    return lines.join('\n') + '\n';
}
/**
 * How much of a long list the text output shows: the plan's first PLAN_LEVELS_SHOWN levels, and the
 * first LIST_ITEMS_SHOWN entries of any one list (a level's nodes, loops, branches, unreachable nodes,
 * parallel groups); the rest is counted ("… and 9962 more"). `--json` has every list in full.
 */
const PLAN_LEVELS_SHOWN = 25;
const LIST_ITEMS_SHOWN = 20;
/** The first LIST_ITEMS_SHOWN `items`, each as `show` renders it, then "… and N more". */
function boundedList(items, show = String, separator = ', ') {
    const shown = items.slice(0, LIST_ITEMS_SHOWN).map(show);
    if (items.length > shown.length)
        shown.push(`… and ${items.length - shown.length} more`);
    return shown.join(separator);
}
/** The synopsis and execution plan lines (`tracker validate` and `tracker simulate` print them). */
function renderPlan(graph) {
    return planLines(graph).lines;
}
/** renderPlan's lines, and whether a list in them was cut short. */
function planLines(graph) {
    const summary = summarizeGraph(graph);
    const plan = planExecution(graph);
    const lines = [];
    lines.push(`Pipeline '${summary.name}': ${summary.nodeCount} nodes, ${summary.edgeCount} edges — ${summary.kind} pipeline`);
    if (summary.goal)
        lines.push(`  goal:     ${summary.goal}`);
    lines.push(`  start:    ${summary.startNodeIds.join(', ') || '(none)'}    exit: ${summary.exitNodeIds.join(', ') || '(none)'}`);
    lines.push(`  handlers: ${[...summary.handlerCounts].map(([t, n]) => `${n} ${t}`).join(', ')}`);
    lines.push('  plan (topological levels; nodes on one level can run concurrently):');
    const levels = plan.levels.slice(0, PLAN_LEVELS_SHOWN);
    levels.forEach((level, i) => lines.push(`    ${String(i + 1).padStart(3)}. ${boundedList(level)}`));
    if (plan.levels.length > levels.length) {
        const rest = plan.levels.slice(levels.length);
        const nodes = rest.reduce((n, level) => n + level.length, 0);
        lines.push(`    … and ${rest.length} more level${rest.length === 1 ? '' : 's'} (${nodes} node${nodes === 1 ? '' : 's'}, the last: ${boundedList(rest[rest.length - 1] ?? [])})`);
    }
    for (const g of plan.parallelGroups.slice(0, LIST_ITEMS_SHOWN)) {
        lines.push(`  parallel: ${g.nodeId} → ${boundedList(g.branches, String, ' | ')}${g.fanIn ? ` → joins at ${g.fanIn}` : ' (the branches never meet: each runs on to the exit)'}`);
    }
    if (plan.parallelGroups.length > LIST_ITEMS_SHOWN)
        lines.push(`  parallel: … and ${plan.parallelGroups.length - LIST_ITEMS_SHOWN} more parallel nodes`);
    if (plan.backEdges.length)
        lines.push(`  loops:    ${boundedList(plan.backEdges, (e) => `${e.from} -> ${e.to}`)}`);
    if (plan.unreachable.length)
        lines.push(`  unreachable: ${boundedList(plan.unreachable)}`);
    const cut = plan.levels.length > PLAN_LEVELS_SHOWN ||
        [...levels, plan.parallelGroups, plan.backEdges, plan.unreachable].some((list) => list.length > LIST_ITEMS_SHOWN) ||
        plan.parallelGroups.some((g) => g.branches.length > LIST_ITEMS_SHOWN);
    return { lines, cut };
}

;// CONCATENATED MODULE: ./src/stores/memory-checkpoint-store.ts

/**
 * An in-memory CheckpointStore (a product feature for embedding and tests). It stores the serialized text,
 * so a load returns an independent copy that went through the same validation as a file would.
 */
class MemoryCheckpointStore {
    #text;
    saves = 0;
    save(serialized) {
        this.#text = serialized;
        this.saves += 1;
        return Promise.resolve();
    }
    load() {
        return Promise.resolve(this.#text === undefined ? undefined : parseCheckpoint(this.#text));
    }
}

;// CONCATENATED MODULE: ./src/stores/memory-run-store.ts

/**
 * An in-memory run directory (for `tracker simulate`, embedding and tests): stage dirs are `<runDir>/<nodeId>`.
 * Files live in a map keyed by `<nodeId>/<name>`; nothing touches the disk.
 */
class MemoryRunStore {
    runDir;
    /** Stage files by `<nodeId>/<name>`. */
    stageFiles = new Map();
    runFiles = new Map();
    activity = [];
    /** Stage directories created with ensureStageDir, in order. */
    ensured = [];
    constructor(runDir = '/runs/test') {
        this.runDir = runDir;
    }
    stageDir(nodeId) {
        return `${this.runDir}/${nodeId}`;
    }
    ensureStageDir(nodeId) {
        const dir = this.stageDir(nodeId);
        if (!this.ensured.includes(dir))
            this.ensured.push(dir);
        return Promise.resolve(dir);
    }
    writeStageFile(nodeId, name, content, _options) {
        this.stageFiles.set(`${nodeId}/${name}`, content);
        return Promise.resolve();
    }
    readStageFile(nodeId, name) {
        return Promise.resolve(this.stageFiles.get(`${nodeId}/${name}`));
    }
    readStageFileTail(nodeId, name, maxBytes) {
        const text = this.stageFiles.get(`${nodeId}/${name}`);
        if (text === undefined)
            return Promise.resolve(undefined);
        const bytes = Buffer.from(text, 'utf8');
        return Promise.resolve(utf8Tail(bytes.subarray(Math.max(0, bytes.length - maxBytes))));
    }
    removeStageFile(nodeId, name) {
        this.stageFiles.delete(`${nodeId}/${name}`);
        return Promise.resolve();
    }
    writeRunFile(name, content) {
        this.runFiles.set(name, content);
        return Promise.resolve();
    }
    readRunFile(name) {
        return Promise.resolve(this.runFiles.get(name));
    }
    appendActivity(line) {
        this.activity.push(line);
        return Promise.resolve();
    }
    flush() {
        return Promise.resolve();
    }
}

;// CONCATENATED MODULE: ./src/cli/simulate.ts










/** A node about to start for the (N+1)-th time ends the simulation: the walk is in a loop. */
const SIMULATE_MAX_VISITS = 3;
/** Stages simulated at most (parallel branches included). */
const SIMULATE_MAX_STEPS = 1000;
/** A clock that never waits: simulated time advances instantly. */
function instantClock() {
    let now = 0;
    return {
        now: () => now,
        sleep: (ms, signal) => {
            if (signal?.aborted)
                return Promise.reject(signal.reason);
            now += ms;
            return Promise.resolve();
        }
    };
}
class SimulatedTool {
    execute(input) {
        const command = getString(input.node.attrs, 'tool_command') ?? '';
        return Promise.resolve({
            status: 'success',
            notes: `[simulated] would run: ${command.split('\n')[0] ?? ''}`
        });
    }
}
class SimulatedManager {
    execute() {
        return Promise.resolve({ status: 'success', notes: '[simulated] child pipeline completed' });
    }
}
const refuseProcesses = {
    run: () => Promise.reject(new Error('simulate runs no processes'))
};
async function simulatePipeline(graph, options) {
    const clock = instantClock();
    const registry = createBuiltinRegistry({
        processRunner: refuseProcesses,
        interviewer: new AutoApproveInterviewer(),
        workdir: '/simulated',
        env: {},
        clock
    })
        .register(HandlerTypes.Tool, new SimulatedTool())
        .register(HandlerTypes.ManagerLoop, new SimulatedManager());
    const path = [];
    const render = options.json ? new NdjsonSink(options.write) : new ConsoleSink(options.write);
    if (options.json) {
        const plan = planExecution(graph);
        options.write(JSON.stringify({
            type: 'simulation.plan',
            levels: plan.levels,
            parallel_groups: plan.parallelGroups,
            back_edges: plan.backEdges.map((e) => ({ from: e.from, to: e.to }))
        }) + '\n');
    }
    else {
        options.write(renderPlan(graph).join('\n') + '\n\nSimulated walk:\n');
    }
    const controller = new AbortController();
    const started = [];
    const visits = new Map();
    let steps = 0;
    let bounded;
    const bound = (nodeId, branch) => {
        if (bounded !== undefined)
            return;
        steps++;
        const key = branch ? `${branch}:${nodeId}` : nodeId;
        const n = (visits.get(key) ?? 0) + 1;
        visits.set(key, n);
        if (!branch)
            started.push(nodeId);
        if (n > SIMULATE_MAX_VISITS && !branch) {
            const previous = started.lastIndexOf(nodeId, started.length - 2);
            const loop = started.slice(previous);
            bounded = `stopped after ${steps - 1} steps: loop ${loop.join(' → ')} (a node would run a ${n}th time; the simulated choices never leave the loop)`;
        }
        else if (steps > SIMULATE_MAX_STEPS) {
            bounded = `stopped after ${SIMULATE_MAX_STEPS} steps (the simulated walk did not reach the exit)`;
        }
        if (bounded !== undefined)
            controller.abort(new Error(bounded));
    };
    const run = await runPipeline(graph, {
        registry,
        clock,
        random: () => 0.5,
        runId: 'simulation',
        runStore: new MemoryRunStore('/simulated/run'),
        checkpointStore: new MemoryCheckpointStore(),
        events: {
            emit: (event) => {
                if (event.type === 'stage.started' && event.attempt === 1)
                    bound(event.nodeId, event.branch);
                if (bounded !== undefined &&
                    (event.type === 'stage.started' || event.type === 'stage.completed'))
                    return;
                if (event.type === 'pipeline.stopped' && bounded !== undefined) {
                    if (options.json)
                        options.write(JSON.stringify({ type: 'simulation.bounded', reason: bounded }) + '\n');
                    return;
                }
                if (event.type === 'stage.completed' && !event.branch)
                    path.push(event.nodeId);
                render.emit(event);
            }
        },
        pipeline: { name: graph.name, file: graph.file, sha256: '' },
        signal: controller.signal
    });
    if (!options.json) {
        options.write(`Path: ${path.join(' -> ')}${bounded ? ' -> …' : ''}\n`);
        if (bounded)
            options.write(`Simulation ${bounded}.\n`);
    }
    return { run, path, ...(bounded ? { bounded } : {}) };
}

;// CONCATENATED MODULE: ./src/cli/main.ts
/**
 * The CLI composition root: the only place (with src/action) that builds real adapters. `main` takes its
 * I/O as arguments so tests drive it with streams; `runCli` wires it to the process.
 */

























const ExitCodes = { Success: 0, Failed: 1, Usage: 2, Stopped: 3 };
async function loadPipelineFile(path, cwd) {
    const file = (0,external_node_path_namespaceObject.isAbsolute)(path) ? path : (0,external_node_path_namespaceObject.resolve)(cwd, path);
    let source;
    try {
        source = await (0,promises_namespaceObject.readFile)(file, 'utf8');
    }
    catch (error) {
        const code = error.code;
        const why = code === 'ENOENT'
            ? 'no such file'
            : code === 'EISDIR'
                ? 'it is a directory'
                : errorMessage(error);
        throw new TrackerError('USAGE', `Cannot read pipeline '${path}': ${why}.`, { cause: error });
    }
    return { file, source, sha256: (0,external_node_crypto_namespaceObject.createHash)('sha256').update(source).digest('hex') };
}
function displayPath(file, cwd) {
    return file.startsWith(cwd + '/') ? file.slice(cwd.length + 1) : file;
}
/** Quotes a word for a POSIX shell when it needs it (`my dir/p.dot` → `'my dir/p.dot'`). */
function shellQuote(word) {
    if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word))
        return word;
    return `'${word.replace(/'/g, `'\\''`)}'`;
}
/**
 * The command that resumes a run, to paste in the user's cwd: the checkpoint, `-w` when the workdir is not the
 * cwd (so tools run where they ran before, whatever manifest.json says), and the pipeline file.
 */
function resumeCommandLine(checkpointPath, workdir, pipelineFile, cwd) {
    const words = ['tracker', '-c', displayPath(checkpointPath, cwd)];
    if ((0,external_node_path_namespaceObject.resolve)(workdir) !== (0,external_node_path_namespaceObject.resolve)(cwd))
        words.push('-w', displayPath(workdir, cwd));
    words.push(displayPath(pipelineFile, cwd));
    return words.map(shellQuote).join(' ');
}
/** The absolute workdir a run recorded in its manifest.json, when it did. */
async function recordedWorkdir(runDir) {
    const text = await (0,promises_namespaceObject.readFile)((0,external_node_path_namespaceObject.join)(runDir, 'manifest.json'), 'utf8').catch(() => undefined);
    if (text === undefined)
        return undefined;
    try {
        const manifest = JSON.parse(text);
        return typeof manifest.workdir === 'string' && (0,external_node_path_namespaceObject.isAbsolute)(manifest.workdir)
            ? manifest.workdir
            : undefined;
    }
    catch {
        return undefined;
    }
}
async function main(argv, io) {
    const out = (text) => void io.stdout.write(text);
    const err = (text) => void io.stderr.write(text);
    let settings;
    try {
        settings = parseArgs(argv);
    }
    catch (error) {
        err(`tracker: ${errorMessage(error)}\n`);
        return ExitCodes.Usage;
    }
    try {
        switch (settings.command) {
            case 'help':
                out(helpText() + '\n');
                return ExitCodes.Success;
            case 'version':
                out(`tracker ${VERSION}\n`);
                return ExitCodes.Success;
            case 'validate':
                return await validateCommand(settings, io, out);
            case 'simulate':
                return await simulateCommand(settings, io, out, err);
            case 'run':
                return await runCommand(settings, io, out, err);
        }
    }
    catch (error) {
        if (isTrackerError(error) && error.code === 'USAGE') {
            err(`tracker: ${error.message}\n`);
            return ExitCodes.Usage;
        }
        if (isTrackerError(error) &&
            (error.code === 'CHECKPOINT_INVALID' || error.code === 'CHECKPOINT_MISMATCH')) {
            err(`tracker: ${error.message}\n`);
            return ExitCodes.Usage;
        }
        err(`tracker: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        return ExitCodes.Failed;
    }
}
async function prepare(settings, io) {
    const path = settings.pipeline ?? '';
    const absolute = (0,external_node_path_namespaceObject.isAbsolute)(path) ? path : (0,external_node_path_namespaceObject.resolve)(io.cwd, path);
    // Refuse an oversized file before reading it into memory (the parser would reject it anyway).
    const oversized = oversizedPipeline(absolute, displayPath(absolute, io.cwd), settings.limits.maxBytes ?? DEFAULT_DOT_LIMITS.maxBytes);
    if (oversized !== undefined) {
        return { loaded: { file: absolute, source: '', sha256: '' }, prepared: oversized };
    }
    const loaded = await loadPipelineFile(path, io.cwd);
    const prepared = preparePipeline(loaded.source, {
        file: displayPath(loaded.file, io.cwd),
        limits: settings.limits
    });
    return { loaded, prepared };
}
/** A `dot_limit` result when the file is larger than `maxBytes` (by fs.stat), else undefined. */
function oversizedPipeline(file, shown, maxBytes) {
    let size;
    try {
        const stat = (0,external_node_fs_namespaceObject.statSync)(file);
        if (!stat.isFile())
            return undefined;
        size = stat.size;
    }
    catch {
        return undefined; // loadPipelineFile reports unreadable files
    }
    if (size <= maxBytes)
        return undefined;
    return {
        ok: false,
        file: shown,
        diagnostics: [
            {
                rule: 'dot_limit',
                severity: 'error',
                message: `input is ${size} bytes, over the limit of ${maxBytes} bytes; the file was not read`,
                file: shown,
                line: 1,
                column: 1,
                fix: raiseLimitHint('maxBytes', maxBytes, size)
            }
        ]
    };
}
async function validateCommand(settings, io, out) {
    const { prepared } = await prepare(settings, io);
    out(renderValidation(prepared, { json: settings.json }));
    return prepared.ok ? ExitCodes.Success : ExitCodes.Failed;
}
async function simulateCommand(settings, io, out, err) {
    const { prepared } = await prepare(settings, io);
    if (!prepared.ok || !prepared.graph) {
        err(renderValidation(prepared, { json: false }));
        return ExitCodes.Failed;
    }
    const result = await simulatePipeline(prepared.graph, { write: out, json: settings.json });
    // A walk cut off in a loop is a finding of the simulation, not a failure of the pipeline.
    if (result.bounded !== undefined)
        return ExitCodes.Success;
    return result.run.status === 'success' ? ExitCodes.Success : ExitCodes.Failed;
}
/** Finds the run directory for `--resume ID|DIR`: a directory, or a run ID (prefix) under .tracker/runs. */
function resolveResumeDir(value, runsRoot, cwd) {
    const asPath = (0,external_node_path_namespaceObject.resolve)(cwd, value);
    if ((0,external_node_fs_namespaceObject.existsSync)((0,external_node_path_namespaceObject.join)(asPath, 'checkpoint.json')))
        return asPath;
    if ((0,external_node_fs_namespaceObject.existsSync)(runsRoot)) {
        const matches = (0,external_node_fs_namespaceObject.readdirSync)(runsRoot).filter((name) => name.startsWith(value) && (0,external_node_fs_namespaceObject.statSync)((0,external_node_path_namespaceObject.join)(runsRoot, name)).isDirectory());
        if (matches.length === 1 && matches[0] !== undefined)
            return (0,external_node_path_namespaceObject.join)(runsRoot, matches[0]);
        if (matches.length > 1)
            throw new TrackerError('USAGE', `Run ID prefix '${value}' matches ${matches.length} runs (${matches.join(', ')}); give more characters.`);
    }
    throw new TrackerError('USAGE', `No run '${value}': neither a run directory with checkpoint.json nor a run ID under ${runsRoot}. ` +
        'Pass the run directory, or -w with the workdir the run used.');
}
async function runCommand(settings, io, out, err) {
    const { loaded, prepared } = await prepare(settings, io);
    const shownFile = displayPath(loaded.file, io.cwd);
    if (!prepared.ok || !prepared.graph) {
        err(renderValidation(prepared, { json: false }));
        return ExitCodes.Failed;
    }
    const graph = prepared.graph;
    // -r ID looks under -w's .tracker/runs (or the cwd's); a resumed run then keeps the workdir it recorded.
    let workdir = (0,external_node_path_namespaceObject.resolve)(io.cwd, settings.workdir ?? '.');
    const runsRoot = (0,external_node_path_namespaceObject.join)(workdir, '.tracker', 'runs');
    let resumeFrom;
    let runDir;
    let checkpointStore;
    if (settings.checkpoint !== undefined || settings.resume !== undefined) {
        const checkpointPath = settings.checkpoint !== undefined
            ? (0,external_node_path_namespaceObject.resolve)(io.cwd, settings.checkpoint)
            : (0,external_node_path_namespaceObject.join)(resolveResumeDir(settings.resume ?? '', runsRoot, io.cwd), 'checkpoint.json');
        checkpointStore = new FsCheckpointStore(checkpointPath);
        resumeFrom = await checkpointStore.load();
        if (!resumeFrom)
            throw new TrackerError('USAGE', `No checkpoint at ${checkpointPath}.`);
        if (resumeFrom.pipeline.sha256 !== loaded.sha256 && !settings.force) {
            throw new TrackerError('CHECKPOINT_MISMATCH', `${shownFile} changed since run ${resumeFrom.run_id} started (sha256 ${resumeFrom.pipeline.sha256.slice(0, 12)}… → ${loaded.sha256.slice(0, 12)}…). ` +
                'Resuming a changed pipeline can skip or repeat work. Restore the original file, or pass --force to resume anyway.');
        }
        runDir = settings.logs !== undefined ? (0,external_node_path_namespaceObject.resolve)(io.cwd, settings.logs) : (0,external_node_path_namespaceObject.dirname)(checkpointPath);
        const recorded = await recordedWorkdir((0,external_node_path_namespaceObject.dirname)(checkpointPath));
        if (recorded !== undefined && settings.workdir === undefined) {
            if (!(0,external_node_fs_namespaceObject.existsSync)(recorded))
                throw new TrackerError('USAGE', `Run ${resumeFrom.run_id} ran in ${recorded} (manifest.json), which no longer exists. Pass -w DIR to resume it in another directory.`);
            workdir = recorded;
        }
        else if (recorded !== undefined && (0,external_node_path_namespaceObject.resolve)(recorded) !== workdir) {
            err(`tracker: warning: run ${resumeFrom.run_id} ran in ${recorded}; -w makes its tools run in ${workdir} instead.\n`);
        }
    }
    else {
        const runId = settings.runId ?? newRunId();
        runDir = settings.logs !== undefined ? (0,external_node_path_namespaceObject.resolve)(io.cwd, settings.logs) : (0,external_node_path_namespaceObject.join)(runsRoot, runId);
        checkpointStore = new FsCheckpointStore((0,external_node_path_namespaceObject.join)(runDir, 'checkpoint.json'));
        if ((0,external_node_fs_namespaceObject.existsSync)((0,external_node_path_namespaceObject.join)(runDir, 'checkpoint.json'))) {
            throw new TrackerError('USAGE', `${runDir} already holds a run. Resume it with ${resumeCommandLine((0,external_node_path_namespaceObject.join)(runDir, 'checkpoint.json'), workdir, loaded.file, io.cwd)} or choose another --run-id/--logs.`);
        }
    }
    const runId = resumeFrom?.run_id ?? settings.runId ?? (0,external_node_path_namespaceObject.basename)(runDir);
    const controller = new AbortController();
    const onSignal = () => controller.abort(new Error('signal'));
    let signal = controller.signal;
    if (io.signal)
        signal = AbortSignal.any([io.signal, controller.signal]);
    else {
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
    }
    const activity = new ActivityLogSink(runDir);
    const human = settings.json ? err : out;
    const sinks = [
        activity,
        settings.json ? new NdjsonSink(out) : new ConsoleSink(out, { quiet: settings.quiet }, err)
    ];
    const interviewer = settings.autoApprove
        ? new AutoApproveInterviewer()
        : new ConsoleInterviewer({
            input: io.stdin,
            output: settings.json ? io.stderr : io.stdout,
            clock: systemClock
        });
    const processRunner = createProcessRunner({
        inProcess: io.env['TRACKER_PROCESS_HELPER'] === '0',
        onFallback: (reason) => err(`tracker: warning: ${reason}; running commands in-process instead.\n`)
    });
    const registry = createBuiltinRegistry({
        processRunner,
        interviewer,
        workdir,
        env: io.env,
        clock: systemClock,
        childRunner: new FileChildRunner({
            baseDir: (0,external_node_path_namespaceObject.dirname)(loaded.file),
            runDir,
            processRunner,
            env: io.env,
            workdir,
            interviewer,
            events: new FanOutSink(sinks),
            ...(resumeFrom ? { resumeFrom } : {}),
            force: settings.force
        })
    });
    const llmStages = [...graph.nodes.values()].filter((n) => registry.resolveType(n) === HandlerTypes.Codergen).length;
    if (llmStages > 0 && !settings.quiet) {
        human(`note: ${llmStages} LLM stage(s) answer with the simulated backend${settings.simulate ? ' (--simulate)' : ' — this version has no LLM provider yet'}\n`);
    }
    let result;
    try {
        result = await runPipeline(graph, {
            registry,
            clock: systemClock,
            random: Math.random,
            runId,
            runStore: new FsRunStore(runDir),
            checkpointStore,
            events: new FanOutSink(sinks),
            pipeline: { name: graph.name, file: shownFile, sha256: loaded.sha256 },
            signal,
            ...(resumeFrom ? { resumeFrom } : {}),
            initialContext: Object.fromEntries(settings.vars),
            workdir,
            restartRunStore: (n) => {
                const dir = (0,external_node_path_namespaceObject.join)(runDir, `restart-${n}`);
                activity.moveTo(dir);
                return new FsRunStore(dir);
            },
            trackerVersion: VERSION
        });
    }
    finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await Promise.all([
            activity
                .close()
                .catch((error) => err(`tracker: warning: could not write ${(0,external_node_path_namespaceObject.join)(runDir, 'activity.jsonl')}: ${errorMessage(error)}\n`)),
            processRunner.close()
        ]);
    }
    const resumeCommand = resumeCommandLine(checkpointStore.path, workdir, loaded.file, io.cwd);
    if (result.status === 'success') {
        if (!settings.quiet)
            human(`  run dir: ${displayPath(runDir, io.cwd)}\n`);
        return ExitCodes.Success;
    }
    if (result.status === 'stopped') {
        err(`  Checkpoint saved. Resume with:\n    ${resumeCommand}\n`);
        return ExitCodes.Stopped;
    }
    if (result.failedNode)
        err(await failureDetail(new FsRunStore(runDir), result.failedNode));
    err(`  Checkpoint saved; after fixing the cause, resume (${result.resumeHint ?? `re-runs '${result.failedNode ?? 'the failed node'}'`}) with:\n    ${resumeCommand}\n`);
    return ExitCodes.Failed;
}
const TAIL_LINES = 10;
async function failureDetail(store, nodeId) {
    const parts = [];
    for (const name of ['stderr.log', 'stdout.log']) {
        const text = await store
            .readStageFileTail(nodeId, name, FAILURE_TAIL_BYTES)
            .catch(() => undefined);
        if (!text || text.trim() === '')
            continue;
        const lines = text.trimEnd().split('\n').slice(-TAIL_LINES);
        parts.push(`  last lines of ${nodeId}/${name}:\n${lines.map((l) => `    │ ${l}`).join('\n')}\n`);
    }
    return parts.join('');
}
/** The process wiring: argv, stdio, env, cwd. */
async function runCli() {
    return main(process.argv.slice(2), {
        stdin: process.stdin,
        stdout: process.stdout,
        stderr: process.stderr,
        env: process.env,
        cwd: process.cwd()
    });
}


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(84);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
