import { describe, expect, it } from '@jest/globals';
import type { Outcome } from '../../src/ports/outcome.js';
import type { ProcessSpec } from '../../src/ports/process-runner.js';
import { MAX_OUTPUT_LIMIT, parseByteSize } from '../../src/handlers/tool-settings.js';
import { ToolHandler } from '../../src/handlers/tool.js';
import type { ScriptedRun } from '../support/fake-process-runner.js';
import { FakeProcessRunner, tailOf } from '../support/fake-process-runner.js';
import type { TestInput } from '../support/handler-input.js';
import { handlerInput } from '../support/handler-input.js';
import { nodeOf } from '../support/node-of.js';
import { MemoryRunStore } from '../../src/stores/memory-run-store.js';

const WORKDIR = '/work/proj';

interface Ran {
  readonly outcome: Outcome;
  readonly runner: FakeProcessRunner;
  readonly store: MemoryRunStore;
  readonly input: TestInput;
}

async function runTool(
  attrs: Record<string, string>,
  script: ScriptedRun[] = [{}],
  options: {
    graphAttrs?: Record<string, string>;
    store?: MemoryRunStore;
    signal?: AbortSignal;
  } = {}
): Promise<Ran> {
  const store = options.store ?? new MemoryRunStore();
  const runner = new FakeProcessRunner(...script);
  const handler = new ToolHandler({ runner, workdir: WORKDIR, baseEnv: { PATH: '/bin' } });
  const input = handlerInput(nodeOf('tool', attrs), {
    runStore: store,
    ...(options.graphAttrs ? { graphAttrs: options.graphAttrs } : {}),
    ...(options.signal ? { signal: options.signal } : {})
  });
  const outcome = await handler.execute(input);
  return { outcome, runner, store, input };
}

/** A scripted run that behaves like a tool writing `<stage>/status.json`. */
function writesStatus(store: MemoryRunStore, content: string, rest: ScriptedRun = {}): ScriptedRun {
  return async (spec: ProcessSpec) => {
    expect(spec.env['ATTRACTOR_STAGE_DIR']).toBe('/runs/test/tool');
    await store.writeStageFile('tool', 'status.json', content);
    return typeof rest === 'function' ? rest(spec) : rest;
  };
}

describe('ToolHandler: configuration errors', () => {
  it.each<Record<string, string>>([{}, { tool_command: '' }, { tool_command: '   ' }])(
    'fails without running for tool_command %p',
    async (attrs) => {
      const { outcome, runner } = await runTool(attrs);
      expect(outcome).toEqual({
        status: 'fail',
        failureReason: `No tool_command specified for tool node 'tool'. Add tool_command="...".`,
        retryable: false
      });
      expect(runner.specs).toHaveLength(0);
    }
  );

  it.each([
    ['output_limit', 'lots', 'is not a byte size'],
    ['output_limit', '0', 'is not a byte size'],
    ['timeout', 'soon', 'is not a positive duration'],
    ['timeout', '0s', 'is not a positive duration'],
    ['working_dir', '/etc', 'an absolute path'],
    ['working_dir', '..', 'leaves the workdir'],
    ['working_dir', '../sibling', 'leaves the workdir'],
    ['working_dir', 'a/../../x', 'leaves the workdir']
  ])('%s="%s" is a terminal FAIL (%s) and nothing runs', async (key, value, message) => {
    const { outcome, runner } = await runTool({ tool_command: 'true', [key]: value });
    expect(outcome.status).toBe('fail');
    expect(outcome.retryable).toBe(false);
    expect(outcome.failureReason).toContain(`'tool'`);
    expect(outcome.failureReason).toContain(`${key}="${value}"`);
    expect(outcome.failureReason).toContain(message);
    expect(runner.specs).toHaveLength(0);
  });
});

describe('ToolHandler: the process spec', () => {
  it('runs in the workdir with output files in the stage dir and the default limit', async () => {
    const { runner } = await runTool({ tool_command: 'make test' });
    const spec = runner.spec(0);
    expect(spec).toMatchObject({
      command: 'make test',
      cwd: WORKDIR,
      tailBytes: 65536,
      stdoutFile: '/runs/test/tool/stdout.log',
      stderrFile: '/runs/test/tool/stderr.log'
    });
    expect(spec.timeoutMs).toBeUndefined();
    expect(spec.stdin).toBeUndefined();
  });

  it.each([
    ['sub', `${WORKDIR}/sub`],
    ['./a/b/', `${WORKDIR}/a/b`],
    ['a/../b', `${WORKDIR}/b`],
    ['.', WORKDIR]
  ])('working_dir=%p runs in %p', async (dir, cwd) => {
    const { runner } = await runTool({ tool_command: 'pwd', working_dir: dir });
    expect(runner.spec(0).cwd).toBe(cwd);
  });

  it.each([
    ['65536', 65536],
    ['64KB', 65536],
    ['64kb', 65536],
    ['256KiB', 262144],
    ['1MB', 1048576],
    ['2m', 2097152],
    ['100 B', 100],
    ['1GB', 1073741824],
    ['1.5MB', undefined],
    ['-1', undefined],
    ['MB', undefined],
    ['ten', undefined]
  ])('parseByteSize(%p) = %p', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it('passes output_limit as tailBytes and clamps huge limits with a note', async () => {
    expect(
      (await runTool({ tool_command: 'x', output_limit: '1MB' })).runner.spec(0).tailBytes
    ).toBe(1048576);
    const clamped = await runTool({ tool_command: 'x', output_limit: '1GB' });
    expect(clamped.runner.spec(0).tailBytes).toBe(MAX_OUTPUT_LIMIT);
    expect(clamped.outcome.notes).toContain(`output_limit clamped to ${MAX_OUTPUT_LIMIT} bytes`);
  });

  it('removes a stale status.json before running', async () => {
    const store = new MemoryRunStore();
    await store.writeStageFile('tool', 'status.json', '{"outcome":"fail"}');
    const seen: (string | undefined)[] = [];
    const { outcome } = await runTool(
      { tool_command: 'true' },
      [async () => (seen.push(await store.readStageFile('tool', 'status.json')), {})],
      { store }
    );
    expect(seen).toEqual([undefined]);
    expect(outcome.status).toBe('success');
  });
});

describe('ToolHandler: outcomes from exit status', () => {
  it.each([
    [{ exitCode: 0 }, { status: 'success', notes: 'Tool completed: exit 0' }],
    [
      { exitCode: 7, stderr: tailOf('warning: x\nboom happened\n\n') },
      { status: 'fail', failureReason: 'exit code 7: boom happened' }
    ],
    [{ exitCode: 2 }, { status: 'fail', failureReason: 'exit code 2' }],
    [
      { exitCode: null, signal: 'SIGKILL' },
      { status: 'fail', failureReason: 'killed by signal SIGKILL' }
    ],
    [
      { exitCode: null, spawnError: "working directory '/x' does not exist" },
      {
        status: 'fail',
        failureReason: "could not start the tool command: working directory '/x' does not exist",
        retryable: false
      }
    ]
  ])('%p → %p', async (result, expected) => {
    const { outcome } = await runTool({ tool_command: 'x' }, [result]);
    expect(outcome).toMatchObject(expected);
  });

  it('records outputs in the context and tool_output.txt', async () => {
    const { outcome, store } = await runTool({ tool_command: 'x' }, [
      { exitCode: 3, stdout: tailOf('result: ok\n\n'), stderr: tailOf('err\n') }
    ]);
    expect(outcome.contextUpdates).toEqual({
      tool_stdout: 'result: ok',
      tool_stderr: 'err',
      'tool.output': 'result: ok',
      'tool.exit_code': 3
    });
    expect(store.stageFiles.get('tool/tool_output.txt')).toBe('result: ok\n\n');
  });

  it('marks truncated output and emits stage.output only for truncated streams', async () => {
    const { outcome, input } = await runTool({ tool_command: 'x' }, [
      { stdout: tailOf('tail end\n', 1048576 + 9), stderr: tailOf('short') }
    ]);
    expect(outcome.contextUpdates?.['tool_stdout']).toBe(
      '[... 1048576 earlier bytes truncated; full output in /runs/test/tool/stdout.log ...]\ntail end'
    );
    expect(outcome.contextUpdates?.['tool.output']).toBe('tail end');
    expect(outcome.contextUpdates?.['tool_stderr']).toBe('short');
    expect(input.events).toEqual([
      {
        type: 'stage.output',
        nodeId: 'tool',
        stream: 'stdout',
        tail: 'tail end\n',
        truncated: true,
        totalBytes: 1048585
      }
    ]);
  });

  it('notes an output file that could not be written', async () => {
    const { outcome } = await runTool({ tool_command: 'x' }, [
      { outputError: 'could not write /runs/test/tool/stdout.log: EACCES' }
    ]);
    expect(outcome.status).toBe('success');
    expect(outcome.notes).toBe(
      'Tool completed: exit 0; could not write /runs/test/tool/stdout.log: EACCES'
    );
  });
});

describe('ToolHandler: status.json and auto_status', () => {
  it('lets status.json decide over the exit code and merges its context updates', async () => {
    const store = new MemoryRunStore();
    const status = JSON.stringify({
      outcome: 'partial_success',
      notes: 'partial gate',
      preferred_label: 'Fix',
      context_updates: { 'review.score': 7, 'tool.exit_code': 'forged' }
    });
    const { outcome } = await runTool(
      { tool_command: 'x' },
      [writesStatus(store, status, { exitCode: 3 })],
      { store }
    );
    expect(outcome).toMatchObject({
      status: 'partial_success',
      notes: 'partial gate',
      preferredLabel: 'Fix'
    });
    expect(outcome.contextUpdates).toMatchObject({ 'review.score': 7, 'tool.exit_code': 3 });
  });

  it('describes a status.json without notes', async () => {
    const store = new MemoryRunStore();
    const { outcome } = await runTool(
      { tool_command: 'x' },
      [writesStatus(store, '{"status":"fail","failure_reason":"lint"}', { exitCode: 0 })],
      { store }
    );
    expect(outcome).toMatchObject({
      status: 'fail',
      failureReason: 'lint',
      notes: 'status.json declared fail (tool exit 0)'
    });
  });

  it.each([
    ['{"outcome": ', 'is not valid JSON'],
    ['[1,2]', 'must contain a JSON object'],
    ['{"outcome":"great"}', 'expected one of success, partial_success, retry, fail, skipped'],
    [
      '{"outcome":"success","context_updates":{"a":1,"__proto__":{"x":1}}}',
      'context_updates sets the key "__proto__", which is reserved'
    ],
    [
      '{"outcome":"success","context_updates":{"constructor":"x"}}',
      'context_updates sets the key "constructor", which is reserved'
    ],
    [
      '{"outcome":"success","context_updates":{"prototype":1}}',
      'context_updates sets the key "prototype", which is reserved'
    ]
  ])('a broken status.json %p is a terminal FAIL naming the file', async (content, message) => {
    const store = new MemoryRunStore();
    const { outcome } = await runTool({ tool_command: 'x' }, [writesStatus(store, content)], {
      store
    });
    expect(outcome.status).toBe('fail');
    expect(outcome.retryable).toBe(false);
    expect(outcome.failureReason).toContain('/runs/test/tool/status.json');
    expect(outcome.failureReason).toContain(message);
  });

  it('auto_status=true synthesizes success when no status.json was written, naming the exit code', async () => {
    const { outcome } = await runTool({ tool_command: 'exit 7', auto_status: 'true' }, [
      { exitCode: 7, stderr: tailOf('intentional failure\n') }
    ]);
    expect(outcome.status).toBe('success');
    expect(outcome.autoStatus).toBe(true);
    expect(outcome.notes).toContain('auto_status synthesized success');
    expect(outcome.notes).toContain('exit 7');
  });

  it('auto_status=true still honours a status.json the tool wrote', async () => {
    const store = new MemoryRunStore();
    const { outcome } = await runTool(
      { tool_command: 'x', auto_status: 'true' },
      [writesStatus(store, '{"outcome":"retry"}')],
      { store }
    );
    expect(outcome.status).toBe('retry');
    expect(outcome.autoStatus).toBeUndefined();
  });
});

describe('ToolHandler: timeouts and stops', () => {
  it.each([
    ['1s', 1000, 'timed out after 1s (timeout=1s); the process group was killed'],
    ['250ms', 250, 'timed out after 250ms (timeout=250ms); the process group was killed'],
    ['90', 90000, 'timed out after 1m30s (timeout=90); the process group was killed'],
    ['2m', 120000, 'timed out after 2m (timeout=2m); the process group was killed']
  ])('timeout=%p → timeoutMs %p and a routable FAIL', async (text, ms, reason) => {
    const store = new MemoryRunStore();
    const { outcome, runner } = await runTool(
      { tool_command: 'sleep 60', timeout: text },
      [
        writesStatus(store, '{"outcome":"success"}', {
          exitCode: null,
          signal: 'SIGTERM',
          timedOut: true
        })
      ],
      { store }
    );
    expect(runner.spec(0).timeoutMs).toBe(ms);
    expect(outcome.status).toBe('fail');
    expect(outcome.failureReason).toBe(reason);
    expect(outcome.retryable).toBeUndefined();
  });

  it('returns a terminal "stopped" FAIL when the run is aborted mid-command', async () => {
    const controller = new AbortController();
    const { outcome, runner } = await runTool(
      { tool_command: 'sleep 60' },
      [
        (_spec, signal) => {
          controller.abort();
          expect(signal?.aborted).toBe(true);
          return { exitCode: null, signal: 'SIGTERM', aborted: true };
        }
      ],
      { signal: controller.signal }
    );
    expect(runner.specs).toHaveLength(1);
    expect(outcome).toMatchObject({ status: 'fail', retryable: false });
    expect(outcome.failureReason).toMatch(/^stopped/);
  });

  it('runs nothing when the signal is already aborted', async () => {
    const { outcome, runner } = await runTool({ tool_command: 'x' }, [{}], {
      signal: AbortSignal.abort()
    });
    expect(runner.specs).toHaveLength(0);
    expect(outcome.failureReason).toMatch(/^stopped/);
  });
});

describe('ToolHandler: tool hooks', () => {
  const hooks = { 'tool_hooks.pre': 'pre.sh', 'tool_hooks.post': 'post.sh' };

  it('runs pre and post hooks around the command with TOOL_NAME, NODE_ID and EXIT_CODE', async () => {
    const { outcome, runner } = await runTool({ tool_command: 'echo hello', ...hooks }, [
      {},
      { exitCode: 0 },
      {}
    ]);
    expect(outcome.status).toBe('success');
    expect(runner.specs.map((s) => s.command)).toEqual(['pre.sh', 'echo hello', 'post.sh']);
    const [pre, main, post] = [runner.spec(0), runner.spec(1), runner.spec(2)];
    expect(pre.env).toMatchObject({
      TOOL_NAME: 'shell',
      NODE_ID: 'tool',
      ATTRACTOR_STAGE_DIR: '/runs/test/tool'
    });
    expect('EXIT_CODE' in pre.env).toBe(false);
    expect(JSON.parse(pre.stdin ?? '')).toEqual({
      tool_name: 'shell',
      node_id: 'tool',
      command: 'echo hello'
    });
    expect('TOOL_NAME' in main.env).toBe(false);
    expect(post.env).toMatchObject({ TOOL_NAME: 'shell', NODE_ID: 'tool', EXIT_CODE: '0' });
    expect(JSON.parse(post.stdin ?? '')).toMatchObject({ exit_code: 0, timed_out: false });
  });

  it('falls back to graph-level hooks', async () => {
    const { runner } = await runTool({ tool_command: 'main' }, [{}], { graphAttrs: hooks });
    expect(runner.specs.map((s) => s.command)).toEqual(['pre.sh', 'main', 'post.sh']);
  });

  it('node hooks override graph hooks', async () => {
    const { runner } = await runTool({ tool_command: 'main', 'tool_hooks.pre': 'mine.sh' }, [{}], {
      graphAttrs: hooks
    });
    expect(runner.specs.map((s) => s.command)).toEqual(['mine.sh', 'main', 'post.sh']);
  });

  it('a failing pre-hook skips the command', async () => {
    const { outcome, runner } = await runTool({ tool_command: 'main', ...hooks }, [
      { exitCode: 3, stderr: tailOf('denied: rm -rf\n') }
    ]);
    expect(runner.specs.map((s) => s.command)).toEqual(['pre.sh']);
    expect(outcome).toMatchObject({
      status: 'fail',
      failureReason: 'pre-hook exited 3; command skipped',
      retryable: false
    });
    expect(outcome.notes).toContain('denied: rm -rf');
  });

  it('a failing post-hook is only noted', async () => {
    const { outcome } = await runTool({ tool_command: 'main', ...hooks }, [
      {},
      { exitCode: 0 },
      { exitCode: 4, stderr: tailOf('audit log full') }
    ]);
    expect(outcome.status).toBe('success');
    expect(outcome.notes).toBe('Tool completed: exit 0; tool_hooks.post exited 4: audit log full');
  });

  it('passes the exit code of a failed command to the post-hook', async () => {
    const { outcome, runner } = await runTool({ tool_command: 'main', ...hooks }, [
      {},
      { exitCode: 9 },
      {}
    ]);
    expect(runner.spec(2).env['EXIT_CODE']).toBe('9');
    expect(outcome.failureReason).toBe('exit code 9');
  });
});
