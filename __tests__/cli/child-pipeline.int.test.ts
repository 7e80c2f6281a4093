/** Manager-loop child pipelines through the CLI: resume, forwarded events, the parent's interviewer. */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli-harness.js';
import { makeTempDir } from '../support/temp-dir.js';

const PARENT = `digraph parent {
  graph [stack.child_dotfile="child.dot"]
  start [shape=Mdiamond]
  boss [shape=house, max_cycles=2000, poll_interval="20ms"]
  done [shape=Msquare]
  start -> boss -> done
}`;

/** c2 waits for the file `go`, so the test can stop the parent while the child is at c2. */
const CHILD = `digraph child {
  start [shape=Mdiamond]
  c1 [shape=parallelogram, tool_command="echo c1 >> trail.txt"]
  c2 [shape=parallelogram, tool_command="touch c2.started; while [ ! -f go ]; do sleep 0.05; done; echo c2 >> trail.txt"]
  c3 [shape=parallelogram, tool_command="echo c3 >> trail.txt"]
  done [shape=Msquare]
  start -> c1 -> c2 -> c3 -> done
}`;

const waitFor = async (file: string): Promise<void> => {
  for (let i = 0; i < 200 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 25));
  expect(existsSync(file)).toBe(true);
};

function trail(dir: string): string[] {
  return readFileSync(join(dir, 'trail.txt'), 'utf8').trim().split('\n');
}

describe('manager loop child pipelines (CLI)', () => {
  it('resumes the child from its checkpoint when the parent resumes (stopped, and killed)', async () => {
    for (const killed of [false, true]) {
      await using dir = await makeTempDir();
      writeFileSync(join(dir.path, 'parent.dot'), PARENT);
      writeFileSync(join(dir.path, 'child.dot'), CHILD);
      const controller = new AbortController();
      const stopping = waitFor(join(dir.path, 'c2.started')).then(() =>
        controller.abort(new Error('SIGINT'))
      );
      const first = await runCli(['parent.dot', '--run-id', 'p1'], {
        cwd: dir.path,
        signal: controller.signal
      });
      await stopping;
      expect(first.code).toBe(3);
      const runDir = join(dir.path, '.tracker/runs/p1');
      const childCp = join(runDir, 'boss/child/checkpoint.json');
      expect(JSON.parse(readFileSync(childCp, 'utf8'))).toMatchObject({
        completed_nodes: ['start', 'c1'],
        next_node: 'c2'
      });
      if (killed) {
        // SIGKILL leaves both checkpoints as they were at the last transition: status "running".
        for (const file of [join(runDir, 'checkpoint.json'), childCp]) {
          const cp = JSON.parse(readFileSync(file, 'utf8'));
          writeFileSync(file, JSON.stringify({ ...cp, status: 'running' }));
        }
      }
      writeFileSync(join(dir.path, 'go'), '');
      const resumed = await runCli(['-r', 'p1', 'parent.dot'], { cwd: dir.path });
      expect(resumed.code).toBe(0);
      expect(trail(dir.path)).toEqual(['c1', 'c2', 'c3']);
      expect(JSON.parse(readFileSync(childCp, 'utf8')).status).toBe('success');
    }
  }, 30_000);

  it("forwards the child's events with prefixed node ids and asks the parent's interviewer", async () => {
    await using dir = await makeTempDir();
    writeFileSync(join(dir.path, 'parent.dot'), PARENT);
    writeFileSync(
      join(dir.path, 'child.dot'),
      `digraph child { start [shape=Mdiamond]; ask [shape=hexagon, label="Deploy?"]
        yes [shape=parallelogram, tool_command="echo yes > answer.txt"]; no [shape=parallelogram, tool_command="echo no > answer.txt"]
        done [shape=Msquare]; start -> ask; ask -> yes [label="[Y] Yes"]; ask -> no [label="[N] No"]; yes -> done; no -> done }`
    );
    const r = await runCli(['parent.dot', '--run-id', 'p2'], { cwd: dir.path, stdin: 'n\n' });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir.path, 'answer.txt'), 'utf8')).toBe('no\n');
    expect(r.stdout).toContain('Deploy?');
    expect(r.stdout).toContain('→ boss/no [tool]');
    const activity = readFileSync(join(dir.path, '.tracker/runs/p2/activity.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; nodeId?: string });
    expect(activity).toContainEqual(
      expect.objectContaining({ type: 'gate.answered', nodeId: 'boss/ask' })
    );
    expect(activity).toContainEqual(
      expect.objectContaining({ type: 'stage.completed', nodeId: 'boss/no' })
    );
  });
});
