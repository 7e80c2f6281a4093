import { describe, expect, it } from '@jest/globals';
import { mkdir, readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { NodeProcessRunner } from '../../src/adapters/node-process-runner.js';
import type { Outcome } from '../../src/ports/outcome.js';
import { ToolHandler } from '../../src/handlers/tool.js';
import { FsRunStore } from '../../src/stores/fs-run-store.js';
import { handlerInput } from '../support/handler-input.js';
import { nodeOf } from '../support/node-of.js';
import { makeTempDir } from '../support/temp-dir.js';

const baseEnv = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', FAKE_API_KEY: 'sk-do-not-leak' };

interface ToolRun {
  readonly outcome: Outcome;
  readonly stageDir: string;
  readonly workdir: string;
  stageFile(name: string): Promise<string>;
}

/** Runs one tool node for real: NodeProcessRunner, FsRunStore under a temp dir, a separate workdir. */
async function runReal(
  root: string,
  attrs: Record<string, string>,
  options: { graphAttrs?: Record<string, string>; context?: Record<string, unknown> } = {}
): Promise<ToolRun> {
  const workdir = join(root, 'work');
  await mkdir(workdir, { recursive: true });
  const runStore = new FsRunStore(join(root, 'run'));
  const handler = new ToolHandler({ runner: new NodeProcessRunner(), workdir, baseEnv });
  const outcome = await handler.execute(
    handlerInput(nodeOf('tool', attrs), { runStore, ...options })
  );
  await runStore.flush(); // as the engine does before a run reports its result
  const stageDir = runStore.stageDir('tool');
  return {
    outcome,
    stageDir,
    workdir,
    stageFile: (name) => readFile(join(stageDir, name), 'utf8')
  };
}

describe('ToolHandler with real processes', () => {
  it('writes stdout to tool_output.txt and stdout.log and records it in the context', async () => {
    await using dir = await makeTempDir();
    const run = await runReal(dir.path, { tool_command: 'echo tool-output-value; echo note >&2' });
    expect(run.outcome).toMatchObject({ status: 'success', notes: 'Tool completed: exit 0' });
    expect(await run.stageFile('tool_output.txt')).toBe('tool-output-value\n');
    expect(await run.stageFile('stdout.log')).toBe('tool-output-value\n');
    expect(await run.stageFile('stderr.log')).toBe('note\n');
    expect(run.outcome.contextUpdates).toMatchObject({
      'tool.output': 'tool-output-value',
      tool_stderr: 'note',
      'tool.exit_code': 0
    });
  });

  it('honours a status.json the tool writes itself (partial_success)', async () => {
    await using dir = await makeTempDir();
    const run = await runReal(dir.path, {
      tool_command: `printf '{"outcome":"partial_success","notes":"partial gate"}' > "$ATTRACTOR_STAGE_DIR/status.json"; exit 0`
    });
    expect(run.outcome).toMatchObject({ status: 'partial_success', notes: 'partial gate' });
  });

  it('shows the documented variables to the command and hides secrets', async () => {
    await using dir = await makeTempDir();
    const run = await runReal(
      dir.path,
      {
        tool_command:
          'echo "STAGE=$ATTRACTOR_STAGE_DIR NODE=$ATTRACTOR_NODE_ID LOGS=$ATTRACTOR_LOGS_ROOT"; echo "GOAL=$TRACKER_GOAL KEY=${FAKE_API_KEY-stripped}"; pwd'
      },
      { graphAttrs: { goal: 'ship it' } }
    );
    const lines = (await run.stageFile('tool_output.txt')).trim().split('\n');
    expect(lines).toEqual([
      `STAGE=${run.stageDir} NODE=tool LOGS=${join(dir.path, 'run')}`,
      'GOAL=ship it KEY=stripped',
      await realpath(run.workdir)
    ]);
  });

  it('gives the command the prompt file and the context file', async () => {
    await using dir = await makeTempDir();
    const run = await runReal(
      dir.path,
      {
        prompt: 'Hello from prompt: $goal',
        tool_command: 'cat "$ATTRACTOR_PROMPT_FILE"; echo; cat "$TRACKER_CONTEXT_FILE"'
      },
      { graphAttrs: { goal: 'widget' }, context: { 'human.gate.label': 'Approve' } }
    );
    const [prompt, ...json] = (await run.stageFile('tool_output.txt')).split('\n');
    expect(prompt).toBe('Hello from prompt: widget');
    expect(JSON.parse(json.join('\n'))).toEqual({ 'human.gate.label': 'Approve' });
  });

  it('turns a timeout into a FAIL outcome and kills the command', async () => {
    await using dir = await makeTempDir();
    const started = Date.now();
    const run = await runReal(dir.path, {
      tool_command: 'echo started; sleep 5; echo finished',
      timeout: '200ms'
    });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(run.outcome.status).toBe('fail');
    expect(run.outcome.failureReason).toBe(
      'timed out after 200ms (timeout=200ms); the process group was killed'
    );
    expect(await run.stageFile('stdout.log')).toBe('started\n');
  });

  it('maps a non-zero exit to FAIL with the last stderr line, or to success with auto_status', async () => {
    await using dir = await makeTempDir();
    const command = 'echo intentional failure >&2; exit 7';
    const failed = await runReal(dir.path, { tool_command: command });
    expect(failed.outcome).toMatchObject({
      status: 'fail',
      failureReason: 'exit code 7: intentional failure'
    });
    const auto = await runReal(dir.path, { tool_command: command, auto_status: 'true' });
    expect(auto.outcome).toMatchObject({ status: 'success', autoStatus: true });
    expect(auto.outcome.notes).toContain('auto_status synthesized success');
  });

  it('runs tool hooks that see TOOL_NAME, NODE_ID and EXIT_CODE', async () => {
    await using dir = await makeTempDir();
    const run = await runReal(dir.path, {
      'tool_hooks.pre': 'echo "$TOOL_NAME:$NODE_ID" > "$ATTRACTOR_STAGE_DIR/pre-hook.txt"',
      'tool_hooks.post':
        'echo "$TOOL_NAME:$NODE_ID:$EXIT_CODE" > "$ATTRACTOR_STAGE_DIR/post-hook.txt"',
      tool_command: 'echo hello'
    });
    expect(run.outcome.status).toBe('success');
    expect(await run.stageFile('pre-hook.txt')).toBe('shell:tool\n');
    expect(await run.stageFile('post-hook.txt')).toBe('shell:tool:0\n');
  });

  it('runs in working_dir and fails clearly when it does not exist', async () => {
    await using dir = await makeTempDir();
    await mkdir(join(dir.path, 'work', 'pkg'), { recursive: true });
    const ok = await runReal(dir.path, { tool_command: 'pwd', working_dir: 'pkg' });
    expect(await ok.stageFile('tool_output.txt')).toBe(
      `${await realpath(join(ok.workdir, 'pkg'))}\n`
    );
    const missing = await runReal(dir.path, { tool_command: 'pwd', working_dir: 'nope' });
    expect(missing.outcome).toMatchObject({ status: 'fail', retryable: false });
    expect(missing.outcome.failureReason).toContain(
      `working directory '${join(missing.workdir, 'nope')}' does not exist`
    );
  });
});
