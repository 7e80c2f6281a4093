import type { Checkpoint } from '../ports/checkpoint.js';
import type { CheckpointStore } from '../ports/checkpoint-store.js';
/**
 * How many checkpoint files are reused in turn. A save rewrites the oldest of them, so a reader that
 * keeps `checkpoint.json` open across this many later saves could see it change under it.
 */
export declare const CHECKPOINT_SLOTS = 8;
/** Background fsyncs start at most this often (a run's end always syncs: `flush`). */
export declare const FSYNC_INTERVAL_MS = 50;
/**
 * `checkpoint.json` on disk. Each save writes a temp file and renames it over the checkpoint before
 * returning, so a killed process always leaves a complete checkpoint (the old or the new one).
 *
 * The temp files are a ring of CHECKPOINT_SLOTS files in `.checkpoint-slots/`, each a second name
 * (hard link) of one recent checkpoint: a save rewrites the oldest slot, renames it over
 * `checkpoint.json` and links the slot's name back to it. The checkpoint replaced keeps its slot name,
 * so no save creates or frees a file (inode): on ext4 without a journal a freed inode is skipped by
 * every allocation for a minute or more, so one freed inode per node made every file created later
 * in the run slower (decision 0006). The slots are removed when the run ends (`flush`).
 *
 * With the default `durability: 'background'`, the fsync that makes the file durable against power
 * loss runs in the background and never delays a save: while one fsync runs (or within
 * FSYNC_INTERVAL_MS of the last one), later saves only mark the file dirty, and one more fsync follows
 * (group commit). `flush()` waits until the newest
 * checkpoint is synced. `'sync'` fsyncs before each save returns; `'none'` never fsyncs.
 */
export declare class FsCheckpointStore implements CheckpointStore {
    #private;
    readonly path: string;
    private readonly options;
    constructor(path: string, options?: {
        durability?: 'background' | 'sync' | 'none';
    });
    save(serialized: string): Promise<void>;
    flush(): Promise<void>;
    load(): Promise<Checkpoint | undefined>;
}
