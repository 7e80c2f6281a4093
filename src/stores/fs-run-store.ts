import { appendFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { RunStore } from '../ports/run-store.js';
import { writeFileAtomic } from './atomic-write.js';

const SAFE_SEGMENT = /^[^/\\\0]+$/;

function segment(name: string, what: string): string {
  if (!SAFE_SEGMENT.test(name) || name === '.' || name === '..') {
    throw new Error(`Unsafe ${what} '${name}' for a run directory path`);
  }
  return name;
}

/** The run directory on disk: `<runDir>/<node>/…`, manifest.json, activity.jsonl. */
export class FsRunStore implements RunStore {
  readonly runDir: string;
  readonly #made = new Set<string>();

  constructor(runDir: string) {
    this.runDir = resolve(runDir);
  }

  stageDir(nodeId: string): string {
    return join(this.runDir, segment(nodeId, 'node id'));
  }

  async #mkdir(dir: string): Promise<string> {
    if (!this.#made.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.#made.add(dir);
    }
    return dir;
  }

  ensureStageDir(nodeId: string): Promise<string> {
    return this.#mkdir(this.stageDir(nodeId));
  }

  async writeStageFile(nodeId: string, name: string, content: string): Promise<void> {
    const dir = await this.ensureStageDir(nodeId);
    await writeFile(join(dir, segment(name, 'file name')), content, 'utf8');
  }

  async readStageFile(nodeId: string, name: string): Promise<string | undefined> {
    try {
      return await readFile(join(this.stageDir(nodeId), segment(name, 'file name')), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async removeStageFile(nodeId: string, name: string): Promise<void> {
    await rm(join(this.stageDir(nodeId), segment(name, 'file name')), { force: true });
  }

  async writeRunFile(name: string, content: string): Promise<void> {
    await this.#mkdir(this.runDir);
    await writeFileAtomic(join(this.runDir, segment(name, 'file name')), content, { fsync: false });
  }

  async readRunFile(name: string): Promise<string | undefined> {
    try {
      return await readFile(join(this.runDir, segment(name, 'file name')), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async appendActivity(line: string): Promise<void> {
    await this.#mkdir(this.runDir);
    await appendFile(
      join(this.runDir, 'activity.jsonl'),
      line.endsWith('\n') ? line : line + '\n',
      'utf8'
    );
  }
}
