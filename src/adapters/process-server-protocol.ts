/**
 * Messages between tracker and its process helper (see process-server.ts and
 * process-server-runner.ts), sent over the Node IPC channel as JSON.
 */
import type { ProcessResult, ProcessSpec } from '../ports/process-runner.js';

/** tracker → helper. `aborted`: the caller's signal had fired before the request was sent. */
export type ServerRequest =
  | {
      readonly t: 'run';
      readonly id: number;
      readonly spec: ProcessSpec;
      readonly aborted: boolean;
    }
  | { readonly t: 'abort'; readonly id: number };

/** helper → tracker. `ready` comes before any request is read; `error` means `run` threw (a bug). */
export type ServerReply =
  | { readonly t: 'ready'; readonly pid: number }
  | { readonly t: 'done'; readonly id: number; readonly result: ProcessResult }
  | { readonly t: 'done'; readonly id: number; readonly error: string };

function hasType(value: unknown): value is { t: unknown; id?: unknown } {
  return typeof value === 'object' && value !== null && 't' in value;
}

export function isServerRequest(value: unknown): value is ServerRequest {
  if (!hasType(value) || typeof value.id !== 'number') return false;
  if (value.t === 'abort') return true;
  return value.t === 'run' && typeof (value as { spec?: unknown }).spec === 'object';
}

export function isServerReply(value: unknown): value is ServerReply {
  if (!hasType(value)) return false;
  if (value.t === 'ready') return true;
  return value.t === 'done' && typeof value.id === 'number';
}
