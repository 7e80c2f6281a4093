/**
 * The tool stage (spec §4.10, parallelogram): runs `tool_command` with `sh -c` through the ProcessRunner
 * port. See docs/tool-nodes.md for the user-facing contract.
 *
 * Security: the command text is run exactly as written in the DOT file. Nothing from the context, the goal or
 * LLM output is ever spliced into it; those reach the command only as environment variables and files
 * (`TRACKER_CONTEXT_FILE`, `TRACKER_GOAL`, …). Secrets in the inherited environment are stripped by default.
 */
import { isAbsolute, join, normalize } from 'node:path';
import { errorMessage } from '../errors.js';
import { contextValueToString } from '../engine/context.js';
import type { Outcome } from '../engine/outcome.js';
import { outcomeFromStatusJson } from '../engine/outcome.js';
import type { Attributes } from '../graph/graph.js';
import { getBoolean, getString, parseDurationLenient } from '../graph/values.js';
import type { ProcessResult, ProcessRunner, StreamTail } from '../ports/process-runner.js';
import { expandPromptVariables } from './codergen.js';
import type { Handler, HandlerInput } from './handler.js';

export const DEFAULT_OUTPUT_LIMIT = 64 * 1024;
/** `output_limit` values above this are clamped (each stream's tail is held in memory). */
export const MAX_OUTPUT_LIMIT = 10 * 1024 * 1024;
/** How much of a truncated stream a `stage.output` event carries. */
export const OUTPUT_EVENT_CHARS = 2000;
const HOOK_TAIL_BYTES = 4096;
const REASON_LINE_CHARS = 300;
const UTF8 = new TextEncoder();

/** Files the handler writes in the node's stage directory. */
export const ToolFiles = {
  Stdout: 'stdout.log',
  Stderr: 'stderr.log',
  Output: 'tool_output.txt',
  Context: 'tool_context.json',
  Prompt: 'prompt.txt',
  Status: 'status.json'
} as const;

export interface ToolHandlerOptions {
  readonly runner: ProcessRunner;
  /** The directory commands run in (the `--workdir`); `working_dir` is resolved against it. */
  readonly workdir: string;
  /** The environment to inherit (normally process.env); secrets are removed before it reaches a command. */
  readonly baseEnv: Readonly<Record<string, string | undefined>>;
}

const BYTE_SIZE = /^(\d+)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i;
const UNIT_BYTES: Readonly<Record<string, number>> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** `65536`, `64KB`, `64KiB`, `1MB`, `256k` → bytes (K/M/G are powers of 1024). undefined when unparseable. */
export function parseByteSize(text: string): number | undefined {
  const m = BYTE_SIZE.exec(text.trim());
  if (!m?.[1]) return undefined;
  const unit = UNIT_BYTES[(m[2] ?? 'b').charAt(0).toLowerCase()] ?? 1;
  const n = Number(m[1]) * unit;
  return Number.isSafeInteger(n) ? n : undefined;
}

const SECRET_NAME =
  /(?:^|_)(?:API_?KEY|TOKEN|SECRET|SECRET_KEY|SECRET_ACCESS_KEY|ACCESS_KEY|PASSWORD|PASSWD|PASSPHRASE|PRIVATE_KEY|SIGNING_KEY|ENCRYPTION_KEY|PAT|CREDENTIALS?)$/i;
const SECRET_EXACT: ReadonlySet<string> = new Set([
  'GITHUB_TOKEN',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN'
]);

/**
 * Environment names stripped from tool commands by default (case-insensitive): names ending in `_API_KEY`,
 * `_APIKEY`, `_TOKEN`, `_SECRET`, `_SECRET_KEY`, `_SECRET_ACCESS_KEY`, `_ACCESS_KEY`, `_PASSWORD`, `_PASSWD`,
 * `_PASSPHRASE`, `_PRIVATE_KEY`, `_SIGNING_KEY`, `_ENCRYPTION_KEY`, `_PAT`, `_CREDENTIAL(S)` (or exactly
 * one of those words), and the GitHub Actions tokens.
 */
export function isSecretEnvName(name: string): boolean {
  return SECRET_EXACT.has(name.toUpperCase()) || SECRET_NAME.test(name);
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'i');
}

/** Parses `allow_env="NAME1,AWS_*"` into matchers (exact names or `*` globs, case-insensitive). */
export function parseAllowEnv(text: string | undefined): readonly RegExp[] {
  if (text === undefined) return [];
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(globToRegExp);
}

/** The inherited environment minus secrets (unless allowed or `TRACKER_PASS_ENV=1`). */
export function inheritedToolEnv(
  baseEnv: Readonly<Record<string, string | undefined>>,
  allow: readonly RegExp[]
): Record<string, string> {
  const passAll = ['1', 'true'].includes((baseEnv['TRACKER_PASS_ENV'] ?? '').trim().toLowerCase());
  const env = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(baseEnv)) {
    if (value === undefined) continue;
    if (!passAll && isSecretEnvName(name) && !allow.some((re) => re.test(name))) continue;
    env[name] = value;
  }
  return env;
}

/** `1500` → `1.5s`, `60000` → `1m`, `250` → `250ms`. */
export function formatDurationMs(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${Number((ms / 1000).toFixed(3))}s`;
}

function lastLine(text: string): string {
  const lines = text.trimEnd().split('\n');
  const line = (lines[lines.length - 1] ?? '').trim();
  return line.length > REASON_LINE_CHARS ? line.slice(0, REASON_LINE_CHARS) + '…' : line;
}

/** A tail for the context: right-trimmed, with a marker line when earlier output was dropped. */
function contextText(tail: StreamTail, file: string): string {
  const text = tail.text.trimEnd();
  if (!tail.truncated) return text;
  const dropped = tail.totalBytes - UTF8.encode(tail.text).length;
  return `[... ${dropped} earlier bytes truncated; full output in ${file} ...]\n${text}`;
}

/** An attribute of the node, else of the graph. */
function nodeOrGraph(
  nodeAttrs: Attributes,
  graphAttrs: Attributes,
  key: string
): string | undefined {
  const own = getString(nodeAttrs, key);
  if (own !== undefined && own.trim() !== '') return own;
  const inherited = getString(graphAttrs, key);
  return inherited !== undefined && inherited.trim() !== '' ? inherited : undefined;
}

type Settings =
  | { readonly ok: false; readonly reason: string }
  | {
      readonly ok: true;
      readonly command: string;
      readonly cwd: string;
      readonly tailBytes: number;
      readonly clamped: boolean;
      readonly timeoutMs?: number;
      readonly timeoutText?: string;
    };

export class ToolHandler implements Handler {
  readonly filesWrittenFirst: readonly string[] = [ToolFiles.Context];
  readonly #runner: ProcessRunner;
  readonly #workdir: string;
  readonly #baseEnv: Readonly<Record<string, string | undefined>>;
  /**
   * The inherited environment by `allow_env` text, filtered once: reading `process.env` and testing
   * every name against the secret patterns cost 0.1 ms per tool node (a third of the engine's own
   * work for a trivial command). The base environment is therefore read when the first tool node
   * starts, not again for every node.
   */
  readonly #inherited = new Map<string, Readonly<Record<string, string>>>();
  #baseSnapshot: Readonly<Record<string, string | undefined>> | undefined;

  constructor(options: ToolHandlerOptions) {
    this.#runner = options.runner;
    this.#workdir = options.workdir;
    this.#baseEnv = options.baseEnv;
  }

  /** Reads and checks the node's attributes; every problem is a terminal FAIL the user fixes in the DOT file. */
  #settings(input: HandlerInput): Settings {
    const { node } = input;
    const command = getString(node.attrs, 'tool_command') ?? '';
    if (command.trim() === '') {
      return {
        ok: false,
        reason: `No tool_command specified for tool node '${node.id}'. Add tool_command="...".`
      };
    }

    let tailBytes = DEFAULT_OUTPUT_LIMIT;
    let clamped = false;
    const limitText = getString(node.attrs, 'output_limit');
    if (limitText !== undefined) {
      const parsed = parseByteSize(limitText);
      if (parsed === undefined || parsed <= 0) {
        return {
          ok: false,
          reason: `Tool node '${node.id}' has output_limit="${limitText}", which is not a byte size. Use a positive size like output_limit="65536", "64KB" or "1MB".`
        };
      }
      clamped = parsed > MAX_OUTPUT_LIMIT;
      tailBytes = Math.min(parsed, MAX_OUTPUT_LIMIT);
    }

    const timeoutText = getString(node.attrs, 'timeout');
    let timeoutMs: number | undefined;
    if (timeoutText !== undefined && timeoutText.trim() !== '') {
      const parsed = parseDurationLenient(timeoutText)?.ms;
      if (parsed === undefined || parsed <= 0) {
        return {
          ok: false,
          reason: `Tool node '${node.id}' has timeout="${timeoutText}", which is not a positive duration. Use a value like timeout="30s" or "5m".`
        };
      }
      timeoutMs = parsed;
    }

    let cwd = this.#workdir;
    const workingDir = getString(node.attrs, 'working_dir');
    if (workingDir !== undefined && workingDir.trim() !== '') {
      const rel = normalize(workingDir.trim()).replace(/(.)\/+$/, '$1');
      if (isAbsolute(rel)) {
        return {
          ok: false,
          reason: `Tool node '${node.id}' has working_dir="${workingDir}", an absolute path. Use a path relative to the workdir (${this.#workdir}).`
        };
      }
      if (rel === '..' || rel.startsWith('../')) {
        return {
          ok: false,
          reason: `Tool node '${node.id}' has working_dir="${workingDir}", which leaves the workdir (${this.#workdir}). Use a path inside it.`
        };
      }
      cwd = join(this.#workdir, rel);
    }
    return {
      ok: true,
      command,
      cwd,
      tailBytes,
      clamped,
      ...(timeoutMs === undefined ? {} : { timeoutMs, timeoutText: timeoutText?.trim() ?? '' })
    };
  }

  /** A fresh copy of the inherited environment for a node with `allow_env` = `allowText`. */
  #inheritedEnv(allowText: string | undefined): Record<string, string> {
    const key = allowText ?? '';
    let inherited = this.#inherited.get(key);
    if (inherited === undefined) {
      this.#baseSnapshot ??= { ...this.#baseEnv };
      inherited = inheritedToolEnv(this.#baseSnapshot, parseAllowEnv(allowText));
      this.#inherited.set(key, inherited);
    }
    return Object.assign(Object.create(null) as Record<string, string>, inherited);
  }

  async execute(input: HandlerInput): Promise<Outcome> {
    const { node, graph, runStore, context } = input;
    const settings = this.#settings(input);
    if (!settings.ok) return { status: 'fail', failureReason: settings.reason, retryable: false };
    if (input.signal.aborted) return stopped();

    const stageDir = await runStore.ensureStageDir(node.id);
    // A stage directory made moments ago for this node's first run holds nothing stale.
    const fresh = (await runStore.claimFreshStage?.(node.id)) ?? false;
    const staleStatusRemoved = fresh
      ? Promise.resolve()
      : runStore.removeStageFile(node.id, ToolFiles.Status);
    const stageFile = (name: string): string => join(stageDir, name);
    const goal = getString(graph.attrs, 'goal') ?? '';

    let contextJson: string;
    try {
      contextJson = JSON.stringify(context.snapshot(), null, 2) + '\n';
    } catch (error) {
      contextJson =
        JSON.stringify({ error: `context could not be serialised: ${errorMessage(error)}` }) + '\n';
    }
    const prepared: Promise<void>[] = [
      staleStatusRemoved,
      runStore.writeStageFile(node.id, ToolFiles.Context, contextJson)
    ];

    const env = this.#inheritedEnv(getString(node.attrs, 'allow_env'));
    Object.assign(env, {
      TRACKER_RUN_ID: input.runId,
      TRACKER_RUN_DIR: runStore.runDir,
      TRACKER_NODE_ID: node.id,
      TRACKER_STAGE_DIR: stageDir,
      TRACKER_WORKDIR: this.#workdir,
      TRACKER_CONTEXT_FILE: stageFile(ToolFiles.Context),
      TRACKER_OUTCOME: contextValueToString(context.get('outcome')),
      TRACKER_PREFERRED_LABEL: contextValueToString(context.get('preferred_label')),
      TRACKER_GOAL: goal,
      ATTRACTOR_LOGS_ROOT: runStore.runDir,
      ATTRACTOR_STAGE_DIR: stageDir,
      ATTRACTOR_NODE_ID: node.id
    });
    delete env['ATTRACTOR_PROMPT_FILE'];
    const prompt = getString(node.attrs, 'prompt');
    if (prompt !== undefined) {
      prepared.push(
        runStore.writeStageFile(node.id, ToolFiles.Prompt, expandPromptVariables(prompt, goal))
      );
      env['ATTRACTOR_PROMPT_FILE'] = stageFile(ToolFiles.Prompt);
    }
    await Promise.all(prepared);

    const notes: string[] = [];
    if (settings.clamped) notes.push(`output_limit clamped to ${MAX_OUTPUT_LIMIT} bytes`);
    const timeout = settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs };
    const hookMeta = { tool_name: 'shell', node_id: node.id, command: settings.command };

    const preHook = nodeOrGraph(node.attrs, graph.attrs, 'tool_hooks.pre');
    if (preHook !== undefined) {
      const pre = await this.#runner.run(
        {
          command: preHook,
          cwd: settings.cwd,
          env: { ...env, TOOL_NAME: 'shell', NODE_ID: node.id },
          tailBytes: HOOK_TAIL_BYTES,
          stdin: JSON.stringify(hookMeta) + '\n',
          ...timeout
        },
        input.signal
      );
      if (pre.aborted || input.signal.aborted) return stopped();
      if (pre.exitCode !== 0) {
        const why = describeHookFailure(pre);
        const detail = lastLine(pre.stderr.text);
        return {
          status: 'fail',
          failureReason: `pre-hook ${why}; command skipped`,
          notes: `tool_hooks.pre ${why}${detail ? `: ${detail}` : ''}; tool_command was not run`,
          retryable: false
        };
      }
    }

    const result = await this.#runner.run(
      {
        command: settings.command,
        cwd: settings.cwd,
        env,
        tailBytes: settings.tailBytes,
        stdoutFile: stageFile(ToolFiles.Stdout),
        stderrFile: stageFile(ToolFiles.Stderr),
        outputFilesFresh: fresh,
        ...timeout
      },
      input.signal
    );
    if (result.aborted || input.signal.aborted) return stopped();
    if (result.outputError !== undefined) notes.push(result.outputError);

    // Nothing reads tool_output.txt back during the run: write it in the background.
    await runStore.writeStageFile(node.id, ToolFiles.Output, result.stdout.text, {
      background: true
    });
    const streams = [
      ['stdout', result.stdout],
      ['stderr', result.stderr]
    ] as const;
    for (const [stream, tail] of streams) {
      if (!tail.truncated) continue;
      input.emit({
        type: 'stage.output',
        nodeId: node.id,
        stream,
        tail:
          tail.text.length > OUTPUT_EVENT_CHARS ? tail.text.slice(-OUTPUT_EVENT_CHARS) : tail.text,
        truncated: true,
        totalBytes: tail.totalBytes
      });
    }
    const updates: Record<string, unknown> = {
      tool_stdout: contextText(result.stdout, stageFile(ToolFiles.Stdout)),
      tool_stderr: contextText(result.stderr, stageFile(ToolFiles.Stderr)),
      'tool.output': result.stdout.text.trimEnd(),
      'tool.exit_code': result.exitCode
    };

    const postHook = nodeOrGraph(node.attrs, graph.attrs, 'tool_hooks.post');
    if (postHook !== undefined && result.spawnError === undefined) {
      const exitText = result.exitCode === null ? '' : String(result.exitCode);
      const post = await this.#runner.run(
        {
          command: postHook,
          cwd: settings.cwd,
          env: {
            ...env,
            TOOL_NAME: 'shell',
            NODE_ID: node.id,
            EXIT_CODE: exitText,
            ...(result.signal === null ? {} : { EXIT_SIGNAL: result.signal })
          },
          tailBytes: HOOK_TAIL_BYTES,
          stdin:
            JSON.stringify({
              ...hookMeta,
              exit_code: result.exitCode,
              signal: result.signal,
              timed_out: result.timedOut
            }) + '\n',
          ...timeout
        },
        input.signal
      );
      if (post.aborted || input.signal.aborted) return stopped();
      if (post.exitCode !== 0) {
        const detail = lastLine(post.stderr.text);
        notes.push(`tool_hooks.post ${describeHookFailure(post)}${detail ? `: ${detail}` : ''}`);
      }
    }

    const outcome = await this.#decide(
      input,
      settings,
      result,
      updates,
      stageFile(ToolFiles.Status)
    );
    if (notes.length === 0) return outcome;
    return {
      ...outcome,
      notes: [outcome.notes, ...notes].filter((n) => n !== undefined && n !== '').join('; ')
    };
  }

  async #decide(
    input: HandlerInput,
    settings: Extract<Settings, { ok: true }>,
    result: ProcessResult,
    updates: Record<string, unknown>,
    statusPath: string
  ): Promise<Outcome> {
    const { node } = input;
    if (result.spawnError !== undefined) {
      return {
        status: 'fail',
        failureReason: `could not start the tool command: ${result.spawnError}`,
        retryable: false,
        contextUpdates: updates
      };
    }
    if (result.timedOut) {
      const limit = settings.timeoutMs ?? 0;
      return {
        status: 'fail',
        failureReason: `timed out after ${formatDurationMs(limit)} (timeout=${settings.timeoutText ?? formatDurationMs(limit)}); the process group was killed`,
        contextUpdates: updates
      };
    }
    const exitText =
      result.exitCode === null ? `signal ${result.signal ?? 'unknown'}` : `exit ${result.exitCode}`;

    const statusText = await input.runStore.readStageFile(node.id, ToolFiles.Status);
    if (statusText !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(statusText);
      } catch (error) {
        return {
          status: 'fail',
          failureReason: `Tool node '${node.id}' wrote ${statusPath}, which is not valid JSON (${errorMessage(error)}). Write an object like {"outcome":"success"}.`,
          retryable: false,
          contextUpdates: updates
        };
      }
      const declared = outcomeFromStatusJson(parsed);
      if (typeof declared === 'string') {
        return {
          status: 'fail',
          failureReason: `Tool node '${node.id}' wrote an invalid ${statusPath}: ${declared}.`,
          retryable: false,
          contextUpdates: updates
        };
      }
      const merged: Record<string, unknown> = { ...declared.contextUpdates, ...updates };
      return {
        ...declared,
        contextUpdates: merged,
        notes: declared.notes ?? `status.json declared ${declared.status} (tool ${exitText})`
      };
    }

    if (getBoolean(node.attrs, 'auto_status') === true) {
      return {
        status: 'success',
        autoStatus: true,
        notes: `auto_status synthesized success: the tool wrote no status.json (tool ${exitText})`,
        contextUpdates: updates
      };
    }
    if (result.exitCode === 0)
      return { status: 'success', notes: 'Tool completed: exit 0', contextUpdates: updates };
    if (result.exitCode === null) {
      return {
        status: 'fail',
        failureReason: `killed by signal ${result.signal ?? 'unknown'}`,
        contextUpdates: updates
      };
    }
    const detail = lastLine(result.stderr.text);
    return {
      status: 'fail',
      failureReason: `exit code ${result.exitCode}${detail ? `: ${detail}` : ''}`,
      contextUpdates: updates
    };
  }
}

function stopped(): Outcome {
  return {
    status: 'fail',
    failureReason: 'stopped: the run was cancelled; the process group was killed',
    retryable: false
  };
}

function describeHookFailure(result: ProcessResult): string {
  if (result.spawnError !== undefined) return `could not start (${result.spawnError})`;
  if (result.timedOut) return 'timed out';
  if (result.exitCode === null) return `was killed by signal ${result.signal ?? 'unknown'}`;
  return `exited ${result.exitCode}`;
}
