/**
 * docs/attributes.md must list every schema entry, in the section of each of its scopes, with its aliases,
 * so the reference cannot drift from src/graph/attribute-schema.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ATTRIBUTE_SCHEMA } from '../../src/graph/attribute-schema.js';
import type { AttributeScope, AttributeSpec } from '../../src/graph/attribute-schema.js';

const doc = readFileSync(join(process.cwd(), 'docs', 'attributes.md'), 'utf8');

const SECTION_TITLES: Record<Where, string> = {
  graph: '## Graph attributes',
  node: '## Node attributes',
  edge: '## Edge attributes',
  graphviz: '## Graphviz rendering attributes'
};

function section(title: string): string {
  const start = doc.indexOf(`${title}\n`);
  if (start < 0) throw new Error(`docs/attributes.md has no section '${title}'`);
  const next = doc.indexOf('\n## ', start + title.length);
  return doc.slice(start, next < 0 ? undefined : next);
}

/** The table rows of a section, by the key in their first cell. */
function rows(title: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const line of section(title).split('\n')) {
    const m = /^\| `([^`]+)` \|/.exec(line);
    if (!m?.[1]) continue;
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
    found.set(m[1], cells.slice(1, -1));
  }
  return found;
}

type Where = AttributeScope | 'graphviz';

const documented: [string, Where, AttributeSpec][] = ATTRIBUTE_SCHEMA.flatMap(
  (entry): [string, Where, AttributeSpec][] =>
    entry.source === 'graphviz'
      ? [[entry.key, 'graphviz', entry]]
      : entry.scope.map((scope): [string, Where, AttributeSpec] => [entry.key, scope, entry])
);

describe('docs/attributes.md', () => {
  it.each(documented)('lists %s in the %s section', (key, where, entry) => {
    const row = rows(SECTION_TITLES[where]).get(key);
    expect(row).toBeDefined();
    if (where === 'graphviz') {
      expect(row?.[1]).toBe(entry.scope.join(', '));
      return;
    }
    expect(row?.[1]).toContain(entry.type);
    for (const value of entry.values ?? []) expect(row?.[1]).toContain(`\`${value}\``);
    for (const alias of entry.aliases ?? []) expect(row?.[3]).toContain(`\`${alias}\``);
    if (entry.default !== undefined) expect(row?.[2]).toBe(`\`${entry.default}\``);
  });

  it('documents no attribute the schema does not have', () => {
    const known = new Set(documented.map(([key, where]) => `${where}:${key}`));
    for (const where of ['graph', 'node', 'edge', 'graphviz'] as const) {
      for (const key of rows(SECTION_TITLES[where]).keys())
        expect(known).toContain(`${where}:${key}`);
    }
  });
});
