/**
 * Runs manager-loop child pipelines from DOT files, in `<runDir>/<manager>/child/`, with the same
 * handlers as the parent (gates auto-approve: a child has no console of its own).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { systemClock } from '../adapters/system-clock.js';
import { runPipeline } from '../engine/run-pipeline.js';
import { TrackerError } from '../errors.js';
import { createBuiltinRegistry } from '../handlers/builtin-registry.js';
import type {
  ChildHandle,
  ChildObservation,
  ChildPipelineRunner
} from '../handlers/manager-loop.js';
import { AutoApproveInterviewer } from '../interviewers/auto-approve.js';
import { preparePipeline } from '../pipeline/prepare-pipeline.js';
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
}

export class FileChildRunner implements ChildPipelineRunner {
  constructor(private readonly options: FileChildRunnerOptions) {}

  async start(request: Parameters<ChildPipelineRunner['start']>[0]): Promise<ChildHandle> {
    const file = isAbsolute(request.dotfile)
      ? request.dotfile
      : resolve(this.options.baseDir, request.dotfile);
    const source = await readFile(file, 'utf8');
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
    const controller = new AbortController();
    const signal = AbortSignal.any([request.signal, controller.signal]);
    let observation: ChildObservation = { status: 'running', completedNodes: 0 };
    const registry = createBuiltinRegistry({
      processRunner: this.options.processRunner,
      interviewer: new AutoApproveInterviewer(),
      workdir,
      env: this.options.env,
      clock: systemClock,
      childRunner: this
    });
    const done = runPipeline(graph, {
      registry,
      clock: systemClock,
      random: Math.random,
      runId: `${request.parentNodeId}-child`,
      runStore: new FsRunStore(runDir),
      checkpointStore: new FsCheckpointStore(join(runDir, 'checkpoint.json')),
      events: {
        emit: (event) => {
          if (event.type === 'stage.started')
            observation = { ...observation, currentNode: event.nodeId };
          if (event.type === 'stage.completed')
            observation = { ...observation, completedNodes: observation.completedNodes + 1 };
        }
      },
      pipeline: {
        name: graph.name,
        file,
        sha256: createHash('sha256').update(source).digest('hex')
      },
      signal,
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
