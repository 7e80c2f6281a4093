import { randomBytes } from 'node:crypto';

/** 12 hex characters (6 random bytes), like Tracker's run IDs. */
export function newRunId(): string {
  return randomBytes(6).toString('hex');
}
