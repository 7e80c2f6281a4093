/**
 * edge_target_exists (spec §7.2): both ends of every edge name a node of the graph. The DOT builder
 * creates a node for every edge endpoint, so this fires for graphs built or transformed through the API.
 */
import { diagnosticAt } from '../../common/diagnostic.js';
import type { Diagnostic } from '../../common/diagnostic.js';
import { Suggester, didYouMean } from '../../common/suggest.js';
import type { LintRule } from '../lint-rule.js';

export const edgeTargetExistsRule: LintRule = {
  name: 'edge_target_exists',
  apply(graph) {
    const diagnostics: Diagnostic[] = [];
    let suggester: Suggester | undefined;
    for (const edge of graph.edges) {
      if (graph.nodes.has(edge.from) && graph.nodes.has(edge.to)) continue;
      for (const end of ['to', 'from'] as const) {
        const id = edge[end];
        if (graph.nodes.has(id)) continue;
        suggester ??= new Suggester(graph.nodes.keys());
        const role = end === 'to' ? 'targets' : 'starts at';
        diagnostics.push(
          diagnosticAt(edge.loc, {
            rule: 'edge_target_exists',
            severity: 'error',
            message: `edge '${edge.from}' -> '${edge.to}' ${role} unknown node '${id}'${didYouMean(suggester.suggest(id))}`,
            edge: { from: edge.from, to: edge.to },
            fix: `Declare node '${id}' or fix the edge ${end === 'to' ? 'target' : 'source'}.`
          })
        );
      }
    }
    return diagnostics;
  }
};
