/**
 * One suite for the RunArchive port, run against every implementation (today the local directory; the
 * Action's cache and artifact archives join it). Run directories here are real ones in miniature: a
 * manifest naming the pipeline and the run, a checkpoint, stage folders.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isTrackerError } from '../../src/common/errors.js';
import type { RunArchive } from '../../src/ports/run-archive.js';
import { runArchiveKey } from '../../src/ports/run-archive.js';
import { DirectoryRunArchive } from '../../src/stores/directory-run-archive.js';
import { makeTempDir } from '../support/temp-dir.js';

const SHA = 'a'.repeat(64);
const OTHER_SHA = 'b'.repeat(64);

type Factory = (root: string) => RunArchive;

/** A run directory under `root`: manifest.json, checkpoint.json (with `status`), one stage folder. */
function makeRunDir(root: string, runId: string, status: string, sha = SHA): string {
  const runDir = join(root, 'workspace/.tracker/runs', runId);
  mkdirSync(join(runDir, 'build'), { recursive: true });
  writeFileSync(
    join(runDir, 'manifest.json'),
    JSON.stringify({ name: 'p', run_id: runId, pipeline_sha256: sha })
  );
  writeFileSync(join(runDir, 'checkpoint.json'), JSON.stringify({ run_id: runId, status }));
  writeFileSync(join(runDir, 'build', 'status.json'), `{"outcome":"${status}"}`);
  return runDir;
}

const read = (dir: string, file: string): string => readFileSync(join(dir, file), 'utf8');

function describeRunArchive(name: string, create: Factory): void {
  describe(`RunArchive: ${name}`, () => {
    it('restores nothing for a key nothing was published under', async () => {
      await using dir = await makeTempDir();
      const archive = create(join(dir.path, 'archive'));
      await expect(archive.restore(runArchiveKey(SHA))).resolves.toBeUndefined();
      makeRunDir(dir.path, 'r1', 'fail');
      await archive.publish(join(dir.path, 'workspace/.tracker/runs/r1'), 'fail');
      await expect(archive.restore(runArchiveKey(OTHER_SHA))).resolves.toBeUndefined();
      await expect(archive.restore(runArchiveKey(SHA, 'r2'))).resolves.toBeUndefined();
      // A key matches whole segments only: a prefix of the hash is not the pipeline's key.
      await expect(archive.restore(SHA.slice(0, 12))).resolves.toBeUndefined();
    });

    it('files a run under its pipeline and run id, and puts it back where it was published from', async () => {
      await using dir = await makeTempDir();
      const archive = create(join(dir.path, 'archive'));
      const runDir = makeRunDir(dir.path, 'r1', 'fail');
      const published = await archive.publish(runDir, 'fail');
      expect(published.key).toBe(runArchiveKey(SHA, 'r1'));
      expect(published.location).not.toBe('');
      rmSync(join(dir.path, 'workspace'), { recursive: true });
      await expect(archive.restore(runArchiveKey(SHA, 'r1'))).resolves.toBe(runDir);
      expect(JSON.parse(read(runDir, 'checkpoint.json'))).toEqual({ run_id: 'r1', status: 'fail' });
      expect(read(runDir, 'build/status.json')).toBe('{"outcome":"fail"}');
      expect(JSON.parse(read(runDir, 'manifest.json'))).toMatchObject({ run_id: 'r1' });
    });

    it('keeps what was published: later changes to the run directory are not in it', async () => {
      await using dir = await makeTempDir();
      const archive = create(join(dir.path, 'archive'));
      const runDir = makeRunDir(dir.path, 'r1', 'stopped');
      await archive.publish(runDir, 'stopped');
      writeFileSync(join(runDir, 'checkpoint.json'), '{"changed":true}');
      rmSync(join(runDir, 'build'), { recursive: true });
      await archive.restore(runArchiveKey(SHA, 'r1'));
      expect(JSON.parse(read(runDir, 'checkpoint.json'))).toMatchObject({ status: 'stopped' });
      expect(existsSync(join(runDir, 'build/status.json'))).toBe(true);
    });

    it('restores the newest publication: of the run, and of any run of the pipeline', async () => {
      await using dir = await makeTempDir();
      const archive = create(join(dir.path, 'archive'));
      const first = makeRunDir(dir.path, 'r1', 'fail');
      await archive.publish(first, 'fail');
      writeFileSync(join(first, 'checkpoint.json'), '{"run_id":"r1","status":"success"}');
      await archive.publish(first, 'success');
      const second = makeRunDir(dir.path, 'r2', 'stopped');
      await archive.publish(second, 'stopped');
      rmSync(join(dir.path, 'workspace'), { recursive: true });

      await expect(archive.restore(runArchiveKey(SHA, 'r1'))).resolves.toBe(first);
      expect(JSON.parse(read(first, 'checkpoint.json')).status).toBe('success');
      await expect(archive.restore(runArchiveKey(SHA))).resolves.toBe(second);
      expect(JSON.parse(read(second, 'checkpoint.json')).status).toBe('stopped');
    });

    it('leaves files the directory holds that the publication does not', async () => {
      await using dir = await makeTempDir();
      const archive = create(join(dir.path, 'archive'));
      const runDir = makeRunDir(dir.path, 'r1', 'fail');
      await archive.publish(runDir, 'fail');
      writeFileSync(join(runDir, 'local-note.txt'), 'mine');
      await archive.restore(runArchiveKey(SHA, 'r1'));
      expect(read(runDir, 'local-note.txt')).toBe('mine');
    });

    it('refuses to publish a directory that is not a run directory, with code ARCHIVE', async () => {
      await using dir = await makeTempDir();
      const archive = create(join(dir.path, 'archive'));
      const notARun = join(dir.path, 'plain');
      mkdirSync(notARun);
      writeFileSync(join(notARun, 'file.txt'), 'x');
      const error: unknown = await archive.publish(notARun, 'fail').catch((e: unknown) => e);
      expect(isTrackerError(error) && error.code).toBe('ARCHIVE');
      expect(String((error as Error).message)).toContain('manifest.json');
      await expect(archive.restore(runArchiveKey(SHA))).resolves.toBeUndefined();
    });
  });
}

describeRunArchive('DirectoryRunArchive', (root) => new DirectoryRunArchive(root));

describe('DirectoryRunArchive', () => {
  it('leaves out the checkpoint slot ring of a run that is still going', async () => {
    await using dir = await makeTempDir();
    const archive = new DirectoryRunArchive(join(dir.path, 'archive'));
    const runDir = makeRunDir(dir.path, 'r1', 'running');
    mkdirSync(join(runDir, '.checkpoint-slots'));
    writeFileSync(join(runDir, '.checkpoint-slots', '0'), '{}');
    const { location } = await archive.publish(runDir, 'stopped');
    expect(existsSync(join(location, 'checkpoint.json'))).toBe(true);
    expect(existsSync(join(location, '.checkpoint-slots'))).toBe(false);
  });

  it('takes the next number when another publisher took this one', async () => {
    await using dir = await makeTempDir();
    const root = join(dir.path, 'archive');
    const runDir = makeRunDir(dir.path, 'r1', 'fail');
    const published = await Promise.all([
      new DirectoryRunArchive(root).publish(runDir, 'fail'),
      new DirectoryRunArchive(root).publish(runDir, 'fail'),
      new DirectoryRunArchive(root).publish(runDir, 'fail')
    ]);
    expect(new Set(published.map((p) => p.location)).size).toBe(3);
  });
});
