/**
 * The execution engine (spec §3): walks the graph from the start node, runs each node's handler with its
 * retry policy, applies context updates, checkpoints after every transition and selects the next edge.
 * Pure orchestration: every effect goes through the ports in RunOptions.
 *
 * This file drives a run: where it starts (a resume included), the main walk and its loop restarts, and
 * how it ends. The parts: run-session.ts (what they share), walk.ts, routing.ts, execute-stage.ts (stage
 * execution and retry), goal-gates.ts, parallel-branches.ts, dependency-scheduler.ts, run-end.ts and
 * failure-summary.ts.
 */
import { TrackerError } from '../common/errors.js';
import type { Graph } from '../graph/graph.js';
import { findStartNodes } from '../graph/terminals.js';
import { getInteger, getString } from '../graph/values.js';
import { runDependencies } from './dependency-scheduler.js';
import { announceFreshRetryBudget } from './execute-stage.js';
import { resumeTarget } from './goal-gates.js';
import { newWalker } from './parallel-branches.js';
import type { RunEnd } from './run-end.js';
import { endRun } from './run-end.js';
import type { RunOptions, RunResult } from './run-options.js';
import { RunSession, StopSignal } from './run-session.js';
import { walk } from './walk.js';
import { graphSnapshot } from './graph-snapshot.js';
import { EVENT_SCHEMA_VERSION } from '../ports/events.js';
import { mainAttempts } from './walker.js';

export type { RunOptions, RunResult, RunStatusResult } from './run-options.js';

/** Loop restarts allowed in one run when the graph sets no `max_restarts`. */
export const DEFAULT_MAX_RESTARTS = 5;

export async function runPipeline(graph: Graph, options: RunOptions): Promise<RunResult> {
  const session = new RunSession(graph, options);
  return endRun(session, await drive(session));
}

async function drive(session: RunSession): Promise<RunEnd> {
  const { graph, state } = session;
  const resumed = session.options.resumeFrom !== undefined;
  session.emit({
    type: 'pipeline.started',
    schema: EVENT_SCHEMA_VERSION,
    pipeline: graph.name,
    goal: getString(graph.attrs, 'goal') ?? '',
    runDir: session.runStore.runDir,
    resumed,
    nodeCount: graph.nodes.size,
    graph: graphSnapshot(graph, session.options.registry)
  });
  if (!resumed) await writeManifest(session);

  const dependencies = getString(graph.attrs, 'schedule') === 'dependencies';
  let start = state.nextNode;
  session.resumedAfterFailure = resumed && state.status === 'fail';
  if (session.resumedAfterFailure && !dependencies && start !== undefined) {
    start = resumeTarget(graph, state.outcomes, start) ?? start;
    state.nextNode = start;
    grantFreshRetryBudget(session, start);
  }
  if (!resumed || start === undefined) {
    if (resumed && state.status === 'success') return { status: 'success' };
    const starts = findStartNodes(graph);
    const first = starts[0];
    if (starts.length !== 1 || first === undefined) {
      throw new TrackerError(
        'PIPELINE_INVALID',
        `Pipeline needs exactly one start node (shape=Mdiamond); found ${starts.length}.`
      );
    }
    start = first.id;
  }
  state.status = 'running';
  state.failureReason = undefined;

  try {
    if (dependencies) return await runDependencies(session, start);
    for (;;) {
      const end = await walk(
        session,
        start,
        newWalker(session, { context: state.context, scope: '', attempts: mainAttempts(state) })
      );
      const failedAt = end.lastNode ? { failedNode: end.lastNode } : {};
      if (end.kind === 'failed')
        return { status: 'fail', reason: end.outcome.failureReason ?? 'stage failed', ...failedAt };
      if (end.kind === 'restart' && end.stoppedBefore !== undefined) {
        const limit = restartLimitReason(session, end.lastNode, end.stoppedBefore);
        if (limit !== undefined) return { status: 'fail', reason: limit, ...failedAt };
        start = await restart(session, end.stoppedBefore);
        continue;
      }
      if (end.kind === 'dead_end' && end.outcome.status === 'fail')
        return { status: 'fail', reason: end.outcome.failureReason ?? 'stage failed', ...failedAt };
      return { status: 'success' };
    }
  } catch (error) {
    if (error instanceof StopSignal)
      return { status: 'stopped', ...(error.nodeId ? { nodeId: error.nodeId } : {}) };
    throw error;
  }
}

async function writeManifest(session: RunSession): Promise<void> {
  const { graph, options } = session;
  const manifest = {
    name: graph.name,
    label: getString(graph.attrs, 'label') ?? '',
    goal: getString(graph.attrs, 'goal') ?? '',
    run_id: session.state.runId,
    pipeline_file: options.pipeline.file,
    pipeline_sha256: options.pipeline.sha256,
    start_time: session.iso(),
    tracker_version: options.trackerVersion ?? 'unknown',
    ...(options.workdir === undefined ? {} : { workdir: options.workdir })
  };
  await session.runStore.writeRunFile('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
}

/**
 * Resuming a failed run gives the node it re-runs a fresh retry budget (attempt 1 of max_retries+1; the
 * checkpoint's node_retries keeps counting the run's retries). A stopped run keeps its attempt instead.
 */
function grantFreshRetryBudget(session: RunSession, nodeId: string): void {
  const node = session.graph.nodes.get(nodeId);
  if (!node) return;
  session.state.currentAttempt = { node: nodeId, attempt: 1 };
  announceFreshRetryBudget(session, node);
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** The failure reason when one more loop_restart would exceed the graph's `max_restarts` (default 5). */
function restartLimitReason(
  session: RunSession,
  from: string | undefined,
  to: string
): string | undefined {
  const { graph, state } = session;
  const max = Math.max(0, getInteger(graph.attrs, 'max_restarts') ?? DEFAULT_MAX_RESTARTS);
  if (state.restartCount < max) return undefined;
  return (
    `Edge '${from ?? '?'}' -> '${to}' (loop_restart=true) would restart the run a ${ordinal(state.restartCount + 1)} time, ` +
    `but the graph allows max_restarts=${max}. Raise max_restarts on the graph, or give the loop a condition that leaves it.`
  );
}

/** loop_restart (spec §2.7): a fresh context and a fresh run directory, continuing at `target`. */
async function restart(session: RunSession, target: string): Promise<string> {
  const { state, options } = session;
  state.restartCount += 1;
  const n = state.restartCount;
  state.resetForRestart(session.freshContext());
  state.nextNode = target;
  if (options.restartRunStore) {
    await session.runStore.flush();
    session.runStore = options.restartRunStore(n);
  }
  session.emit({ type: 'loop.restarted', restart: n, target });
  await session.checkpoint(target);
  return target;
}
