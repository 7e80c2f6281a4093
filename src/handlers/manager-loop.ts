/**
 * Supervisor loop (spec §4.11, shape=house): optionally starts a child pipeline (`stack.child_dotfile`),
 * then for up to `manager.max_cycles` cycles observes the child, checks the stop conditions and waits
 * `manager.poll_interval`. Ends SUCCESS when the child succeeds or a stop condition holds, FAIL when the
 * child fails or the cycles run out.
 */
import { errorMessage } from '../common/errors.js';
import type { ContextView } from '../ports/context.js';
import { contextValueToString } from '../engine/context.js';
import { conditionHolds } from '../engine/condition-holds.js';
import type { Outcome } from '../ports/outcome.js';
import type { EventPayload } from '../ports/events.js';
import { getBoolean, getDurationMs, getInteger, getString } from '../graph/values.js';
import type { Handler, HandlerInput } from '../engine/handler.js';

export type ChildStatus = 'running' | 'completed' | 'failed';

export interface ChildObservation {
  readonly status: ChildStatus;
  /** Final outcome status when finished (`success`, `fail`, …). */
  readonly outcome?: string;
  readonly currentNode?: string;
  readonly completedNodes: number;
  readonly failureReason?: string;
}

export interface ChildHandle {
  observe(): ChildObservation;
  cancel(): Promise<void>;
}

/**
 * Starts child pipelines; implemented at the edge (it reads files and runs a nested engine). The edge
 * decides whether a start resumes the child's checkpoint (the CLI's FileChildRunner does when the parent run
 * resumed with this manager unfinished), which child events reach the parent, and which interviewer
 * the child's gates ask.
 */
export interface ChildPipelineRunner {
  start(request: {
    readonly dotfile: string;
    readonly parentNodeId: string;
    readonly workdir?: string;
    readonly context: Readonly<Record<string, unknown>>;
    readonly signal: AbortSignal;
    /** The parent's emitter: child events forwarded through it join the parent's stream (its `seq`). */
    readonly emit?: (event: EventPayload) => void;
  }): Promise<ChildHandle>;
}

const DEFAULT_POLL_MS = 45_000;
const DEFAULT_MAX_CYCLES = 1000;

function isTruthy(value: unknown): boolean {
  const text = contextValueToString(value).trim().toLowerCase();
  return text !== '' && text !== 'false' && text !== '0';
}

/** A context view with the observation keys laid over the run context. */
function overlay(base: ContextView, extra: ReadonlyMap<string, unknown>): ContextView {
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

export class ManagerLoopHandler implements Handler {
  constructor(private readonly children?: ChildPipelineRunner) {}

  async execute(input: HandlerInput): Promise<Outcome> {
    const { node, graph } = input;
    const pollMs =
      getDurationMs(node.attrs, 'manager.poll_interval') ??
      getInteger(node.attrs, 'wait_ms') ??
      DEFAULT_POLL_MS;
    const maxCycles = Math.max(
      1,
      getInteger(node.attrs, 'manager.max_cycles') ?? DEFAULT_MAX_CYCLES
    );
    const stopCondition = getString(node.attrs, 'manager.stop_condition')?.trim() ?? '';
    const stopKey =
      (
        getString(node.attrs, 'manager.stop_condition_key') ??
        getString(node.attrs, 'stop_condition_key')
      )?.trim() ?? '';
    const actions = new Set(
      (getString(node.attrs, 'manager.actions') ?? 'observe,wait')
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean)
    );
    const dotfile =
      getString(node.attrs, 'stack.child_dotfile') ?? getString(graph.attrs, 'stack.child_dotfile');
    const autostart =
      (getBoolean(node.attrs, 'stack.child_autostart') ??
        getBoolean(graph.attrs, 'stack.child_autostart')) !== false;

    let child: ChildHandle | undefined;
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
          emit: (event) => input.emit(event),
          ...(workdir ? { workdir } : {})
        });
      } catch (error) {
        return {
          status: 'fail',
          retryable: false,
          failureReason: `Could not start child pipeline '${dotfile}': ${errorMessage(error)}`
        };
      }
    }

    const observed = new Map<string, unknown>();
    const updates = (cycle: number): Record<string, unknown> => ({
      ...Object.fromEntries(observed),
      'stack.manager_loop.cycle_count': cycle,
      'stack.manager_loop.max_cycles': maxCycles
    });
    try {
      for (let cycle = 1; cycle <= maxCycles; cycle++) {
        if (input.signal.aborted) return { status: 'fail', failureReason: 'stopped' };
        if (child && actions.has('observe')) {
          const o = child.observe();
          observed.set('stack.child.status', o.status);
          observed.set('stack.child.completed_nodes', o.completedNodes);
          if (o.currentNode) observed.set('stack.child.current_node', o.currentNode);
          if (o.outcome) observed.set('stack.child.outcome', o.outcome);
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
    } finally {
      if (child && child.observe().status === 'running') await child.cancel();
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
