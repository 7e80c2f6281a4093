/**
 * A tool node's attributes, read and checked once (docs/tool-nodes.md): every problem is a terminal FAIL
 * the user fixes in the DOT file, with a message that says how.
 */
import { isAbsolute, join, normalize } from 'node:path';
import type { Attributes, GraphNode } from '../graph/graph.js';
import { getString, parseDurationLenient } from '../graph/values.js';

export const DEFAULT_OUTPUT_LIMIT = 64 * 1024;
/** `output_limit` values above this are clamped (each stream's tail is held in memory). */
export const MAX_OUTPUT_LIMIT = 10 * 1024 * 1024;

const BYTE_SIZE = /^(\d+)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i;
const UNIT_BYTES: Readonly<Record<string, number>> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** `65536`, `64KB`, `64KiB`, `1MB`, `256k` → bytes (K/M/G are powers of 1024). undefined when unparseable. */
export function parseByteSize(text: string): number | undefined {
  const m = BYTE_SIZE.exec(text.trim());
  if (!m?.[1]) return undefined;
  const unit = UNIT_BYTES[(m[2] ?? 'b').charAt(0).toLowerCase()] ?? 1;
  const n = Number(m[1]) * unit;
  return Number.isSafeInteger(n) ? n : undefined;
}

export interface ToolSettings {
  readonly command: string;
  /** The absolute directory the command runs in (`working_dir` inside the workdir). */
  readonly cwd: string;
  /** How much of each stream's tail is kept in memory (`output_limit`). */
  readonly tailBytes: number;
  /** `output_limit` asked for more than MAX_OUTPUT_LIMIT. */
  readonly clamped: boolean;
  readonly timeoutMs?: number;
  /** `timeout` as written, for messages. */
  readonly timeoutText?: string;
}

export type ToolSettingsResult =
  { readonly ok: false; readonly reason: string } | ({ readonly ok: true } & ToolSettings);

/** Reads `tool_command`, `output_limit`, `timeout` and `working_dir` (against `workdir`). */
export function readToolSettings(node: GraphNode, workdir: string): ToolSettingsResult {
  const command = getString(node.attrs, 'tool_command') ?? '';
  if (command.trim() === '') {
    return {
      ok: false,
      reason: `No tool_command specified for tool node '${node.id}'. Add tool_command="...".`
    };
  }

  let tailBytes = DEFAULT_OUTPUT_LIMIT;
  let clamped = false;
  const limitText = getString(node.attrs, 'output_limit');
  if (limitText !== undefined) {
    const parsed = parseByteSize(limitText);
    if (parsed === undefined || parsed <= 0) {
      return {
        ok: false,
        reason: `Tool node '${node.id}' has output_limit="${limitText}", which is not a byte size. Use a positive size like output_limit="65536", "64KB" or "1MB".`
      };
    }
    clamped = parsed > MAX_OUTPUT_LIMIT;
    tailBytes = Math.min(parsed, MAX_OUTPUT_LIMIT);
  }

  const timeoutText = getString(node.attrs, 'timeout');
  let timeoutMs: number | undefined;
  if (timeoutText !== undefined && timeoutText.trim() !== '') {
    const parsed = parseDurationLenient(timeoutText)?.ms;
    if (parsed === undefined || parsed <= 0) {
      return {
        ok: false,
        reason: `Tool node '${node.id}' has timeout="${timeoutText}", which is not a positive duration. Use a value like timeout="30s" or "5m".`
      };
    }
    timeoutMs = parsed;
  }

  let cwd = workdir;
  const workingDir = getString(node.attrs, 'working_dir');
  if (workingDir !== undefined && workingDir.trim() !== '') {
    const rel = normalize(workingDir.trim()).replace(/(.)\/+$/, '$1');
    if (isAbsolute(rel)) {
      return {
        ok: false,
        reason: `Tool node '${node.id}' has working_dir="${workingDir}", an absolute path. Use a path relative to the workdir (${workdir}).`
      };
    }
    if (rel === '..' || rel.startsWith('../')) {
      return {
        ok: false,
        reason: `Tool node '${node.id}' has working_dir="${workingDir}", which leaves the workdir (${workdir}). Use a path inside it.`
      };
    }
    cwd = join(workdir, rel);
  }
  return {
    ok: true,
    command,
    cwd,
    tailBytes,
    clamped,
    ...(timeoutMs === undefined ? {} : { timeoutMs, timeoutText: timeoutText?.trim() ?? '' })
  };
}

/** An attribute of the node, else of the graph (`tool_hooks.pre` / `tool_hooks.post`). */
export function nodeOrGraph(
  nodeAttrs: Attributes,
  graphAttrs: Attributes,
  key: string
): string | undefined {
  const own = getString(nodeAttrs, key);
  if (own !== undefined && own.trim() !== '') return own;
  const inherited = getString(graphAttrs, key);
  return inherited !== undefined && inherited.trim() !== '' ? inherited : undefined;
}
