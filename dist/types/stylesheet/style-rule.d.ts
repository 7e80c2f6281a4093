/**
 * The parsed form of a `model_stylesheet` (spec §8): rules with one selector each and their declarations.
 * Offsets are 0-based UTF-16 indexes `[start, end)` within the stylesheet text.
 */
export interface StyleSpan {
    readonly start: number;
    readonly end: number;
}
/** The properties a stylesheet may set (spec §8.4). */
export declare const STYLE_PROPERTIES: readonly ["llm_model", "llm_provider", "reasoning_effort"];
export type StyleProperty = (typeof STYLE_PROPERTIES)[number];
/** Values `reasoning_effort` accepts; the same set the node attribute accepts. */
export declare const REASONING_EFFORT_VALUES: readonly string[];
/** `*`, a shape name (`box`), a class (`.code`) or a node id (`#review`). */
export type StyleSelector = {
    readonly kind: 'universal';
    readonly text: string;
    readonly span: StyleSpan;
} | {
    readonly kind: 'shape';
    readonly shape: string;
    readonly text: string;
    readonly span: StyleSpan;
} | {
    readonly kind: 'class';
    readonly className: string;
    readonly text: string;
    readonly span: StyleSpan;
} | {
    readonly kind: 'id';
    readonly nodeId: string;
    readonly text: string;
    readonly span: StyleSpan;
};
export interface StyleDeclaration {
    readonly property: StyleProperty;
    /** Decoded value (quotes removed, escapes resolved). */
    readonly value: string;
    readonly quoted: boolean;
    readonly span: StyleSpan;
    readonly valueSpan: StyleSpan;
}
/**
 * One selector and its declarations. A selector list `a, .b { … }` becomes one rule per selector, in
 * order, sharing the declarations; `order` is the rule's position (later wins at equal specificity).
 */
export interface StyleRule {
    readonly selector: StyleSelector;
    readonly declarations: readonly StyleDeclaration[];
    readonly order: number;
    /** From the first selector of its list to the closing `}`. */
    readonly span: StyleSpan;
}
