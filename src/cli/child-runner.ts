/**
 * Runs manager-loop child pipelines from DOT files, in `<runDir>/<manager>/child/`, with the same handlers
 * as the parent. Child gates ask the parent's interviewer; child events reach the parent's sinks with node
 * ids prefixed `<manager>/`. When the parent resumes a run whose manager was in flight (or failed), the
 * child resumes from its own checkpoint instead of starting over.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { systemClock } from '../adapters/system-clock.js';
import type { Checkpoint } from '../ports/checkpoint.js';
import type { EventPayload, PipelineEvent } from '../ports/events.js';
import { isSuccessful } from '../engine/outcome.js';
import { runPipeline } from '../engine/run-pipeline.js';
import { TrackerError } from '../common/errors.js';
import { createBuiltinRegistry } from '../handlers/builtin-registry.js';
import type {
  ChildHandle,
  ChildObservation,
  ChildPipelineRunner
} from '../handlers/manager-loop.js';
import { AutoApproveInterviewer } from '../interviewers/auto-approve.js';
import { preparePipeline } from '../pipeline/prepare-pipeline.js';
import type { EventSink } from '../ports/event-sink.js';
import type { Interviewer } from '../ports/interviewer.js';
import type { ProcessRunner } from '../ports/process-runner.js';
import { FsCheckpointStore } from '../stores/fs-checkpoint-store.js';
import { FsRunStore } from '../stores/fs-run-store.js';
import { formatDiagnostic } from '../validate/format-diagnostic.js';

export interface FileChildRunnerOptions {
  readonly baseDir: string;
  readonly runDir: string;
  readonly processRunner: ProcessRunner;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly workdir: string;
  /** Gates in the child ask this interviewer (the parent's); auto-approve when absent. */
  readonly interviewer?: Interviewer;
  /** The parent's checkpoint when the parent resumes: decides which managers' children resume. */
  readonly resumeFrom?: Checkpoint;
  /** Resume a child even though its pipeline file changed (the parent's `--force`). */
  readonly force?: boolean;
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
 * A sink that forwards a child's events to the parent's stream, with `<prefix>/` before every node id. They
 * go through the parent's emitter, which stamps them with the parent's run ID and next `seq`.
 */
function prefixedSink(
  emit: ((event: EventPayload) => void) | undefined,
  prefix: string
): EventSink | undefined {
  if (!emit) return undefined;
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
    const parent = this.options.resumeFrom;
    if (!parent || this.#resumeChecked.has(parentNodeId)) return false;
    this.#resumeChecked.add(parentNodeId);
    return unfinishedIn(parent, parentNodeId);
  }

  async start(request: Parameters<ChildPipelineRunner['start']>[0]): Promise<ChildHandle> {
    const file = isAbsolute(request.dotfile)
      ? request.dotfile
      : resolve(this.options.baseDir, request.dotfile);
    const source = await readFile(file, 'utf8');
    const sha256 = createHash('sha256').update(source).digest('hex');
    const prepared = preparePipeline(source, { file });
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
    const runDir = join(this.options.runDir, request.parentNodeId, 'child');
    const workdir = request.workdir
      ? resolve(this.options.workdir, request.workdir)
      : this.options.workdir;
    const checkpointStore = new FsCheckpointStore(join(runDir, 'checkpoint.json'));
    const resumeFrom = this.#shouldResume(request.parentNodeId)
      ? await checkpointStore.load()
      : undefined;
    if (resumeFrom && resumeFrom.pipeline.sha256 !== sha256 && this.options.force !== true) {
      throw new TrackerError(
        'CHECKPOINT_MISMATCH',
        `child pipeline ${file} changed since its run in ${runDir} started. Restore the file, or resume the parent with --force.`
      );
    }
    const controller = new AbortController();
    const signal = AbortSignal.any([request.signal, controller.signal]);
    let observation: ChildObservation = { status: 'running', completedNodes: 0 };
    const forward = prefixedSink(request.emit, request.parentNodeId);
    const interviewer = this.options.interviewer
      ? prefixedInterviewer(this.options.interviewer, request.parentNodeId)
      : new AutoApproveInterviewer();
    const registry = createBuiltinRegistry({
      processRunner: this.options.processRunner,
      interviewer,
      workdir,
      env: this.options.env,
      clock: systemClock,
      // Grandchildren live under this child's run directory and report through this child's prefix.
      childRunner: new FileChildRunner({
        baseDir: dirname(file),
        runDir,
        processRunner: this.options.processRunner,
        env: this.options.env,
        workdir,
        interviewer,
        ...(resumeFrom ? { resumeFrom } : {}),
        ...(this.options.force === undefined ? {} : { force: this.options.force })
      })
    });
    const done = runPipeline(graph, {
      registry,
      clock: systemClock,
      random: Math.random,
      runId: `${request.parentNodeId}-child`,
      runStore: new FsRunStore(runDir),
      checkpointStore,
      events: {
        emit: (event) => {
          if (event.type === 'stage.started')
            observation = { ...observation, currentNode: event.nodeId };
          if (event.type === 'stage.completed')
            observation = { ...observation, completedNodes: observation.completedNodes + 1 };
          forward?.emit(event);
        }
      },
      pipeline: { name: graph.name, file, sha256 },
      signal,
      workdir,
      ...(resumeFrom ? { resumeFrom } : {}),
      initialContext: Object.fromEntries(
        Object.entries(request.context).filter(([key]) => !key.startsWith('graph.'))
      )
    }).then(
      (result) => {
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
    );
    return {
      observe: () => observation,
      cancel: async () => {
        controller.abort(new Error('cancelled by manager'));
        await done;
      }
    };
  }
}
