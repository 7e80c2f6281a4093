/** What a handler sees of the run context (spec §5.1): read-only; changes go back as `contextUpdates`. */
export interface ContextView {
    get(key: string): unknown;
    getString(key: string, fallback?: string): string;
    has(key: string): boolean;
    keys(): IterableIterator<string>;
    /** A JSON-safe deep copy of all values. */
    snapshot(): Record<string, unknown>;
}
