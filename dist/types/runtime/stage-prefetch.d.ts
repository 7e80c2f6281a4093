import type { Graph } from '../graph/graph.js';
import type { HandlerRegistry } from '../engine/registry.js';
import type { EventSink } from '../ports/event-sink.js';
import type { PipelineEvent } from '../ports/events.js';
/** Creates a stage directory, and the listed files in it, ahead of time (FsRunStore.prepareStage). */
export type PrepareStage = (nodeId: string, files?: readonly string[]) => void;
/**
 * Prepares the run directory while a stage runs (decision 0006): when a stage starts, the stage
 * directories of the nodes it can lead to are created in the background, with empty placeholders for
 * the files their handlers write first (`Handler.filesWrittenFirst`), so the next stage writes into
 * files that exist. The engine knows nothing of it: it only announces `stage.started`.
 */
export declare class StagePrefetchSink implements EventSink {
    #private;
    private readonly graph;
    private readonly registry;
    private readonly prepare;
    constructor(graph: Graph, registry: HandlerRegistry, prepare: PrepareStage);
    emit(event: PipelineEvent): void;
}
