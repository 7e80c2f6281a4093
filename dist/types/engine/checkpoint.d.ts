import type { Checkpoint } from '../ports/checkpoint.js';
/** Older versions this tracker still reads (migrated on load by `parseCheckpoint`). */
export declare const READABLE_CHECKPOINT_VERSIONS: readonly number[];
/**
 * Parses and checks a checkpoint document; version-1 documents are migrated to the current version.
 * Throws TrackerError('CHECKPOINT_INVALID') with the reason.
 */
export declare function parseCheckpoint(text: string): Checkpoint;
/** Compact JSON plus a newline (`jq .` pretty-prints it); RunState.serialize produces the same text. */
export declare function serializeCheckpoint(checkpoint: Checkpoint): string;
