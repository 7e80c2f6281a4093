/**
 * exit_no_outgoing (spec §7.2): the exit node ends the run, so it may have no outgoing edges.
 */
import { diagnosticAt } from '../../common/diagnostic.js';
import type { Diagnostic } from '../../common/diagnostic.js';
import { graphFacts } from '../graph-facts.js';
import type { LintRule } from '../lint-rule.js';

export const exitNoOutgoingRule: LintRule = {
  name: 'exit_no_outgoing',
  apply(graph) {
    const diagnostics: Diagnostic[] = [];
    for (const exit of graphFacts(graph).exits) {
      for (const edge of graph.outgoing.get(exit.id) ?? []) {
        diagnostics.push(
          diagnosticAt(edge.loc, {
            rule: 'exit_no_outgoing',
            severity: 'error',
            message: `edge '${edge.from}' -> '${edge.to}' leaves the exit node; the run ends at '${exit.id}', so it can have no outgoing edges`,
            nodeId: exit.id,
            edge: { from: edge.from, to: edge.to },
            fix: `Delete the edge, or start it from the stage before '${exit.id}' and add a condition to choose between them.`
          })
        );
      }
    }
    return diagnostics;
  }
};
