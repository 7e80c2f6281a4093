/**
 * stylesheet_syntax (spec §7.2, §8): the graph's `model_stylesheet` must parse. A stylesheet that does
 * not parse is not applied at all, so every node keeps its default model (error). A stylesheet that
 * parses but cannot do what it says is a warning: a selector that matches no node (`#revew`, `.reveiw`),
 * or one the parser finds suspicious (a shape no pipeline node can have).
 */
import type { Graph } from '../../graph/graph.js';
import type { StyleRule } from '../../stylesheet/style-rule.js';
import { parseStylesheet } from '../../stylesheet/parse-stylesheet.js';
import { diagnosticAt } from '../../common/diagnostic.js';
import type { Diagnostic } from '../../common/diagnostic.js';
import { closestMatch, didYouMean } from '../../common/suggest.js';
import type { LintRule } from '../lint-rule.js';
import { locateInValue } from '../locate-in-value.js';

const GRAMMAR_HINT =
  'A stylesheet is a list of rules `selector { property: value; }` where the selector is *, a shape, .class or #node_id, e.g. `* { llm_model: claude-sonnet-4-5; } .review { reasoning_effort: high; }`.';

interface Problem {
  readonly message: string;
  readonly offset: number;
  readonly hint?: string;
}

/** Selectors naming a node id or class that no node has. */
function unmatchedSelectors(graph: Graph, rules: readonly StyleRule[]): Problem[] {
  const problems: Problem[] = [];
  let classes: Set<string> | undefined;
  for (const { selector } of rules) {
    if (selector.kind === 'id' && !graph.nodes.has(selector.nodeId)) {
      const near = closestMatch(selector.nodeId, graph.nodes.keys());
      problems.push({
        message: `selector '${selector.text}' matches no node${didYouMean(near === undefined ? undefined : `#${near}`)}`,
        offset: selector.span.start,
        hint: `Use the id of a node: #<node id>.`
      });
    } else if (selector.kind === 'class') {
      classes ??= new Set([...graph.nodes.values()].flatMap((n) => n.classes));
      if (classes.has(selector.className)) continue;
      const near = closestMatch(selector.className, classes);
      problems.push({
        message: `selector '${selector.text}' matches no node: no node has class '${selector.className}'${didYouMean(near === undefined ? undefined : `.${near}`)}`,
        offset: selector.span.start,
        hint: `Add class="${selector.className}" to the nodes it should style, or put them in a subgraph labelled "${selector.className}".`
      });
    }
  }
  return problems;
}

export const stylesheetSyntaxRule: LintRule = {
  name: 'stylesheet_syntax',
  apply(graph) {
    const value = graph.attrs.get('model_stylesheet');
    if (value === undefined || value.value.trim() === '') return [];
    const result = parseStylesheet(value.value);
    const problems: readonly Problem[] = result.ok
      ? [...result.warnings, ...unmatchedSelectors(graph, result.rules)]
      : result.errors;
    return problems.map((problem): Diagnostic =>
      diagnosticAt(
        locateInValue(value, 'model_stylesheet', problem.offset) ?? value.loc ?? graph.loc,
        {
          rule: 'stylesheet_syntax',
          severity: result.ok ? 'warning' : 'error',
          message: result.ok
            ? `model_stylesheet: ${problem.message}`
            : `invalid model_stylesheet: ${problem.message}${excerpt(value.value, problem.offset)}; the stylesheet is not applied`,
          fix: problem.hint ?? GRAMMAR_HINT
        }
      )
    );
  }
};

/** ` (near "…text…")`: the stylesheet text around the error, on one line. */
function excerpt(text: string, offset: number): string {
  const start = Math.max(0, offset - 10);
  const piece = text
    .slice(start, offset + 20)
    .replace(/\s+/g, ' ')
    .trim();
  return piece === '' ? '' : ` (near ${JSON.stringify(piece)})`;
}
