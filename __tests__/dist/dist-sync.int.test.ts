/**
 * dist/ is committed (the action runs it directly): it must be exactly what `npm run bundle` builds from
 * src/ now, and it must run with no node_modules at all.
 */
import { describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeTempDir } from '../support/temp-dir.js';

const root = resolve(import.meta.dirname, '../..');

describe('dist', () => {
  it('is in sync with src (run `npm run bundle` and commit dist/ when this fails)', async () => {
    await using tmp = await makeTempDir();
    execFileSync(process.execPath, [join(root, 'scripts/bundle.mjs'), tmp.path], { cwd: root, stdio: 'pipe' });
    const built = readdirSync(tmp.path).sort();
    expect(readdirSync(join(root, 'dist')).sort()).toEqual(built);
    for (const name of built) {
      const fresh = readFileSync(join(tmp.path, name), 'utf8');
      const committed = readFileSync(join(root, 'dist', name), 'utf8');
      expect({ name, same: committed === fresh }).toEqual({ name, same: true });
    }
  }, 300_000);

  it('runs the CLI bundle without node_modules', async () => {
    await using tmp = await makeTempDir();
    cpSync(join(root, 'dist'), join(tmp.path, 'dist'), { recursive: true });
    cpSync(join(root, 'examples'), join(tmp.path, 'examples'), { recursive: true });
    const run = (...args: string[]) => execFileSync(process.execPath, [join(tmp.path, 'dist/cli.js'), ...args], { cwd: tmp.path, encoding: 'utf8' });
    expect(run('--version').trim()).toBe(`tracker ${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}`);
    expect(run('validate', 'examples/hello.dot')).toContain('✓ valid');
    expect(run('examples/hello.dot', '--no-tui')).toContain('Pipeline succeeded');
  }, 60_000);

  it('runs tool commands through the bundled process helper, without node_modules', async () => {
    await using tmp = await makeTempDir();
    cpSync(join(root, 'dist'), join(tmp.path, 'dist'), { recursive: true });
    // Commands start from tracker itself until the helper is ready: `who` goes round until its parent is
    // the helper.
    writeFileSync(
      join(tmp.path, 'who.dot'),
      `digraph who { start [shape=Mdiamond]; done [shape=Msquare]
        who [shape=parallelogram, max_visits=1000,
             tool_command="tr '\\\\0' ' ' < /proc/$PPID/cmdline; sleep 0.02; grep -q process-server /proc/$PPID/cmdline"]
        start -> who
        who -> who [condition="outcome=fail"]
        who -> done [condition="outcome=success"] }`
    );
    const result = spawnSync(process.execPath, [join(tmp.path, 'dist/cli.js'), 'who.dot', '--no-tui', '--run-id', 'who'], {
      cwd: tmp.path,
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '' }
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    // The command's parent is the helper, started from the bundle next to cli.js.
    const parent = readFileSync(join(tmp.path, '.tracker/runs/who/who/tool_output.txt'), 'utf8');
    expect(parent).toContain(join(tmp.path, 'dist/process-server.js'));
  }, 60_000);

  it('loads the action bundle without node_modules (it fails cleanly without inputs)', async () => {
    await using tmp = await makeTempDir();
    cpSync(join(root, 'dist'), join(tmp.path, 'dist'), { recursive: true });
    let output = '';
    try {
      execFileSync(process.execPath, [join(tmp.path, 'dist/index.js')], { cwd: tmp.path, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout);
    }
    expect(output).toContain('::error::Input required and not supplied: pipeline');
  }, 60_000);
});
