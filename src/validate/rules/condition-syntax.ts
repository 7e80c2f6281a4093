/**
 * condition_syntax (spec §7.2, §10): every edge `condition` (and the node attributes that hold a
 * condition, such as a manager loop's `manager.stop_condition`) must parse. An edge whose condition does
 * not parse can never be chosen. Conditions that parse but look wrong (a key one typo away from `outcome`,
 * an outcome value that never occurs) are warnings.
 */
import type { ParseConditionResult } from '../../condition/parse-condition.js';
import { attributeKeysOfType } from '../../graph/attribute-schema.js';
import type { AttrValue, Graph } from '../../graph/graph.js';
import { attributeOwners } from '../attribute-owners.js';
import type { AttributeOwner } from '../attribute-owners.js';
import { diagnosticAt } from '../../common/diagnostic.js';
import type { Diagnostic } from '../../common/diagnostic.js';
import { graphFacts } from '../graph-facts.js';
import type { LintRule } from '../lint-rule.js';
import { locateInValue } from '../locate-in-value.js';
import { OncePerSource, attributeLocation } from '../once-per-source.js';

const GRAMMAR_HINT =
  'A condition is one or more clauses `key=value` or `key!=value` joined by &&, where key is outcome, preferred_label or context.<name>; e.g. outcome=success && context.tests_passed=true.';

/** A condition-typed attribute (e.g. `condition` on an edge), where it is, and how it parses. */
export interface ParsedCondition {
  readonly owner: AttributeOwner;
  readonly key: string;
  readonly value: AttrValue;
  readonly result: ParseConditionResult;
}

const parsed = new WeakMap<Graph, readonly ParsedCondition[]>();
const EDGE_CONDITION_KEYS = attributeKeysOfType('edge', 'condition');
const NODE_CONDITION_KEYS = attributeKeysOfType('node', 'condition');

/**
 * Every non-empty condition-typed attribute of every edge, then of every node, parsed once per graph and
 * shared by condition_syntax and condition_extension (graphs are immutable).
 */
export function parsedConditions(graph: Graph): readonly ParsedCondition[] {
  let list = parsed.get(graph);
  if (list !== undefined) return list;
  const facts = graphFacts(graph);
  const found: ParsedCondition[] = [];
  for (const owner of attributeOwners(graph, ['edge', 'node'])) {
    // Attributes are stored under their canonical keys, so looking up the few condition keys is enough.
    for (const key of owner.scope === 'edge' ? EDGE_CONDITION_KEYS : NODE_CONDITION_KEYS) {
      const value = owner.attrs.get(key);
      if (value === undefined || value.value.trim() === '') continue;
      found.push({ owner, key, value, result: facts.condition(value.value) });
    }
  }
  list = found;
  parsed.set(graph, list);
  return list;
}

export const conditionSyntaxRule: LintRule = {
  name: 'condition_syntax',
  apply(graph) {
    const diagnostics: Diagnostic[] = [];
    const once = new OncePerSource();
    for (const { owner, key, value, result } of parsedConditions(graph)) {
      const problems = result.ok ? result.warnings : result.errors;
      if (problems.length === 0 || !once.first(`${owner.scope}:${key}`, value)) continue;
      const severity = result.ok ? 'warning' : 'error';
      const written = value.writtenKey ?? key;
      for (const problem of problems) {
        diagnostics.push(
          diagnosticAt(
            locateInValue(value, key, problem.offset) ?? attributeLocation(value, owner.loc),
            {
              rule: 'condition_syntax',
              severity,
              message: `${result.ok ? 'suspicious' : 'invalid'} ${written} ${JSON.stringify(value.value)} on ${owner.describe(value)}: ${problem.message}`,
              ...owner.target,
              fix: problem.hint ?? GRAMMAR_HINT
            }
          )
        );
      }
    }
    return diagnostics;
  }
};
