/**
 * gate_choices: a human gate (wait.human) offers its outgoing edges as choices (spec §4.6), labelled by
 * the edge `label`. A gate with several edges and an unlabelled one shows the raw node id as a choice;
 * a gate with no outgoing edges fails whenever it runs. Freeform gates (mode=freeform) and gates with a
 * single edge ask no choice, so they need no labels.
 */
import { HandlerTypes } from '../../graph/shapes.js';
import { diagnosticAt } from '../../common/diagnostic.js';
import type { Diagnostic } from '../../common/diagnostic.js';
import { quoteIds } from '../describe-nodes.js';
import { graphFacts } from '../graph-facts.js';
import type { LintRule } from '../lint-rule.js';

function describeCount(unlabelled: number, total: number): string {
  if (unlabelled === total) return 'no labels on its outgoing edges';
  return `${unlabelled} unlabelled outgoing edge${unlabelled === 1 ? '' : 's'}`;
}

export const gateChoicesRule: LintRule = {
  name: 'gate_choices',
  apply(graph) {
    const facts = graphFacts(graph);
    const diagnostics: Diagnostic[] = [];
    for (const node of graph.nodes.values()) {
      if (facts.handlerType(node) !== HandlerTypes.WaitHuman) continue;
      const out = graph.outgoing.get(node.id) ?? [];
      if (out.length === 0) {
        diagnostics.push(
          diagnosticAt(node.loc, {
            rule: 'gate_choices',
            severity: 'error',
            message: `human gate '${node.id}' has no outgoing edges, so it has no choices to offer and fails when it runs`,
            nodeId: node.id,
            fix: `Add one labelled edge per answer, e.g. ${node.id} -> next [label="[A] Approve"].`
          })
        );
        continue;
      }
      if (out.length === 1 || node.attrs.get('mode')?.value.trim().toLowerCase() === 'freeform')
        continue;
      const unlabelled = out.filter((e) => (e.attrs.get('label')?.value.trim() ?? '') === '');
      if (unlabelled.length === 0) continue;
      const first = unlabelled[0];
      diagnostics.push(
        diagnosticAt(first?.loc ?? node.loc, {
          rule: 'gate_choices',
          severity: 'warning',
          message:
            `human gate '${node.id}' has ${describeCount(unlabelled.length, out.length)} ` +
            `(to ${quoteIds(unlabelled.map((e) => e.to))}), so the person answering sees raw node ids as choices`,
          nodeId: node.id,
          ...(first === undefined ? {} : { edge: { from: first.from, to: first.to } }),
          fix: `Label each choice, e.g. ${node.id} -> ${first?.to ?? 'next'} [label="[A] Approve"].`
        })
      );
    }
    return diagnostics;
  }
};
