/**
 * The headline benchmarks: the built CLI (`node dist/cli.js …`) as a user runs it — a child process, in
 * this process's real environment (not reduced) — each a ratio against a baseline measured in the same
 * run, interleaved with it, median of ROUNDS. Wall time and CPU time (user + system of the child and
 * everything it waited for: the process helper, the commands) are both reported: this machine is shared,
 * and CPU time is what another process on it does not change.
 *
 *  (A) 1000 chained `true` tool nodes, `tracker p.dot --no-tui`, vs a bare Node loop that spawns
 *      `sh -c true` 1000 times (also a child process) — target ≤ 1.5×;
 *  (B) a cold run of a one-tool pipeline vs `node -e ""` — target ≤ 2×;
 *  (C) 64 branches of `sleep 0.2`, max_parallel=16, vs the ideal 0.8 s (and vs `node -e ""` + 0.8 s)
 *      — target ≤ 1.3× the ideal;
 *  (D) `tracker validate` (text and --json) of 10 000 nodes / 20 000 edges with 10 000 loops, beyond
 *      `node -e ""` — target < 1 s.
 *
 * `npx tsx bench/cli.ts` runs these alone; `npm run bench` runs them first. With
 * `TRACKER_BENCH_BASELINE_CLI=/path/to/other/dist/cli.js`, every row also times that build, interleaved
 * in the same run (before/after figures for a change).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateLoopingPipeline } from './generate.js';

export const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
/** Another build to time alongside (see above), or undefined. */
const BASELINE_CLI = process.env['TRACKER_BENCH_BASELINE_CLI'];
/** The builds timed: this one, then the baseline build. */
const BUILDS: readonly { readonly label: string; readonly cli: string }[] = [
  { label: 'this build', cli: CLI },
  ...(BASELINE_CLI ? [{ label: 'baseline build', cli: BASELINE_CLI }] : [])
];

/** Interleaved timed runs per side; the medians are compared. */
const ROUNDS = 5;

/** User + system CPU time of this process's waited-for children so far, in ms (from /proc). */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
  // cutime and cstime, in clock ticks (100 per second on Linux).
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

export interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** Runs `node args` in `cwd` with this process's environment; resolves with its wall and CPU time. */
export function timeNode(args: readonly string[], cwd: string): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const cpu0 = childrenCpuMs();
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallMs = performance.now() - t0;
      // A failed run is a broken benchmark (`validate` exits 1 only for an invalid graph).
      if (code !== 0) reject(new Error(`node ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve({ wallMs, cpuMs: childrenCpuMs() - cpu0 });
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export interface Medians {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly walls: readonly number[];
}

function medians(samples: readonly Sample[]): Medians {
  return {
    wallMs: median(samples.map((s) => s.wallMs)),
    cpuMs: median(samples.map((s) => s.cpuMs)),
    walls: samples.map((s) => s.wallMs)
  };
}

/**
 * Run directories stay until the benchmarks are over: on ext4 without a journal (the CI machine)
 * files created in the next minutes would otherwise first skip the inodes just freed (decision 0006).
 */
const tempDirs: string[] = [];

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tracker-bench-cli-'));
  tempDirs.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  for (const dir of tempDirs.splice(0)) await rm(dir, { recursive: true, force: true });
}

/** Runs each side `rounds` times, interleaved (A B A B …), each run in a fresh directory. */
export async function interleaved(
  sides: readonly (() => Promise<Sample>)[],
  rounds = ROUNDS
): Promise<Medians[]> {
  const samples: Sample[][] = sides.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, side] of sides.entries()) samples[i]?.push(await side());
  }
  return samples.map(medians);
}

export function chainPipeline(n: number, command: string): string {
  const nodes = Array.from(
    { length: n },
    (_, i) => `n${i} [shape=parallelogram, tool_command="${command}"]`
  );
  return `digraph chain { start [shape=Mdiamond]; done [shape=Msquare]; ${nodes.join('; ')}; start -> ${Array.from({ length: n }, (_, i) => `n${i}`).join(' -> ')} -> done }`;
}

const FAN_OUT = (() => {
  const branches = Array.from({ length: 64 }, (_, i) => `b${i}`);
  return `digraph fan { start [shape=Mdiamond]; done [shape=Msquare]
    fork [shape=component, max_parallel=16]; join [shape=tripleoctagon]
    ${branches.map((b) => `${b} [shape=parallelogram, tool_command="sleep 0.2"]`).join('; ')}
    start -> fork; ${branches.map((b) => `fork -> ${b}; ${b} -> join`).join('; ')}; join -> done }`;
})();

/** A Node program spawning `sh -c true` n times, one after the other (the floor for (A)). */
function bareSpawnLoop(n: number): string {
  return `const { spawn } = require('node:child_process');
(async () => { for (let i = 0; i < ${n}; i++) await new Promise((resolve, reject) => {
  const child = spawn('sh', ['-c', 'true'], { stdio: 'ignore' });
  child.on('error', reject); child.on('exit', resolve); }); })();`;
}

/** A directory holding `name` with `text`, for a CLI run to use as its cwd. */
async function withPipeline(name: string, text: string): Promise<string> {
  const dir = await tempDir();
  writeFileSync(join(dir, name), text);
  return dir;
}

const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
const ms = (v: number): string => `${v.toFixed(0)} ms`;
const runs = (m: Medians): string => m.walls.map((v) => v.toFixed(0)).join(', ');

/**
 * (A): the CLI running a chain of `true` tools (each of `clis`), and the bare spawn loop; medians, the
 * bare loop's first.
 */
export async function cliChain(
  n: number,
  rounds = ROUNDS,
  clis: readonly string[] = [CLI]
): Promise<Medians[]> {
  const chain = chainPipeline(n, 'true');
  const loop = bareSpawnLoop(n);
  return interleaved(
    [
      async () => timeNode(['-e', loop], await tempDir()),
      ...clis.map(
        (cli) => async () =>
          timeNode([cli, 'p.dot', '--no-tui'], await withPipeline('p.dot', chain))
      )
    ],
    rounds
  );
}

export function chainRow(label: string, n: number, cli: Medians, bare: Medians): string {
  return `${label} ${n}-node chain of \`true\` via \`node dist/cli.js p.dot --no-tui\`: ${ms(cli.wallMs)} (runs: ${runs(cli)}) vs bare spawn loop ${ms(bare.wallMs)} (${runs(bare)}) → ${ratio(cli.wallMs, bare.wallMs)} wall, ${ratio(cli.cpuMs, bare.cpuMs)} CPU (${ms(cli.cpuMs)} vs ${ms(bare.cpuMs)}) (target ≤ 1.5×)`;
}

/** " [baseline build: …]" for each build after the first, or nothing. */
function others(results: readonly Medians[], describe: (m: Medians) => string): string {
  return results
    .slice(1)
    .map((m, i) => ` [${BUILDS[i + 1]?.label ?? 'other'}: ${describe(m)}]`)
    .join('');
}

async function benchChain(): Promise<void> {
  const [bare, ...clis] = await cliChain(
    1000,
    ROUNDS,
    BUILDS.map((b) => b.cli)
  );
  const cli = clis[0];
  if (!bare || !cli) return;
  console.log(
    chainRow('(A)', 1000, cli, bare) +
      others(
        clis,
        (m) =>
          `${ms(m.wallMs)} → ${ratio(m.wallMs, bare.wallMs)} wall, ${ratio(m.cpuMs, bare.cpuMs)} CPU`
      )
  );
}

/** `node -e ""` first, then `args` run by each build from a fresh copy of `pipeline`. */
async function againstNode(
  pipeline: string,
  args: readonly string[],
  rounds = ROUNDS
): Promise<{ node: Medians; clis: Medians[] }> {
  const [node, ...clis] = await interleaved(
    [
      async () => timeNode(['-e', ''], await tempDir()),
      ...BUILDS.map(
        ({ cli }) =>
          async () =>
            timeNode([cli, ...args], await withPipeline('p.dot', pipeline))
      )
    ],
    rounds
  );
  if (!node) throw new Error('no baseline');
  return { node, clis };
}

async function benchCold(): Promise<void> {
  const { node, clis } = await againstNode(chainPipeline(1, 'true'), ['p.dot', '--no-tui'], 11);
  const cli = clis[0];
  if (!cli) return;
  console.log(
    `(B) cold one-tool run: ${ms(cli.wallMs)} (runs: ${runs(cli)}) vs \`node -e ""\` ${ms(node.wallMs)} (${runs(node)}) → ${ratio(cli.wallMs, node.wallMs)} wall, ${ratio(cli.cpuMs, node.cpuMs)} CPU (${ms(cli.cpuMs)} vs ${ms(node.cpuMs)}) (target ≤ 2×)` +
      others(
        clis,
        (m) =>
          `${ms(m.wallMs)} → ${ratio(m.wallMs, node.wallMs)} wall, ${ratio(m.cpuMs, node.cpuMs)} CPU`
      )
  );
}

async function benchFanOut(): Promise<void> {
  const { node, clis } = await againstNode(FAN_OUT, ['p.dot', '--no-tui']);
  const cli = clis[0];
  if (!cli) return;
  const vsIdeal = (m: Medians): string =>
    `${ms(m.wallMs)} → ${ratio(m.wallMs, 800)} of the ideal, ${ratio(m.wallMs, node.wallMs + 800)} of \`node -e ""\` + 800 ms`;
  console.log(
    `(C) 64 × sleep 0.2 with max_parallel=16 via the CLI: ${vsIdeal(cli)} (runs: ${runs(cli)}; ideal 800 ms, \`node -e ""\` ${ms(node.wallMs)}; CPU ${ms(cli.cpuMs)}) (target ≤ 1.3× the ideal)` +
      others(clis, vsIdeal)
  );
}

async function benchValidate(): Promise<void> {
  const big = generateLoopingPipeline(10_000);
  const text = await againstNode(big, ['validate', 'p.dot']);
  const json = await againstNode(big, ['validate', '--json', 'p.dot']);
  const beyond = (m: Medians, node: Medians): string =>
    `${ms(m.wallMs - node.wallMs)} wall, ${ms(m.cpuMs - node.cpuMs)} CPU`;
  const row = (name: string, r: { node: Medians; clis: Medians[] }): string => {
    const cli = r.clis[0];
    if (!cli) return '';
    return (
      `${name} ${beyond(cli, r.node)} (runs: ${runs(cli)}; \`node -e ""\` ${ms(r.node.wallMs)})` +
      others(r.clis, (m) => beyond(m, r.node))
    );
  };
  console.log(
    `(D) \`tracker validate\` of 10 000 nodes / 20 000 edges (10 000 loops), beyond \`node -e ""\`: ${row('text', text)}; ${row('--json', json)} (target < 1 s)`
  );
}

export async function run(): Promise<void> {
  console.log('\n## the CLI as users run it (bench/cli.ts; `node dist/cli.js`, real environment)');
  if (!existsSync(CLI)) {
    console.log('dist/cli.js is missing: run `npm run bundle` first');
    return;
  }
  // Warm the page cache and the machine up before timing anything.
  await timeNode(['-e', ''], await tempDir());
  await timeNode(
    [CLI, 'p.dot', '--no-tui'],
    await withPipeline('p.dot', chainPipeline(50, 'true'))
  );
  if (BASELINE_CLI) console.log(`(each row also times the baseline build ${BASELINE_CLI})`);
  await benchChain();
  await benchCold();
  await benchFanOut();
  await benchValidate();
  await removeTempDirs();
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
