import type {
  ProcessResult,
  ProcessRunner,
  ProcessSpec,
  StreamTail
} from '../../src/ports/process-runner.js';

/** What one scripted run returns: a partial result (defaults: exit 0, empty output) or a function of the spec. */
export type ScriptedRun =
  | Partial<ProcessResult>
  | ((
      spec: ProcessSpec,
      signal?: AbortSignal
    ) => Partial<ProcessResult> | Promise<Partial<ProcessResult>>);

/** A StreamTail for `text`; `totalBytes` larger than the text marks it truncated. */
export function tailOf(text: string, totalBytes?: number): StreamTail {
  const bytes = Buffer.byteLength(text, 'utf8');
  const total = totalBytes ?? bytes;
  return { text, totalBytes: total, truncated: total > bytes };
}

export function processResult(partial: Partial<ProcessResult> = {}): ProcessResult {
  return {
    exitCode: 0,
    signal: null,
    timedOut: false,
    aborted: false,
    stdout: tailOf(''),
    stderr: tailOf(''),
    durationMs: 5,
    ...partial
  };
}

/**
 * A ProcessRunner that records every spec and answers from a script, in order. When the script runs out,
 * the last entry is reused. A function entry can act like a tool (e.g. write status.json into a store).
 */
export class FakeProcessRunner implements ProcessRunner {
  readonly specs: ProcessSpec[] = [];
  readonly signals: (AbortSignal | undefined)[] = [];
  readonly #script: readonly ScriptedRun[];

  constructor(...script: ScriptedRun[]) {
    this.#script = script.length === 0 ? [{}] : script;
  }

  /** The spec of the i-th run (throws when there was none, so tests fail with a clear message). */
  spec(index = 0): ProcessSpec {
    const spec = this.specs[index];
    if (spec === undefined)
      throw new Error(`run #${index} never happened (${this.specs.length} runs)`);
    return spec;
  }

  async run(spec: ProcessSpec, signal?: AbortSignal): Promise<ProcessResult> {
    const step = this.#script[Math.min(this.specs.length, this.#script.length - 1)] ?? {};
    this.specs.push(spec);
    this.signals.push(signal);
    const partial = typeof step === 'function' ? await step(spec, signal) : step;
    return processResult(partial);
  }
}
