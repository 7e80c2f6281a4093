/**
 * Engine benchmarks, each a ratio against a baseline measured in the same run:
 *  (a) a 1000-node chain of `true` tool nodes (real processes, real checkpoints) vs a bare Node loop that
 *      spawns `sh -c true` 1000 times — target ≤ 1.5×; in-process here (the environment reduced to PATH),
 *      and then through the built CLI, `node dist/cli.js p.dot --no-tui` as a child process in the real
 *      environment against the bare loop as a child process (bench/cli.ts, the headline row);
 *  (b) the cost of a node transition (record the outcome, pick the edge, serialize and write the
 *      checkpoint) at step 10 000 vs step 100 of a long loop — target ≤ 2×;
 *  (c) 64 branches of `sleep 0.2` with max_parallel=16 vs the ideal 0.8 s — target ≤ 1.3×;
 *  (d) a tool printing 1 GB — peak RSS of this process and of the process helper, target < 200 MB.
 * (a) and (c) take the median of ROUNDS interleaved runs. Tool commands start in the process helper, as
 * in the CLI (decision 0007); (a) also reports one run with commands started in-process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeProcessRunner } from '../src/adapters/node-process-runner.js';
import {
  createProcessRunner,
  locateProcessServer,
  ProcessServerRunner
} from '../src/adapters/process-server-runner.js';
import type { ProcessRunner } from '../src/ports/process-runner.js';
import { systemClock } from '../src/adapters/system-clock.js';
import type { CheckpointStore } from '../src/ports/checkpoint-store.js';
import type { PipelineEvent } from '../src/ports/events.js';
import { runPipeline } from '../src/engine/run-pipeline.js';
import { createBuiltinRegistry } from '../src/handlers/builtin-registry.js';
import { AutoApproveInterviewer } from '../src/interviewers/auto-approve.js';
import { preparePipeline } from '../src/pipeline/prepare-pipeline.js';
import type { Graph } from '../src/graph/graph.js';
import { fsRunStores } from '../src/runtime/run-stores.js';
import { StagePrefetchSink } from '../src/runtime/stage-prefetch.js';
import { chainRow, cliChain, removeTempDirs as removeCliTempDirs } from './cli.js';

/**
 * What the CLI uses: commands start in the process helper (decision 0007), here the bundled one users
 * run (dist/ is kept in sync with src/ by a test); from source when there is no bundle.
 */
const bundledHelper = locateProcessServer(new URL('../dist/cli.js', import.meta.url).href);
const processRunner = bundledHelper
  ? new ProcessServerRunner({ location: bundledHelper })
  : createProcessRunner();
const inProcessRunner = new NodeProcessRunner();

function graphOf(text: string): Graph {
  const prepared = preparePipeline(text, { file: 'bench.dot', limits: { maxBytes: 64 * 2 ** 20 } });
  if (!prepared.ok || !prepared.graph)
    throw new Error(JSON.stringify(prepared.diagnostics.slice(0, 3)));
  return prepared.graph;
}

async function runGraph(
  graph: Graph,
  dir: string,
  options: {
    checkpointStore?: CheckpointStore;
    handlers?: Parameters<ReturnType<typeof createBuiltinRegistry>['register']>[];
    onEvent?: (event: PipelineEvent) => void;
    processRunner?: ProcessRunner;
  } = {}
): Promise<number> {
  // The run directory as the CLI and the Action wire it (src/runtime/run-stores.ts): the fs store's
  // fresh stage directories reach the tool handler, and stages are prepared ahead from the events.
  const runDir = join(dir, 'run');
  const stores = fsRunStores({ runDir, checkpointPath: join(runDir, 'checkpoint.json') });
  const registry = createBuiltinRegistry({
    processRunner: options.processRunner ?? processRunner,
    interviewer: new AutoApproveInterviewer(),
    workdir: dir,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
    clock: systemClock,
    ...(stores.freshStages ? { freshStages: stores.freshStages } : {})
  });
  for (const [type, handler] of options.handlers ?? []) registry.register(type, handler);
  const activity = stores.openActivityLog!();
  const prefetch = new StagePrefetchSink(graph, registry, stores.prepareStage!);
  const t0 = performance.now();
  const result = await runPipeline(graph, {
    registry,
    clock: systemClock,
    random: Math.random,
    runId: 'bench',
    runStore: stores.runStore,
    checkpointStore: options.checkpointStore ?? stores.checkpointStore,
    events: {
      emit: (event: PipelineEvent) => {
        options.onEvent?.(event);
        activity.emit(event);
        prefetch.emit(event);
      }
    },
    pipeline: { name: graph.name, file: 'bench.dot', sha256: '' }
  });
  const ms = performance.now() - t0;
  await activity.close();
  if (result.status !== 'success') throw new Error(`bench run failed: ${result.failureReason}`);
  return ms;
}

/**
 * Run directories are removed when the benchmarks are over, not in between: on ext4 without a journal
 * (this CI machine) every file created during the next minutes would otherwise first skip the inodes
 * just freed, and the next benchmark would measure the previous one's clean-up.
 */
const tempDirs: string[] = [];

async function withTemp<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'tracker-bench-'));
  tempDirs.push(dir);
  return fn(dir);
}

async function removeTempDirs(): Promise<void> {
  for (const dir of tempDirs.splice(0)) await rm(dir, { recursive: true, force: true });
}

function chain(n: number, command: string): string {
  const nodes = Array.from(
    { length: n },
    (_, i) => `n${i} [shape=parallelogram, tool_command="${command}"]`
  );
  return `digraph chain { start [shape=Mdiamond]; done [shape=Msquare]; ${nodes.join('; ')}; start -> ${Array.from({ length: n }, (_, i) => `n${i}`).join(' -> ')} -> done }`;
}

async function bareSpawnLoop(n: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    await new Promise<void>((resolve, reject) => {
      const child = spawn('sh', ['-c', 'true'], { stdio: 'ignore' });
      child.on('error', reject);
      child.on('exit', () => resolve());
    });
  }
  return performance.now() - t0;
}

/** Timed runs per side in (a) and (c), interleaved; the medians are compared (this VM is noisy). */
const ROUNDS = 3;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const runsText = (values: readonly number[]): string => values.map((v) => v.toFixed(0)).join(', ');

async function benchChain(): Promise<void> {
  const n = 1000;
  const graph = graphOf(chain(n, 'true'));
  // Warm both sides up (JIT, page cache, the process helper) before timing either.
  await bareSpawnLoop(50);
  await withTemp((dir) => runGraph(graphOf(chain(50, 'true')), dir));
  await withTemp((dir) =>
    runGraph(graphOf(chain(50, 'true')), dir, { processRunner: inProcessRunner })
  );
  const floors: number[] = [];
  const engines: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    floors.push(await bareSpawnLoop(n));
    engines.push(await withTemp((dir) => runGraph(graph, dir)));
  }
  const inProcess = await withTemp((dir) =>
    runGraph(graph, dir, { processRunner: inProcessRunner })
  );
  const floor = median(floors);
  const engine = median(engines);
  console.log(
    `(a) ${n}-node chain of \`true\`, in-process: engine ${engine.toFixed(0)} ms (runs: ${runsText(engines)}) vs bare spawn loop ${floor.toFixed(0)} ms (${runsText(floors)}) → ${(engine / floor).toFixed(2)}× (target ≤ 1.5×); one run with commands started in-process instead of by the helper: ${inProcess.toFixed(0)} ms → ${(inProcess / floor).toFixed(2)}×`
  );
  if (existsSync(fileURLToPath(new URL('../dist/cli.js', import.meta.url)))) {
    const [bare, cli] = await cliChain(n, ROUNDS);
    if (bare && cli) console.log(chainRow('(a) through the CLI:', n, cli, bare));
    await removeCliTempDirs();
  }
}

async function benchCheckpointGrowth(): Promise<void> {
  const steps = 10_000;
  const graph = graphOf(`digraph loop { start [shape=Mdiamond]; done [shape=Msquare]
    work [shape=box, prompt="w"]
    start -> work
    work -> work [condition="context.i!=${steps}"]
    work -> done [condition="context.i=${steps}"] }`);
  let i = 0;
  const counter = {
    execute: () =>
      Promise.resolve({ status: 'success' as const, contextUpdates: { i: ++i, note: 'step' } })
  };
  // One sample per step: from the stage's completion to its checkpoint being saved, i.e. recording the
  // outcome, choosing the edge, serializing the checkpoint and writing it.
  const samples = new Map<number, number>();
  let completedAt = 0;
  let step = 0;
  const onEvent = (event: PipelineEvent): void => {
    if (event.type === 'stage.completed' && event.nodeId === 'work')
      completedAt = performance.now();
    else if (event.type === 'checkpoint.saved' && event.nodeId === 'work') {
      samples.set(++step, performance.now() - completedAt);
    }
  };
  await withTemp((dir) => runGraph(graph, dir, { handlers: [['codergen', counter]], onEvent }));
  const mean = (from: number, to: number): number => {
    let sum = 0;
    let count = 0;
    for (let s = from; s < to; s++) {
      const v = samples.get(s);
      if (v !== undefined) {
        sum += v;
        count++;
      }
    }
    return sum / Math.max(1, count);
  };
  const early = mean(50, 150);
  const late = mean(steps - 50, steps + 50);
  console.log(
    `(b) node transition (record + serialize + write checkpoint) at step ~10000 vs ~100: ${late.toFixed(3)} ms vs ${early.toFixed(3)} ms → ${(late / early).toFixed(2)}× (target ≤ 2×)`
  );
}

async function benchParallel(): Promise<void> {
  const branches = Array.from({ length: 64 }, (_, i) => `b${i}`);
  const graph = graphOf(`digraph fan { start [shape=Mdiamond]; done [shape=Msquare]
    fork [shape=component, max_parallel=16]; join [shape=tripleoctagon]
    ${branches.map((b) => `${b} [shape=parallelogram, tool_command="sleep 0.2"]`).join('; ')}
    start -> fork; ${branches.map((b) => `fork -> ${b}; ${b} -> join`).join('; ')}; join -> done }`);
  const runs: number[] = [];
  for (let round = 0; round < ROUNDS; round++)
    runs.push(await withTemp((dir) => runGraph(graph, dir)));
  const ms = median(runs);
  console.log(
    `(c) 64 × sleep 0.2 with max_parallel=16: ${ms.toFixed(0)} ms (runs: ${runsText(runs)}) vs ideal 800 ms → ${(ms / 800).toFixed(2)}× (target ≤ 1.3×)`
  );
}

/** VmHWM (peak resident set) of a live process, in MB. */
function peakResidentMb(pid: number): number {
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb ?? 0) / 1024;
}

/** Runs in a fresh process (see `run`), so its peak RSS is the engine's own plus what the tool causes. */
async function benchBigOutput(): Promise<void> {
  const graph = graphOf(
    `digraph big { start [shape=Mdiamond]; done [shape=Msquare]; loud [shape=parallelogram, tool_command="head -c 1073741824 /dev/zero"]; start -> loud -> done }`
  );
  const before = process.resourceUsage().maxRSS / 1024;
  const ms = await withTemp((dir) => runGraph(graph, dir));
  const peak = process.resourceUsage().maxRSS / 1024;
  // The output streams pass through the process helper: its peak counts as much as tracker's.
  const helperPid =
    processRunner instanceof ProcessServerRunner ? processRunner.helperPid : undefined;
  const helperPeak = helperPid === undefined ? 0 : peakResidentMb(helperPid);
  console.log(
    `(d) tool printing 1 GB: peak RSS ${Math.max(peak, helperPeak).toFixed(0)} MB (tracker ${peak.toFixed(0)} MB, ${before.toFixed(0)} MB before the run; process helper ${helperPeak.toFixed(0)} MB; ${(ms / 1000).toFixed(1)} s) (target < 200 MB)`
  );
}

export async function run(): Promise<void> {
  console.log('\n## engine (bench/engine.ts)');
  await benchChain();
  await benchCheckpointGrowth();
  await benchParallel();
  await processRunner.close();
  await removeTempDirs();
  spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--only-big-output'],
    {
      stdio: 'inherit'
    }
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--only-big-output')) {
    await benchBigOutput();
    await processRunner.close();
    await removeTempDirs();
  } else await run();
}
