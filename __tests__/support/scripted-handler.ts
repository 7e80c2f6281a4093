import type { Outcome } from '../../src/ports/outcome.js';
import type { Handler, HandlerInput } from '../../src/engine/handler.js';

export type Step = Outcome | ((input: HandlerInput) => Outcome | Promise<Outcome>) | Error;

/**
 * A handler whose outcomes are scripted per node id: each call takes the next step of that node's
 * script (the last step repeats). Records every call.
 */
export class ScriptedHandler implements Handler {
  readonly calls: { nodeId: string; attempt: number; context: Record<string, unknown> }[] = [];
  readonly #scripts: Map<string, Step[]>;
  readonly #fallback: Step;

  constructor(scripts: Record<string, Step[]> = {}, fallback: Step = { status: 'success' }) {
    this.#scripts = new Map(Object.entries(scripts).map(([k, v]) => [k, [...v]]));
    this.#fallback = fallback;
  }

  async execute(input: HandlerInput): Promise<Outcome> {
    this.calls.push({
      nodeId: input.node.id,
      attempt: input.attempt,
      context: input.context.snapshot()
    });
    const script = this.#scripts.get(input.node.id);
    const step = script && script.length > 1 ? script.shift() : (script?.[0] ?? this.#fallback);
    if (step instanceof Error) throw step;
    if (typeof step === 'function') return step(input);
    return step as Outcome;
  }

  ran(): string[] {
    return this.calls.map((c) => c.nodeId);
  }
}
