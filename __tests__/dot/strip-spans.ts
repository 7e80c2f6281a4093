/** Drops `span` and `file` keys so expectations show only the tree. */
export function stripSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSpans);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (key !== 'span' && key !== 'file') out[key] = stripSpans(inner);
    }
    return out;
  }
  return value;
}
