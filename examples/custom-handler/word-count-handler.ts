/**
 * A custom handler: counts the words of a file in the workdir and reports whether it fits `max_words`.
 * It follows the handler contract — inputs through HandlerInput, results as an Outcome with
 * contextUpdates — and reads files through a function it is given, so it stays testable.
 */
import type { Handler, HandlerInput, Outcome } from '../../src/index.js';
import { getInteger, getString } from '../../src/index.js';

export class WordCountHandler implements Handler {
  constructor(private readonly readText: (path: string) => Promise<string>) {}

  async execute(input: HandlerInput): Promise<Outcome> {
    const file = getString(input.node.attrs, 'file');
    if (!file)
      return {
        status: 'fail',
        failureReason: `node '${input.node.id}' needs a file attribute`,
        retryable: false
      };
    const max = getInteger(input.node.attrs, 'max_words') ?? 100;
    let text: string;
    try {
      text = await this.readText(file);
    } catch (error) {
      return { status: 'fail', failureReason: `cannot read ${file}: ${String(error)}` };
    }
    const words = text.split(/\s+/).filter(Boolean).length;
    const verdict = words <= max ? 'ok' : 'too_long';
    return {
      status: 'success',
      notes: `${file}: ${words} words (max ${max})`,
      contextUpdates: { 'word_count.words': words, 'word_count.verdict': verdict }
    };
  }
}
