/**
 * The run service: everything it takes to run a pipeline file, for any composition root (the CLI, the
 * Action, a library user). Load and prepare the file, restore from the run archive, locate or resume
 * the run, assemble and run it (executeRun), publish it, and say how it went — as a value, never an
 * exit code: each root maps the result to its own output.
 */
import { basename, join } from 'node:path';
import { errorMessage, isTrackerError } from '../common/errors.js';
import type { Diagnostic } from '../common/diagnostic.js';
import type { RunStatusResult } from '../engine/run-pipeline.js';
import { newRunId } from '../adapters/run-id.js';
import { systemClock } from '../adapters/system-clock.js';
import type { DotLimits } from '../dot/parser.js';
import type { Graph } from '../graph/graph.js';
import type { PreparedPipeline } from '../pipeline/prepare-pipeline.js';
import type { PublishedRun } from '../ports/run-archive.js';
import { runArchiveKey } from '../ports/run-archive.js';
import { executeRun } from './execute-run.js';
import type { OutputTail } from '../engine/failure-summary.js';
import { readFailureTail } from '../engine/failure-summary.js';
import type { LoadedPipeline } from './load-pipeline.js';
import { loadPipeline } from './load-pipeline.js';
import type { LocatableTarget, LocatedRun, RunTarget } from './locate-run.js';
import { locateRun } from './locate-run.js';
import { resumeCommandLine } from './resume-command.js';
import type { RunLock } from './run-lock.js';
import { fsRunStores } from './run-stores.js';
import type { ResolvedDependencies, RunDependencies, RunTotals } from './run-types.js';

export interface StartRunRequest {
  /** The pipeline file, absolute or relative to `cwd`. */
  readonly pipeline: string;
  /** The user's directory: relative paths are resolved against it, and shown from it. */
  readonly cwd: string;
  readonly limits?: Readonly<Partial<DotLimits>>;
  /** Where tool stages run and `.tracker/runs` is (default `cwd`); a resumed run keeps its recorded one. */
  readonly workdir?: string;
  /** The run directory instead of `<workdir>/.tracker/runs/<run id>` (`--logs`). */
  readonly runDir?: string;
  /** Default: a new run. */
  readonly target?: RunTarget;
  /** Resume even though the pipeline file changed. */
  readonly force?: boolean;
  /** Seeds for the context of a new run (`--var`). */
  readonly context?: Readonly<Record<string, unknown>>;
  /** The environment tool stages inherit (secrets are stripped). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Stops the run (resumable) when it fires. */
  readonly signal?: AbortSignal;
  /** Process signals that stop the run while it runs, e.g. `['SIGINT', 'SIGTERM']`; none by default. */
  readonly stopOnSignals?: readonly NodeJS.Signals[];
}

/** The pipeline a result is about. */
export interface RunPipelineInfo {
  readonly name?: string;
  /** As shown to the user (relative to `cwd` when inside it). */
  readonly file: string;
  readonly path: string;
  readonly sha256: string;
}

/** The file has errors (or does not parse): nothing ran. */
export interface InvalidPipelineResult {
  readonly status: 'invalid';
  readonly pipeline: RunPipelineInfo;
  readonly prepared: PreparedPipeline;
  readonly diagnostics: readonly Diagnostic[];
}

/** The request cannot be carried out as asked (an unreadable file, no such run, a changed pipeline): nothing ran. */
export interface RefusedRunResult {
  readonly status: 'refused';
  readonly code: RefusalCode;
  readonly message: string;
}

export type RefusalCode = 'USAGE' | 'CHECKPOINT_INVALID' | 'CHECKPOINT_MISMATCH';

export interface FinishedRunResult {
  readonly status: RunStatusResult;
  readonly pipeline: RunPipelineInfo;
  /** The prepared graph that ran (node locations for annotations, labels for summaries). */
  readonly graph: Graph;
  /** Validation warnings and notes of the file (it had no errors). */
  readonly diagnostics: readonly Diagnostic[];
  readonly runId: string;
  readonly runDir: string;
  readonly checkpointPath: string;
  /** The absolute directory tool stages ran in. */
  readonly workdir: string;
  readonly resumed: boolean;
  readonly completedNodes: readonly string[];
  /** The node whose failure ended the run, or the node that was running when it stopped. */
  readonly failedNode?: string;
  readonly failureReason?: string;
  /** For a failed run: what resuming it will do, e.g. "re-runs 'build' with a fresh retry budget". */
  readonly resumeHint?: string;
  /** For a failed run: the last lines of the failed node's stderr.log and stdout.log. */
  readonly failureOutput: readonly OutputTail[];
  /** The command that resumes this run from `cwd` (`tracker -c … [-w …] <pipeline>`). */
  readonly resumeCommand: string;
  readonly totals: RunTotals;
  /** Where the run archive keeps the run, when one was given and publishing worked. */
  readonly published?: PublishedRun;
}

export type StartRunResult = InvalidPipelineResult | RefusedRunResult | FinishedRunResult;

const REFUSALS: ReadonlySet<string> = new Set<RefusalCode>([
  'USAGE',
  'CHECKPOINT_INVALID',
  'CHECKPOINT_MISMATCH'
]);

/** A refusal as a value; anything else (a bug) is thrown on. */
function refused(error: unknown): RefusedRunResult {
  if (isTrackerError(error) && REFUSALS.has(error.code))
    return { status: 'refused', code: error.code as RefusalCode, message: error.message };
  throw error;
}

function info(loaded: LoadedPipeline): RunPipelineInfo {
  const name = loaded.prepared.graph?.name;
  return {
    ...(name === undefined ? {} : { name }),
    file: loaded.file,
    path: loaded.path,
    sha256: loaded.sha256
  };
}

function withDefaults(deps: RunDependencies): ResolvedDependencies {
  return {
    ...deps,
    events: deps.events ?? [],
    stores: deps.stores ?? fsRunStores,
    clock: deps.clock ?? systemClock,
    random: deps.random ?? Math.random,
    newRunId: deps.newRunId ?? newRunId
  };
}

/**
 * With an archive, `-r ID` and `latest` look there first: the restored directory is what they resume.
 * A restore that fails is a notice, and the run goes on as if nothing was archived.
 */
async function restoreTarget(
  target: RunTarget,
  pipeline: LoadedPipeline,
  deps: ResolvedDependencies
): Promise<LocatableTarget> {
  if (target.kind !== 'run' && target.kind !== 'latest') return target;
  const archive = deps.archive;
  if (archive === undefined) return target.kind === 'latest' ? { kind: 'new' } : target;
  const key = runArchiveKey(pipeline.sha256, target.kind === 'run' ? target.run : undefined);
  let restored: string | undefined;
  try {
    restored = await archive.restore(key);
  } catch (error) {
    deps.onNotice?.({ type: 'archive_failed', operation: 'restore', message: errorMessage(error) });
  }
  if (restored !== undefined) deps.onNotice?.({ type: 'archive_restored', key, runDir: restored });
  if (target.kind === 'run')
    return restored === undefined ? target : { kind: 'run', run: restored };
  if (restored === undefined) return { kind: 'new' };
  const checkpoint = await deps
    .stores({ runDir: restored, checkpointPath: join(restored, 'checkpoint.json') })
    .checkpointStore.load();
  return checkpoint !== undefined && checkpoint.status !== 'success'
    ? { kind: 'run', run: restored }
    : { kind: 'new' };
}

export async function startRun(
  request: StartRunRequest,
  dependencies: RunDependencies
): Promise<StartRunResult> {
  const deps = withDefaults(dependencies);
  const { cwd } = request;
  let loaded: LoadedPipeline;
  try {
    loaded = await loadPipeline(request.pipeline, {
      cwd,
      ...(request.limits ? { limits: request.limits } : {})
    });
  } catch (error) {
    return refused(error);
  }
  const { prepared } = loaded;
  if (!prepared.ok || !prepared.graph) {
    return {
      status: 'invalid',
      pipeline: info(loaded),
      prepared,
      diagnostics: prepared.diagnostics
    };
  }
  const graph = prepared.graph;
  const force = request.force === true;

  let located;
  try {
    const target = await restoreTarget(request.target ?? { kind: 'new' }, loaded, deps);
    located = await locateRun(target, loaded, {
      cwd,
      ...(request.workdir === undefined ? {} : { workdir: request.workdir }),
      ...(request.runDir === undefined ? {} : { runDir: request.runDir }),
      force,
      stores: deps.stores,
      newRunId: deps.newRunId,
      ...(deps.onNotice ? { onNotice: deps.onNotice } : {})
    });
  } catch (error) {
    return refused(error);
  }

  // One owner per run directory: a live owner refuses this run; a dead one's lock is taken over.
  let lock: RunLock | undefined;
  try {
    lock = located.stores.acquireLock?.({ command: ownCommand(), now: new Date(deps.clock.now()) });
  } catch (error) {
    return refused(error);
  }
  try {
    return await runLocated(request, deps, loaded, graph, located);
  } finally {
    lock?.release();
  }
}

/** How this process was started, for the lock (`tracker -r … p.dot`). */
function ownCommand(): string {
  const [script, ...args] = process.argv.slice(1);
  return [script === undefined ? 'node' : basename(script), ...args].join(' ');
}

async function runLocated(
  request: StartRunRequest,
  deps: ResolvedDependencies,
  loaded: LoadedPipeline,
  graph: Graph,
  located: LocatedRun
): Promise<FinishedRunResult> {
  const { cwd } = request;
  const { prepared } = loaded;
  const force = request.force === true;
  const { result, totals } = await executeRun(
    {
      graph,
      pipeline: { name: graph.name, file: loaded.file, sha256: loaded.sha256 },
      pipelinePath: loaded.path,
      runId: located.runId,
      location: located.location,
      stores: located.stores,
      ...(located.resumeFrom ? { resumeFrom: located.resumeFrom } : {}),
      workdir: located.workdir,
      env: request.env,
      ...(request.context ? { context: request.context } : {}),
      force,
      ...(request.signal ? { signal: request.signal } : {}),
      ...(request.stopOnSignals ? { stopOnSignals: request.stopOnSignals } : {}),
      activityLog: true
    },
    deps
  );

  const { runDir, checkpointPath } = located.location;
  const failureOutput =
    result.status === 'fail' && result.failedNode !== undefined
      ? await readFailureTail(located.stores.runStore, result.failedNode)
      : [];
  let published: PublishedRun | undefined;
  if (deps.archive) {
    try {
      published = await deps.archive.publish(runDir, result.status);
      deps.onNotice?.({ type: 'archive_published', reason: result.status, published });
    } catch (error) {
      deps.onNotice?.({
        type: 'archive_failed',
        operation: 'publish',
        message: errorMessage(error)
      });
    }
  }
  const finished: FinishedRunResult = {
    status: result.status,
    pipeline: info(loaded),
    graph,
    diagnostics: prepared.diagnostics,
    runId: result.runId,
    runDir,
    checkpointPath,
    workdir: located.workdir,
    resumed: located.resumeFrom !== undefined,
    completedNodes: result.completedNodes,
    ...(result.failedNode === undefined ? {} : { failedNode: result.failedNode }),
    ...(result.failureReason === undefined ? {} : { failureReason: result.failureReason }),
    ...(result.resumeHint === undefined ? {} : { resumeHint: result.resumeHint }),
    failureOutput,
    resumeCommand: resumeCommandLine(checkpointPath, located.workdir, loaded.path, cwd),
    totals,
    ...(published ? { published } : {})
  };
  return finished;
}
