/**
 * Class names (spec §2.10, §2.12): the comma-separated `class` attribute, and the class a subgraph label
 * derives for the nodes inside it.
 */

/**
 * The class a subgraph label derives: lower-cased, whitespace runs become `-`, every character other than
 * `[a-z0-9-]` is dropped. `"Loop A"` → `loop-a`. Undefined when nothing is left.
 */
export function deriveClass(label: string): string | undefined {
  const derived = label
    .toLowerCase()
    .trim()
    .replace(/\s+/g, '-')
    .replace(/[^a-z0-9-]/g, '');
  return derived === '' ? undefined : derived;
}

/** The names in a `class` attribute: split on commas, trimmed, empties dropped, duplicates removed. */
export function splitClasses(value: string): string[] {
  const seen = new Set<string>();
  for (const part of value.split(',')) {
    const name = part.trim();
    if (name !== '') seen.add(name);
  }
  return [...seen];
}
