/**
 * The real @actions/artifact 6 (DefaultArtifactClient, artifact service v4) against the loopback
 * results-service emulator, in a child process per scenario (actions-client-process.ts). These pin what the
 * trace publisher relies on: ids, sizes and digests, retention, run-wide unique names, and failures.
 */
import { describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startActionsEmulator } from '../support/actions-emulator.js';
import { runActionsClient } from '../support/actions-client-process.js';
import { makeTempDir } from '../support/temp-dir.js';

const DAY = 86_400_000;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

async function writeRunDir(root: string): Promise<string[]> {
  const dir = join(root, '.tracker/runs/r1');
  await mkdir(join(dir, 'build'), { recursive: true });
  const files = {
    'checkpoint.json': '{"seq":4}',
    'activity.jsonl': '{"type":"pipeline.started"}\n',
    // incompressible and over 8 MiB, so the zip goes up as two blocks, staged concurrently
    'build/output.bin': randomBytes(9 * 1024 * 1024)
  };
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return Object.keys(files).map((name) => join(dir, name));
}

describe('@actions/artifact against the emulator', () => {
  it('uploads with retention days, lists, downloads byte-identical, deletes', async () => {
    await using em = await startActionsEmulator();
    await using ws = await makeTempDir();
    await using out = await makeTempDir();
    const files = await writeRunDir(ws.path);
    const root = join(ws.path, '.tracker/runs/r1');
    const before = Date.now();
    const run = await runActionsClient(
      [
        { op: 'uploadArtifact', name: 'tracker-trace-pipeline-1', files, root, retentionDays: 3 },
        { op: 'listArtifacts' },
        { op: 'downloadArtifact', id: 1000, path: out.path },
        { op: 'deleteArtifact', name: 'tracker-trace-pipeline-1' },
        { op: 'listArtifacts' },
        { op: 'downloadArtifact', id: 1000, path: out.path }
      ],
      { env: { ...em.env(), GITHUB_WORKSPACE: ws.path }, cwd: ws.path }
    );
    const [upload, listed, download, deleted, empty, gone] = run.steps;
    expect(upload).toMatchObject({ ok: true, value: { id: 1000 } });
    const uploaded = (upload as { value: { size: number; digest: string } }).value;
    const record = em.artifacts[0];
    expect(uploaded.size).toBeGreaterThan(9 * 1024 * 1024);
    expect(record).toMatchObject({
      size: uploaded.size,
      storedSize: uploaded.size,
      digest: `sha256:${uploaded.digest}`,
      deleted: true
    });
    expect(em.requestsTo('CreateArtifact')[0]?.body).toMatchObject({
      workflow_run_backend_id: em.runBackendId,
      name: 'tracker-trace-pipeline-1',
      version: 7,
      mime_type: 'application/zip'
    });
    expect(Math.round(((record?.expiresAt ?? 0) - before) / DAY)).toBe(3);
    expect(em.requestsTo('blob:put-block')).toHaveLength(2);
    expect(em.requestsTo('blob:put-block-list')[0]?.headers['x-ms-blob-content-type']).toBe(
      'application/zip'
    );
    expect(listed).toMatchObject({
      ok: true,
      value: {
        artifacts: [
          {
            name: 'tracker-trace-pipeline-1',
            id: 1000,
            size: uploaded.size,
            digest: `sha256:${uploaded.digest}`
          }
        ]
      }
    });
    expect(download).toMatchObject({
      ok: true,
      value: { downloadPath: out.path, digestMismatch: false }
    });
    for (const file of files) {
      const copy = join(out.path, file.slice(root.length + 1));
      expect([copy, sha256(await readFile(copy))]).toEqual([copy, sha256(await readFile(file))]);
    }
    expect(deleted).toMatchObject({ ok: true, value: { id: 1000 } });
    expect(empty).toMatchObject({ ok: true, value: { artifacts: [] } });
    expect(gone).toMatchObject({ ok: false, error: { name: 'ArtifactNotFoundError' } });
  }, 90_000);

  it('throws on a name already used in the run (409, other job too), on an invalid name; caps retention', async () => {
    await using em = await startActionsEmulator({ retentionDaysCap: 2 });
    await using ws = await makeTempDir();
    const file = join(ws.path, 'checkpoint.json');
    await writeFile(file, '{}');
    const upload = (name: string, retentionDays?: number) => ({
      op: 'uploadArtifact' as const,
      name,
      files: [file],
      root: ws.path,
      ...(retentionDays !== undefined ? { retentionDays } : {})
    });
    const before = Date.now();
    const run = await runActionsClient(
      [
        upload('tracker-trace-a-1', 30),
        { op: 'env', set: { ACTIONS_RUNTIME_TOKEN: em.token({ jobBackendId: 'other-job' }) } },
        upload('tracker-trace-a-1'),
        upload('tracker/trace'),
        { op: 'listArtifacts' }
      ],
      { env: { ...em.env(), GITHUB_WORKSPACE: ws.path }, cwd: ws.path }
    );
    const [capped, , conflict, invalid, listed] = run.steps;
    expect(capped).toMatchObject({ ok: true, value: { id: 1000 } });
    expect(capped?.log.warnings).toEqual([
      'Retention days cannot be greater than the maximum allowed retention set within the repository. Using 2 instead.'
    ]);
    expect(Math.round(((em.artifacts[0]?.expiresAt ?? 0) - before) / DAY)).toBe(2);
    expect(conflict).toMatchObject({ ok: false });
    expect(conflict?.ok === false && conflict.error.message).toBe(
      'Failed to CreateArtifact: Received non-retryable error: Failed request: (409) Conflict: an artifact with this name already exists on the workflow run'
    );
    // DefaultArtifactClient returns the upload's promise from inside its try without awaiting it, so an
    // asynchronous failure skips its "Artifact upload failed" warning: the caller must report it.
    expect(conflict?.log.warnings).toEqual([]);
    expect(invalid).toMatchObject({ ok: false });
    expect(invalid?.ok === false && invalid.error.message).toMatch(
      /^The artifact name is not valid: tracker\/trace\. Contains the following character: {2}Forward slash \//
    );
    expect(em.requestsTo('CreateArtifact').map((r) => r.body?.['name'])).toEqual([
      'tracker-trace-a-1',
      'tracker-trace-a-1'
    ]);
    expect(listed).toMatchObject({
      ok: true,
      value: { artifacts: [{ name: 'tracker-trace-a-1' }] }
    });
  }, 90_000);

  it('fails a stalled blob upload after ACTIONS_ARTIFACT_UPLOAD_TIMEOUT_MS and finalizes nothing', async () => {
    await using em = await startActionsEmulator();
    await using ws = await makeTempDir();
    await writeFile(join(ws.path, 'checkpoint.json'), '{}');
    em.inject('blob:put-block', { kind: 'delay', ms: 1500 });
    const run = await runActionsClient(
      [
        {
          op: 'uploadArtifact',
          name: 'slow',
          files: [join(ws.path, 'checkpoint.json')],
          root: ws.path
        }
      ],
      {
        env: { ...em.env(), GITHUB_WORKSPACE: ws.path, ACTIONS_ARTIFACT_UPLOAD_TIMEOUT_MS: '300' },
        cwd: ws.path
      }
    );
    expect(run.steps[0]).toMatchObject({
      ok: false,
      error: { message: 'Upload progress stalled.' }
    });
    expect(em.requestsTo('FinalizeArtifact')).toEqual([]);
    expect(em.artifacts.map((a) => [a.name, a.finalized])).toEqual([['slow', false]]);
  }, 90_000);
});
