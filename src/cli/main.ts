/**
 * The CLI composition root: builds the CLI's adapters (console rendering and interviewer, the process
 * helper) and hands them to the run service (src/runtime). `main` takes its I/O as arguments so tests
 * drive it with streams; `runCli` wires it to the process. Exit codes are decided here, nowhere else.
 */
import { createProcessRunner } from '../adapters/process-server-runner.js';
import { systemClock } from '../adapters/system-clock.js';
import { errorMessage, isTrackerError } from '../common/errors.js';
import { visible } from '../common/visible.js';
import { AutoApproveInterviewer } from '../interviewers/auto-approve.js';
import { ConsoleInterviewer } from '../interviewers/console.js';
import { loadPipeline } from '../runtime/load-pipeline.js';
import { startRun } from '../runtime/start-run.js';
import type { StartRunResult } from '../runtime/start-run.js';
import { VERSION } from '../version.js';
import type { CliSettings } from './args.js';
import { parseArgs } from './args.js';
import { helpText } from './help.js';
import { ConsoleSink, NdjsonSink } from './render-console.js';
import type { RunRenderOptions } from './render-run.js';
import { renderNotice, renderRunEnd } from './render-run.js';
import { renderValidation } from './render-validate.js';
import { runRequest } from './run-request.js';
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

type Write = (text: string) => void;

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const out: Write = (text) => void io.stdout.write(text);
  // stderr carries only text for people: whatever it quotes from user data is made visible.
  const err: Write = (text) => void io.stderr.write(visible(text, 'block'));
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
      case 'simulate':
        return await checkCommand(settings, io, out, err);
      case 'run':
        return await runCommand(settings, io, out, err);
    }
  } catch (error) {
    if (isTrackerError(error) && error.code === 'USAGE') {
      err(`tracker: ${error.message}\n`);
      return ExitCodes.Usage;
    }
    err(
      `tracker: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
    );
    return ExitCodes.Failed;
  }
}

/** `validate` and `simulate`: the file is read and prepared, nothing runs. */
async function checkCommand(settings: CliSettings, io: CliIo, out: Write, err: Write) {
  const { prepared } = await loadPipeline(settings.pipeline ?? '', {
    cwd: io.cwd,
    limits: settings.limits
  });
  if (settings.command === 'validate') {
    out(renderValidation(prepared, { json: settings.json }));
    return prepared.ok ? ExitCodes.Success : ExitCodes.Failed;
  }
  if (!prepared.ok || !prepared.graph) {
    err(renderValidation(prepared, { json: false }));
    return ExitCodes.Failed;
  }
  const result = await simulatePipeline(prepared.graph, { write: out, json: settings.json });
  // A walk cut off in a loop is a finding of the simulation, not a failure of the pipeline.
  if (result.bounded !== undefined) return ExitCodes.Success;
  return result.run.status === 'success' ? ExitCodes.Success : ExitCodes.Failed;
}

async function runCommand(settings: CliSettings, io: CliIo, out: Write, err: Write) {
  const human = settings.json ? err : out;
  const render = { human, err, quiet: settings.quiet, simulate: settings.simulate, cwd: io.cwd };
  const processRunner = createProcessRunner({
    inProcess: io.env['TRACKER_PROCESS_HELPER'] === '0',
    onFallback: (reason) =>
      err(`tracker: warning: ${reason}; running commands in-process instead.\n`)
  });
  let result: StartRunResult;
  try {
    result = await startRun(runRequest(settings, io), {
      interviewer: settings.autoApprove
        ? new AutoApproveInterviewer()
        : new ConsoleInterviewer({
            input: io.stdin,
            output: settings.json ? io.stderr : io.stdout,
            clock: systemClock
          }),
      events: [
        settings.json
          ? new NdjsonSink(out)
          : new ConsoleSink(
              out,
              {
                quiet: settings.quiet,
                freshStopLine: (io.stderr as { isTTY?: boolean }).isTTY === true
              },
              err
            )
      ],
      processRunner,
      onNotice: (notice) => renderNotice(notice, render)
    });
  } finally {
    await processRunner.close();
  }
  return exitCode(result, render);
}

const RUN_EXIT = { success: ExitCodes.Success, fail: ExitCodes.Failed, stopped: ExitCodes.Stopped };

function exitCode(result: StartRunResult, render: RunRenderOptions): number {
  if (result.status === 'invalid') {
    render.err(renderValidation(result.prepared, { json: false }));
    return ExitCodes.Failed;
  }
  if (result.status === 'refused') {
    render.err(`tracker: ${result.message}\n`);
    return ExitCodes.Usage;
  }
  renderRunEnd(result, render);
  return RUN_EXIT[result.status];
}

/** The process wiring: argv, stdio, env, cwd. */
export async function runCli(): Promise<number> {
  const { stdin, stdout, stderr, env } = process;
  return main(process.argv.slice(2), { stdin, stdout, stderr, env, cwd: process.cwd() });
}
