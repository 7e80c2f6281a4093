import type { Graph } from './graph.js';
export declare function printGraph(graph: Graph): string;
