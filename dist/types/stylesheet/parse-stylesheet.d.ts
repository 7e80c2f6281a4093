import type { StyleRule } from './style-rule.js';
export interface StylesheetError {
    readonly message: string;
    /** 0-based offset into the stylesheet text. */
    readonly offset: number;
    readonly length: number;
    readonly hint?: string;
}
export type ParseStylesheetResult = {
    readonly ok: true;
    readonly rules: readonly StyleRule[];
    /** Legal but suspicious, e.g. a shape selector naming a shape no pipeline node uses. */
    readonly warnings: readonly StylesheetError[];
} | {
    readonly ok: false;
    readonly errors: readonly StylesheetError[];
};
export declare const MAX_STYLESHEET_LENGTH = 1048576;
export declare function parseStylesheet(text: string): ParseStylesheetResult;
