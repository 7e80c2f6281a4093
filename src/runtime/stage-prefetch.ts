import type { Graph } from '../graph/graph.js';
import { outgoingEdges } from '../graph/graph.js';
import type { HandlerRegistry } from '../engine/registry.js';
import type { EventSink } from '../ports/event-sink.js';
import type { PipelineEvent } from '../ports/events.js';

/** Creates a stage directory, and the listed files in it, ahead of time (FsRunStore.prepareStage). */
export type PrepareStage = (nodeId: string, files?: readonly string[]) => void;

interface Successor {
  readonly nodeId: string;
  readonly files: readonly string[] | undefined;
}

/**
 * Prepares the run directory while a stage runs (decision 0006): when a stage starts, the stage
 * directories of the nodes it can lead to are created in the background, with empty placeholders for
 * the files their handlers write first (`Handler.filesWrittenFirst`), so the next stage writes into
 * files that exist. The engine knows nothing of it: it only announces `stage.started`.
 */
export class StagePrefetchSink implements EventSink {
  readonly #successors = new Map<string, readonly Successor[]>();

  constructor(
    private readonly graph: Graph,
    private readonly registry: HandlerRegistry,
    private readonly prepare: PrepareStage
  ) {}

  emit(event: PipelineEvent): void {
    if (event.type !== 'stage.started') return;
    for (const next of this.#next(event.nodeId)) this.prepare(next.nodeId, next.files);
  }

  #next(nodeId: string): readonly Successor[] {
    let next = this.#successors.get(nodeId);
    if (next === undefined) {
      next = outgoingEdges(this.graph, nodeId).map((edge) => {
        const node = this.graph.nodes.get(edge.to);
        return {
          nodeId: edge.to,
          files: node ? this.registry.resolve(node)?.filesWrittenFirst : undefined
        };
      });
      this.#successors.set(nodeId, next);
    }
    return next;
  }
}
