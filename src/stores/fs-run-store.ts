import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RunStore } from '../ports/run-store.js';
import { writeFileAtomicSync } from './atomic-write.js';

const SAFE_SEGMENT = /^[^/\\\0]+$/;

/**
 * A node id as one directory name: `/`, `\`, NUL and `%` are percent-encoded, and `.`/`..` become
 * `%2E`/`%2E%2E`, so any quoted DOT id stays inside the run directory.
 */
export function stageDirName(nodeId: string): string {
  if (nodeId === '.' || nodeId === '..') return nodeId.replace(/\./g, '%2E');
  return nodeId.replace(
    /[%/\\\0]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
  );
}

function segment(name: string, what: string): string {
  if (!SAFE_SEGMENT.test(name) || name === '.' || name === '..') {
    throw new Error(`Unsafe ${what} '${name}' for a run directory path`);
  }
  return name;
}

/** Runs `fn` and turns a throw into a rejected promise (the port is asynchronous). */
function settle<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The run directory on disk: `<runDir>/<node>/…`, manifest.json, activity.jsonl. The files are small, so
 * the store uses synchronous calls (microseconds each) instead of a thread-pool round trip per file.
 */
export class FsRunStore implements RunStore {
  readonly runDir: string;
  readonly #made = new Set<string>();

  constructor(runDir: string) {
    this.runDir = resolve(runDir);
  }

  stageDir(nodeId: string): string {
    return join(this.runDir, stageDirName(nodeId));
  }

  #mkdir(dir: string): string {
    if (!this.#made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.#made.add(dir);
    }
    return dir;
  }

  ensureStageDir(nodeId: string): Promise<string> {
    return settle(() => this.#mkdir(this.stageDir(nodeId)));
  }

  writeStageFile(nodeId: string, name: string, content: string): Promise<void> {
    return settle(() =>
      writeFileSync(
        join(this.#mkdir(this.stageDir(nodeId)), segment(name, 'file name')),
        content,
        'utf8'
      )
    );
  }

  readStageFile(nodeId: string, name: string): Promise<string | undefined> {
    return settle(() => readIfExists(join(this.stageDir(nodeId), segment(name, 'file name'))));
  }

  removeStageFile(nodeId: string, name: string): Promise<void> {
    return settle(() =>
      rmSync(join(this.stageDir(nodeId), segment(name, 'file name')), { force: true })
    );
  }

  writeRunFile(name: string, content: string): Promise<void> {
    return settle(() =>
      writeFileAtomicSync(join(this.#mkdir(this.runDir), segment(name, 'file name')), content, {
        fsync: false
      })
    );
  }

  readRunFile(name: string): Promise<string | undefined> {
    return settle(() => readIfExists(join(this.runDir, segment(name, 'file name'))));
  }

  appendActivity(line: string): Promise<void> {
    return settle(() =>
      appendFileSync(
        join(this.#mkdir(this.runDir), 'activity.jsonl'),
        line.endsWith('\n') ? line : line + '\n',
        'utf8'
      )
    );
  }
}
