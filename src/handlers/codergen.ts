/**
 * The LLM stage (spec §4.5): builds the prompt, writes prompt.md, calls the backend, writes response.md.
 */
import { errorMessage, isTrackerError } from '../common/errors.js';
import type { Outcome } from '../ports/outcome.js';
import { isStageStatus } from '../engine/outcome.js';
import { projectContext, resolveFidelity } from '../engine/fidelity.js';
import { getBoolean, getString, nodeLabel } from '../graph/values.js';
import type { CodergenBackend, CodergenResult } from '../ports/codergen-backend.js';
import type { Handler, HandlerInput } from '../engine/handler.js';

const LAST_RESPONSE_LIMIT = 200;
const STATUS_LINE = /^\s*STATUS:\s*(success|partial_success|fail|retry)\s*$/i;

/** `$goal` expansion (spec §4.5): plain replacement, single pass. */
export function expandPromptVariables(prompt: string, goal: string): string {
  return prompt.includes('$goal') ? prompt.split('$goal').join(goal) : prompt;
}

/** The last `STATUS: <status>` line outside ``` fences, for `auto_status` nodes. */
export function findStatusLine(text: string): string | undefined {
  let inFence = false;
  let found: string | undefined;
  for (const line of text.split('\n')) {
    if (line.trimStart().startsWith('```')) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const m = STATUS_LINE.exec(line);
    if (m?.[1]) found = m[1].toLowerCase();
  }
  return found;
}

function isOutcome(value: CodergenResult | Outcome): value is Outcome {
  return 'status' in value && isStageStatus(value.status);
}

export class CodergenHandler implements Handler {
  constructor(private readonly backend: CodergenBackend) {}

  async execute(input: HandlerInput): Promise<Outcome> {
    const { node, graph, runStore } = input;
    const raw = getString(node.attrs, 'prompt') || getString(node.attrs, 'label') || node.id;
    const prompt = expandPromptVariables(raw, getString(graph.attrs, 'goal') ?? '');
    await runStore.writeStageFile(node.id, 'prompt.md', prompt);
    const fidelity = resolveFidelity(graph, node, input.incomingEdge);
    const projected = projectContext(input.context.snapshot(), fidelity);
    await runStore.writeStageFile(
      node.id,
      'context.json',
      JSON.stringify({ fidelity, context: projected }, null, 2) + '\n'
    );

    let result: CodergenResult | Outcome;
    try {
      const model = getString(node.attrs, 'llm_model') ?? getString(graph.attrs, 'llm_model');
      const provider =
        getString(node.attrs, 'llm_provider') ?? getString(graph.attrs, 'llm_provider');
      const effort =
        getString(node.attrs, 'reasoning_effort') ?? getString(graph.attrs, 'reasoning_effort');
      result = await this.backend.run(
        {
          nodeId: node.id,
          label: nodeLabel(node),
          prompt,
          context: input.context,
          fidelity,
          projectedContext: projected,
          ...(model ? { model } : {}),
          ...(provider ? { provider } : {}),
          ...(effort ? { reasoningEffort: effort } : {})
        },
        input.signal
      );
    } catch (error) {
      const retryable = !(isTrackerError(error) && error.code === 'USAGE');
      return {
        status: 'fail',
        failureReason: `LLM call failed: ${errorMessage(error)}`,
        retryable
      };
    }
    if (isOutcome(result)) return result;

    const text = result.text;
    await runStore.writeStageFile(node.id, 'response.md', text);
    const updates = {
      last_stage: node.id,
      last_response: text.length > LAST_RESPONSE_LIMIT ? text.slice(0, LAST_RESPONSE_LIMIT) : text
    };
    if (text.trim() === '') {
      return {
        status: 'fail',
        failureReason: 'the model returned an empty response',
        contextUpdates: updates
      };
    }
    if (getBoolean(node.attrs, 'auto_status') === true) {
      const declared = findStatusLine(text);
      if (declared && isStageStatus(declared)) {
        return {
          status: declared,
          notes: `auto_status: response declared STATUS: ${declared}`,
          contextUpdates: updates
        };
      }
      return {
        status: 'success',
        autoStatus: true,
        notes: 'auto_status synthesized success: the response declared no STATUS line',
        contextUpdates: updates
      };
    }
    return { status: 'success', notes: `Stage completed: ${node.id}`, contextUpdates: updates };
  }
}
