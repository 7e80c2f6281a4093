/**
 * `tracker simulate`: prints the execution plan, then walks the graph with simulated outcomes and runs
 * nothing — no processes, no LLM, no files. Tool nodes report what they would run (a `would run:` line
 * under the stage in the text output, the stage's `notes` in `--json`); gates take their first
 * choice. A walk that would loop forever (a gate whose first choice goes back) is cut off once a node is
 * about to run more than SIMULATE_MAX_VISITS times, or after SIMULATE_MAX_STEPS stages.
 */
import type { Clock } from '../ports/clock.js';
import { runPipeline } from '../engine/run-pipeline.js';
import type { RunResult } from '../engine/run-pipeline.js';
import type { Outcome } from '../ports/outcome.js';
import type { Graph } from '../graph/graph.js';
import { HandlerTypes } from '../graph/shapes.js';
import { getString } from '../graph/values.js';
import { createBuiltinRegistry } from '../handlers/builtin-registry.js';
import type { Handler, HandlerInput } from '../engine/handler.js';
import { AutoApproveInterviewer } from '../interviewers/auto-approve.js';
import type { ProcessRunner } from '../ports/process-runner.js';
import { MemoryCheckpointStore } from '../stores/memory-checkpoint-store.js';
import { MemoryRunStore } from '../stores/memory-run-store.js';
import { ConsoleSink, NdjsonSink } from './render-console.js';
import { renderPlan } from './render-validate.js';
import { planExecution } from '../graph/plan.js';
import { visible, visibleJson } from '../common/visible.js';

/** A node about to start for the (N+1)-th time ends the simulation: the walk is in a loop. */
export const SIMULATE_MAX_VISITS = 3;
/** Stages simulated at most (parallel branches included). */
export const SIMULATE_MAX_STEPS = 1000;

export interface SimulationResult {
  readonly run: RunResult;
  /** Main-walk node ids in the order they completed. */
  readonly path: readonly string[];
  /** Set when the walk was cut off: why, e.g. "stopped after 7 steps: loop work → gate → work". */
  readonly bounded?: string;
}

/** A clock that never waits: simulated time advances instantly. */
function instantClock(): Clock {
  let now = 0;
  return {
    now: () => now,
    sleep: (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) return Promise.reject(signal.reason as Error);
      now += ms;
      return Promise.resolve();
    }
  };
}

/** What a tool stage's notes start with; the text output prints the rest under the stage's line. */
const WOULD_RUN = '[simulated] ';

/** `would run: make build`, or its first line and how many follow for a multi-line command. */
export function describeToolCommand(command: string): string {
  const lines = command.trim().split('\n');
  const more = lines.length - 1;
  return `would run: ${lines[0] ?? ''}${more > 0 ? ` (+${more} more line${more === 1 ? '' : 's'})` : ''}`;
}

class SimulatedTool implements Handler {
  execute(input: HandlerInput): Promise<Outcome> {
    const command = getString(input.node.attrs, 'tool_command') ?? '';
    return Promise.resolve({
      status: 'success',
      notes: `${WOULD_RUN}${describeToolCommand(command)}`
    });
  }
}

class SimulatedManager implements Handler {
  execute(): Promise<Outcome> {
    return Promise.resolve({ status: 'success', notes: '[simulated] child pipeline completed' });
  }
}

const refuseProcesses: ProcessRunner = {
  run: () => Promise.reject(new Error('simulate runs no processes'))
};

export async function simulatePipeline(
  graph: Graph,
  options: { write: (text: string) => void; json: boolean }
): Promise<SimulationResult> {
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
  const path: string[] = [];
  const render = options.json ? new NdjsonSink(options.write) : new ConsoleSink(options.write);
  if (options.json) {
    const plan = planExecution(graph);
    options.write(
      visibleJson({
        type: 'simulation.plan',
        levels: plan.levels,
        parallel_groups: plan.parallelGroups,
        back_edges: plan.backEdges.map((e) => ({ from: e.from, to: e.to }))
      }) + '\n'
    );
  } else {
    options.write(renderPlan(graph).join('\n') + '\n\nSimulated walk:\n');
  }
  const controller = new AbortController();
  const started: string[] = [];
  const visits = new Map<string, number>();
  let steps = 0;
  let bounded: string | undefined;
  const bound = (nodeId: string, branch: string | undefined): void => {
    if (bounded !== undefined) return;
    steps++;
    const key = branch ? `${branch}:${nodeId}` : nodeId;
    const n = (visits.get(key) ?? 0) + 1;
    visits.set(key, n);
    if (!branch) started.push(nodeId);
    if (n > SIMULATE_MAX_VISITS && !branch) {
      const previous = started.lastIndexOf(nodeId, started.length - 2);
      const loop = started.slice(previous);
      bounded = `stopped after ${steps - 1} steps: loop ${loop.join(' → ')} (a node would run a ${n}th time; the simulated choices never leave the loop)`;
    } else if (steps > SIMULATE_MAX_STEPS) {
      bounded = `stopped after ${SIMULATE_MAX_STEPS} steps (the simulated walk did not reach the exit)`;
    }
    if (bounded !== undefined) controller.abort(new Error(bounded));
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
        if (
          bounded !== undefined &&
          (event.type === 'stage.started' || event.type === 'stage.completed')
        )
          return;
        if (event.type === 'pipeline.stopped' && bounded !== undefined) {
          if (options.json)
            options.write(visibleJson({ type: 'simulation.bounded', reason: bounded }) + '\n');
          return;
        }
        if (event.type === 'stage.completed' && !event.branch) path.push(event.nodeId);
        render.emit(event);
        if (!options.json && event.type === 'stage.completed' && event.notes?.startsWith(WOULD_RUN))
          options.write(`      ${visible(event.notes.slice(WOULD_RUN.length))}\n`);
      }
    },
    pipeline: { name: graph.name, file: graph.file, sha256: '' },
    signal: controller.signal
  });
  if (!options.json) {
    options.write(`${visible(`Path: ${path.join(' -> ')}${bounded ? ' -> …' : ''}`)}\n`);
    if (bounded) options.write(`${visible(`Simulation ${bounded}.`)}\n`);
  }
  return { run, path, ...(bounded ? { bounded } : {}) };
}
