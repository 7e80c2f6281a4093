/** CliSettings → what the run service is asked to do (the run flags, nothing else). */
import type { RunTarget } from '../runtime/locate-run.js';
import type { StartRunRequest } from '../runtime/start-run.js';
import type { CliSettings } from './args.js';

export interface RunRequestIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** When absent, SIGINT and SIGTERM stop the run. */
  readonly signal?: AbortSignal;
}

/** `-c FILE`, `-r ID|DIR`, or a new run (`--run-id ID`). */
export function runTarget(settings: CliSettings): RunTarget {
  if (settings.checkpoint !== undefined) return { kind: 'checkpoint', path: settings.checkpoint };
  if (settings.resume !== undefined) return { kind: 'run', run: settings.resume };
  return settings.runId === undefined ? { kind: 'new' } : { kind: 'new', runId: settings.runId };
}

export function runRequest(settings: CliSettings, io: RunRequestIo): StartRunRequest {
  return {
    pipeline: settings.pipeline ?? '',
    cwd: io.cwd,
    limits: settings.limits,
    ...(settings.workdir === undefined ? {} : { workdir: settings.workdir }),
    ...(settings.logs === undefined ? {} : { runDir: settings.logs }),
    target: runTarget(settings),
    force: settings.force,
    context: Object.fromEntries(settings.vars),
    env: io.env,
    ...(io.signal ? { signal: io.signal } : { stopOnSignals: ['SIGINT', 'SIGTERM'] })
  };
}
