/**
 * A walk is one sequential pass through the graph: the main walk, each parallel branch, and the nodes
 * the dependency scheduler runs side by side. `Walker` is what a walk carries; `WalkEnd` how it ends.
 */
import { errorMessage } from '../common/errors.js';
import type { Outcome } from '../ports/outcome.js';
import { failure } from './outcome.js';
import type { EngineServices } from './handler.js';
import { isBranchTimeout } from './handler.js';
import type { RunContext } from './context.js';
import type { RunState } from './run-state.js';
import type { RunSession } from './run-session.js';

export interface WalkEnd {
  /** `cancelled`: a branch walk whose signal fired (a join or error policy) before it finished. */
  readonly kind: 'exit' | 'stop_at' | 'restart' | 'dead_end' | 'failed' | 'cancelled';
  readonly outcome: Outcome;
  readonly lastNode?: string;
  /** For `stop_at`: the node the walk stopped before. */
  readonly stoppedBefore?: string;
}

/** Where a walk keeps the attempt of the node it is running, so a resume continues at that attempt. */
export interface AttemptSlot {
  /** The attempt a checkpoint says `nodeId` had reached, if it was running when the run stopped. */
  saved(nodeId: string): number | undefined;
  set(nodeId: string, attempt: number): void;
  clear(nodeId: string): void;
}

export interface Walker {
  readonly context: RunContext;
  /** Branch label for events (`fork/b1`). */
  readonly branch?: string;
  /** Checkpoint scope: '' for the main walk, `fork/b1` (or `fork/b1>inner/x`) for a branch. */
  readonly scope: string;
  readonly stopAt?: ReadonlySet<string>;
  /** Called after each node completes in a branch (to record branch progress). */
  readonly onAdvance?: (completedNode: string, next: string | undefined, outcome: Outcome) => void;
  /** A branch's own signal (cancelled by join/error policies); the run's signal always applies too. */
  readonly signal?: AbortSignal;
  /** Dependency scheduling: several nodes run at once. */
  readonly concurrent?: boolean;
  readonly attempts: AttemptSlot;
  /** A resumed branch: the outcome and node it had last finished (what it reports if it ends at once). */
  readonly resumedAt?: { readonly outcome: Outcome; readonly lastNode?: string };
  /** What handlers running in this walk may ask of the engine (branches they start are scoped to it). */
  readonly services: EngineServices;
}

/** The main walk's in-flight attempt is the checkpoint's `current_attempt`. */
export function mainAttempts(state: RunState): AttemptSlot {
  return {
    saved: (id) => (state.currentAttempt?.node === id ? state.currentAttempt.attempt : undefined),
    set: (node, attempt) => {
      state.currentAttempt = { node, attempt };
    },
    clear: () => undefined
  };
}

/** Nodes running concurrently (`schedule="dependencies"`) keep theirs in `running_attempts`. */
export function concurrentAttempts(state: RunState): AttemptSlot {
  return {
    saved: (id) => state.runningAttempts.get(id),
    set: (id, attempt) => {
      state.runningAttempts.set(id, attempt);
    },
    clear: (id) => {
      state.runningAttempts.delete(id);
    }
  };
}

/** The signal a node of walk `w` runs under: the run's, and the branch's when it has one. */
export function walkSignal(session: RunSession, w: Walker): AbortSignal {
  return w.signal ? AbortSignal.any([session.signal, w.signal]) : session.signal;
}

export interface Interruption {
  /** The branch ran out of time (a failure), rather than being cancelled by its siblings' policy. */
  readonly timeout: boolean;
  readonly message: string;
}

/** Why a branch walk was interrupted by its own signal (not the run's): cancelled, or timed out. */
export function interruption(session: RunSession, w: Walker): Interruption | undefined {
  if (!w.signal?.aborted || session.signal.aborted) return undefined;
  const reason: unknown = w.signal.reason;
  return { timeout: isBranchTimeout(reason), message: errorMessage(reason) };
}

/** The end of a branch walk whose signal fired: a timeout fails the branch, anything else cancels it. */
export function interruptedEnd(
  why: Interruption,
  lastNode: string | undefined,
  outcome?: Outcome
): WalkEnd {
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
