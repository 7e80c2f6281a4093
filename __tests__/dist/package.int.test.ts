/**
 * The package as a user gets it: `npm pack`, installed offline into a fresh project (so a runtime
 * dependency would fail the install), used from plain Node ESM and from TypeScript through its
 * `exports`, and its `tracker` bin run with `npx`. It packs the committed dist/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { makeTempDir, type TempDir } from '../support/temp-dir.js';

const root = resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};
const run = promisify(execFile);

let work: TempDir;
let project: string;
/** npm with its own empty cache: nothing can come from the user's cache or the network. */
let npmEnv: NodeJS.ProcessEnv;
let packed: { files: { path: string }[] };

async function npm(args: string[], cwd: string, command = 'npm'): Promise<string> {
  const { stdout } = await run(command, args, { cwd, env: npmEnv, maxBuffer: 16 * 2 ** 20 });
  return stdout;
}

beforeAll(async () => {
  work = await makeTempDir('tracker-pack-');
  project = join(work.path, 'project');
  npmEnv = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: work.path,
    npm_config_cache: join(work.path, 'npm-cache'),
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false'
  };
  const [info] = JSON.parse(
    await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work.path], root)
  ) as [{ filename: string; files: { path: string }[] }];
  packed = info;
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' })
  );
  await npm(['install', join(work.path, info.filename)], project);
}, 120_000);

afterAll(async () => {
  await work[Symbol.asyncDispose]();
});

describe(`the ${manifest.name} package`, () => {
  it('ships the bundles, the declarations and action.yml, not src/', () => {
    const files = packed.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'action.yml',
        'dist/lib.js',
        'dist/types/index.d.ts',
        'dist/cli.js',
        'dist/index.js',
        'dist/process-server.js'
      ])
    );
    expect(files.filter((f) => !f.startsWith('dist/') && f.includes('/'))).toEqual([]);
  });

  it('installs with no dependencies', () => {
    const installed = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, unknown>;
    };
    expect(Object.keys(installed.packages).sort()).toEqual(['', `node_modules/${manifest.name}`]);
  });

  it('runs a pipeline with a custom handler from plain Node ESM', async () => {
    writeFileSync(
      join(project, 'consumer.mjs'),
      `import {
  createBuiltinRegistry, createProcessRunner, locateProcessServer, preparePipeline, runPipeline,
  AutoApproveInterviewer, MemoryCheckpointStore, MemoryRunStore, systemClock
} from '${manifest.name}';

class ShoutHandler {
  async execute(input) {
    const text = input.node.attrs.get('text')?.value ?? '';
    return { status: 'success', contextUpdates: { 'shout.text': text.toUpperCase() } };
  }
}

const source = \`digraph p {
  start [shape=Mdiamond]; done [shape=Msquare]
  shout [type="shout", text="hello"]
  echo [shape=parallelogram, tool_command="echo from-a-tool"]
  start -> shout -> echo -> done
}\`;
const prepared = preparePipeline(source, {
  file: 'p.dot',
  knownHandlerTypes: ['start', 'exit', 'tool', 'shout']
});
if (!prepared.ok) throw new Error(JSON.stringify(prepared.diagnostics));
const processRunner = createProcessRunner();
const registry = createBuiltinRegistry({
  processRunner,
  interviewer: new AutoApproveInterviewer(),
  workdir: process.cwd(),
  env: { PATH: process.env.PATH },
  clock: systemClock
}).register('shout', new ShoutHandler());
const result = await runPipeline(prepared.graph, {
  registry,
  clock: systemClock,
  random: Math.random,
  runId: 'consumer0001',
  runStore: new MemoryRunStore(),
  checkpointStore: new MemoryCheckpointStore(),
  events: { emit: () => undefined },
  pipeline: { name: 'p', file: 'p.dot', sha256: '' }
});
await processRunner.close();
console.log(JSON.stringify({
  status: result.status,
  completed: result.completedNodes,
  shouted: result.checkpoint.context['shout.text'],
  helper: locateProcessServer()?.entry
}));
`
    );
    const { stdout } = await run(process.execPath, ['consumer.mjs'], { cwd: project });
    expect(JSON.parse(stdout)).toEqual({
      status: 'success',
      completed: ['start', 'shout', 'echo', 'done'],
      shouted: 'HELLO',
      helper: join(project, 'node_modules', manifest.name, 'dist/process-server.js')
    });
  }, 60_000);

  it('type-checks a TypeScript consumer against its declarations', async () => {
    writeFileSync(
      join(project, 'consumer.ts'),
      `import { HandlerRegistry, preparePipeline } from '${manifest.name}';
import type { Handler, HandlerInput, Outcome, PreparedPipeline } from '${manifest.name}';

class Noop implements Handler {
  async execute(input: HandlerInput): Promise<Outcome> {
    // Probes that the declarations several imports deep arrived (a missing one would be \`any\`):
    // @ts-expect-error: a node id is a string
    const id: number = input.node.id;
    // @ts-expect-error: a context view has no set()
    input.context.set('x', id);
    return { status: 'success', notes: input.node.id };
  }
}
export const registry: HandlerRegistry = new HandlerRegistry().register('noop', new Noop());
export const prepared: PreparedPipeline = preparePipeline('digraph { a -> b }', { file: 'x.dot' });
export const ok: boolean = prepared.ok;
// @ts-expect-error: an outcome's status is one of the StageStatus strings
export const wrong: Outcome = { status: 'great' };
`
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          noEmit: true,
          // The declarations come from tsc and checked code; what can break is how they are shipped
          // and resolved, which the probes above show. Checking @types/node would triple the time.
          skipLibCheck: true,
          types: ['node'],
          typeRoots: [join(root, 'node_modules/@types')]
        },
        files: ['consumer.ts']
      })
    );
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project }).then(
      () => 'ok',
      (error: { stdout?: string }) => String(error.stdout)
    );
    expect(result).toBe('ok');
  }, 60_000);

  it('runs its tracker bin with npx', async () => {
    writeFileSync(
      join(project, 'hello.dot'),
      'digraph hello { start [shape=Mdiamond]; done [shape=Msquare]; hi [shape=parallelogram, tool_command="echo hi"]; start -> hi -> done }'
    );
    // --no: fail rather than fetch when the bin is not installed here; `--` keeps npx's own
    // --version from answering.
    expect((await npm(['--no', '--', 'tracker', '--version'], project, 'npx')).trim()).toBe(
      `tracker ${manifest.version}`
    );
    const out = await npm(['--no', '--', 'tracker', 'hello.dot', '--no-tui'], project, 'npx');
    expect(out).toContain('Pipeline succeeded');
  }, 60_000);
});
