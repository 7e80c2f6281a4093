/**
 * Validation (spec §7): runs every lint rule over a graph and returns the diagnostics, sorted by place.
 * A pipeline with error diagnostics must not run; `assertValid` throws for those.
 */
import type { Graph } from '../graph/graph.js';
import { BUILTIN_HANDLER_TYPES } from '../graph/shapes.js';
import type { Diagnostic } from '../common/diagnostic.js';
import { hasErrors, sortDiagnostics } from '../common/diagnostic.js';
import type { LintContext, LintRule } from './lint-rule.js';
import { PipelineValidationError } from './pipeline-validation-error.js';
import { attributeNoEffectRule } from './rules/attribute-no-effect.js';
import { attributeTypeRule } from './rules/attribute-type.js';
import { conditionExtensionRule } from './rules/condition-extension.js';
import { conditionSyntaxRule } from './rules/condition-syntax.js';
import { edgeTargetExistsRule } from './rules/edge-target-exists.js';
import { exitNoOutgoingRule } from './rules/exit-no-outgoing.js';
import { exitReachableRule } from './rules/exit-reachable.js';
import { fidelityValidRule } from './rules/fidelity-valid.js';
import { gateChoicesRule } from './rules/gate-choices.js';
import { goalGateHasRetryRule } from './rules/goal-gate-has-retry.js';
import { implicitNodeRule } from './rules/implicit-node.js';
import { nulInValueRule } from './rules/nul-in-value.js';
import { parallelFanInRule } from './rules/parallel-fan-in.js';
import { promptOnLlmNodesRule } from './rules/prompt-on-llm-nodes.js';
import { reachabilityRule } from './rules/reachability.js';
import { retryTargetExistsRule } from './rules/retry-target-exists.js';
import { startNoIncomingRule } from './rules/start-no-incoming.js';
import { startNodeRule } from './rules/start-node.js';
import { stylesheetSyntaxRule } from './rules/stylesheet-syntax.js';
import { terminalNodeRule } from './rules/terminal-node.js';
import { typeKnownRule } from './rules/type-known.js';
import { unconditionalCycleRule } from './rules/unconditional-cycle.js';
import { unknownAttributeRule } from './rules/unknown-attribute.js';

export { PipelineValidationError } from './pipeline-validation-error.js';

/** The built-in rules: spec §7.2 first, then tracker's own. Every name has a section in docs/diagnostics.md. */
export const BUILTIN_RULES: readonly LintRule[] = Object.freeze([
  startNodeRule,
  terminalNodeRule,
  reachabilityRule,
  edgeTargetExistsRule,
  startNoIncomingRule,
  exitNoOutgoingRule,
  conditionSyntaxRule,
  stylesheetSyntaxRule,
  typeKnownRule,
  fidelityValidRule,
  retryTargetExistsRule,
  goalGateHasRetryRule,
  promptOnLlmNodesRule,
  implicitNodeRule,
  conditionExtensionRule,
  exitReachableRule,
  unconditionalCycleRule,
  gateChoicesRule,
  unknownAttributeRule,
  attributeTypeRule,
  attributeNoEffectRule,
  parallelFanInRule,
  nulInValueRule
]);

export interface ValidateOptions {
  /** Appended to the built-in rules (spec §7.4). */
  readonly extraRules?: readonly LintRule[];
  /** Handler types the registry can run, for `type_known`. Defaults to the built-in handler types. */
  readonly knownHandlerTypes?: Iterable<string>;
}

export function validateGraph(graph: Graph, options: ValidateOptions = {}): Diagnostic[] {
  const ctx: LintContext = {
    knownHandlerTypes:
      options.knownHandlerTypes === undefined
        ? BUILTIN_HANDLER_TYPES
        : new Set(options.knownHandlerTypes)
  };
  const diagnostics: Diagnostic[] = [];
  for (const rule of [...BUILTIN_RULES, ...(options.extraRules ?? [])]) {
    for (const d of rule.apply(graph, ctx)) diagnostics.push(d);
  }
  return sortDiagnostics(diagnostics);
}

/**
 * Validates and throws `PipelineValidationError` (code PIPELINE_INVALID) when there are errors;
 * otherwise returns the diagnostics (warnings and notes).
 */
export function assertValid(graph: Graph, options: ValidateOptions = {}): Diagnostic[] {
  const diagnostics = validateGraph(graph, options);
  if (hasErrors(diagnostics)) throw new PipelineValidationError(diagnostics);
  return diagnostics;
}
