/**
 * Where a run lives and what it resumes: a new run directory (`--run-id`, `--logs`), or an existing
 * run found by its checkpoint (`-c FILE`) or by its ID or directory (`-r ID|DIR`). Every refusal is a
 * TrackerError with code `USAGE`, `CHECKPOINT_INVALID` or `CHECKPOINT_MISMATCH`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { isTrackerError, TrackerError } from '../common/errors.js';
import { parseCheckpoint } from '../engine/checkpoint.js';
import type { Checkpoint } from '../ports/checkpoint.js';
import type { RunIdGenerator } from '../ports/clock.js';
import type { LoadedPipeline } from './load-pipeline.js';
import { resumeCommandLine } from './resume-command.js';
import type { RunLocation, RunStores, RunStoresFactory } from './run-stores.js';
import type { RunNotice } from './run-types.js';

/** Which run to start or continue. */
export type RunTarget =
  /** A new run; `runId` instead of a generated one. */
  | { readonly kind: 'new'; readonly runId?: string }
  /** Resume the run whose checkpoint.json this is (`-c`). */
  | { readonly kind: 'checkpoint'; readonly path: string }
  /** Resume a run by its ID (a unique prefix will do) under `<workdir>/.tracker/runs`, or its directory (`-r`). */
  | { readonly kind: 'run'; readonly run: string }
  /**
   * Resume the newest run of this pipeline the run archive holds when it has not succeeded, else start a
   * new run (the Action's `resume: auto`). Without an archive: a new run.
   */
  | { readonly kind: 'latest' };

export interface LocateOptions {
  /** Relative paths are resolved against it. */
  readonly cwd: string;
  /** `-w`: where tools run and `.tracker/runs` is; on resume the run's recorded workdir wins when absent. */
  readonly workdir?: string;
  /** `--logs`: the run directory, instead of `.tracker/runs/<run id>` (or the checkpoint's directory). */
  readonly runDir?: string;
  readonly force: boolean;
  readonly stores: RunStoresFactory;
  readonly newRunId: RunIdGenerator;
  readonly onNotice?: (notice: RunNotice) => void;
}

export interface LocatedRun {
  readonly runId: string;
  readonly location: RunLocation;
  readonly stores: RunStores;
  readonly resumeFrom?: Checkpoint;
  /** The absolute workdir the run uses. */
  readonly workdir: string;
}

/** Resolved targets: a `latest` target has become one of these before locating. */
export type LocatableTarget = Exclude<RunTarget, { kind: 'latest' }>;

export async function locateRun(
  target: LocatableTarget,
  pipeline: LoadedPipeline,
  options: LocateOptions
): Promise<LocatedRun> {
  const { cwd } = options;
  // -r ID looks under -w's .tracker/runs (or the cwd's); a resumed run then keeps the workdir it recorded.
  const workdir = resolve(cwd, options.workdir ?? '.');
  const runsRoot = join(workdir, '.tracker', 'runs');
  if (target.kind === 'new') {
    const runId = target.runId ?? options.newRunId();
    const runDir =
      options.runDir !== undefined ? resolve(cwd, options.runDir) : join(runsRoot, runId);
    const location = { runDir, checkpointPath: join(runDir, 'checkpoint.json') };
    if (existsSync(location.checkpointPath)) {
      throw new TrackerError(
        'USAGE',
        `${runDir} already holds a run. Resume it with ${resumeCommandLine(location.checkpointPath, workdir, pipeline.path, cwd)} or choose another --run-id/--logs.`
      );
    }
    return {
      runId: target.runId ?? basename(runDir),
      location,
      stores: options.stores(location),
      workdir
    };
  }
  const checkpointPath =
    target.kind === 'checkpoint'
      ? resolve(cwd, target.path)
      : join(resolveResumeDir(target.run, runsRoot, cwd), 'checkpoint.json');
  const runDir =
    options.runDir !== undefined ? resolve(cwd, options.runDir) : dirname(checkpointPath);
  const location = { runDir, checkpointPath };
  const stores = options.stores(location);
  let resumeFrom: Checkpoint | undefined;
  try {
    resumeFrom = await stores.checkpointStore.load();
  } catch (error) {
    throw withSlotAdvice(error, checkpointPath, cwd);
  }
  if (!resumeFrom) throw new TrackerError('USAGE', `No checkpoint at ${checkpointPath}.`);
  if (resumeFrom.pipeline.sha256 !== pipeline.sha256 && !options.force) {
    throw new TrackerError(
      'CHECKPOINT_MISMATCH',
      `${pipeline.file} changed since run ${resumeFrom.run_id} started (sha256 ${resumeFrom.pipeline.sha256.slice(0, 12)}… → ${pipeline.sha256.slice(0, 12)}…). ` +
        'Resuming a changed pipeline can skip or repeat work. Restore the original file, or pass --force to resume anyway.'
    );
  }
  // Even --force cannot resume at a node the graph does not have.
  await checkRunId(resumeFrom, [...new Set([dirname(checkpointPath), runDir])], checkpointPath);
  checkNodes(resumeFrom, pipeline, checkpointPath);
  const recorded = await recordedWorkdir(dirname(checkpointPath));
  let runWorkdir = workdir;
  if (recorded !== undefined && options.workdir === undefined) {
    if (!existsSync(recorded))
      throw new TrackerError(
        'USAGE',
        `Run ${resumeFrom.run_id} ran in ${recorded} (manifest.json), which no longer exists. Pass -w DIR to resume it in another directory.`
      );
    runWorkdir = recorded;
  } else if (recorded !== undefined && resolve(recorded) !== workdir) {
    options.onNotice?.({
      type: 'workdir_overridden',
      runId: resumeFrom.run_id,
      recorded,
      workdir
    });
  }
  return { runId: resumeFrom.run_id, location, stores, resumeFrom, workdir: runWorkdir };
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

/**
 * A corrupt checkpoint's refusal, told where the good copies are: the newest slot in
 * `.checkpoint-slots/` (left by a run that did not end, decision 0006) that parses, and how to use it.
 */
function withSlotAdvice(error: unknown, checkpointPath: string, cwd: string): unknown {
  if (!isTrackerError(error) || error.code !== 'CHECKPOINT_INVALID') return error;
  const slotDir = join(dirname(checkpointPath), '.checkpoint-slots');
  let names: string[];
  try {
    names = readdirSync(slotDir);
  } catch {
    return error;
  }
  const slots = names
    .map((name) => join(slotDir, name))
    .flatMap((path) => {
      try {
        const stat = statSync(path);
        return stat.isFile() ? [{ path, mtimeMs: stat.mtimeMs }] : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => b.mtimeMs - a.mtimeMs);
  const good = slots.find(({ path }) => {
    try {
      parseCheckpoint(readFileSync(path, 'utf8'));
      return true;
    } catch {
      return false;
    }
  });
  const base = error.message.replace(
    / ?(It may be from another tool or damaged; )?[Ss]tart a new run or restore a good copy\.$/,
    ''
  );
  const shown = (path: string): string => displayFrom(cwd, path);
  const advice =
    good === undefined
      ? ` None of the ${slots.length} earlier checkpoint(s) in ${shown(slotDir)}/ is valid either: start a new run.`
      : ` The newest valid earlier checkpoint is ${shown(good.path)}; to resume from it (the stages after it run again): cp ${shown(good.path)} ${shown(checkpointPath)}`;
  return new TrackerError('CHECKPOINT_INVALID', base + advice, { cause: error });
}

function displayFrom(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/**
 * The checkpoint belongs to its directory: its `run_id` is the directory's name, or the run the
 * directory's manifest.json records (`--logs DIR`, a copied run directory).
 */
async function checkRunId(
  checkpoint: Checkpoint,
  dirs: readonly string[],
  checkpointPath: string
): Promise<void> {
  let recorded: string | undefined;
  for (const dir of dirs) {
    if (checkpoint.run_id === basename(dir)) return;
    const own = await recordedRunId(dir);
    if (own === checkpoint.run_id) return;
    recorded ??= own;
  }
  const dir = dirs[0] ?? dirname(checkpointPath);
  throw new TrackerError(
    'CHECKPOINT_MISMATCH',
    `${checkpointPath} is run ${checkpoint.run_id}'s checkpoint, but it is in ${dir}` +
      (recorded === undefined ? '' : `, whose manifest.json records run ${recorded}`) +
      '. It was copied or moved from another run; resuming it would mix two runs. ' +
      `Resume run ${checkpoint.run_id} from its own directory, or start a new run.`
  );
}

/** Every node the checkpoint names as where to go on must be in the graph. */
function checkNodes(
  checkpoint: Checkpoint,
  pipeline: LoadedPipeline,
  checkpointPath: string
): void {
  const graph = pipeline.prepared.graph;
  if (graph === undefined) return;
  const missing: string[] = [];
  if (checkpoint.next_node !== undefined && !graph.nodes.has(checkpoint.next_node))
    missing.push(`next_node '${checkpoint.next_node}'`);
  if (checkpoint.current_node !== '' && !graph.nodes.has(checkpoint.current_node))
    missing.push(`current_node '${checkpoint.current_node}'`);
  if (missing.length === 0) return;
  throw new TrackerError(
    'CHECKPOINT_MISMATCH',
    `${checkpointPath} does not match ${pipeline.file}: its ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not a node of the pipeline` +
      ` (run ${checkpoint.run_id} ran ${checkpoint.pipeline.file}, sha256 ${checkpoint.pipeline.sha256.slice(0, 12)}…). ` +
      'Resume it with the pipeline file it ran, or start a new run.'
  );
}

/** The run ID a run directory's manifest.json records, when it does. */
async function recordedRunId(runDir: string): Promise<string | undefined> {
  const text = await readFile(join(runDir, 'manifest.json'), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const manifest = JSON.parse(text) as { run_id?: unknown };
    return typeof manifest.run_id === 'string' ? manifest.run_id : undefined;
  } catch {
    return undefined;
  }
}
