/** Every examples/*.dot parses, validates with no errors and runs offline (simulated LLM, auto-approve). */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { preparePipeline } from '../../src/pipeline/prepare-pipeline.js';
import { runCli } from '../support/cli-harness.js';
import { makeTempDir } from '../support/temp-dir.js';

const dir = resolve(import.meta.dirname, '../../examples');
const examples = readdirSync(dir).filter((f) => f.endsWith('.dot'));

describe('examples', () => {
  it('includes the README quick-start pipeline and a few realistic ones', () => {
    expect(examples).toEqual(
      expect.arrayContaining(['hello.dot', 'build-test-deploy.dot', 'review-loop.dot'])
    );
  });

  it.each(examples)('%s validates with no errors and no warnings', (file) => {
    const prepared = preparePipeline(readFileSync(join(dir, file), 'utf8'), { file });
    expect(prepared.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it.each(examples)('%s runs to success offline', async (file) => {
    await using work = await makeTempDir();
    const r = await runCli(
      [join(dir, file), '--auto-approve', '--no-tui', '--simulate', '-w', work.path],
      { cwd: work.path }
    );
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout).toContain('✓ Pipeline succeeded');
  });
});
