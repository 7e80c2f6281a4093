import { describe, expect, it } from '@jest/globals';
import { isSecretEnvName, parseAllowEnv } from '../../src/handlers/tool-env.js';
import { ToolHandler } from '../../src/handlers/tool.js';
import { FakeProcessRunner } from '../support/fake-process-runner.js';
import { handlerInput } from '../support/handler-input.js';
import { nodeOf } from '../support/node-of.js';
import { MemoryRunStore } from '../../src/stores/memory-run-store.js';

const WORKDIR = '/work/proj';

async function envFor(
  baseEnv: Record<string, string | undefined>,
  attrs: Record<string, string> = {},
  options: Parameters<typeof handlerInput>[1] = {}
): Promise<Readonly<Record<string, string>>> {
  const runner = new FakeProcessRunner();
  const handler = new ToolHandler({ runner, workdir: WORKDIR, baseEnv });
  const outcome = await handler.execute(
    handlerInput(nodeOf('tool', { tool_command: 'true', ...attrs }), options)
  );
  expect(outcome.status).toBe('success');
  return runner.spec(0).env;
}

describe('ToolHandler environment: secrets', () => {
  it.each([
    ['OPENAI_API_KEY', true],
    ['ANTHROPIC_API_KEY', true],
    ['GITHUB_TOKEN', true],
    ['github_token', true],
    ['ACTIONS_RUNTIME_TOKEN', true],
    ['ACTIONS_ID_TOKEN_REQUEST_TOKEN', true],
    ['NPM_TOKEN', true],
    ['DB_PASSWORD', true],
    ['MY_SECRET', true],
    ['AWS_SECRET_ACCESS_KEY', true],
    ['AWS_SESSION_TOKEN', true],
    ['DEPLOY_PRIVATE_KEY', true],
    ['TOKEN', true],
    ['GITHUB_PAT', true],
    ['gh_pat', true],
    ['MY_CREDENTIALS', true],
    ['GOOGLE_APPLICATION_CREDENTIALS', true],
    ['AZURE_CREDENTIAL', true],
    ['DB_PASSWD', true],
    ['GPG_PASSPHRASE', true],
    ['STORAGE_ACCESS_KEY', true],
    ['JWT_SIGNING_KEY', true],
    ['APP_ENCRYPTION_KEY', true],
    ['COMPAT', false],
    ['PATCH_LEVEL', false],
    ['CREDENTIALS_DIR', false],
    ['AWS_ACCESS_KEY_ID', false],
    ['PATH', false],
    ['HOME', false],
    ['GITHUB_REPOSITORY', false],
    ['ACTIONS_ID_TOKEN_REQUEST_URL', false],
    ['TOKENIZER_PATH', false],
    ['SECRETARY', false],
    ['AWS_REGION', false]
  ])('%s is a secret: %p', (name, secret) => {
    expect(isSecretEnvName(name)).toBe(secret);
  });

  it('strips secrets from the inherited environment and keeps the rest', async () => {
    const env = await envFor({
      PATH: '/bin',
      OPENAI_API_KEY: 'sk-1',
      GITHUB_TOKEN: 'ghs',
      HOME: '/home/u',
      GONE: undefined
    });
    expect(env['PATH']).toBe('/bin');
    expect(env['HOME']).toBe('/home/u');
    expect('OPENAI_API_KEY' in env).toBe(false);
    expect('GITHUB_TOKEN' in env).toBe(false);
    expect('GONE' in env).toBe(false);
  });

  it('passes secrets named in allow_env (exact names and globs, case-insensitive)', async () => {
    const env = await envFor(
      {
        OPENAI_API_KEY: 'sk-1',
        AWS_SECRET_ACCESS_KEY: 'aws',
        AWS_SESSION_TOKEN: 'sess',
        GITHUB_TOKEN: 'ghs'
      },
      { allow_env: 'openai_api_key, AWS_*' }
    );
    expect(env['OPENAI_API_KEY']).toBe('sk-1');
    expect(env['AWS_SECRET_ACCESS_KEY']).toBe('aws');
    expect(env['AWS_SESSION_TOKEN']).toBe('sess');
    expect('GITHUB_TOKEN' in env).toBe(false);
  });

  it.each(['1', 'true'])('passes everything when TRACKER_PASS_ENV=%s', async (flag) => {
    const env = await envFor({
      TRACKER_PASS_ENV: flag,
      OPENAI_API_KEY: 'sk-1',
      GITHUB_TOKEN: 'ghs'
    });
    expect(env['OPENAI_API_KEY']).toBe('sk-1');
    expect(env['GITHUB_TOKEN']).toBe('ghs');
  });

  it('still strips with TRACKER_PASS_ENV=0', async () => {
    const env = await envFor({ TRACKER_PASS_ENV: '0', OPENAI_API_KEY: 'sk-1' });
    expect('OPENAI_API_KEY' in env).toBe(false);
  });

  it.each([
    ['A,B', ['A', 'B'], ['C']],
    [' AWS_* , X ', ['AWS_KEY', 'aws_token', 'X'], ['XAWS_KEY', 'Y']],
    ['A.B', ['A.B'], ['AxB']],
    ['', [], ['A']]
  ])('allow_env=%p matches %p and not %p', (text, yes, no) => {
    const matchers = parseAllowEnv(text);
    for (const name of yes) expect(matchers.some((re) => re.test(name))).toBe(true);
    for (const name of no) expect(matchers.some((re) => re.test(name))).toBe(false);
  });
});

describe('ToolHandler environment: variables tracker sets', () => {
  it('sets the TRACKER_* and ATTRACTOR_* variables, replacing inherited values', async () => {
    const env = await envFor(
      {
        TRACKER_NODE_ID: 'spoofed',
        ATTRACTOR_STAGE_DIR: '/tmp/spoofed',
        ATTRACTOR_PROMPT_FILE: '/etc/passwd'
      },
      {},
      {
        graphAttrs: { goal: 'Build widget' },
        context: { outcome: 'fail', preferred_label: 'Retry' },
        runId: 'run-42'
      }
    );
    expect(env).toMatchObject({
      TRACKER_RUN_ID: 'run-42',
      TRACKER_RUN_DIR: '/runs/test',
      TRACKER_NODE_ID: 'tool',
      TRACKER_STAGE_DIR: '/runs/test/tool',
      TRACKER_WORKDIR: WORKDIR,
      TRACKER_CONTEXT_FILE: '/runs/test/tool/tool_context.json',
      TRACKER_OUTCOME: 'fail',
      TRACKER_PREFERRED_LABEL: 'Retry',
      TRACKER_GOAL: 'Build widget',
      ATTRACTOR_LOGS_ROOT: '/runs/test',
      ATTRACTOR_STAGE_DIR: '/runs/test/tool',
      ATTRACTOR_NODE_ID: 'tool'
    });
    expect('ATTRACTOR_PROMPT_FILE' in env).toBe(false);
  });

  it('runs the command text verbatim and passes context only through the environment', async () => {
    const runner = new FakeProcessRunner();
    const handler = new ToolHandler({ runner, workdir: WORKDIR, baseEnv: {} });
    const hostile = '$(touch /tmp/pwned); `id`';
    await handler.execute(
      handlerInput(nodeOf('tool', { tool_command: 'echo "$TRACKER_OUTCOME"' }), {
        context: { outcome: hostile, last_response: hostile },
        graphAttrs: { goal: hostile }
      })
    );
    expect(runner.spec(0).command).toBe('echo "$TRACKER_OUTCOME"');
    expect(runner.spec(0).env['TRACKER_OUTCOME']).toBe(hostile);
    expect(runner.spec(0).env['TRACKER_GOAL']).toBe(hostile);
  });

  it('writes the context snapshot to tool_context.json', async () => {
    const store = new MemoryRunStore();
    await envFor(
      {},
      {},
      { runStore: store, context: { outcome: 'success', 'human.gate.selected': 'A', n: 3 } }
    );
    const written = store.stageFiles.get('tool/tool_context.json');
    expect(written).toBeDefined();
    expect(JSON.parse(written ?? '')).toEqual({
      outcome: 'success',
      'human.gate.selected': 'A',
      n: 3
    });
  });

  it('writes the prompt ($goal expanded) to prompt.txt and points ATTRACTOR_PROMPT_FILE at it', async () => {
    const store = new MemoryRunStore();
    const env = await envFor(
      { ATTRACTOR_PROMPT_FILE: '/etc/passwd' },
      { prompt: 'Hello from prompt: $goal' },
      { runStore: store, graphAttrs: { goal: 'Build widget' } }
    );
    expect(store.stageFiles.get('tool/prompt.txt')).toBe('Hello from prompt: Build widget');
    expect(env['ATTRACTOR_PROMPT_FILE']).toBe('/runs/test/tool/prompt.txt');
  });

  it('creates the stage directory before running', async () => {
    const store = new MemoryRunStore();
    await envFor({}, {}, { runStore: store });
    expect(store.ensured).toEqual(['/runs/test/tool']);
  });
});
