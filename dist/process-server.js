import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
var __webpack_exports__ = {};

;// CONCATENATED MODULE: ./.build/src/common/errors.js
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

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: ./.build/src/stores/utf8-tail.js
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

;// CONCATENATED MODULE: ./.build/src/adapters/node-process-runner.js
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

;// CONCATENATED MODULE: ./.build/src/adapters/process-server-protocol.js
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

;// CONCATENATED MODULE: ./.build/src/adapters/process-server.js
/**
 * The process helper: a small Node process that starts tool commands on tracker's behalf
 * (docs/decisions/0007-process-helper.md). It runs each request with NodeProcessRunner (process
 * groups, output files, tails, timeouts: the same code as in-process) and replies with the result.
 *
 * - It ignores SIGINT, SIGTERM and SIGHUP: a Ctrl-C reaches the whole foreground process group, and
 *   stopping the commands is tracker's call (it sends `abort`, then writes its checkpoint).
 * - When tracker goes away (the IPC channel closes, e.g. tracker was SIGKILLed) it exits, and
 *   NodeProcessRunner's exit hook kills every command group still running — its own, and those
 *   tracker started itself while this helper was starting and asked it to watch.
 */



function serveProcessRequests(runner = new NodeProcessRunner()) {
    const send = process.send?.bind(process);
    if (send === undefined) {
        process.stderr.write('tracker process helper: start it with an IPC channel (from tracker)\n');
        process.exitCode = 2;
        return;
    }
    const reply = (message) => {
        if (process.connected)
            send(message);
    };
    const running = new Map();
    let baseEnv = Object.create(null);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
        process.on(signal, () => undefined);
    process.on('disconnect', () => process.exit(0));
    process.on('message', (message) => {
        if (!isServerRequest(message))
            return;
        switch (message.t) {
            case 'abort':
                running.get(message.id)?.abort();
                return;
            case 'env':
                baseEnv = message.env;
                return;
            case 'watch':
                watchProcessGroup(message.pid);
                return;
            case 'unwatch':
                unwatchProcessGroup(message.pid);
                return;
            case 'run':
                break;
        }
        const { id, spec } = message;
        const controller = new AbortController();
        if (message.aborted)
            controller.abort();
        running.set(id, controller);
        runner.run({ ...spec, env: applyEnvDelta(baseEnv, spec.env) }, controller.signal).then((result) => {
            running.delete(id);
            reply({ t: 'done', id, result });
        }, (error) => {
            running.delete(id);
            reply({ t: 'done', id, error: errorMessage(error) });
        });
    });
    reply({ t: 'ready', pid: process.pid });
}

;// CONCATENATED MODULE: ./.build/src/process-server-entry.js

serveProcessRequests();

