/**
 * Typed reading of attribute values (spec §2.4): integers, floats, booleans and durations.
 * Parsers return `undefined` for text that is not a value of the type; callers turn that into diagnostics.
 */
import type { Attributes, GraphNode } from './graph.js';
/**
 * The longest duration tracker accepts: 2^31-1 ms (≈ 24.8 days), the longest delay one Node timer can
 * take. `attribute_type` rejects longer durations; the system clock chains timers up to any length.
 */
export declare const MAX_DURATION_MS = 2147483647;
export declare function parseInteger(text: string): number | undefined;
export declare function parseFloatValue(text: string): number | undefined;
export declare function parseBoolean(text: string): boolean | undefined;
/**
 * A duration in milliseconds: `250ms`, `900s`, `15m`, `2h`, `1d`, and compounds such as `1h30m`.
 * A bare number is not a duration (see `parseDurationLenient`).
 */
export declare function parseDuration(text: string): number | undefined;
/** Like `parseDuration`, but a bare number counts as seconds. `unitless` tells the caller to warn. */
export declare function parseDurationLenient(text: string): {
    ms: number;
    unitless: boolean;
} | undefined;
export declare function getString(attrs: Attributes, key: string): string | undefined;
export declare function getInteger(attrs: Attributes, key: string): number | undefined;
export declare function getBoolean(attrs: Attributes, key: string): boolean | undefined;
export declare function getDurationMs(attrs: Attributes, key: string): number | undefined;
export declare function nodeShape(node: GraphNode): string;
/** Handler type: explicit `type`, else the shape's type, else `codergen` (spec §4.2). */
export declare function nodeHandlerType(node: GraphNode): string;
export declare function nodeLabel(node: GraphNode): string;
