/** A copy of this checkout somewhere else, for tests that must show a build does not depend on its path. */
import {
  copyFileSync,
  cpSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  symlinkSync
} from 'node:fs';
import { join } from 'node:path';

/** Generated or local-only top-level entries a build never reads. */
const SKIPPED = new Set(['.git', 'node_modules', 'dist', '.build', '.tracker', 'coverage', 'tmp']);

/**
 * Recreates `from` at `to`: files as hard links (copies where the file system cannot link), symlinks as
 * they are. The files are shared with the original, so whatever uses the tree must only read it.
 */
export function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}

/**
 * Copies the working tree at `root` (uncommitted changes included) to `to`, with its own node_modules
 * (hard-linked, so it is a real directory of the copy, as after `npm ci` there).
 */
export function copyCheckout(root: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(root)) {
    if (!SKIPPED.has(entry)) cpSync(join(root, entry), join(to, entry), { recursive: true });
  }
  linkTree(join(root, 'node_modules'), join(to, 'node_modules'));
}
