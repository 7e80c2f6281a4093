/**
 * Messages between tracker and its process helper (see process-server.ts and
 * process-server-runner.ts), sent over the Node IPC channel as JSON.
 */
import type { ProcessResult, ProcessSpec } from '../ports/process-runner.js';

/**
 * A command's environment on the wire: the helper's current base environment (the last `env`
 * message) with `set` applied and `unset` removed. Most of a command's environment is the same for
 * every command of a run, and sending and parsing all of it with every request cost more than the
 * rest of the request.
 */
export interface EnvDelta {
  readonly set: Readonly<Record<string, string>>;
  readonly unset: readonly string[];
}

/** A ProcessSpec whose environment is an EnvDelta against the base environment. */
export type WireSpec = Omit<ProcessSpec, 'env'> & { readonly env: EnvDelta };

/**
 * tracker → helper. `aborted`: the caller's signal had fired before the request was sent. `env`
 * replaces the base environment of the `run` requests after it. `watch`/`unwatch`: a process group
 * tracker started itself (while the helper was starting) that the helper kills if tracker dies.
 */
export type ServerRequest =
  | {
      readonly t: 'run';
      readonly id: number;
      readonly spec: WireSpec;
      readonly aborted: boolean;
    }
  | { readonly t: 'abort'; readonly id: number }
  | { readonly t: 'env'; readonly env: Readonly<Record<string, string>> }
  | { readonly t: 'watch'; readonly pid: number }
  | { readonly t: 'unwatch'; readonly pid: number };

/** helper → tracker. `ready` comes before any request is read; `error` means `run` threw (a bug). */
export type ServerReply =
  | { readonly t: 'ready'; readonly pid: number }
  | { readonly t: 'done'; readonly id: number; readonly result: ProcessResult }
  | { readonly t: 'done'; readonly id: number; readonly error: string };

function hasType(value: unknown): value is { t: unknown; id?: unknown } {
  return typeof value === 'object' && value !== null && 't' in value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isServerRequest(value: unknown): value is ServerRequest {
  if (!hasType(value)) return false;
  const message = value as Record<string, unknown>;
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
      return (
        typeof message['id'] === 'number' &&
        isRecord(spec) &&
        isRecord(spec['env']) &&
        isRecord(spec['env']['set']) &&
        Array.isArray(spec['env']['unset'])
      );
    }
    default:
      return false;
  }
}

export function isServerReply(value: unknown): value is ServerReply {
  if (!hasType(value)) return false;
  if (value.t === 'ready') return true;
  return value.t === 'done' && typeof value.id === 'number';
}

/** What `next` changes in `base` (undefined when that is most of it: send `next` as a new base). */
export function envDelta(
  base: Readonly<Record<string, string>>,
  baseSize: number,
  next: Readonly<Record<string, string>>
): EnvDelta | undefined {
  const set = Object.create(null) as Record<string, string>;
  let changes = 0;
  let kept = 0;
  for (const name of Object.keys(next)) {
    const value = next[name];
    if (value === undefined) continue;
    if (Object.hasOwn(base, name) && base[name] === value) kept++;
    else {
      set[name] = value;
      changes++;
    }
  }
  const unset: string[] = [];
  if (kept < baseSize) {
    for (const name of Object.keys(base)) if (!Object.hasOwn(next, name)) unset.push(name);
  }
  changes += unset.length;
  return changes > kept ? undefined : { set, unset };
}

/** The environment an EnvDelta stands for. */
export function applyEnvDelta(
  base: Readonly<Record<string, string>>,
  delta: EnvDelta
): Record<string, string> {
  const env = Object.assign(Object.create(null) as Record<string, string>, base, delta.set);
  for (const name of delta.unset) delete env[name];
  return env;
}
