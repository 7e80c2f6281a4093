/**
 * Crash-safe file replacement: write a temp file in the same directory, fsync it, and rename it over the
 * target. A reader — or a resumed run after the process was killed — sees the old or the new content,
 * never a torn file.
 *
 * The calls are synchronous on purpose: a checkpoint is a few kilobytes, so each call takes microseconds
 * (plus the fsync), while the asynchronous API would add a thread-pool round trip per call to every node
 * transition. The directory is not fsynced: after a power loss the rename may be lost, which leaves the
 * previous (complete) checkpoint — a resume then re-runs the last node, never a half-written state.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/** A fresh temp-file name beside `path` (same directory, so the rename stays on one filesystem). */
function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${++counter}.tmp`);
}

/**
 * Writes all of `bytes` to `fd`: at `position` onwards when given, else at the file's current position
 * (appending, for a file opened with `a`). `writeSync` may write less than asked.
 */
export function writeAllSync(fd: number, bytes: Uint8Array, position?: number): void {
  let done = 0;
  while (done < bytes.length) {
    const at = position === undefined ? null : position + done;
    done += writeSync(fd, bytes, done, bytes.length - done, at);
  }
}

export function writeFileAtomicSync(
  path: string,
  content: string,
  options: { fsync?: boolean } = {}
): void {
  const tmp = tempPathFor(path);
  const fd = openSync(tmp, 'w', 0o644);
  try {
    writeSync(fd, content);
    if (options.fsync ?? true) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}
