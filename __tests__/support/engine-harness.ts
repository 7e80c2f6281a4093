import type { Checkpoint } from '../../src/ports/checkpoint.js';
import type { PipelineEvent } from '../../src/ports/events.js';
import { runPipeline } from '../../src/engine/run-pipeline.js';
import type { RunResult } from '../../src/engine/run-pipeline.js';
import type { Graph } from '../../src/graph/graph.js';
import { createBuiltinRegistry } from '../../src/handlers/builtin-registry.js';
import type { Handler } from '../../src/engine/handler.js';
import type { HandlerRegistry } from '../../src/engine/registry.js';
import { AutoApproveInterviewer } from '../../src/interviewers/auto-approve.js';
import { preparePipeline } from '../../src/pipeline/prepare-pipeline.js';
import type { Interviewer } from '../../src/ports/interviewer.js';
import type { ProcessRunner } from '../../src/ports/process-runner.js';
import type { CheckpointStore } from '../../src/ports/checkpoint-store.js';
import { MemoryCheckpointStore } from '../../src/stores/memory-checkpoint-store.js';
import { MemoryRunStore } from '../../src/stores/memory-run-store.js';
import { FakeClock } from './fake-clock.js';
import { ScriptedHandler } from './scripted-handler.js';

export function graphOf(dot: string): Graph {
  const prepared = preparePipeline(dot, { file: 'test.dot' });
  if (!prepared.graph)
    throw new Error(`test DOT does not parse: ${JSON.stringify(prepared.diagnostics)}`);
  const errors = prepared.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length)
    throw new Error(
      `test DOT is invalid: ${errors.map((d) => `${d.rule}: ${d.message}`).join('; ')}`
    );
  return prepared.graph;
}

const noProcesses: ProcessRunner = {
  run: () => Promise.reject(new Error('no processes in engine tests'))
};

export interface HarnessOptions {
  /** Handles codergen and tool nodes unless `handlers` says otherwise. */
  readonly scripted?: ScriptedHandler;
  /** Extra or replacement handlers by type. */
  readonly handlers?: Readonly<Record<string, Handler>>;
  readonly interviewer?: Interviewer;
  readonly clock?: FakeClock;
  readonly store?: CheckpointStore;
  readonly runStore?: MemoryRunStore;
  readonly resumeFrom?: Checkpoint;
  readonly signal?: AbortSignal;
  readonly initialContext?: Record<string, unknown>;
  readonly random?: () => number;
  readonly runId?: string;
  /** Called once the registry is built (to register custom handlers). */
  readonly configure?: (registry: HandlerRegistry) => void;
}

export interface HarnessRun {
  readonly result: RunResult;
  readonly events: PipelineEvent[];
  readonly store: CheckpointStore;
  readonly runStore: MemoryRunStore;
  readonly clock: FakeClock;
  readonly scripted: ScriptedHandler;
  readonly graph: Graph;
  /** Node ids in the order stage.started fired (attempts included). */
  started(): string[];
  /** Event types in order, optionally filtered to one node. */
  types(nodeId?: string): string[];
}

export async function runDot(
  dotOrGraph: string | Graph,
  options: HarnessOptions = {}
): Promise<HarnessRun> {
  const graph = typeof dotOrGraph === 'string' ? graphOf(dotOrGraph) : dotOrGraph;
  const clock = options.clock ?? new FakeClock({ autoAdvance: true });
  const scripted = options.scripted ?? new ScriptedHandler();
  const store = options.store ?? new MemoryCheckpointStore();
  const runStore = options.runStore ?? new MemoryRunStore();
  const registry = createBuiltinRegistry({
    processRunner: noProcesses,
    interviewer: options.interviewer ?? new AutoApproveInterviewer(),
    workdir: '/work',
    env: {},
    clock
  });
  registry.register('codergen', scripted).register('tool', scripted);
  for (const [type, handler] of Object.entries(options.handlers ?? {}))
    registry.register(type, handler);
  options.configure?.(registry);
  const events: PipelineEvent[] = [];
  const result = await runPipeline(graph, {
    registry,
    clock,
    random: options.random ?? (() => 0.5),
    runId: options.runId ?? 'run-1',
    runStore,
    checkpointStore: store,
    events: { emit: (e) => events.push(e) },
    pipeline: { name: graph.name, file: 'test.dot', sha256: 'sha' },
    ...(options.resumeFrom ? { resumeFrom: options.resumeFrom } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.initialContext ? { initialContext: options.initialContext } : {})
  });
  return {
    result,
    events,
    store,
    runStore,
    clock,
    scripted,
    graph,
    started: () => events.flatMap((e) => (e.type === 'stage.started' ? [e.nodeId] : [])),
    types: (nodeId) =>
      events
        .filter((e) => nodeId === undefined || ('nodeId' in e && e.nodeId === nodeId))
        .map((e) => e.type)
  };
}
