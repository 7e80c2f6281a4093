/**
 * attribute_type: the value of a known attribute must be a value of its type (spec §2.4): an integer,
 * a float, a boolean (`true`/`false`), a duration with a unit (`30s`, `15m`), or one of an enum's values.
 * A unitless duration is read as seconds and only warned about; a negative retry count is an error; a
 * `shape` without a handler runs as an LLM stage and is warned about. Values owned by other rules
 * (conditions, fidelity, retry targets) and Graphviz rendering attributes are not checked here.
 */
import type { AttributeSpec } from '../../graph/attribute-schema.js';
import { lookupAttribute } from '../../graph/attribute-schema.js';
import type { Attributes, AttrValue, Graph } from '../../graph/graph.js';
import { HandlerTypes } from '../../graph/shapes.js';
import {
  MAX_DURATION_MS,
  parseBoolean,
  parseDurationLenient,
  parseFloatValue,
  parseInteger
} from '../../graph/values.js';
import { diagnosticAt } from '../../common/diagnostic.js';
import { formatDuration } from '../../common/format-duration.js';
import type { Diagnostic, Severity } from '../../common/diagnostic.js';
import { closestMatch, didYouMean } from '../../common/suggest.js';
import type { LintRule } from '../lint-rule.js';
import { attributeOwners } from '../attribute-owners.js';
import { OncePerSource, attributeLocation } from '../once-per-source.js';

/** Checked by other rules: condition_syntax, fidelity_valid, retry_target_exists. */
const OWNED_ELSEWHERE: ReadonlySet<string> = new Set([
  'condition',
  'fidelity',
  'default_fidelity',
  'retry_target',
  'fallback_retry_target'
]);
const NON_NEGATIVE: ReadonlySet<string> = new Set([
  'max_retries',
  'default_max_retries',
  'max_restarts'
]);

interface Problem {
  readonly severity: Severity;
  readonly what: string;
  readonly fix: string;
}

function checkValue(
  graph: Graph,
  entry: AttributeSpec,
  written: string,
  text: string,
  attrs: Attributes
): Problem | undefined {
  const quoted = JSON.stringify(text);
  switch (entry.type) {
    case 'string':
    case 'condition':
      return undefined;
    case 'integer': {
      const n = parseInteger(text);
      if (n === undefined) {
        return {
          severity: 'error',
          what: 'is not an integer',
          fix: `Write a whole number, e.g. ${written}=${entry.default !== undefined && parseInteger(entry.default) !== undefined ? entry.default : '3'}.`
        };
      }
      if (n < 0 && NON_NEGATIVE.has(entry.key)) {
        return {
          severity: 'error',
          what: 'is negative; it counts additional attempts, so it must be 0 or more',
          fix: `Write ${written}=0 for no retries.`
        };
      }
      return undefined;
    }
    case 'float':
      return parseFloatValue(text) === undefined
        ? {
            severity: 'error',
            what: 'is not a number',
            fix: `Write a decimal number, e.g. ${written}=0.5.`
          }
        : undefined;
    case 'boolean':
      return parseBoolean(text) === undefined
        ? {
            severity: 'error',
            what: 'is not a boolean',
            fix: `Write ${written}=true or ${written}=false.`
          }
        : undefined;
    case 'duration': {
      const parsed = parseDurationLenient(text);
      if (parsed === undefined) {
        return {
          severity: 'error',
          what: 'is not a duration',
          fix: `Write a number with a unit (ms, s, m, h, d), e.g. ${written}="30s" or "1h30m".`
        };
      }
      if (parsed.ms > MAX_DURATION_MS) {
        return {
          severity: 'error',
          what: `is ${formatDuration(parsed.ms)}, longer than the longest duration tracker can time (${formatDuration(MAX_DURATION_MS)}, 2^31-1 ms)`,
          fix: `Write at most ${written}="24d"; for a gate that should wait without a limit, remove ${written}.`
        };
      }
      if (parsed.unitless) {
        return {
          severity: 'warning',
          what: `has no unit, so it is read as ${text.trim()}s`,
          fix: `Write ${written}="${text.trim()}s" (or the unit you meant).`
        };
      }
      return undefined;
    }
    case 'enum': {
      const values = entry.values ?? [];
      if (values.includes(text)) return undefined;
      const suggestion =
        values.find((v) => v.toLowerCase() === text.toLowerCase()) ??
        closestMatch(text.toLowerCase(), values, 2);
      if (entry.key === 'shape') {
        if ((attrs.get('type')?.value.trim() ?? '') !== '') return undefined;
        return {
          severity: 'warning',
          what: `is not a pipeline shape, so the node runs as an LLM stage (${HandlerTypes.Codergen})${didYouMean(suggestion)}`,
          fix: `Use one of ${values.join(', ')}, or set type= to choose the handler explicitly.`
        };
      }
      return {
        severity: 'error',
        what: `is not one of ${values.join(', ')}${didYouMean(suggestion)}`,
        fix:
          suggestion === undefined
            ? `Use one of ${values.join(', ')}.`
            : `Write ${written}=${JSON.stringify(suggestion)}.`
      };
    }
    case 'node_ref':
      return graph.nodes.has(text)
        ? undefined
        : {
            severity: 'warning',
            what: `names no node (${quoted} is not a node id)`,
            fix: `Set ${written} to the id of an existing node, or remove it.`
          };
  }
}

export const attributeTypeRule: LintRule = {
  name: 'attribute_type',
  apply(graph) {
    const diagnostics: Diagnostic[] = [];
    const once = new OncePerSource();
    // The verdict for a (key as written, value) pair, for the types whose check depends on nothing else:
    // large graphs repeat the same values (timeout="30s", shape=box) thousands of times.
    const verdicts = new Map<string, Map<string, Problem | undefined>>();
    for (const owner of attributeOwners(graph, ['graph', 'node', 'edge'])) {
      for (const key of owner.attrs.keys()) {
        // keys() + get(): iterating entries allocates a [key, value] pair per attribute.
        const value = owner.attrs.get(key) as AttrValue;
        if (OWNED_ELSEWHERE.has(key)) continue;
        const entry = lookupAttribute(owner.scope, key);
        if (entry === undefined || entry.source === 'graphviz') continue;
        const text = value.value.trim();
        if (text === '') continue;
        const written = value.writtenKey ?? key;
        if (entry.type === 'string' || entry.type === 'condition') continue;
        // Cached by key as written (the messages name it) and value; node_ref and shape depend on more.
        const pure = entry.type !== 'node_ref' && entry.key !== 'shape';
        let cache: Map<string, Problem | undefined> | undefined;
        if (pure) {
          cache = verdicts.get(written);
          if (cache === undefined)
            verdicts.set(written, (cache = new Map<string, Problem | undefined>()));
        }
        let problem: Problem | undefined;
        if (cache?.has(text)) problem = cache.get(text);
        else {
          problem = checkValue(graph, entry, written, text, owner.attrs);
          cache?.set(text, problem);
        }
        if (problem === undefined || !once.first(`${owner.scope}:${key}`, value)) continue;
        diagnostics.push(
          diagnosticAt(attributeLocation(value, owner.loc), {
            rule: 'attribute_type',
            severity: problem.severity,
            message: `${written}=${JSON.stringify(value.value)} on ${owner.describe(value)} ${problem.what}`,
            ...owner.target,
            fix: problem.fix
          })
        );
      }
    }
    return diagnostics;
  }
};
