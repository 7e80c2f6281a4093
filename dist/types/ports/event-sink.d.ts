import type { PipelineEvent } from './events.js';
/** Receives every engine event. Console output, NDJSON, activity.jsonl and the TUI are renderings of these. */
export interface EventSink {
    emit(event: PipelineEvent): void;
}
