import type { DotLimits } from '../dot/parser.js';
import type { PreparedPipeline } from '../pipeline/prepare-pipeline.js';
export interface LoadPipelineOptions {
    /** Relative paths are resolved against it, and the file is shown relative to it when inside. */
    readonly cwd: string;
    /** Input limits raised (or lowered); the rest keep their defaults. */
    readonly limits?: Readonly<Partial<DotLimits>>;
    /** Show (and record) the file by its absolute path, not relative to `cwd`. */
    readonly absolute?: boolean;
}
export interface LoadedPipeline {
    /** The absolute path. */
    readonly path: string;
    /** The path diagnostics, checkpoints and manifests name (relative to `cwd` when inside it). */
    readonly file: string;
    readonly source: string;
    /** Of the source text; guards a resume against a changed file. Empty when the file was too large to read. */
    readonly sha256: string;
    readonly prepared: PreparedPipeline;
}
/**
 * Reads a pipeline file and prepares it (parse → transforms → validate). A file larger than `maxBytes` is
 * refused by its size, before it is read. An unreadable file is a TrackerError with code `USAGE`.
 */
export declare function loadPipeline(pipeline: string, options: LoadPipelineOptions): Promise<LoadedPipeline>;
