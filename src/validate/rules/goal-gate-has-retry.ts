/**
 * goal_gate_has_retry (spec §7.2, §3.4): when the run reaches the exit and a goal gate has not succeeded,
 * the engine jumps to a retry target (node first, then graph). With none, the run simply fails there.
 */
import { getBoolean } from '../../graph/values.js';
import { diagnosticAt } from '../../common/diagnostic.js';
import type { Diagnostic } from '../../common/diagnostic.js';
import type { LintRule } from '../lint-rule.js';
import { attributeLocation } from '../once-per-source.js';

const RETRY_KEYS = ['retry_target', 'fallback_retry_target'] as const;

export const goalGateHasRetryRule: LintRule = {
  name: 'goal_gate_has_retry',
  apply(graph) {
    const graphHasRetry = RETRY_KEYS.some((k) => (graph.attrs.get(k)?.value.trim() ?? '') !== '');
    if (graphHasRetry) return [];
    const diagnostics: Diagnostic[] = [];
    for (const node of graph.nodes.values()) {
      if (getBoolean(node.attrs, 'goal_gate') !== true) continue;
      if (RETRY_KEYS.some((k) => (node.attrs.get(k)?.value.trim() ?? '') !== '')) continue;
      const gate = node.attrs.get('goal_gate');
      diagnostics.push(
        diagnosticAt(gate?.origin === 'explicit' ? attributeLocation(gate, node.loc) : node.loc, {
          rule: 'goal_gate_has_retry',
          severity: 'warning',
          message: `goal gate '${node.id}' has no retry_target (nor has the graph), so if it has not succeeded when the run reaches the exit, the run fails instead of retrying`,
          nodeId: node.id,
          fix: `Add retry_target="<node to retry from>" to '${node.id}' (often '${node.id}' itself), or a graph-level retry_target.`
        })
      );
    }
    return diagnostics;
  }
};
