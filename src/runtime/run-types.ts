/** The types the run service and the pieces it assembles share (start-run.ts, execute-run.ts, child-runner.ts). */
import type { RunResult } from '../engine/run-pipeline.js';
import type { PipelineIdentity } from '../engine/run-state.js';
import type { Graph } from '../graph/graph.js';
import type { Checkpoint } from '../ports/checkpoint.js';
import type { Clock, RandomSource, RunIdGenerator } from '../ports/clock.js';
import type { CodergenBackend } from '../ports/codergen-backend.js';
import type { EventSink } from '../ports/event-sink.js';
import type { Interviewer } from '../ports/interviewer.js';
import type { StageStatus } from '../ports/outcome.js';
import type { ProcessRunner } from '../ports/process-runner.js';
import type { PublishedRun, RunArchive, RunArchiveReason } from '../ports/run-archive.js';
import type { RunLocation, RunStores, RunStoresFactory } from './run-stores.js';

/** The capabilities a run is given: the composition root (CLI, Action, a library user) builds them. */
export interface RunDependencies {
  /** Human gates ask it (child pipelines' gates too, with the stage named `<manager>/<gate>`). */
  readonly interviewer: Interviewer;
  /**
   * Renderings of the run's events: console lines, NDJSON, annotations. Child pipelines' events reach them
   * with prefixed node ids. The run adds its own activity log.
   */
  readonly events?: readonly EventSink[];
  /** Runs tool commands. The caller owns it (and closes it, when it needs closing). */
  readonly processRunner: ProcessRunner;
  /** Where runs are written; default `fsRunStores` (the run directory on disk). */
  readonly stores?: RunStoresFactory;
  /** Restores a run before it is located, and publishes it when it ends; none by default. */
  readonly archive?: RunArchive;
  /** LLM stages; default the simulated backend (and a `simulated_llm` notice). */
  readonly backend?: CodergenBackend;
  readonly clock?: Clock;
  readonly random?: RandomSource;
  readonly newRunId?: RunIdGenerator;
  /** Things the user should know that are not engine events (see RunNotice). */
  readonly onNotice?: (notice: RunNotice) => void;
}

/** What the run service tells its caller besides the engine's events; each root words them its own way. */
export type RunNotice =
  /** A resumed run recorded another workdir than the one given: tools run in the given one. */
  | {
      readonly type: 'workdir_overridden';
      readonly runId: string;
      readonly recorded: string;
      readonly workdir: string;
    }
  /** This many LLM stages will answer with the simulated backend (no backend was given). */
  | { readonly type: 'simulated_llm'; readonly stages: number }
  /** activity.jsonl could not be written completely; the run's result stands. */
  | { readonly type: 'activity_log_failed'; readonly path: string; readonly message: string }
  | { readonly type: 'archive_restored'; readonly key: string; readonly runDir: string }
  | {
      readonly type: 'archive_published';
      readonly reason: RunArchiveReason;
      readonly published: PublishedRun;
    }
  /** The archive failed; the run went on (a restore that fails restores nothing). */
  | {
      readonly type: 'archive_failed';
      readonly operation: 'restore' | 'publish';
      readonly message: string;
    };

/** Counts over the run's own events (not its child pipelines'). */
export interface RunTotals {
  /** From the start of the engine to its last event. */
  readonly durationMs: number;
  /** Stage attempts started. */
  readonly stagesStarted: number;
  /** Stage attempts finished, by status (a stage that retried counts once per attempt). */
  readonly stagesByStatus: Readonly<Partial<Record<StageStatus, number>>>;
  /** Retries scheduled. */
  readonly retries: number;
}

/** RunDependencies with every default filled in. */
export interface ResolvedDependencies extends RunDependencies {
  readonly events: readonly EventSink[];
  readonly stores: RunStoresFactory;
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly newRunId: RunIdGenerator;
}

/** One run, located and ready: what executeRun needs (top-level runs and child pipelines alike). */
export interface RunPlan {
  readonly graph: Graph;
  /** Recorded in the checkpoint and manifest (`file` as shown to the user). */
  readonly pipeline: PipelineIdentity;
  /** The pipeline file's absolute path: child pipelines are found relative to its directory. */
  readonly pipelinePath: string;
  readonly runId: string;
  readonly location: RunLocation;
  readonly stores: RunStores;
  readonly resumeFrom?: Checkpoint;
  /** The absolute directory tool stages run in. */
  readonly workdir: string;
  /** The environment tool stages inherit (secrets are stripped by the tool handler). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Seeds for the context (`--var`); ignored on resume. */
  readonly context?: Readonly<Record<string, unknown>>;
  /** Resume child pipelines even though their files changed. */
  readonly force: boolean;
  readonly signal?: AbortSignal;
  /** Process signals that stop the run while it runs (SIGINT, SIGTERM). */
  readonly stopOnSignals?: readonly NodeJS.Signals[];
  /** Keep activity.jsonl (a child pipeline's events go to its parent's instead). */
  readonly activityLog: boolean;
  /** Sinks for this run's own events only (not forwarded to, nor fed by, its child pipelines). */
  readonly observers?: readonly EventSink[];
}

export interface ExecutedRun {
  readonly result: RunResult;
  readonly totals: RunTotals;
}

export type ExecuteRun = (plan: RunPlan, deps: ResolvedDependencies) => Promise<ExecutedRun>;
