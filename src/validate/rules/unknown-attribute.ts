/**
 * unknown_attribute: an attribute key that tracker does not know in its scope (graph, node or edge) is
 * ignored, which is almost always a typo (`promt`, `max_retry`) or an attribute on the wrong element
 * (`condition` on a node). Graphviz rendering attributes and the older dialects' names are known.
 * Graph attributes used as template variables (`$name`, `${graph.name}`) or listed in `vars` are not
 * reported: the Tracker dialect substitutes them into node attributes.
 */
import type { AttributeScope } from '../../graph/attribute-schema.js';
import {
  attributeScopes,
  lookupAttribute,
  suggestAttribute
} from '../../graph/attribute-schema.js';
import type { Attributes, AttrValue, Graph } from '../../graph/graph.js';
import { attributeOwners } from '../attribute-owners.js';
import { diagnosticAt } from '../../common/diagnostic.js';
import type { Diagnostic } from '../../common/diagnostic.js';
import { didYouMean } from '../../common/suggest.js';
import type { LintRule } from '../lint-rule.js';
import { OncePerSource, attributeLocation } from '../once-per-source.js';

const VARIABLE_REF = /\$\{?(?:graph\.)?([A-Za-z_][A-Za-z0-9_]*)/g;

/** Names used as `$name` / `${name}` / `${graph.name}` anywhere in node, edge or graph attribute values. */
function referencedVariables(graph: Graph): Set<string> {
  const names = new Set<string>();
  const scan = (attrs: Attributes): void => {
    for (const value of attrs.values()) {
      if (!value.value.includes('$')) continue;
      for (const m of value.value.matchAll(VARIABLE_REF)) if (m[1] !== undefined) names.add(m[1]);
    }
  };
  scan(graph.attrs);
  for (const node of graph.nodes.values()) scan(node.attrs);
  for (const edge of graph.edges) scan(edge.attrs);
  for (const entry of (graph.attrs.get('vars')?.value ?? '').split(',')) {
    const name = entry.split('=')[0]?.trim();
    if (name) names.add(name);
  }
  return names;
}

function withArticle(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

export const unknownAttributeRule: LintRule = {
  name: 'unknown_attribute',
  apply(graph) {
    const diagnostics: Diagnostic[] = [];
    const once = new OncePerSource();
    const suggestions = new Map<string, string | undefined>();
    const suggest = (scope: AttributeScope, key: string): string | undefined => {
      const cacheKey = `${scope}\u0000${key}`;
      if (!suggestions.has(cacheKey)) suggestions.set(cacheKey, suggestAttribute(scope, key));
      return suggestions.get(cacheKey);
    };
    let variables: Set<string> | undefined;

    for (const owner of attributeOwners(graph, ['graph', 'subgraph', 'node', 'edge'])) {
      const scope = owner.scope;
      for (const key of owner.attrs.keys()) {
        // keys() + get(): iterating entries allocates a [key, value] pair per attribute.
        const value = owner.attrs.get(key) as AttrValue;
        if (lookupAttribute(scope, key) !== undefined) continue;
        if (scope === 'graph' && !owner.subgraph) {
          variables ??= referencedVariables(graph);
          if (variables.has(key)) continue;
        }
        if (!once.first(`${owner.subgraph ? 'subgraph' : scope}:${key}`, value)) continue;
        const written = value.writtenKey ?? key;
        const elsewhere = attributeScopes(key);
        const suggestion = elsewhere.length > 0 ? undefined : suggest(scope, key);
        const detail =
          elsewhere.length > 0
            ? `; '${written}' is ${withArticle(elsewhere.join('/'))} attribute, not ${withArticle(scope)} attribute, so it has no effect here`
            : ` (tracker ignores it)${didYouMean(suggestion)}`;
        diagnostics.push(
          diagnosticAt(attributeLocation(value, owner.loc), {
            rule: 'unknown_attribute',
            severity: 'warning',
            message: `unknown ${scope} attribute '${written}' on ${owner.describe(value)}${detail}`,
            ...owner.target,
            fix:
              suggestion !== undefined
                ? `Write ${suggestion}=… instead of ${written}=….`
                : elsewhere.length > 0
                  ? `Move '${written}' to the ${elsewhere[0] ?? ''} it applies to, or remove it.`
                  : `Remove '${written}', or check docs/attributes.md for the attribute you meant.`
          })
        );
      }
    }
    return diagnostics;
  }
};
