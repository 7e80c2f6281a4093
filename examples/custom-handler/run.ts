/**
 * Runs pipeline.dot with the built-in handlers plus the custom `word_count` handler.
 *   npx tsx examples/custom-handler/run.ts [workdir]
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  AutoApproveInterviewer,
  FsCheckpointStore,
  FsRunStore,
  NodeProcessRunner,
  createBuiltinRegistry,
  formatDiagnostic,
  newRunId,
  preparePipeline,
  runPipeline,
  systemClock
} from '../../src/index.js';
import type { PipelineEvent, RunResult } from '../../src/index.js';
import { WordCountHandler } from './word-count-handler.js';

export async function runExample(
  workdir: string,
  onEvent: (e: PipelineEvent) => void = () => undefined
): Promise<RunResult> {
  const file = join(import.meta.dirname, 'pipeline.dot');
  const prepared = preparePipeline(await readFile(file, 'utf8'), {
    file,
    knownHandlerTypes: ['start', 'exit', 'codergen', 'tool', 'conditional', 'word_count']
  });
  if (!prepared.ok || !prepared.graph)
    throw new Error(prepared.diagnostics.map(formatDiagnostic).join('\n'));

  const registry = createBuiltinRegistry({
    processRunner: new NodeProcessRunner(),
    interviewer: new AutoApproveInterviewer(),
    workdir,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
    clock: systemClock
  });
  registry.register(
    'word_count',
    new WordCountHandler((path) => readFile(resolve(workdir, path), 'utf8'))
  );

  const runId = newRunId();
  const runDir = join(workdir, '.tracker', 'runs', runId);
  return runPipeline(prepared.graph, {
    registry,
    clock: systemClock,
    random: Math.random,
    runId,
    runStore: new FsRunStore(runDir),
    checkpointStore: new FsCheckpointStore(join(runDir, 'checkpoint.json')),
    events: { emit: onEvent },
    pipeline: { name: prepared.graph.name, file, sha256: '' }
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runExample(resolve(process.argv[2] ?? '.'), (e) => {
    if (e.type === 'stage.completed')
      console.log(`${e.nodeId}: ${e.status}${e.notes ? ` — ${e.notes}` : ''}`);
  });
  console.log(`pipeline ${result.status}: ${result.completedNodes.join(' -> ')}`);
  process.exitCode = result.status === 'success' ? 0 : 1;
}
