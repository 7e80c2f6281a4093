/**
 * One owner per run directory: `<runDir>/.lock`, created exclusively (a complete temp file hard-linked
 * to the name, so a reader never sees a half-written lock) and removed when the run ends. It records the
 * owner's pid, the process start time (/proc/<pid>/stat field 22, where there is one), the hostname and
 * the command. A lock whose owner is gone — its pid is not alive, or is alive with another start time
 * (the pid was reused) — is stale and is taken over: a new lock is written to a temp name, renamed over
 * it, and read back. A live owner's lock refuses the run (`USAGE`).
 */
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { TrackerError } from '../common/errors.js';

export const LOCK_FILE = '.lock';

/** What `.lock` holds. */
export interface RunLockHolder {
  readonly pid: number;
  /** Field 22 of /proc/<pid>/stat (clock ticks after boot); absent where there is no /proc. */
  readonly start_time?: string;
  readonly hostname: string;
  readonly command: string;
  /** ISO time the lock was taken. */
  readonly since: string;
  /** Tells this lock from any other one taken by the same process. */
  readonly token: string;
}

export interface RunLock {
  readonly path: string;
  /** Removes the lock when it is still this one; never throws. */
  release(): void;
}

/** The start time of `pid` (field 22 of /proc/<pid>/stat), or undefined without /proc. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): RunLockHolder | undefined | 'missing' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<RunLockHolder>;
    return typeof value.pid === 'number' && typeof value.token === 'string'
      ? (value as RunLockHolder)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A holder that still runs: same host, pid alive, and (where known) the same start time. */
function holderIsLive(holder: RunLockHolder): boolean {
  // Another host's process cannot be checked from here: it counts as live.
  if (holder.hostname !== hostname()) return true;
  if (!pidAlive(holder.pid)) return false;
  if (holder.start_time === undefined) return true;
  const now = processStartTime(holder.pid);
  return now === undefined || now === holder.start_time;
}

function refusal(runDir: string, holder: RunLockHolder): TrackerError {
  const where = holder.hostname === hostname() ? '' : ` on ${holder.hostname}`;
  const stop =
    holder.hostname === hostname()
      ? `stop it with kill ${holder.pid}`
      : `stop it there, or remove ${join(runDir, LOCK_FILE)} if that process is gone`;
  return new TrackerError(
    'USAGE',
    `${runDir} is in use by process ${holder.pid}${where} (${holder.command}) since ${holder.since}. ` +
      `One process at a time may run it: wait for it, or ${stop}.`
  );
}

function writeTemp(runDir: string, holder: RunLockHolder): string {
  const temp = join(runDir, `${LOCK_FILE}.${holder.token}.tmp`);
  writeFileSync(temp, JSON.stringify(holder) + '\n', { flag: 'wx' });
  return temp;
}

/**
 * Takes the lock of `runDir` (made when missing) for this process, or throws a `USAGE` TrackerError
 * naming the live owner.
 */
export function acquireRunLock(
  runDir: string,
  options: { readonly command: string; readonly now: Date }
): RunLock {
  mkdirSync(runDir, { recursive: true });
  const path = join(runDir, LOCK_FILE);
  const startTime = processStartTime(process.pid);
  const mine: RunLockHolder = {
    pid: process.pid,
    ...(startTime === undefined ? {} : { start_time: startTime }),
    hostname: hostname(),
    command: options.command,
    since: options.now.toISOString(),
    token: randomBytes(8).toString('hex')
  };
  const lock: RunLock = {
    path,
    release: () => {
      try {
        const holder = readHolder(path);
        if (typeof holder === 'object' && holder.token === mine.token)
          rmSync(path, { force: true });
      } catch {
        // Releasing is best effort: a lock left behind is stale once this process has ended.
      }
    }
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    const temp = writeTemp(runDir, mine);
    try {
      linkSync(temp, path);
      return lock;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(temp, { force: true });
    }
    const holder = readHolder(path);
    if (holder === 'missing') continue;
    if (holder !== undefined && holderIsLive(holder)) throw refusal(runDir, holder);
    // Stale (or unreadable): take it over atomically, then check that the lock is ours.
    renameSync(writeTemp(runDir, mine), path);
    const now = readHolder(path);
    if (typeof now === 'object' && now.token === mine.token) return lock;
    if (typeof now === 'object' && holderIsLive(now)) throw refusal(runDir, now);
  }
  throw new TrackerError(
    'USAGE',
    `Could not take the lock ${path}: other processes keep taking it. Try again.`
  );
}
