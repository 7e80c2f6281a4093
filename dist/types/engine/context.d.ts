/**
 * The run context (spec §5.1): a key-value store owned by the engine. Handlers read it through a
 * ContextView and change it only by returning `contextUpdates`, which keeps parallel branches isolated
 * and every change visible in the checkpoint.
 */
import type { ContextView } from '../ports/context.js';
/** Context keys refused everywhere (`--var`, status.json): they name object internals, not data. */
export declare const RESERVED_CONTEXT_KEYS: readonly string[];
export declare function isReservedContextKey(key: string): boolean;
/** Renders a context value as the condition language and prompts see it. */
export declare function contextValueToString(value: unknown): string;
export declare class RunContext implements ContextView {
    #private;
    constructor(initial?: Readonly<Record<string, unknown>> | ReadonlyMap<string, unknown>);
    get(key: string): unknown;
    getString(key: string, fallback?: string): string;
    has(key: string): boolean;
    keys(): IterableIterator<string>;
    set(key: string, value: unknown): void;
    delete(key: string): void;
    apply(updates: Readonly<Record<string, unknown>>): void;
    /** The values as one JSON object (what `JSON.stringify(this.snapshot())` gives, without the copy). */
    toJson(): string;
    snapshot(): Record<string, unknown>;
    clone(): RunContext;
}
