/**
 * Assembles one located run and runs it: the registry (built-in handlers wired to the given ports, a
 * child runner for manager loops), the run's sinks (activity log, the callers' renderings, totals,
 * stage preparation), signal wiring, the engine, and the clean-up after it. Top-level runs
 * (startRun) and child pipelines (FileChildRunner) both run through here.
 */
import { join } from 'node:path';
import { errorMessage } from '../common/errors.js';
import { runPipeline } from '../engine/run-pipeline.js';
import { HandlerTypes } from '../graph/shapes.js';
import { createBuiltinRegistry } from '../handlers/builtin-registry.js';
import type { EventSink } from '../ports/event-sink.js';
import { VERSION } from '../version.js';
import { FileChildRunner } from './child-runner.js';
import { RunTally } from './run-tally.js';
import type { ExecutedRun, ResolvedDependencies, RunPlan } from './run-types.js';
import { StagePrefetchSink } from './stage-prefetch.js';

function fanOut(sinks: readonly EventSink[]): EventSink {
  return {
    emit: (event) => {
      for (const sink of sinks) sink.emit(event);
    }
  };
}

/** The plan's signal, joined by the process signals it asks for while `run` runs. */
async function withStopSignals<T>(
  plan: RunPlan,
  run: (signal: AbortSignal | undefined) => Promise<T>
): Promise<T> {
  const names = plan.stopOnSignals ?? [];
  if (names.length === 0) return run(plan.signal);
  const controller = new AbortController();
  const onSignal = (): void => controller.abort(new Error('signal'));
  // `on`, not `once`: a second Ctrl-C while the run stops must not fall back to Node's default (exit
  // 130 with the checkpoint possibly unsaved); the run stops once, however many signals arrive.
  for (const name of names) process.on(name, onSignal);
  try {
    return await run(
      plan.signal ? AbortSignal.any([plan.signal, controller.signal]) : controller.signal
    );
  } finally {
    for (const name of names) process.off(name, onSignal);
  }
}

export async function executeRun(plan: RunPlan, deps: ResolvedDependencies): Promise<ExecutedRun> {
  const { graph, stores } = plan;
  const activity = plan.activityLog ? stores.openActivityLog?.() : undefined;
  // What this run's renderings and log see; its child pipelines' events are forwarded to the same.
  const shared = [...(activity ? [activity] : []), ...deps.events];
  const registry = createBuiltinRegistry({
    processRunner: deps.processRunner,
    interviewer: deps.interviewer,
    ...(deps.backend ? { backend: deps.backend } : {}),
    workdir: plan.workdir,
    env: plan.env,
    clock: deps.clock,
    ...(stores.freshStages ? { freshStages: stores.freshStages } : {}),
    childRunner: new FileChildRunner({
      parent: plan,
      deps: { ...deps, events: shared },
      execute: executeRun
    })
  });
  if (deps.backend === undefined) {
    const stages = [...graph.nodes.values()].filter(
      (n) => registry.resolveType(n) === HandlerTypes.Codergen
    ).length;
    if (stages > 0) deps.onNotice?.({ type: 'simulated_llm', stages });
  }
  const tally = new RunTally();
  const sinks: EventSink[] = [...shared, tally, ...(plan.observers ?? [])];
  const prepare = stores.prepareStage;
  if (prepare) sinks.push(new StagePrefetchSink(graph, registry, prepare));

  try {
    const result = await withStopSignals(plan, (signal) =>
      runPipeline(graph, {
        registry,
        clock: deps.clock,
        random: deps.random,
        runId: plan.runId,
        runStore: stores.runStore,
        checkpointStore: stores.checkpointStore,
        events: fanOut(sinks),
        pipeline: plan.pipeline,
        ...(signal ? { signal } : {}),
        ...(plan.resumeFrom ? { resumeFrom: plan.resumeFrom } : {}),
        ...(plan.context ? { initialContext: plan.context } : {}),
        workdir: plan.workdir,
        ...(stores.restartRunStore
          ? { restartRunStore: (restart: number) => stores.restartRunStore!(restart) }
          : {}),
        trackerVersion: VERSION
      })
    );
    return { result, totals: tally.totals() };
  } finally {
    await activity?.close().catch((error: unknown) =>
      deps.onNotice?.({
        type: 'activity_log_failed',
        path: join(plan.location.runDir, 'activity.jsonl'),
        message: errorMessage(error)
      })
    );
  }
}
