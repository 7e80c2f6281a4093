/**
 * ActionsArtifactPublisher over the real @actions/artifact against the results-service emulator, in a
 * child process (actions-client-process.ts) whose warnings go to core.warning, as in the action.
 */
import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ActionsArtifactPublisherSettings } from '../../src/adapters/actions-artifact-publisher.js';
import { startActionsEmulator, type ActionsEmulator } from '../support/actions-emulator.js';
import { runActionsClient, type DriverStep } from '../support/actions-client-process.js';
import { makeTempDir } from '../support/temp-dir.js';

const DAY = 86_400_000;

function settings(
  em: ActionsEmulator,
  overrides: Partial<ActionsArtifactPublisherSettings> = {}
): ActionsArtifactPublisherSettings {
  return {
    jobKey: 'pipeline',
    runAttempt: 1,
    serverUrl: 'https://github.com',
    repository: 'octo-org/tracker-demo',
    runId: em.env()['GITHUB_RUN_ID']!,
    ...overrides
  };
}

function runDirSteps(root: string): { dir: string; steps: DriverStep[] } {
  const dir = join(root, '.tracker/runs/r1');
  const files = {
    'checkpoint.json': '{"seq":3}',
    'manifest.json': '{"pipeline":"release"}',
    'activity.jsonl': '{"type":"stage.completed"}\n',
    'build/prompt.md': '# Build',
    'build/status.json': '{"outcome":"fail"}'
  };
  return {
    dir,
    steps: Object.entries(files).map(([name, content]) => ({
      op: 'writeFile',
      path: join(dir, name),
      content
    }))
  };
}

describe('ActionsArtifactPublisher', () => {
  it('uploads the run directory under a valid name per job and attempt, with retention, id, size and URL', async () => {
    await using em = await startActionsEmulator();
    await using ws = await makeTempDir();
    await using out = await makeTempDir();
    const { dir, steps } = runDirSteps(ws.path);
    const before = Date.now();
    const run = await runActionsClient(
      [
        ...steps,
        {
          op: 'artifactPublisher',
          settings: settings(em, { jobKey: 'build/linux: node 24', retentionDays: 7 })
        },
        { op: 'publisherPublish', runDir: dir, reason: 'failed' },
        { op: 'publisherPublish', runDir: dir, reason: 'stopped' },
        { op: 'downloadArtifact', id: 1000, path: out.path }
      ],
      { env: { ...em.env(), GITHUB_WORKSPACE: ws.path }, cwd: ws.path }
    );
    const [created, first, second, download] = run.steps.slice(steps.length);
    expect(created).toMatchObject({
      ok: true,
      value: { nextName: 'tracker-trace-build_linux_ node 24-1' }
    });
    const record = em.artifacts[0];
    expect(first).toEqual(
      expect.objectContaining({
        ok: true,
        value: {
          ok: true,
          key: 'tracker-trace-build_linux_ node 24-1',
          id: 1000,
          sizeBytes: record?.storedSize,
          url: `https://github.com/octo-org/tracker-demo/actions/runs/${em.env()['GITHUB_RUN_ID']}/artifacts/1000`,
          reason: 'failed'
        }
      })
    );
    expect(second).toMatchObject({
      ok: true,
      value: {
        ok: true,
        key: 'tracker-trace-build_linux_ node 24-1-2',
        id: 1001,
        reason: 'stopped'
      }
    });
    expect(Math.round(((record?.expiresAt ?? 0) - before) / DAY)).toBe(7);
    expect(download).toMatchObject({ ok: true, value: { digestMismatch: false } });
    expect(await readFile(join(out.path, 'build/status.json'), 'utf8')).toBe('{"outcome":"fail"}');
    expect(await readFile(join(out.path, 'checkpoint.json'), 'utf8')).toBe('{"seq":3}');
    expect(run.steps.flatMap((s) => s.log.warnings)).toEqual([]);
  }, 90_000);

  it('warns (once) instead of failing: a name another job took, an empty or missing run dir, a hung service, no service', async () => {
    await using em = await startActionsEmulator();
    await using ws = await makeTempDir();
    await using empty = await makeTempDir();
    const { dir, steps } = runDirSteps(ws.path);
    const publish: DriverStep = { op: 'publisherPublish', runDir: dir, reason: 'failed' };
    em.inject('CreateArtifact', { kind: 'hang' }, { after: 2, times: 1 });
    const run = await runActionsClient(
      [
        ...steps,
        { op: 'artifactPublisher', settings: settings(em) },
        publish,
        { op: 'env', set: { ACTIONS_RUNTIME_TOKEN: em.token({ jobBackendId: 'other-job' }) } },
        { op: 'artifactPublisher', settings: settings(em) },
        publish,
        { op: 'publisherPublish', runDir: empty.path, reason: 'failed' },
        { op: 'publisherPublish', runDir: join(empty.path, 'missing'), reason: 'failed' },
        // a short timeout only where the service hangs: a busy machine may take longer to zip
        { op: 'artifactPublisher', settings: settings(em, { jobKey: 'hung', timeoutMs: 500 }) },
        publish,
        { op: 'artifactPublisher', settings: settings(em, { jobKey: 'offline' }) },
        { op: 'env', set: { ACTIONS_RESULTS_URL: null } },
        publish
      ],
      { env: { ...em.env(), GITHUB_WORKSPACE: ws.path }, cwd: ws.path }
    );
    const after = run.steps.slice(steps.length);
    const warned = (i: number) => after[i]?.log.warnings;
    expect(after[1]).toMatchObject({ ok: true, value: { ok: true, id: 1000 } });
    expect(after[4]).toMatchObject({
      ok: true,
      value: { ok: false, key: 'tracker-trace-pipeline-1' }
    });
    expect(warned(4)).toEqual([
      'The trace artifact tracker-trace-pipeline-1 was not uploaded: Failed to CreateArtifact: Received non-retryable error: Failed request: (409) Conflict: an artifact with this name already exists on the workflow run. Another job or attempt of this workflow run already uploaded an artifact with this name; give each job its own artifact-name.'
    ]);
    expect(warned(5)).toEqual([
      `The trace artifact tracker-trace-pipeline-1-2 was not uploaded: ${empty.path} holds no files.`
    ]);
    expect(warned(6)).toEqual([
      expect.stringMatching(
        /^The trace artifact tracker-trace-pipeline-1-3 was not uploaded: ENOENT/
      )
    ]);
    expect(warned(8)).toEqual([
      'The trace artifact tracker-trace-hung-1 was not uploaded: the artifact service did not finish within 0.5 s.'
    ]);
    expect(warned(11)).toEqual([
      'The trace artifact tracker-trace-offline-1 was not uploaded: Unable to get the ACTIONS_RESULTS_URL env variable.'
    ]);
    expect(run.steps.every((s) => s.ok)).toBe(true);
  }, 90_000);
});
