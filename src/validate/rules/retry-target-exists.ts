/**
 * retry_target_exists (spec §7.2): `retry_target` and `fallback_retry_target`, on nodes and on the
 * graph, must name existing nodes; otherwise the jump they promise (spec §3.4, §3.7) cannot happen.
 */
import type { AttrValue } from '../../graph/graph.js';
import type { SourceLocation } from '../../common/source-location.js';
import { diagnosticAt } from '../../common/diagnostic.js';
import type { Diagnostic } from '../../common/diagnostic.js';
import { Suggester, didYouMean } from '../../common/suggest.js';
import type { LintRule } from '../lint-rule.js';
import { OncePerSource, attributeLocation, ownerPhrase } from '../once-per-source.js';

const KEYS = ['retry_target', 'fallback_retry_target'] as const;

export const retryTargetExistsRule: LintRule = {
  name: 'retry_target_exists',
  apply(graph) {
    const diagnostics: Diagnostic[] = [];
    const once = new OncePerSource();
    let suggester: Suggester | undefined;
    const check = (
      key: string,
      value: AttrValue,
      where: string,
      fallback: SourceLocation,
      nodeId?: string
    ): void => {
      const target = value.value.trim();
      if (target === '' || graph.nodes.has(target)) return;
      suggester ??= new Suggester(graph.nodes.keys());
      const suggestion = suggester.suggest(target);
      diagnostics.push(
        diagnosticAt(attributeLocation(value, fallback), {
          rule: 'retry_target_exists',
          severity: 'warning',
          message: `${key} '${target}' on ${where} names no node${didYouMean(suggestion)}`,
          ...(nodeId === undefined ? {} : { nodeId }),
          fix:
            suggestion === undefined
              ? `Set ${key} to the id of the node to jump back to, or remove it.`
              : `Write ${key}="${suggestion}".`
        })
      );
    };
    for (const key of KEYS) {
      const value = graph.attrs.get(key);
      if (value !== undefined) check(key, value, 'the graph', graph.loc);
    }
    for (const node of graph.nodes.values()) {
      for (const key of KEYS) {
        const value = node.attrs.get(key);
        if (value !== undefined && once.first(key, value)) {
          check(key, value, ownerPhrase('node', `'${node.id}'`, value), node.loc, node.id);
        }
      }
    }
    return diagnostics;
  }
};
