/**
 * Context fidelity (spec §5.4): how much of the run context an LLM stage is given. Resolution: incoming
 * edge `fidelity` → node `fidelity` → graph `default_fidelity` → `compact`.
 */
import type { Graph, GraphEdge, GraphNode } from '../graph/graph.js';
import { getString } from '../graph/values.js';
import { FIDELITY_MODES } from '../graph/attribute-schema.js';
import type { FidelityMode } from '../graph/attribute-schema.js';
import { contextValueToString } from './context.js';

export type { FidelityMode };

function isFidelity(value: string | undefined): value is FidelityMode {
  return value !== undefined && (FIDELITY_MODES as readonly string[]).includes(value);
}

export function resolveFidelity(graph: Graph, node: GraphNode, incoming?: GraphEdge): FidelityMode {
  for (const candidate of [
    incoming ? getString(incoming.attrs, 'fidelity') : undefined,
    getString(node.attrs, 'fidelity'),
    getString(graph.attrs, 'default_fidelity')
  ]) {
    if (isFidelity(candidate?.trim())) return candidate.trim() as FidelityMode;
  }
  return 'compact';
}

/** Per mode: the longest value kept (characters) and how many keys at most. */
const LIMITS: Readonly<
  Record<Exclude<FidelityMode, 'full' | 'truncate'>, { chars: number; keys: number }>
> = {
  compact: { chars: 500, keys: 200 },
  'summary:low': { chars: 200, keys: 20 },
  'summary:medium': { chars: 500, keys: 60 },
  'summary:high': { chars: 1000, keys: 200 }
};

const TRUNCATE_KEYS = ['graph.goal', 'current_node'];

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 15)}… [truncated]`;
}

/**
 * The part of the context a stage sees at a fidelity. `full` passes everything; `truncate` only the goal;
 * the others drop engine bookkeeping (`internal.*`) and clip long values.
 */
export function projectContext(
  snapshot: Readonly<Record<string, unknown>>,
  mode: FidelityMode
): Record<string, unknown> {
  if (mode === 'full') return { ...snapshot };
  if (mode === 'truncate') {
    const out: Record<string, unknown> = {};
    for (const key of TRUNCATE_KEYS) if (key in snapshot) out[key] = snapshot[key];
    return out;
  }
  const limit = LIMITS[mode];
  const out: Record<string, unknown> = {};
  let count = 0;
  for (const key of Object.keys(snapshot)) {
    if (key.startsWith('internal.') || key === 'parallel.results') continue;
    if (count++ >= limit.keys) break;
    const value = snapshot[key];
    out[key] =
      typeof value === 'number' || typeof value === 'boolean'
        ? value
        : clip(contextValueToString(value), limit.chars);
  }
  return out;
}
