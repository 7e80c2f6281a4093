/**
 * prompt_on_llm_nodes (spec §7.2): a node that runs the LLM (codergen) needs instructions: a `prompt`,
 * or at least a descriptive `label` (the prompt falls back to the label). A label that merely repeats
 * the node id does not count. Undeclared nodes are left to `implicit_node`.
 */
import { HandlerTypes } from '../../graph/shapes.js';
import { diagnosticAt } from '../../common/diagnostic.js';
import type { Diagnostic } from '../../common/diagnostic.js';
import { graphFacts } from '../graph-facts.js';
import type { LintRule } from '../lint-rule.js';

export const promptOnLlmNodesRule: LintRule = {
  name: 'prompt_on_llm_nodes',
  apply(graph) {
    const facts = graphFacts(graph);
    const diagnostics: Diagnostic[] = [];
    for (const node of graph.nodes.values()) {
      if (node.implicit || facts.handlerType(node) !== HandlerTypes.Codergen) continue;
      if ((node.attrs.get('prompt')?.value.trim() ?? '') !== '') continue;
      const label = node.attrs.get('label')?.value.trim() ?? '';
      if (label !== '' && label !== node.id) continue;
      diagnostics.push(
        diagnosticAt(node.loc, {
          rule: 'prompt_on_llm_nodes',
          severity: 'warning',
          message: `LLM stage '${node.id}' has no prompt${label === '' ? '' : ' (its label is just its id)'}, so the model is asked only '${node.id}'`,
          nodeId: node.id,
          fix: `Add prompt="..." to '${node.id}' saying what the stage should do, or give it another shape/type if it is not an LLM stage.`
        })
      );
    }
    return diagnostics;
  }
};
