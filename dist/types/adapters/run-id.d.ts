/** 12 hex characters (6 random bytes), like Tracker's run IDs. */
export declare function newRunId(): string;
