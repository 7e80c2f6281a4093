/**
 * A canonical DOT printer. `parseDot(printDot(ast))` gives back the same AST (ignoring spans) for every AST
 * the parser can produce from valid Graphviz-style DOT. IDs keep how they were written when that is safe
 * (`bare`, `number`, `html`, `quoted`); anything else is printed quoted, so tracker-only bare values such
 * as `summary:high` come back as the quoted string "summary:high" (same text, `kind: 'quoted'`).
 */
import type { DotGraph, IdKind } from './ast.js';
/** An attribute value to print: text plus, optionally, how it should be written. */
export interface PrintableAttrValue {
    readonly value: string;
    readonly kind?: IdKind;
}
/** Attribute maps print in iteration order. Plain strings print bare when safe, else quoted. */
export type PrintableAttrs = ReadonlyMap<string, PrintableAttrValue | string>;
export interface PrintableNode {
    readonly id: string;
    readonly attrs?: PrintableAttrs;
}
export interface PrintableEdge {
    readonly from: string;
    readonly to: string;
    readonly attrs?: PrintableAttrs;
}
/**
 * A flat graph: graph attributes, nodes, edges. `Graph` from src/graph/graph.ts fits this shape, so a built
 * graph can be printed directly (every attribute is printed explicitly, defaults included).
 */
export interface PrintableGraph {
    readonly name?: string;
    readonly strict?: boolean;
    /** Default true (`digraph`, `->`). */
    readonly directed?: boolean;
    readonly attrs?: PrintableAttrs;
    /** An array or a `Map` (its values are printed). */
    readonly nodes: {
        values(): Iterable<PrintableNode>;
    };
    readonly edges: Iterable<PrintableEdge>;
}
/** `text` as a DOT ID: bare when it is a safe bare ID that is not a keyword, otherwise quoted and escaped. */
export declare function quoteDotId(text: string): string;
/** Prints a DOT AST (or a flat `PrintableGraph`) as canonical DOT text, two-space indented, ending in a newline. */
export declare function printDot(ast: DotGraph | PrintableGraph): string;
