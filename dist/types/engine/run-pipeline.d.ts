import type { Graph } from '../graph/graph.js';
import type { RunOptions, RunResult } from './run-options.js';
export type { RunOptions, RunResult, RunStatusResult } from './run-options.js';
/** Loop restarts allowed in one run when the graph sets no `max_restarts`. */
export declare const DEFAULT_MAX_RESTARTS = 5;
export declare function runPipeline(graph: Graph, options: RunOptions): Promise<RunResult>;
