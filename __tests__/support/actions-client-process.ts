/**
 * Runs the real @actions/cache and @actions/artifact in a child process (actions-client-driver.ts) with
 * exactly the environment given, and hands back each step's result with the workflow commands it logged.
 * A child per scenario makes the libraries' environment reads — at call time and at module load — and their
 * stdout logging deterministic, as on a runner.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DriverResult, DriverStep } from './actions-client-driver.js';
import { fromSourceEnv, ROOT, TSX_LOADER } from './from-source.js';
import { parseWorkflowCommands, type ActionLog } from './workflow-commands.js';

export type { DriverStep } from './actions-client-driver.js';

export type StepOutcome = DriverResult & { readonly log: ActionLog };

export interface ClientRun {
  readonly steps: readonly StepOutcome[];
  readonly exitCode: number | null;
  readonly stderr: string;
}

const DRIVER = join(ROOT, '__tests__/support/actions-client-driver.ts');

/**
 * Runs `steps` in one child. `env` is the whole environment besides PATH (typically `emulator.env()` plus
 * GITHUB_WORKSPACE and RUNNER_TEMP). Rejects when the child has not finished within `timeoutMs`.
 */
export async function runActionsClient(
  steps: readonly DriverStep[],
  options: { env: Record<string, string>; cwd: string; timeoutMs?: number }
): Promise<ClientRun> {
  const dir = await mkdtemp(join(tmpdir(), 'tracker-actions-client-'));
  try {
    const planFile = join(dir, 'plan.json');
    const resultsFile = join(dir, 'results.json');
    await writeFile(planFile, JSON.stringify(steps));
    const child = spawn(process.execPath, ['--import', TSX_LOADER, DRIVER, planFile, resultsFile], {
      cwd: options.cwd,
      env: { ...fromSourceEnv(), ...options.env },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timeoutMs = options.timeoutMs ?? 60_000;
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(
          new Error(
            `the actions client did not finish within ${timeoutMs} ms:\n${stdout}\n${stderr}`
          )
        );
      }, timeoutMs);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    let results: DriverResult[] = [];
    try {
      results = JSON.parse(await readFile(resultsFile, 'utf8')) as DriverResult[];
    } catch {
      throw new Error(
        `the actions client wrote no results (exit ${exitCode}):\n${stdout}\n${stderr}`
      );
    }
    const logs = stdout.split(/^::tracker-step::\d+\n/m).slice(1);
    return {
      steps: results.map((r, i) => ({ ...r, log: parseWorkflowCommands(logs[i] ?? '') })),
      exitCode,
      stderr
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
