import { RunContext } from '../../src/engine/context.js';
import type { EventPayload } from '../../src/ports/events.js';
import type { Graph, GraphNode } from '../../src/graph/graph.js';
import { makeGraph } from '../../src/graph/graph.js';
import type { EngineServices, HandlerInput } from '../../src/engine/handler.js';
import type { RunStore } from '../../src/ports/run-store.js';
import { FakeClock } from './fake-clock.js';
import { attrsOf } from './node-of.js';
import { MemoryRunStore } from '../../src/stores/memory-run-store.js';

export function graphOfNode(
  node: GraphNode,
  graphAttrs: Readonly<Record<string, string>> = {}
): Graph {
  return makeGraph({
    name: 'g',
    file: 'test.dot',
    attrs: attrsOf(graphAttrs),
    nodes: new Map([[node.id, node]]),
    edges: []
  });
}

const noEngine: EngineServices = {
  runSubgraph: () => Promise.reject(new Error('runSubgraph is not available in handler tests')),
  completeParallel: () => undefined
};

export interface TestInput extends HandlerInput {
  readonly events: EventPayload[];
  readonly runStore: RunStore;
}

/** A HandlerInput for one node, with an in-memory run store and a recorded event list. */
export function handlerInput(
  node: GraphNode,
  options: {
    graphAttrs?: Readonly<Record<string, string>>;
    context?: Readonly<Record<string, unknown>>;
    runStore?: RunStore;
    signal?: AbortSignal;
    runId?: string;
  } = {}
): TestInput {
  const events: EventPayload[] = [];
  return {
    node,
    graph: graphOfNode(node, options.graphAttrs),
    context: new RunContext(options.context ?? {}),
    runId: options.runId ?? 'run-1',
    attempt: 1,
    runStore: options.runStore ?? new MemoryRunStore(),
    clock: new FakeClock(),
    signal: options.signal ?? new AbortController().signal,
    emit: (event) => events.push(event),
    engine: noEngine,
    events
  };
}
