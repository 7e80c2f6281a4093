import { FAILURE_TAIL_BYTES } from '../engine/run-pipeline.js';
import type { FailedBranch } from '../ports/events.js';
import type { RunStore } from '../ports/run-store.js';

/** The last lines of a failed node's output files, as failure summaries show them. */
export type FailureOutput = NonNullable<FailedBranch['output']>;

const TAIL_LINES = 10;
const TAIL_FILES = ['stderr.log', 'stdout.log'] as const;

/** The last lines of `nodeId`'s stderr.log and stdout.log (the ones that hold more than white space). */
export async function readFailureOutput(store: RunStore, nodeId: string): Promise<FailureOutput> {
  const output: { file: string; lines: string[] }[] = [];
  for (const file of TAIL_FILES) {
    const text = await store
      .readStageFileTail(nodeId, file, FAILURE_TAIL_BYTES)
      .catch(() => undefined);
    if (!text || text.trim() === '') continue;
    output.push({ file, lines: text.trimEnd().split('\n').slice(-TAIL_LINES) });
  }
  return output;
}
