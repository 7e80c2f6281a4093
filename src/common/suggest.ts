/**
 * "Did you mean …?" suggestions: the candidate within a small edit distance of a misspelled name.
 * Candidates are bucketed by length and the total work is capped, so a graph full of misspellings
 * stays linear instead of comparing every name with every other.
 */
import { boundedEditDistance } from './edit-distance.js';

export { boundedEditDistance };

/** Comparisons one Suggester may make before it stops suggesting (keeps rules linear on huge graphs). */
const DEFAULT_BUDGET = 200_000;

export class Suggester {
  readonly #byLength = new Map<number, string[]>();
  readonly #lowerCase = new Map<string, string>();
  readonly #maxDistance: number;
  #budget: number;

  constructor(candidates: Iterable<string>, maxDistance = 2, budget = DEFAULT_BUDGET) {
    this.#maxDistance = maxDistance;
    this.#budget = budget;
    for (const candidate of candidates) {
      let bucket = this.#byLength.get(candidate.length);
      if (!bucket) this.#byLength.set(candidate.length, (bucket = []));
      bucket.push(candidate);
      const lower = candidate.toLowerCase();
      if (!this.#lowerCase.has(lower)) this.#lowerCase.set(lower, candidate);
    }
  }

  /** The closest candidate other than `word` itself, preferring a case-only difference, then the nearest length. */
  suggest(word: string): string | undefined {
    const caseOnly = this.#lowerCase.get(word.toLowerCase());
    if (caseOnly !== undefined && caseOnly !== word) return caseOnly;
    let best: string | undefined;
    let bestDistance = this.#maxDistance + 1;
    for (let delta = 0; delta <= this.#maxDistance; delta++) {
      for (const length of delta === 0
        ? [word.length]
        : [word.length - delta, word.length + delta]) {
        for (const candidate of this.#byLength.get(length) ?? []) {
          if (this.#budget <= 0) return best;
          this.#budget--;
          if (candidate === word) continue;
          const distance = boundedEditDistance(
            word,
            candidate,
            Math.min(this.#maxDistance, bestDistance - 1)
          );
          if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
            if (distance === 1) return best;
          }
        }
      }
    }
    return best;
  }
}

/** One-off suggestion from a small candidate list. */
export function closestMatch(
  word: string,
  candidates: Iterable<string>,
  maxDistance = 2
): string | undefined {
  return new Suggester(candidates, maxDistance).suggest(word);
}

/** `; did you mean 'x'?` or the empty string. */
export function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : `; did you mean '${suggestion}'?`;
}
