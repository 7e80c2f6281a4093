import { createWriteStream, mkdirSync } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { PipelineEvent } from '../engine/events.js';
import type { EventSink } from '../ports/event-sink.js';

/** Appends every event to `<runDir>/activity.jsonl` through one buffered stream. */
export class ActivityLogSink implements EventSink {
  #stream: WriteStream;

  constructor(runDir: string) {
    mkdirSync(runDir, { recursive: true });
    this.#stream = createWriteStream(join(runDir, 'activity.jsonl'), { flags: 'a' });
  }

  emit(event: PipelineEvent): void {
    this.#stream.write(JSON.stringify(event) + '\n');
  }

  /** Switches to another run directory (after a loop restart). */
  moveTo(runDir: string): void {
    this.#stream.end();
    mkdirSync(runDir, { recursive: true });
    this.#stream = createWriteStream(join(runDir, 'activity.jsonl'), { flags: 'a' });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#stream.end(() => resolve()));
  }
}
