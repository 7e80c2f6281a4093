/**
 * The tool stage (spec §4.10, parallelogram): runs `tool_command` with `sh -c` through the ProcessRunner
 * port. See docs/tool-nodes.md for the user-facing contract. The parts: tool-settings.ts (attributes),
 * tool-env.ts (the command's environment), tool-outcome.ts (status.json, exit codes, context updates).
 *
 * Security: the command text is run exactly as written in the DOT file. Nothing from the context, the goal or
 * LLM output is ever spliced into it; those reach the command only as environment variables and files
 * (`TRACKER_CONTEXT_FILE`, `TRACKER_GOAL`, …). Secrets in the inherited environment are stripped by default.
 */
import { join } from 'node:path';
import { errorMessage } from '../common/errors.js';
import type { Outcome } from '../ports/outcome.js';
import { getString } from '../graph/values.js';
import type { ProcessRunner } from '../ports/process-runner.js';
import type { FreshStageDirs } from '../ports/run-store.js';
import { expandPromptVariables } from './codergen.js';
import type { Handler, HandlerInput } from '../engine/handler.js';
import { InheritedEnv, toolEnv } from './tool-env.js';
import {
  describeHookFailure,
  lastLine,
  stoppedOutcome,
  toolContextUpdates,
  toolOutcome
} from './tool-outcome.js';
import { MAX_OUTPUT_LIMIT, nodeOrGraph, readToolSettings } from './tool-settings.js';

/** How much of a truncated stream a `stage.output` event carries. */
export const OUTPUT_EVENT_CHARS = 2000;
const HOOK_TAIL_BYTES = 4096;

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
  /**
   * Stage directories the run store created during this run (FsRunStore's `freshStages`): in one, the
   * handler removes no stale status.json or output logs. Absent: it always removes them.
   */
  readonly freshStages?: FreshStageDirs;
}

export class ToolHandler implements Handler {
  readonly filesWrittenFirst: readonly string[] = [ToolFiles.Context];
  readonly #runner: ProcessRunner;
  readonly #workdir: string;
  readonly #freshStages: FreshStageDirs | undefined;
  readonly #inherited: InheritedEnv;

  constructor(options: ToolHandlerOptions) {
    this.#runner = options.runner;
    this.#workdir = options.workdir;
    this.#freshStages = options.freshStages;
    this.#inherited = new InheritedEnv(options.baseEnv);
  }

  async execute(input: HandlerInput): Promise<Outcome> {
    const { node, graph, runStore, context } = input;
    const settings = readToolSettings(node, this.#workdir);
    if (!settings.ok) return { status: 'fail', failureReason: settings.reason, retryable: false };
    if (input.signal.aborted) return stoppedOutcome();

    const stageDir = await runStore.ensureStageDir(node.id);
    // A stage directory made moments ago for this node's first run holds nothing stale.
    const fresh = this.#freshStages?.claim(stageDir) ?? false;
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
    const prompt = getString(node.attrs, 'prompt');
    if (prompt !== undefined) {
      prepared.push(
        runStore.writeStageFile(node.id, ToolFiles.Prompt, expandPromptVariables(prompt, goal))
      );
    }
    const env = toolEnv(
      this.#inherited.get(getString(node.attrs, 'allow_env')),
      {
        runId: input.runId,
        runDir: runStore.runDir,
        nodeId: node.id,
        stageDir,
        workdir: this.#workdir,
        contextFile: stageFile(ToolFiles.Context),
        ...(prompt === undefined ? {} : { promptFile: stageFile(ToolFiles.Prompt) }),
        goal
      },
      context
    );
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
      if (pre.aborted || input.signal.aborted) return stoppedOutcome();
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
    if (result.aborted || input.signal.aborted) return stoppedOutcome();
    if (result.outputError !== undefined) notes.push(result.outputError);

    // Nothing reads tool_output.txt back during the run: write it in the background.
    await runStore.writeStageFile(node.id, ToolFiles.Output, result.stdout.text, {
      background: true
    });
    for (const [stream, tail] of [
      ['stdout', result.stdout],
      ['stderr', result.stderr]
    ] as const) {
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
    const updates = toolContextUpdates(result, {
      stdout: stageFile(ToolFiles.Stdout),
      stderr: stageFile(ToolFiles.Stderr)
    });

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
      if (post.aborted || input.signal.aborted) return stoppedOutcome();
      if (post.exitCode !== 0) {
        const detail = lastLine(post.stderr.text);
        notes.push(`tool_hooks.post ${describeHookFailure(post)}${detail ? `: ${detail}` : ''}`);
      }
    }

    const outcome = await toolOutcome({
      node,
      settings,
      result,
      updates,
      readStatus: () => runStore.readStageFile(node.id, ToolFiles.Status),
      statusPath: stageFile(ToolFiles.Status)
    });
    if (notes.length === 0) return outcome;
    return {
      ...outcome,
      notes: [outcome.notes, ...notes].filter((n) => n !== undefined && n !== '').join('; ')
    };
  }
}
