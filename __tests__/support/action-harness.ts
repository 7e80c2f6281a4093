/**
 * Runs the Action from source (src/action-entry.ts through tsx) in a child process, speaking
 * @actions/core's own protocol: inputs as INPUT_* variables, outputs and the job summary in files
 * (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY), log lines and annotations (`::error file=…::`) on stdout.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromSourceEnv, ROOT, TSX_LOADER } from './from-source.js';

export interface ActionRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: ReadonlyMap<string, string>;
  readonly summary: string;
}

/** `name<<delimiter\nvalue\ndelimiter` blocks, as core.setOutput writes them. */
function parseOutputs(text: string): Map<string, string> {
  const outputs = new Map<string, string>();
  const block = /^(.+?)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(block)) outputs.set(m[1] ?? '', m[3] ?? '');
  return outputs;
}

/** `inputs` by their action.yml names (`auto-approve`); `dir` is the workspace (and cwd). */
export async function runAction(
  dir: string,
  inputs: Readonly<Record<string, string>>,
  files = join(dir, '.action-files')
): Promise<ActionRun> {
  const outputFile = `${files}-output`;
  const summaryFile = `${files}-summary`;
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: Record<string, string> = {
    ...fromSourceEnv(),
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKSPACE: dir
  };
  for (const [name, value] of Object.entries(inputs))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  const child = spawn(
    process.execPath,
    ['--import', TSX_LOADER, join(ROOT, 'src/action-entry.ts')],
    { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] }
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8')
  };
}
