/** Drives the run service (src/runtime/start-run.ts) in tests: a temp workspace, fakes for the ports. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AutoApproveInterviewer } from '../../src/interviewers/auto-approve.js';
import type { EventSink } from '../../src/ports/event-sink.js';
import type { PipelineEvent } from '../../src/ports/events.js';
import type { RunDependencies, RunNotice } from '../../src/runtime/run-types.js';
import { startRun } from '../../src/runtime/start-run.js';
import type { StartRunRequest, StartRunResult } from '../../src/runtime/start-run.js';
import { FakeClock } from './fake-clock.js';
import { FakeProcessRunner } from './fake-process-runner.js';

export interface ServiceRun {
  readonly result: StartRunResult;
  readonly events: PipelineEvent[];
  readonly notices: RunNotice[];
}

/** Writes `p.dot` into `dir` (when `dot` is given) and runs it with the service. */
export async function runService(
  dir: string,
  dot: string | undefined,
  request: Partial<StartRunRequest> = {},
  deps: Partial<RunDependencies> = {}
): Promise<ServiceRun> {
  if (dot !== undefined) writeFileSync(join(dir, 'p.dot'), dot);
  const events: PipelineEvent[] = [];
  const notices: RunNotice[] = [];
  const sink: EventSink = { emit: (event) => events.push(event) };
  const result = await startRun(
    { pipeline: 'p.dot', cwd: dir, env: { PATH: '/usr/bin:/bin' }, ...request },
    {
      interviewer: new AutoApproveInterviewer(),
      processRunner: new FakeProcessRunner(),
      clock: new FakeClock({ autoAdvance: true }),
      random: () => 0,
      events: [sink],
      onNotice: (notice) => notices.push(notice),
      ...deps
    }
  );
  return { result, events, notices };
}

/** Narrows a result to a finished run (fails the test with the result otherwise). */
export function finished(result: StartRunResult) {
  if (result.status === 'invalid' || result.status === 'refused')
    throw new Error(`expected a finished run, got ${JSON.stringify(result)}`);
  return result;
}
