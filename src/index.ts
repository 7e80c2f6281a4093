/**
 * The tracker library API: parse, validate and run DOT pipelines from TypeScript, and plug in custom
 * handlers. The CLI and the GitHub Action are built on exactly these exports.
 */
export { parseDot } from './dot/parser.js';
export type { DotLimits, ParseOptions } from './dot/parser.js';
export { DotSyntaxError } from './dot/dot-syntax-error.js';
export { printDot, quoteDotId } from './dot/print-dot.js';
export type { DotGraph } from './dot/ast.js';

export { buildGraph } from './graph/build-graph.js';
export type { Graph, GraphNode, GraphEdge, AttrValue, Attributes } from './graph/graph.js';
export type { SourceLocation } from './common/source-location.js';
export { makeGraph, outgoingEdges, incomingEdges } from './graph/graph.js';
export { HandlerTypes, SHAPE_TO_TYPE } from './graph/shapes.js';
export {
  getString,
  getInteger,
  getBoolean,
  getDurationMs,
  nodeHandlerType,
  nodeLabel,
  nodeShape
} from './graph/values.js';
export { planExecution, summarizeGraph } from './graph/plan.js';
export { printGraph } from './graph/print-graph.js';

export { validateGraph, assertValid, BUILTIN_RULES } from './validate/validate.js';
export { PipelineValidationError } from './validate/pipeline-validation-error.js';
export type { Diagnostic, Severity } from './common/diagnostic.js';
export type { LintRule, LintContext } from './validate/lint-rule.js';
export { formatDiagnostic, summarizeDiagnostics } from './validate/format-diagnostic.js';

export { preparePipeline } from './pipeline/prepare-pipeline.js';
export type { PrepareOptions, PreparedPipeline } from './pipeline/prepare-pipeline.js';
export type { Transform } from './pipeline/transforms.js';

export { parseCondition } from './condition/parse-condition.js';
export { evaluateCondition } from './condition/evaluate-condition.js';
export { parseStylesheet } from './stylesheet/parse-stylesheet.js';
export { applyStylesheet } from './stylesheet/apply-stylesheet.js';

export { runPipeline } from './engine/run-pipeline.js';
export type { RunOptions, RunResult } from './engine/run-pipeline.js';
export type { Outcome, StageStatus } from './ports/outcome.js';
export type { Checkpoint } from './ports/checkpoint.js';
export { parseCheckpoint, serializeCheckpoint } from './engine/checkpoint.js';
export { CHECKPOINT_VERSION } from './ports/checkpoint.js';
export type { PipelineEvent } from './ports/events.js';
export type { ContextView } from './ports/context.js';

export { HandlerRegistry } from './engine/registry.js';
export type { Handler, HandlerInput, EngineServices } from './engine/handler.js';
export { createBuiltinRegistry } from './handlers/builtin-registry.js';
export type { BuiltinHandlerDeps } from './handlers/builtin-registry.js';
export { SimulatedBackend } from './handlers/simulated-backend.js';

export type { Clock, RandomSource, RunIdGenerator } from './ports/clock.js';
export type { ProcessRunner, ProcessSpec, ProcessResult } from './ports/process-runner.js';
export type { Interviewer, Question, Answer } from './ports/interviewer.js';
export type { CheckpointStore } from './ports/checkpoint-store.js';
export type { RunStore, FreshStageDirs } from './ports/run-store.js';
export type { RunArchive, RunArchiveReason, PublishedRun } from './ports/run-archive.js';
export { runArchiveKey } from './ports/run-archive.js';
export type { EventSink } from './ports/event-sink.js';
export type { CodergenBackend, CodergenRequest, CodergenResult } from './ports/codergen-backend.js';

export { AutoApproveInterviewer } from './interviewers/auto-approve.js';
export { QueueInterviewer } from './interviewers/queue.js';
export { CallbackInterviewer } from './interviewers/callback.js';
export { RecordingInterviewer } from './interviewers/recording.js';
export { ConsoleInterviewer } from './interviewers/console.js';
export { FailingInterviewer } from './interviewers/failing.js';

export { MemoryCheckpointStore } from './stores/memory-checkpoint-store.js';
export { MemoryRunStore } from './stores/memory-run-store.js';
export { FsCheckpointStore } from './stores/fs-checkpoint-store.js';
export { FsRunStore } from './stores/fs-run-store.js';
export type { FsRunStoreOptions } from './stores/fs-run-store.js';
export { FreshStageSet } from './stores/fresh-stage-set.js';
export { DirectoryRunArchive } from './stores/directory-run-archive.js';
export { NodeProcessRunner } from './adapters/node-process-runner.js';
export {
  createProcessRunner,
  locateProcessServer,
  ProcessServerRunner
} from './adapters/process-server-runner.js';
export type {
  ProcessServerLocation,
  ProcessServerRunnerOptions
} from './adapters/process-server-runner.js';
export { systemClock } from './adapters/system-clock.js';
export { newRunId } from './adapters/run-id.js';

export { startRun } from './runtime/start-run.js';
export type {
  StartRunRequest,
  StartRunResult,
  FinishedRunResult,
  InvalidPipelineResult,
  RefusedRunResult,
  RefusalCode,
  RunPipelineInfo
} from './runtime/start-run.js';
export type { RunDependencies, RunNotice, RunTotals } from './runtime/run-types.js';
export type { RunTarget } from './runtime/locate-run.js';
export { loadPipeline } from './runtime/load-pipeline.js';
export type { LoadedPipeline, LoadPipelineOptions } from './runtime/load-pipeline.js';
export { fsRunStores } from './runtime/run-stores.js';
export type {
  RunStores,
  RunStoresFactory,
  RunLocation,
  ActivityLog
} from './runtime/run-stores.js';
export { resumeCommandLine } from './runtime/resume-command.js';
