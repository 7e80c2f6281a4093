/**
 * start_no_incoming (spec §7.2): nothing may lead back into the start node.
 */
import { diagnosticAt } from '../../common/diagnostic.js';
import type { Diagnostic } from '../../common/diagnostic.js';
import { graphFacts } from '../graph-facts.js';
import type { LintRule } from '../lint-rule.js';

export const startNoIncomingRule: LintRule = {
  name: 'start_no_incoming',
  apply(graph) {
    const diagnostics: Diagnostic[] = [];
    for (const start of graphFacts(graph).starts) {
      const firstStage = graph.outgoing.get(start.id)?.[0]?.to;
      for (const edge of graph.incoming.get(start.id) ?? []) {
        diagnostics.push(
          diagnosticAt(edge.loc, {
            rule: 'start_no_incoming',
            severity: 'error',
            message: `edge '${edge.from}' -> '${edge.to}' leads into the start node; the start node must have no incoming edges`,
            nodeId: start.id,
            edge: { from: edge.from, to: edge.to },
            fix:
              firstStage === undefined || firstStage === start.id
                ? `Point the edge at the first stage after '${start.id}' instead.`
                : `To loop back to the beginning, target the first stage instead: '${edge.from}' -> '${firstStage}'.`
          })
        );
      }
    }
    return diagnostics;
  }
};
