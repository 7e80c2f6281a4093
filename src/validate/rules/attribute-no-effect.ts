/**
 * attribute_no_effect: a known attribute that tracker will ignore where it is written. Three cases:
 * - an attribute of another dialect that tracker's engine does not implement (`fan_in_policy`, `quorum`,
 *   `parallel_targets`; marked `unsupported` in the schema), with what to write instead;
 * - a graph attribute set inside a subgraph (`subgraph s { goal="x" }`): only `label` (which derives a
 *   class) and Graphviz rendering attributes mean something there;
 * - graph-level `max_parallel` without `schedule="dependencies"`, the only scheduler that reads it.
 * Unknown keys are `unknown_attribute`'s business.
 */
import { lookupAttribute, unsupportedAttributeKeys } from '../../graph/attribute-schema.js';
import type { Graph } from '../../graph/graph.js';
import { attributeOwners } from '../attribute-owners.js';
import { diagnosticAt } from '../../common/diagnostic.js';
import type { Diagnostic } from '../../common/diagnostic.js';
import type { LintRule } from '../lint-rule.js';
import { OncePerSource, attributeLocation } from '../once-per-source.js';

/** Graph attributes that mean something inside a subgraph (besides Graphviz rendering attributes). */
const SUBGRAPH_ATTRIBUTES: ReadonlySet<string> = new Set(['label']);

const UNSUPPORTED_KEYS = {
  node: unsupportedAttributeKeys('node'),
  edge: unsupportedAttributeKeys('edge')
} as const;

function dependenciesScheduled(graph: Graph): boolean {
  return graph.attrs.get('schedule')?.value.trim() === 'dependencies';
}

export const attributeNoEffectRule: LintRule = {
  name: 'attribute_no_effect',
  apply(graph) {
    const diagnostics: Diagnostic[] = [];
    const once = new OncePerSource();
    for (const owner of attributeOwners(graph, ['graph', 'subgraph', 'node', 'edge'])) {
      // Nodes and edges can only hold an unsupported attribute: look those few keys up instead of
      // walking every attribute of every element. The graph and subgraphs are walked in full.
      const keys = owner.scope === 'graph' ? owner.attrs.keys() : UNSUPPORTED_KEYS[owner.scope];
      for (const key of keys) {
        const value = owner.attrs.get(key);
        if (value === undefined) continue;
        const entry = lookupAttribute(owner.scope, key);
        if (entry === undefined || entry.source === 'graphviz') continue;
        const written = value.writtenKey ?? key;
        let message: string | undefined;
        let fix = '';
        if (entry.unsupported !== undefined) {
          message = `${written}=${JSON.stringify(value.value)} on ${owner.describe(value)} has no effect: it is a Go Tracker attribute that tracker's engine does not implement`;
          fix = entry.unsupported;
        } else if (owner.subgraph && !SUBGRAPH_ATTRIBUTES.has(entry.key)) {
          const alsoNode = lookupAttribute('node', key) !== undefined;
          message = `graph attribute '${written}' set inside ${owner.describe(value)} has no effect: graph attributes are read only at the top level of the graph (a subgraph takes only label)`;
          fix = alsoNode
            ? `Move ${written}=… to the top level of the graph, or write node [${written}=…] inside the subgraph to set it on the subgraph's nodes.`
            : `Move ${written}=… to the top level of the graph (outside every subgraph), or remove it.`;
        } else if (
          owner.scope === 'graph' &&
          !owner.subgraph &&
          entry.key === 'max_parallel' &&
          !dependenciesScheduled(graph)
        ) {
          message = `graph attribute '${written}' has no effect without schedule="dependencies": edge-by-edge scheduling runs one node at a time`;
          fix = `Set ${written} on the parallel (shape=component) nodes to cap their branches, or add schedule="dependencies" to run independent nodes concurrently.`;
        }
        if (message === undefined || !once.first(`${owner.scope}:${key}`, value)) continue;
        diagnostics.push(
          diagnosticAt(attributeLocation(value, owner.loc), {
            rule: 'attribute_no_effect',
            severity: 'warning',
            message,
            ...owner.target,
            fix
          })
        );
      }
    }
    return diagnostics;
  }
};
