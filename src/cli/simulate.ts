/**
 * `tracker simulate`: walks the graph with simulated outcomes and runs nothing — no processes, no LLM,
 * no files. Tool nodes report what they would run; gates take their first choice.
 */
import type { Clock } from '../ports/clock.js';
import { runPipeline } from '../engine/run-pipeline.js';
import type { RunResult } from '../engine/run-pipeline.js';
import type { Outcome } from '../engine/outcome.js';
import type { Graph } from '../graph/graph.js';
import { HandlerTypes } from '../graph/shapes.js';
import { getString } from '../graph/values.js';
import { createBuiltinRegistry } from '../handlers/builtin-registry.js';
import type { Handler, HandlerInput } from '../handlers/handler.js';
import { AutoApproveInterviewer } from '../interviewers/auto-approve.js';
import type { ProcessRunner } from '../ports/process-runner.js';
import { MemoryCheckpointStore } from '../stores/memory-checkpoint-store.js';
import { MemoryRunStore } from '../stores/memory-run-store.js';
import { ConsoleSink, NdjsonSink } from './render-console.js';

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

class SimulatedTool implements Handler {
  execute(input: HandlerInput): Promise<Outcome> {
    const command = getString(input.node.attrs, 'tool_command') ?? '';
    return Promise.resolve({
      status: 'success',
      notes: `[simulated] would run: ${command.split('\n')[0] ?? ''}`
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
): Promise<RunResult> {
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
  const result = await runPipeline(graph, {
    registry,
    clock,
    random: () => 0.5,
    runId: 'simulation',
    runStore: new MemoryRunStore('/simulated/run'),
    checkpointStore: new MemoryCheckpointStore(),
    events: {
      emit: (event) => {
        if (event.type === 'stage.completed' && !event.branch) path.push(event.nodeId);
        render.emit(event);
      }
    },
    pipeline: { name: graph.name, file: graph.file, sha256: '' }
  });
  if (!options.json) options.write(`Path: ${path.join(' -> ')}\n`);
  return result;
}
