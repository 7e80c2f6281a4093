/**
 * Attributes that come from a `node [...]`/`edge [...]` default block or a stylesheet are copied onto
 * many nodes, and the attributes of a chained edge statement (`a -> b -> c [x=1]`, or one with a subgraph
 * operand) onto every edge it expands to. A rule that checks such a value reports it once, at the place it
 * was written, not once per element that got it.
 */
import type { AttrValue } from '../graph/graph.js';
import type { SourceLocation } from '../common/source-location.js';

export class OncePerSource {
  readonly #seen = new Set<string>();

  /** True the first time the value written at this place is seen (always true for a value without a place). */
  first(key: string, value: AttrValue): boolean {
    if (value.loc === undefined) return true;
    const id = `${value.origin}\u0000${value.loc.file}\u0000${value.loc.line}\u0000${value.loc.column}\u0000${key}\u0000${value.value}`;
    if (this.#seen.has(id)) return false;
    this.#seen.add(id);
    return true;
  }
}

/** Where to point for an attribute: its own location, else the element's. */
export function attributeLocation(
  value: AttrValue | undefined,
  fallback: SourceLocation
): SourceLocation {
  return value?.loc ?? fallback;
}

/** `node 'x'`, or `the node defaults (applied to 'x')` for an inherited value. */
export function ownerPhrase(kind: 'node' | 'edge', owner: string, value: AttrValue): string {
  switch (value.origin) {
    case 'default':
      return `the ${kind} defaults (first applied to ${kind} ${owner})`;
    case 'stylesheet':
      return `the model_stylesheet (first applied to ${kind} ${owner})`;
    case 'explicit':
    case 'alias':
    case 'api':
    case 'derived':
      return `${kind} ${owner}`;
  }
}
