/**
 * Crash-safe file replacement: write a temp file in the same directory, fsync it, rename it over the
 * target, then fsync the directory. A reader sees the old or the new content, never a torn file.
 */
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

let counter = 0;

export async function writeFileAtomic(
  path: string,
  content: string,
  options: { fsync?: boolean } = {}
): Promise<void> {
  const fsync = options.fsync ?? true;
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${++counter}.tmp`);
  const handle = await open(tmp, 'w', 0o644);
  try {
    await handle.writeFile(content, 'utf8');
    if (fsync) await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  if (fsync) {
    const d = await open(dir, 'r');
    try {
      await d.sync();
    } catch {
      // Some filesystems do not support fsync on directories; the rename is still atomic.
    } finally {
      await d.close();
    }
  }
}
