/**
 * Runs manager-loop child pipelines from DOT files, in `<runDir>/<manager>/child/`, through the same
 * assembly as the parent (executeRun: registry, stores, process runner, clock and randomness are the
 * parent's). Child gates ask the parent's interviewer; child events reach the parent's sinks with node
 * ids prefixed `<manager>/`. When the parent resumes a run whose manager was in flight (or failed), the
 * child resumes from its own checkpoint instead of starting over.
 */
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { TrackerError } from '../common/errors.js';
import { isSuccessful } from '../engine/outcome.js';
import type {
  ChildHandle,
  ChildObservation,
  ChildPipelineRunner
} from '../handlers/manager-loop.js';
import type { Checkpoint } from '../ports/checkpoint.js';
import type { EventSink } from '../ports/event-sink.js';
import type { EventPayload, PipelineEvent } from '../ports/events.js';
import type { Interviewer } from '../ports/interviewer.js';
import { formatDiagnostic } from '../validate/format-diagnostic.js';
import { loadPipeline } from './load-pipeline.js';
import type { ExecuteRun, ResolvedDependencies, RunPlan } from './run-types.js';

export interface FileChildRunnerOptions {
  /** The parent run (its pipeline file, run directory, workdir, environment, checkpoint, `--force`). */
  readonly parent: RunPlan;
  /** The parent's capabilities (child events reach the parent through the manager node's emitter). */
  readonly deps: ResolvedDependencies;
  readonly execute: ExecuteRun;
}

/** Child events worth showing in the parent's output and activity log (not the child's own start/end lines). */
const FORWARDED: ReadonlySet<PipelineEvent['type']> = new Set<PipelineEvent['type']>([
  'stage.started',
  'stage.completed',
  'stage.retrying',
  'stage.output',
  'gate.waiting',
  'gate.answered',
  'goal_gate.unsatisfied',
  'parallel.started',
  'parallel.completed',
  'warning'
]);

/**
 * A sink that forwards a child's events to the parent's stream, with `<prefix>/` before every node id.
 * They go through the parent's emitter (the manager node's), which stamps them with the parent's run ID
 * and next `seq` (docs/events.md).
 */
function prefixedSink(emit: (event: EventPayload) => void, prefix: string): EventSink {
  return {
    emit: (event) => {
      if (!FORWARDED.has(event.type)) return;
      const { ts: _ts, runId: _runId, seq: _seq, ...payload } = event;
      emit(
        'nodeId' in payload && payload.nodeId !== undefined
          ? { ...payload, nodeId: `${prefix}/${payload.nodeId}` }
          : payload
      );
    }
  };
}

/** An interviewer that asks the parent's, naming the child stage `<prefix>/<stage>`. */
function prefixedInterviewer(target: Interviewer, prefix: string): Interviewer {
  return {
    ask: (question, signal) =>
      target.ask({ ...question, stage: `${prefix}/${question.stage}` }, signal),
    ...(target.inform
      ? {
          inform: (message: string, stage: string) => target.inform?.(message, `${prefix}/${stage}`)
        }
      : {})
  };
}

/**
 * Whether the parent checkpoint says `nodeId` did not finish well: it was the next node (in flight, or where
 * the run failed), had an attempt in flight, or has no successful outcome.
 */
function unfinishedIn(checkpoint: Checkpoint, nodeId: string): boolean {
  if (checkpoint.status === 'success') return false;
  if (checkpoint.next_node === nodeId || checkpoint.current_attempt?.node === nodeId) return true;
  const outcome = checkpoint.node_outcomes[nodeId];
  return outcome === undefined || !isSuccessful(outcome.status);
}

export class FileChildRunner implements ChildPipelineRunner {
  /** Managers whose first child start in this process resumes the child's checkpoint. */
  readonly #resumeChecked = new Set<string>();

  constructor(private readonly options: FileChildRunnerOptions) {}

  /** True once per manager node: on its first start, when the parent resumed with it unfinished. */
  #shouldResume(parentNodeId: string): boolean {
    const parent = this.options.parent.resumeFrom;
    if (!parent || this.#resumeChecked.has(parentNodeId)) return false;
    this.#resumeChecked.add(parentNodeId);
    return unfinishedIn(parent, parentNodeId);
  }

  async start(request: Parameters<ChildPipelineRunner['start']>[0]): Promise<ChildHandle> {
    const { parent, deps } = this.options;
    const file = isAbsolute(request.dotfile)
      ? request.dotfile
      : resolve(dirname(parent.pipelinePath), request.dotfile);
    const loaded = await loadPipeline(file, { cwd: dirname(file), absolute: true });
    const { prepared } = loaded;
    if (!prepared.ok || !prepared.graph) {
      const errors = prepared.diagnostics
        .filter((d) => d.severity === 'error')
        .map(formatDiagnostic);
      throw new TrackerError(
        'PIPELINE_INVALID',
        `child pipeline ${file} is invalid:\n${errors.join('\n')}`
      );
    }
    const graph = prepared.graph;
    const runDir = join(parent.location.runDir, request.parentNodeId, 'child');
    const location = { runDir, checkpointPath: join(runDir, 'checkpoint.json') };
    const stores = deps.stores(location);
    const resumeFrom = this.#shouldResume(request.parentNodeId)
      ? await stores.checkpointStore.load()
      : undefined;
    if (resumeFrom && resumeFrom.pipeline.sha256 !== loaded.sha256 && !parent.force) {
      throw new TrackerError(
        'CHECKPOINT_MISMATCH',
        `child pipeline ${file} changed since its run in ${runDir} started. Restore the file, or resume the parent with --force.`
      );
    }
    // The child's directory has one owner too: a process already running it refuses this one.
    const lock = stores.acquireLock?.({
      command: `manager ${request.parentNodeId} of run ${parent.runId}`,
      now: new Date(deps.clock.now())
    });
    const controller = new AbortController();
    let observation: ChildObservation = { status: 'running', completedNodes: 0 };
    const observer: EventSink = {
      emit: (event) => {
        if (event.type === 'stage.started')
          observation = { ...observation, currentNode: event.nodeId };
        if (event.type === 'stage.completed')
          observation = { ...observation, completedNodes: observation.completedNodes + 1 };
      }
    };
    const done = this.options
      .execute(
        {
          graph,
          pipeline: { name: graph.name, file, sha256: loaded.sha256 },
          pipelinePath: file,
          runId: `${request.parentNodeId}-child`,
          location,
          stores,
          ...(resumeFrom ? { resumeFrom } : {}),
          workdir: request.workdir ? resolve(parent.workdir, request.workdir) : parent.workdir,
          env: parent.env,
          context: Object.fromEntries(
            Object.entries(request.context).filter(([key]) => !key.startsWith('graph.'))
          ),
          force: parent.force,
          signal: AbortSignal.any([request.signal, controller.signal]),
          activityLog: false,
          observers: [observer]
        },
        {
          ...deps,
          interviewer: prefixedInterviewer(deps.interviewer, request.parentNodeId),
          // Grandchildren's events reach this child's stream through its manager node, and so pass
          // through this prefix too: `boss/inner/x`.
          events: request.emit ? [prefixedSink(request.emit, request.parentNodeId)] : [],
          onNotice: undefined
        }
      )
      .then(
        ({ result }) => {
          observation = {
            ...observation,
            status: result.status === 'success' ? 'completed' : 'failed',
            outcome: result.status,
            ...(result.failureReason ? { failureReason: result.failureReason } : {})
          };
        },
        (error: unknown) => {
          observation = {
            ...observation,
            status: 'failed',
            outcome: 'fail',
            failureReason: String(error)
          };
        }
      )
      .finally(() => lock?.release());
    return {
      observe: () => observation,
      cancel: async () => {
        controller.abort(new Error('cancelled by manager'));
        await done;
      }
    };
  }
}
