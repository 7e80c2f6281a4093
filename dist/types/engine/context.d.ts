export interface ContextView {
    get(key: string): unknown;
    getString(key: string, fallback?: string): string;
    has(key: string): boolean;
    keys(): IterableIterator<string>;
    /** A JSON-safe deep copy of all values. */
    snapshot(): Record<string, unknown>;
}
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
