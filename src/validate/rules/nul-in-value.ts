/**
 * nul_in_value: an attribute value or a node id holds a NUL character (U+0000). Values reach processes
 * (`tool_command`, hooks), environment variables (`TRACKER_GOAL`, `TRACKER_NODE_ID`, context values) and
 * paths (`working_dir`, `stack.child_dotfile`, the stage directory named after the node id), and none of
 * them can carry a NUL: the run would fail at the first one. A NUL has no meaning in DOT text, so every
 * value is checked, not only the ones known to reach a process today.
 */
import { diagnosticAt } from '../../common/diagnostic.js';
import type { Diagnostic } from '../../common/diagnostic.js';
import type { AttrValue } from '../../graph/graph.js';
import type { LintRule } from '../lint-rule.js';
import { attributeOwners } from '../attribute-owners.js';
import { locateInValue } from '../locate-in-value.js';
import { OncePerSource, attributeLocation } from '../once-per-source.js';

const WHY = 'a NUL cannot be passed to a process, an environment variable or a file path';
const FIX =
  'Remove the NUL character. If the file holds other binary data or was saved as UTF-16, save it as UTF-8 text.';

export const nulInValueRule: LintRule = {
  name: 'nul_in_value',
  apply(graph) {
    const diagnostics: Diagnostic[] = [];
    for (const node of graph.nodes.values()) {
      const at = node.id.indexOf('\u0000');
      if (at === -1) continue;
      diagnostics.push(
        diagnosticAt(node.loc, {
          rule: 'nul_in_value',
          severity: 'error',
          message: `node id '${node.id}' contains a NUL character (at character ${at + 1}); ${WHY}`,
          nodeId: node.id,
          fix: FIX
        })
      );
    }
    const once = new OncePerSource();
    for (const owner of attributeOwners(graph, ['graph', 'subgraph', 'node', 'edge'])) {
      for (const key of owner.attrs.keys()) {
        const value = owner.attrs.get(key) as AttrValue;
        const at = value.value.indexOf('\u0000');
        if (at === -1 || !once.first(`${owner.scope}:${key}`, value)) continue;
        const written = value.writtenKey ?? key;
        diagnostics.push(
          diagnosticAt(locateInValue(value, key, at) ?? attributeLocation(value, owner.loc), {
            rule: 'nul_in_value',
            severity: 'error',
            message: `${written} on ${owner.describe(value)} contains a NUL character (at character ${at + 1} of the value); ${WHY}`,
            ...owner.target,
            fix: FIX
          })
        );
      }
    }
    return diagnostics;
  }
};
