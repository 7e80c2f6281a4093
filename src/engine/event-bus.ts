/**
 * The one way events leave the engine: stamps each with the run ID, the clock's time and the next `seq`,
 * and hands it to every sink. A sink that throws is isolated — it gets no further events, the others get
 * a `warning` that names it — so a broken renderer or a full log disk never breaks a run.
 */
import { errorMessage } from '../common/errors.js';
import type { Clock } from '../ports/clock.js';
import type { EventSink } from '../ports/event-sink.js';
import type { EventPayload, PipelineEvent } from '../ports/events.js';

export interface SinkFailure {
  /** The sink's class name, or `sink #n` (its position) when it has none. */
  readonly sink: string;
  readonly message: string;
}

function sinkName(sink: EventSink, index: number): string {
  const name = (sink as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' && name !== 'Object' ? name : `sink #${index + 1}`;
}

export class EventBus {
  readonly #sinks: { readonly sink: EventSink; readonly name: string; live: boolean }[];
  readonly #clock: Clock;
  readonly #runId: () => string;
  readonly #failures: SinkFailure[] = [];
  #seq = 0;

  constructor(sinks: EventSink | readonly EventSink[], clock: Clock, runId: () => string) {
    const list = Array.isArray(sinks) ? (sinks as readonly EventSink[]) : [sinks as EventSink];
    this.#sinks = list.map((sink, i) => ({ sink, name: sinkName(sink, i), live: true }));
    this.#clock = clock;
    this.#runId = runId;
  }

  /** The sinks that threw, in order, with what they threw. */
  get failures(): readonly SinkFailure[] {
    return this.#failures;
  }

  emit(payload: EventPayload): void {
    const event = {
      ...payload,
      ts: this.#clock.now(),
      runId: this.#runId(),
      seq: ++this.#seq
    } as PipelineEvent;
    const failed: { readonly name: string; readonly error: unknown }[] = [];
    for (const entry of this.#sinks) {
      if (!entry.live) continue;
      try {
        entry.sink.emit(event);
      } catch (error) {
        entry.live = false;
        failed.push({ name: entry.name, error });
      }
    }
    // Reported after every sink has had this event, so each sees the stream in `seq` order.
    for (const { name, error } of failed) {
      this.#failures.push({ sink: name, message: errorMessage(error) });
      this.emit({
        type: 'warning',
        message: `event sink ${name} failed and gets no further events: ${errorMessage(error)}`
      });
    }
  }
}
