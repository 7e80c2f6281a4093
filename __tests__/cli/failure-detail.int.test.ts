/** A failed run's stderr shows the failed stage's output tail, read by the engine's readFailureTail. */
import { describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli-harness.js';
import { makeTempDir } from '../support/temp-dir.js';

const FAILS = `digraph fails {
  start [shape=Mdiamond]
  build [shape=parallelogram, tool_command="for i in $(seq 1 12); do echo out $i; done; echo oops >&2; exit 3"]
  done [shape=Msquare]
  start -> build -> done
}`;

describe('tracker run, failed stage', () => {
  it('prints the last lines of its stderr.log, then stdout.log', async () => {
    await using dir = await makeTempDir();
    writeFileSync(join(dir.path, 'p.dot'), FAILS);
    const r = await runCli(['p.dot', '--no-tui', '--run-id', 'r1'], { cwd: dir.path });
    expect(r.code).toBe(1);
    const outLines = Array.from({ length: 10 }, (_, i) => `    │ out ${i + 3}`).join('\n');
    expect(r.stderr).toContain(
      `  last lines of build/stderr.log:\n    │ oops\n  last lines of build/stdout.log:\n${outLines}\n`
    );
    expect(r.stderr).not.toContain('│ out 2\n');
  });
});
