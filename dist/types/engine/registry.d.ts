/**
 * Maps handler type strings to handlers (spec §4.2): explicit `type` → shape → default (codergen).
 */
import type { GraphNode } from '../graph/graph.js';
import type { Handler } from './handler.js';
export declare class HandlerRegistry {
    #private;
    /** Registers (or replaces) the handler for a type string. */
    register(type: string, handler: Handler): this;
    has(type: string): boolean;
    get(type: string): Handler | undefined;
    types(): string[];
    setDefaultType(type: string): this;
    /** The type a node resolves to, or undefined when nothing (not even the default) is registered. */
    resolveType(node: GraphNode): string | undefined;
    resolve(node: GraphNode): Handler | undefined;
}
