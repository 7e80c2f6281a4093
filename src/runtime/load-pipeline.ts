import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { errorMessage, TrackerError } from '../common/errors.js';
import { DEFAULT_DOT_LIMITS, raiseLimitHint } from '../dot/parser.js';
import type { DotLimits } from '../dot/parser.js';
import { preparePipeline } from '../pipeline/prepare-pipeline.js';
import type { PreparedPipeline } from '../pipeline/prepare-pipeline.js';
import { displayPath } from './resume-command.js';

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
export async function loadPipeline(
  pipeline: string,
  options: LoadPipelineOptions
): Promise<LoadedPipeline> {
  const path = isAbsolute(pipeline) ? pipeline : resolve(options.cwd, pipeline);
  const file = options.absolute === true ? path : displayPath(path, options.cwd);
  const oversized = oversizedPipeline(
    path,
    file,
    options.limits?.maxBytes ?? DEFAULT_DOT_LIMITS.maxBytes
  );
  if (oversized !== undefined) return { path, file, source: '', sha256: '', prepared: oversized };
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : errorMessage(error);
    throw new TrackerError('USAGE', `Cannot read pipeline '${pipeline}': ${why}.`, {
      cause: error
    });
  }
  const prepared = preparePipeline(source, {
    file,
    ...(options.limits === undefined ? {} : { limits: options.limits })
  });
  return {
    path,
    file,
    source,
    sha256: createHash('sha256').update(source).digest('hex'),
    prepared
  };
}

/** A `dot_limit` result when the file is larger than `maxBytes` (by fs.stat), else undefined. */
function oversizedPipeline(
  path: string,
  shown: string,
  maxBytes: number
): PreparedPipeline | undefined {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return undefined;
    size = stat.size;
  } catch {
    return undefined; // the read reports unreadable files
  }
  if (size <= maxBytes) return undefined;
  return {
    ok: false,
    file: shown,
    diagnostics: [
      {
        rule: 'dot_limit',
        severity: 'error',
        message: `input is ${size} bytes, over the limit of ${maxBytes} bytes; the file was not read`,
        file: shown,
        line: 1,
        column: 1,
        fix: raiseLimitHint('maxBytes', maxBytes, size)
      }
    ]
  };
}
