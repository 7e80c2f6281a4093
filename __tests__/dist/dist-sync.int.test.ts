/**
 * dist/ is committed (the action runs it directly): it must be exactly what `npm run bundle` builds from
 * src/ now, wherever the checkout lives and wherever the build is started from, and it must run with no
 * node_modules at all.
 *
 * The bundle is built once, from a copy of this checkout at another path, started from a third directory:
 * equal bytes then show both that dist/ is up to date and that the build does not depend on the path. It
 * builds in the background while the tests that run the committed dist/ go first.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { copyCheckout } from '../support/copy-checkout.js';
import { makeTempDir, type TempDir } from '../support/temp-dir.js';

const root = resolve(import.meta.dirname, '../..');

/** Every file under `dir`, as sorted paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

interface Build {
  readonly checkout: string;
  readonly out: string;
}

let work: TempDir;
let build: Promise<Build>;

beforeAll(async () => {
  work = await makeTempDir('tracker-dist-');
  const checkout = join(work.path, 'elsewhere', 'tracker');
  const out = join(work.path, 'out');
  const startedIn = join(work.path, 'cwd');
  await mkdir(startedIn);
  copyCheckout(root, checkout);
  build = new Promise((done, fail) => {
    execFile(
      process.execPath,
      [join(checkout, 'scripts/bundle.mjs'), out],
      { cwd: startedIn, maxBuffer: 16 * 2 ** 20 },
      (error, stdout, stderr) =>
        error ? fail(new Error(`bundle failed:\n${stdout}${stderr}`)) : done({ checkout, out })
    );
  });
  void build.catch(() => undefined); // reported by the test that awaits it
});

afterAll(async () => {
  await build.catch(() => undefined);
  await work[Symbol.asyncDispose]();
});

describe('dist', () => {
  it('runs the CLI bundle without node_modules', async () => {
    await using tmp = await makeTempDir();
    cpSync(join(root, 'dist'), join(tmp.path, 'dist'), { recursive: true });
    cpSync(join(root, 'examples'), join(tmp.path, 'examples'), { recursive: true });
    const run = (...args: string[]) =>
      execFileSync(process.execPath, [join(tmp.path, 'dist/cli.js'), ...args], {
        cwd: tmp.path,
        encoding: 'utf8'
      });
    expect(run('--version').trim()).toBe(
      `tracker ${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}`
    );
    expect(run('validate', 'examples/hello.dot')).toContain('✓ valid');
    expect(run('examples/hello.dot', '--no-tui')).toContain('Pipeline succeeded');
  }, 60_000);

  it('runs tool commands through the bundled process helper, without node_modules', async () => {
    await using tmp = await makeTempDir();
    cpSync(join(root, 'dist'), join(tmp.path, 'dist'), { recursive: true });
    writeFileSync(
      join(tmp.path, 'who.dot'),
      // The helper starts while the first command runs (decision 0007): 'wait' lets it come up (the
      // [r] keeps grep from finding its own command line).
      `digraph who { start [shape=Mdiamond]; done [shape=Msquare]
        wait [shape=parallelogram, tool_command="for i in $(seq 100); do grep -ls 'process-serve[r].js' /proc/[0-9]*/cmdline >/dev/null && break; sleep 0.1; done; sleep 0.5"]
        who [shape=parallelogram, tool_command="tr '\\\\0' ' ' < /proc/$PPID/cmdline"]
        start -> wait -> who -> done }`
    );
    const result = spawnSync(
      process.execPath,
      [join(tmp.path, 'dist/cli.js'), 'who.dot', '--no-tui', '--run-id', 'who'],
      {
        cwd: tmp.path,
        encoding: 'utf8',
        env: { PATH: process.env['PATH'] ?? '' }
      }
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    // Once the helper is up, a command's parent is the helper, started from the bundle next to cli.js.
    const parent = readFileSync(join(tmp.path, '.tracker/runs/who/who/tool_output.txt'), 'utf8');
    expect(parent).toContain(join(tmp.path, 'dist/process-server.js'));
  }, 60_000);

  it('loads the action bundle without node_modules (it fails cleanly without inputs)', async () => {
    await using tmp = await makeTempDir();
    cpSync(join(root, 'dist'), join(tmp.path, 'dist'), { recursive: true });
    let output = '';
    try {
      execFileSync(process.execPath, [join(tmp.path, 'dist/index.js')], {
        cwd: tmp.path,
        encoding: 'utf8',
        env: { PATH: process.env['PATH'] ?? '' }
      });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout);
    }
    expect(output).toContain('::error::Input required and not supplied: pipeline');
  }, 60_000);
  it('is in sync with src, built at another path (run `npm run bundle` and commit dist/ when this fails)', async () => {
    const { checkout, out } = await build;
    const built = filesUnder(out);
    for (const name of built.filter((n) => n.endsWith('.js'))) {
      const text = readFileSync(join(out, name), 'utf8');
      // Paths relative to a webpack context outside the checkout, or absolute ones, make dist/ depend on
      // where it was built (scripts/bundle.mjs says how it avoids them).
      expect({ name, absolute: text.includes(checkout) }).toEqual({ name, absolute: false });
      expect({ name, outside: /CONCATENATED MODULE: \.\.\//.test(text) }).toEqual({
        name,
        outside: false
      });
    }
    expect(filesUnder(join(root, 'dist'))).toEqual(built);
    for (const name of built) {
      const same = readFileSync(join(out, name)).equals(readFileSync(join(root, 'dist', name)));
      expect({ name, same }).toEqual({ name, same: true });
    }
  }, 300_000);
});
