/**
 * The CLI composition root: the only place (with src/action) that builds real adapters. `main` takes its
 * I/O as arguments so tests drive it with streams; `runCli` wires it to the process.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { ActivityLogSink } from '../adapters/activity-log-sink.js';
import { createProcessRunner } from '../adapters/process-server-runner.js';
import { newRunId } from '../adapters/run-id.js';
import { systemClock } from '../adapters/system-clock.js';
import type { Checkpoint } from '../ports/checkpoint.js';
import { FAILURE_TAIL_BYTES, runPipeline } from '../engine/run-pipeline.js';
import type { RunResult } from '../engine/run-pipeline.js';
import { errorMessage, isTrackerError, TrackerError } from '../common/errors.js';
import { createBuiltinRegistry } from '../handlers/builtin-registry.js';
import { AutoApproveInterviewer } from '../interviewers/auto-approve.js';
import { ConsoleInterviewer } from '../interviewers/console.js';
import { DEFAULT_DOT_LIMITS, raiseLimitHint } from '../dot/parser.js';
import { preparePipeline } from '../pipeline/prepare-pipeline.js';
import type { PreparedPipeline } from '../pipeline/prepare-pipeline.js';
import type { Interviewer } from '../ports/interviewer.js';
import { FsCheckpointStore } from '../stores/fs-checkpoint-store.js';
import { FreshStageSet } from '../stores/fresh-stage-set.js';
import { FsRunStore } from '../stores/fs-run-store.js';
import { StagePrefetchSink } from '../runtime/stage-prefetch.js';
import { VERSION } from '../version.js';
import { HandlerTypes } from '../graph/shapes.js';
import type { CliSettings } from './args.js';
import { parseArgs } from './args.js';
import { FileChildRunner } from './child-runner.js';
import { helpText } from './help.js';
import { ConsoleSink, FanOutSink, NdjsonSink } from './render-console.js';
import { renderValidation } from './render-validate.js';
import { simulatePipeline } from './simulate.js';

export const ExitCodes = { Success: 0, Failed: 1, Usage: 2, Stopped: 3 } as const;

export interface CliIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Wires SIGINT/SIGTERM; tests pass their own AbortSignal instead. */
  readonly signal?: AbortSignal;
}

interface LoadedPipeline {
  readonly file: string;
  readonly source: string;
  readonly sha256: string;
}

async function loadPipelineFile(path: string, cwd: string): Promise<LoadedPipeline> {
  const file = isAbsolute(path) ? path : resolve(cwd, path);
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : errorMessage(error);
    throw new TrackerError('USAGE', `Cannot read pipeline '${path}': ${why}.`, { cause: error });
  }
  return { file, source, sha256: createHash('sha256').update(source).digest('hex') };
}

function displayPath(file: string, cwd: string): string {
  return file.startsWith(cwd + '/') ? file.slice(cwd.length + 1) : file;
}

/** Quotes a word for a POSIX shell when it needs it (`my dir/p.dot` → `'my dir/p.dot'`). */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command that resumes a run, to paste in the user's cwd: the checkpoint, `-w` when the workdir is not the
 * cwd (so tools run where they ran before, whatever manifest.json says), and the pipeline file.
 */
export function resumeCommandLine(
  checkpointPath: string,
  workdir: string,
  pipelineFile: string,
  cwd: string
): string {
  const words = ['tracker', '-c', displayPath(checkpointPath, cwd)];
  if (resolve(workdir) !== resolve(cwd)) words.push('-w', displayPath(workdir, cwd));
  words.push(displayPath(pipelineFile, cwd));
  return words.map(shellQuote).join(' ');
}

/** The absolute workdir a run recorded in its manifest.json, when it did. */
async function recordedWorkdir(runDir: string): Promise<string | undefined> {
  const text = await readFile(join(runDir, 'manifest.json'), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const manifest = JSON.parse(text) as { workdir?: unknown };
    return typeof manifest.workdir === 'string' && isAbsolute(manifest.workdir)
      ? manifest.workdir
      : undefined;
  } catch {
    return undefined;
  }
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const out = (text: string): void => void io.stdout.write(text);
  const err = (text: string): void => void io.stderr.write(text);
  let settings: CliSettings;
  try {
    settings = parseArgs(argv);
  } catch (error) {
    err(`tracker: ${errorMessage(error)}\n`);
    return ExitCodes.Usage;
  }
  try {
    switch (settings.command) {
      case 'help':
        out(helpText() + '\n');
        return ExitCodes.Success;
      case 'version':
        out(`tracker ${VERSION}\n`);
        return ExitCodes.Success;
      case 'validate':
        return await validateCommand(settings, io, out);
      case 'simulate':
        return await simulateCommand(settings, io, out, err);
      case 'run':
        return await runCommand(settings, io, out, err);
    }
  } catch (error) {
    if (isTrackerError(error) && error.code === 'USAGE') {
      err(`tracker: ${error.message}\n`);
      return ExitCodes.Usage;
    }
    if (
      isTrackerError(error) &&
      (error.code === 'CHECKPOINT_INVALID' || error.code === 'CHECKPOINT_MISMATCH')
    ) {
      err(`tracker: ${error.message}\n`);
      return ExitCodes.Usage;
    }
    err(
      `tracker: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
    );
    return ExitCodes.Failed;
  }
}

async function prepare(settings: CliSettings, io: CliIo) {
  const path = settings.pipeline ?? '';
  const absolute = isAbsolute(path) ? path : resolve(io.cwd, path);
  // Refuse an oversized file before reading it into memory (the parser would reject it anyway).
  const oversized = oversizedPipeline(
    absolute,
    displayPath(absolute, io.cwd),
    settings.limits.maxBytes ?? DEFAULT_DOT_LIMITS.maxBytes
  );
  if (oversized !== undefined) {
    return { loaded: { file: absolute, source: '', sha256: '' }, prepared: oversized };
  }
  const loaded = await loadPipelineFile(path, io.cwd);
  const prepared = preparePipeline(loaded.source, {
    file: displayPath(loaded.file, io.cwd),
    limits: settings.limits
  });
  return { loaded, prepared };
}

/** A `dot_limit` result when the file is larger than `maxBytes` (by fs.stat), else undefined. */
function oversizedPipeline(
  file: string,
  shown: string,
  maxBytes: number
): PreparedPipeline | undefined {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return undefined;
    size = stat.size;
  } catch {
    return undefined; // loadPipelineFile reports unreadable files
  }
  if (size <= maxBytes) return undefined;
  return {
    ok: false,
    file: shown,
    diagnostics: [
      {
        rule: 'dot_limit',
        severity: 'error',
        message: `input is ${size} bytes, over the limit of ${maxBytes} bytes; the file was not read`,
        file: shown,
        line: 1,
        column: 1,
        fix: raiseLimitHint('maxBytes', maxBytes, size)
      }
    ]
  };
}

async function validateCommand(
  settings: CliSettings,
  io: CliIo,
  out: (t: string) => void
): Promise<number> {
  const { prepared } = await prepare(settings, io);
  out(renderValidation(prepared, { json: settings.json }));
  return prepared.ok ? ExitCodes.Success : ExitCodes.Failed;
}

async function simulateCommand(
  settings: CliSettings,
  io: CliIo,
  out: (t: string) => void,
  err: (t: string) => void
): Promise<number> {
  const { prepared } = await prepare(settings, io);
  if (!prepared.ok || !prepared.graph) {
    err(renderValidation(prepared, { json: false }));
    return ExitCodes.Failed;
  }
  const result = await simulatePipeline(prepared.graph, { write: out, json: settings.json });
  // A walk cut off in a loop is a finding of the simulation, not a failure of the pipeline.
  if (result.bounded !== undefined) return ExitCodes.Success;
  return result.run.status === 'success' ? ExitCodes.Success : ExitCodes.Failed;
}

/** Finds the run directory for `--resume ID|DIR`: a directory, or a run ID (prefix) under .tracker/runs. */
function resolveResumeDir(value: string, runsRoot: string, cwd: string): string {
  const asPath = resolve(cwd, value);
  if (existsSync(join(asPath, 'checkpoint.json'))) return asPath;
  if (existsSync(runsRoot)) {
    const matches = readdirSync(runsRoot).filter(
      (name) => name.startsWith(value) && statSync(join(runsRoot, name)).isDirectory()
    );
    if (matches.length === 1 && matches[0] !== undefined) return join(runsRoot, matches[0]);
    if (matches.length > 1)
      throw new TrackerError(
        'USAGE',
        `Run ID prefix '${value}' matches ${matches.length} runs (${matches.join(', ')}); give more characters.`
      );
  }
  throw new TrackerError(
    'USAGE',
    `No run '${value}': neither a run directory with checkpoint.json nor a run ID under ${runsRoot}. ` +
      'Pass the run directory, or -w with the workdir the run used.'
  );
}

async function runCommand(
  settings: CliSettings,
  io: CliIo,
  out: (t: string) => void,
  err: (t: string) => void
): Promise<number> {
  const { loaded, prepared } = await prepare(settings, io);
  const shownFile = displayPath(loaded.file, io.cwd);
  if (!prepared.ok || !prepared.graph) {
    err(renderValidation(prepared, { json: false }));
    return ExitCodes.Failed;
  }
  const graph = prepared.graph;
  // -r ID looks under -w's .tracker/runs (or the cwd's); a resumed run then keeps the workdir it recorded.
  let workdir = resolve(io.cwd, settings.workdir ?? '.');
  const runsRoot = join(workdir, '.tracker', 'runs');

  let resumeFrom: Checkpoint | undefined;
  let runDir: string;
  let checkpointStore: FsCheckpointStore;
  if (settings.checkpoint !== undefined || settings.resume !== undefined) {
    const checkpointPath =
      settings.checkpoint !== undefined
        ? resolve(io.cwd, settings.checkpoint)
        : join(resolveResumeDir(settings.resume ?? '', runsRoot, io.cwd), 'checkpoint.json');
    checkpointStore = new FsCheckpointStore(checkpointPath);
    resumeFrom = await checkpointStore.load();
    if (!resumeFrom) throw new TrackerError('USAGE', `No checkpoint at ${checkpointPath}.`);
    if (resumeFrom.pipeline.sha256 !== loaded.sha256 && !settings.force) {
      throw new TrackerError(
        'CHECKPOINT_MISMATCH',
        `${shownFile} changed since run ${resumeFrom.run_id} started (sha256 ${resumeFrom.pipeline.sha256.slice(0, 12)}… → ${loaded.sha256.slice(0, 12)}…). ` +
          'Resuming a changed pipeline can skip or repeat work. Restore the original file, or pass --force to resume anyway.'
      );
    }
    runDir = settings.logs !== undefined ? resolve(io.cwd, settings.logs) : dirname(checkpointPath);
    const recorded = await recordedWorkdir(dirname(checkpointPath));
    if (recorded !== undefined && settings.workdir === undefined) {
      if (!existsSync(recorded))
        throw new TrackerError(
          'USAGE',
          `Run ${resumeFrom.run_id} ran in ${recorded} (manifest.json), which no longer exists. Pass -w DIR to resume it in another directory.`
        );
      workdir = recorded;
    } else if (recorded !== undefined && resolve(recorded) !== workdir) {
      err(
        `tracker: warning: run ${resumeFrom.run_id} ran in ${recorded}; -w makes its tools run in ${workdir} instead.\n`
      );
    }
  } else {
    const runId = settings.runId ?? newRunId();
    runDir = settings.logs !== undefined ? resolve(io.cwd, settings.logs) : join(runsRoot, runId);
    checkpointStore = new FsCheckpointStore(join(runDir, 'checkpoint.json'));
    if (existsSync(join(runDir, 'checkpoint.json'))) {
      throw new TrackerError(
        'USAGE',
        `${runDir} already holds a run. Resume it with ${resumeCommandLine(join(runDir, 'checkpoint.json'), workdir, loaded.file, io.cwd)} or choose another --run-id/--logs.`
      );
    }
  }
  const runId = resumeFrom?.run_id ?? settings.runId ?? basename(runDir);

  const controller = new AbortController();
  const onSignal = (): void => controller.abort(new Error('signal'));
  let signal: AbortSignal = controller.signal;
  if (io.signal) signal = AbortSignal.any([io.signal, controller.signal]);
  else {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }

  const activity = new ActivityLogSink(runDir);
  const human = settings.json ? err : out;
  const sinks = [
    activity,
    settings.json ? new NdjsonSink(out) : new ConsoleSink(out, { quiet: settings.quiet }, err)
  ];
  const interviewer: Interviewer = settings.autoApprove
    ? new AutoApproveInterviewer()
    : new ConsoleInterviewer({
        input: io.stdin,
        output: settings.json ? io.stderr : io.stdout,
        clock: systemClock
      });
  const processRunner = createProcessRunner({
    inProcess: io.env['TRACKER_PROCESS_HELPER'] === '0',
    onFallback: (reason) =>
      err(`tracker: warning: ${reason}; running commands in-process instead.\n`)
  });
  // FsRunStore's I/O capabilities (decision 0006): one set of fresh stage directories for the run's
  // stores, given to the tool handler; stages prepared ahead, in the store in use, as stages start.
  const freshStages = new FreshStageSet();
  let runStore = new FsRunStore(runDir, { freshStages });
  const registry = createBuiltinRegistry({
    processRunner,
    interviewer,
    workdir,
    env: io.env,
    clock: systemClock,
    freshStages,
    childRunner: new FileChildRunner({
      baseDir: dirname(loaded.file),
      runDir,
      processRunner,
      env: io.env,
      workdir,
      interviewer,
      events: new FanOutSink(sinks),
      ...(resumeFrom ? { resumeFrom } : {}),
      force: settings.force
    })
  });

  const llmStages = [...graph.nodes.values()].filter(
    (n) => registry.resolveType(n) === HandlerTypes.Codergen
  ).length;
  if (llmStages > 0 && !settings.quiet) {
    human(
      `note: ${llmStages} LLM stage(s) answer with the simulated backend${settings.simulate ? ' (--simulate)' : ' — this version has no LLM provider yet'}\n`
    );
  }

  let result: RunResult;
  try {
    result = await runPipeline(graph, {
      registry,
      clock: systemClock,
      random: Math.random,
      runId,
      runStore,
      checkpointStore,
      events: new FanOutSink([
        ...sinks,
        new StagePrefetchSink(graph, registry, (id, files) => runStore.prepareStage(id, files))
      ]),
      pipeline: { name: graph.name, file: shownFile, sha256: loaded.sha256 },
      signal,
      ...(resumeFrom ? { resumeFrom } : {}),
      initialContext: Object.fromEntries(settings.vars),
      workdir,
      restartRunStore: (n) => {
        const dir = join(runDir, `restart-${n}`);
        activity.moveTo(dir);
        runStore = new FsRunStore(dir, { freshStages });
        return runStore;
      },
      trackerVersion: VERSION
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await Promise.all([
      activity
        .close()
        .catch((error: unknown) =>
          err(
            `tracker: warning: could not write ${join(runDir, 'activity.jsonl')}: ${errorMessage(error)}\n`
          )
        ),
      processRunner.close()
    ]);
  }

  const resumeCommand = resumeCommandLine(checkpointStore.path, workdir, loaded.file, io.cwd);
  if (result.status === 'success') {
    if (!settings.quiet) human(`  run dir: ${displayPath(runDir, io.cwd)}\n`);
    return ExitCodes.Success;
  }
  if (result.status === 'stopped') {
    err(`  Checkpoint saved. Resume with:\n    ${resumeCommand}\n`);
    return ExitCodes.Stopped;
  }
  if (result.failedNode) err(await failureDetail(new FsRunStore(runDir), result.failedNode));
  err(
    `  Checkpoint saved; after fixing the cause, resume (${result.resumeHint ?? `re-runs '${result.failedNode ?? 'the failed node'}'`}) with:\n    ${resumeCommand}\n`
  );
  return ExitCodes.Failed;
}

const TAIL_LINES = 10;

async function failureDetail(store: FsRunStore, nodeId: string): Promise<string> {
  const parts: string[] = [];
  for (const name of ['stderr.log', 'stdout.log']) {
    const text = await store
      .readStageFileTail(nodeId, name, FAILURE_TAIL_BYTES)
      .catch(() => undefined);
    if (!text || text.trim() === '') continue;
    const lines = text.trimEnd().split('\n').slice(-TAIL_LINES);
    parts.push(
      `  last lines of ${nodeId}/${name}:\n${lines.map((l) => `    │ ${l}`).join('\n')}\n`
    );
  }
  return parts.join('');
}

/** The process wiring: argv, stdio, env, cwd. */
export async function runCli(): Promise<number> {
  return main(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd()
  });
}
