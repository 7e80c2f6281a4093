import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage } from '../common/errors.js';
import type { PipelineEvent } from '../ports/events.js';
import type { EventSink } from '../ports/event-sink.js';
import { writeAllSync } from '../stores/atomic-write.js';

/**
 * Appends every event to `<runDir>/activity.jsonl`. Lines are buffered and written together, with one
 * synchronous `write`, on the next turn of the event loop (`setImmediate`): a handful of events per node
 * cost one system call instead of a thread-pool round trip each, and a killed process loses at most the
 * events of the turn it was killed in.
 */
export class ActivityLogSink implements EventSink {
  #fd: number;
  #pending: string[] = [];
  #scheduled: NodeJS.Immediate | undefined;
  #closed = false;
  /** The first failed write; `close()` reports it (a failing log must not crash the run). */
  #error: unknown;

  constructor(runDir: string) {
    this.#fd = ActivityLogSink.#open(runDir);
  }

  static #open(runDir: string): number {
    mkdirSync(runDir, { recursive: true });
    return openSync(join(runDir, 'activity.jsonl'), 'a');
  }

  emit(event: PipelineEvent): void {
    if (this.#closed) return;
    this.#pending.push(JSON.stringify(event) + '\n');
    this.#scheduled ??= setImmediate(() => this.#write());
  }

  #write(): void {
    if (this.#scheduled !== undefined) clearImmediate(this.#scheduled);
    this.#scheduled = undefined;
    if (this.#pending.length === 0) return;
    const bytes = Buffer.from(this.#pending.join(''), 'utf8');
    this.#pending = [];
    if (this.#error !== undefined) return;
    try {
      writeAllSync(this.#fd, bytes);
    } catch (error) {
      this.#error = error;
    }
  }

  /** Switches to another run directory (after a loop restart). */
  moveTo(runDir: string): void {
    this.#write();
    closeSync(this.#fd);
    this.#fd = ActivityLogSink.#open(runDir);
  }

  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    try {
      this.#write();
      closeSync(this.#fd);
    } catch (error) {
      this.#error ??= error;
    }
    const error = this.#error;
    if (error === undefined) return Promise.resolve();
    return Promise.reject(error instanceof Error ? error : new Error(errorMessage(error)));
  }
}
