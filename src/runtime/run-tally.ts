import type { EventSink } from '../ports/event-sink.js';
import type { PipelineEvent } from '../ports/events.js';
import type { StageStatus } from '../ports/outcome.js';
import type { RunTotals } from './run-types.js';

/** Counts a run's events into its RunTotals. */
export class RunTally implements EventSink {
  #startedAt: number | undefined;
  #lastAt: number | undefined;
  #durationMs: number | undefined;
  #stagesStarted = 0;
  #retries = 0;
  readonly #byStatus: Partial<Record<StageStatus, number>> = {};

  emit(event: PipelineEvent): void {
    this.#startedAt ??= event.ts;
    this.#lastAt = event.ts;
    if (event.type === 'stage.started') this.#stagesStarted++;
    else if (event.type === 'stage.retrying') this.#retries++;
    else if (event.type === 'stage.completed')
      this.#byStatus[event.status] = (this.#byStatus[event.status] ?? 0) + 1;
    else if (
      event.type === 'pipeline.completed' ||
      event.type === 'pipeline.failed' ||
      event.type === 'pipeline.stopped'
    )
      this.#durationMs = event.durationMs;
  }

  totals(): RunTotals {
    return {
      durationMs: this.#durationMs ?? (this.#lastAt ?? 0) - (this.#startedAt ?? 0),
      stagesStarted: this.#stagesStarted,
      stagesByStatus: { ...this.#byStatus },
      retries: this.#retries
    };
  }
}
