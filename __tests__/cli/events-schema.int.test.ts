/**
 * `tracker --json` prints exactly the documented event stream: every line validates against
 * docs/events.schema.json (no undocumented field, no missing required one), `seq` runs 1..n without gaps
 * per run, and the pipelines below make every event type of the schema appear at least once.
 */
import { describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PipelineEventType } from '../../src/ports/events.js';
import { runCli } from '../support/cli-harness.js';
import { makeTempDir } from '../support/temp-dir.js';

const schemaFile = fileURLToPath(new URL('../../docs/events.schema.json', import.meta.url));
const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as {
  $defs: { events: Record<string, unknown> };
};
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

/** Every type of the TypeScript union, so the schema cannot lack one (tsc fails if this misses a type). */
const EVENT_TYPES: Record<PipelineEventType, true> = {
  'pipeline.started': true,
  'pipeline.completed': true,
  'pipeline.failed': true,
  'pipeline.stopped': true,
  'stage.started': true,
  'stage.completed': true,
  'stage.retrying': true,
  'stage.output': true,
  'edge.selected': true,
  'checkpoint.saved': true,
  'gate.waiting': true,
  'gate.answered': true,
  'parallel.started': true,
  'parallel.branch_completed': true,
  'parallel.completed': true,
  'goal_gate.unsatisfied': true,
  'loop.restarted': true,
  warning: true
};

const EVERYTHING = `digraph everything {
  graph [goal="cover every event", max_restarts=1, retry_target=fix]
  start [shape=Mdiamond]
  big [shape=parallelogram, tool_command="head -c 300000 /dev/zero | tr '\\\\0' x; echo; echo oops >&2"]
  flaky [shape=parallelogram, tool_command="test -f flaky.seen || { touch flaky.seen; exit 1; }", max_retries=1, base_delay="1ms"]
  fork [shape=component]
  a [shape=parallelogram, tool_command="true"]
  b [shape=parallelogram, tool_command="echo b"]
  join [shape=tripleoctagon]
  gate [shape=hexagon, label="Ship it?"]
  restart [shape=parallelogram, tool_command="test -f restart.seen || { touch restart.seen; exit 1; }"]
  goal [shape=parallelogram, tool_command="test -f goal.seen", goal_gate=true]
  fix [shape=parallelogram, tool_command="touch goal.seen"]
  done [shape=Msquare]
  start -> big -> flaky -> fork
  fork -> a; fork -> b
  a -> join; b -> join
  join -> gate
  gate -> restart [label="[Y] Yes"]
  gate -> done [label="[N] No"]
  gate -> fix [label="[F] Fix first"]
  restart -> big [condition="outcome=fail", loop_restart=true]
  restart -> goal [condition="outcome=success"]
  goal -> done [condition="outcome=fail"]
  goal -> done [condition="outcome=success"]
  fix -> goal
}`;

const FAILS = `digraph fails {
  start [shape=Mdiamond]
  check [shape=parallelogram, tool_command="test -f ok || exit 3"]
  done [shape=Msquare]
  start -> check -> done
}`;

const SLOW = `digraph slow {
  start [shape=Mdiamond]
  wait [shape=parallelogram, tool_command="sleep 30"]
  done [shape=Msquare]
  start -> wait -> done
}`;

interface Line {
  readonly type: string;
  readonly seq: number;
  readonly [key: string]: unknown;
}

function parseLines(stdout: string): Line[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Line);
}

function expectValid(lines: readonly Line[]): void {
  const problems = lines.flatMap((line) => {
    const type = line.type;
    return validate(line) ? [] : [`${type}: ${JSON.stringify(validate.errors)}`];
  });
  expect(problems).toEqual([]);
  expect(lines.map((l) => l.seq)).toEqual(lines.map((_, i) => i + 1));
}

describe('--json event stream', () => {
  it('validates against docs/events.schema.json and covers every event type', async () => {
    await using dir = await makeTempDir();
    const seen = new Set<string>();
    const run = async (name: string, dot: string, extra: string[] = [], signal?: AbortSignal) => {
      writeFileSync(join(dir.path, name), dot);
      const result = await runCli(['run', name, '--json', '--auto-approve', ...extra], {
        cwd: dir.path,
        ...(signal ? { signal } : {})
      });
      const lines = parseLines(result.stdout);
      expectValid(lines);
      for (const line of lines) seen.add(line.type);
      return { ...result, lines };
    };

    const everything = await run('everything.dot', EVERYTHING);
    expect(everything.code).toBe(0);

    const failed = await run('fails.dot', FAILS, ['--run-id', 'fails1']);
    expect(failed.code).toBe(1);
    writeFileSync(join(dir.path, 'ok'), '');
    const resumed = await run('fails.dot', FAILS, ['-r', 'fails1']);
    expect(resumed.code).toBe(0);
    expect(resumed.lines[0]).toMatchObject({ type: 'pipeline.started', resumed: true, seq: 1 });

    const controller = new AbortController();
    const stopping = run('slow.dot', SLOW, [], controller.signal);
    setTimeout(() => controller.abort(), 300);
    expect((await stopping).code).toBe(3);

    expect([...seen].sort()).toEqual(Object.keys(EVENT_TYPES).sort());
    expect(Object.keys(schema.$defs.events).sort()).toEqual(Object.keys(EVENT_TYPES).sort());
  });

  it('rejects an event with a field the schema does not document', () => {
    const started = {
      type: 'warning',
      ts: 1,
      runId: 'r',
      seq: 1,
      message: 'm',
      extra: true
    };
    expect(validate(started)).toBe(false);
    expect(validate({ ...started, extra: undefined })).toBe(false);
    const { extra: _extra, ...documented } = started;
    expect(validate(documented)).toBe(true);
  });
});
