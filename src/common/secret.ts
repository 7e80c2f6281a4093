const INSPECT = Symbol.for('nodejs.util.inspect.custom');
const REDACTED = '[redacted]';

/**
 * A credential (an API key). The value lives in a #private field and comes out only through `reveal()`:
 * `String()`, template strings, `JSON.stringify` and `util.inspect` all show `[redacted]`, so a secret
 * that ends up in a settings object, an event or a log line by mistake does not leak.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The value, for the one place that must send it (the SDK client's `apiKey`). */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [INSPECT](): string {
    return `Secret(${REDACTED})`;
  }
}

/** `text` with every occurrence of each secret's value replaced by `[redacted]`. */
export function redactSecrets(text: string, secrets: readonly Secret[]): string {
  let out = text;
  for (const secret of secrets) {
    const value = secret.reveal();
    if (value.length > 0) out = out.split(value).join(REDACTED);
  }
  return out;
}
