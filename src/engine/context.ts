/**
 * The run context (spec §5.1): a key-value store owned by the engine. Handlers read it through a
 * ContextView and change it only by returning `contextUpdates`, which keeps parallel branches isolated
 * and every change visible in the checkpoint.
 */
import type { ContextView } from '../ports/context.js';

/** Context keys refused everywhere (`--var`, status.json): they name object internals, not data. */
export const RESERVED_CONTEXT_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(RESERVED_CONTEXT_KEYS);

export function isReservedContextKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key);
}

/** Renders a context value as the condition language and prompts see it. */
export function contextValueToString(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function cloneValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return structuredClone(value);
}

function isReadonlyMap(
  value: Readonly<Record<string, unknown>> | ReadonlyMap<string, unknown>
): value is ReadonlyMap<string, unknown> {
  return value instanceof Map;
}

export class RunContext implements ContextView {
  readonly #values = new Map<string, unknown>();

  constructor(initial?: Readonly<Record<string, unknown>> | ReadonlyMap<string, unknown>) {
    if (!initial) return;
    if (isReadonlyMap(initial)) {
      for (const [key, value] of initial) this.set(key, value);
    } else {
      this.apply(initial);
    }
  }

  get(key: string): unknown {
    return this.#values.get(key);
  }

  getString(key: string, fallback = ''): string {
    const value = this.#values.get(key);
    return value === undefined ? fallback : contextValueToString(value);
  }

  has(key: string): boolean {
    return this.#values.has(key);
  }

  keys(): IterableIterator<string> {
    return this.#values.keys();
  }

  set(key: string, value: unknown): void {
    if (FORBIDDEN_KEYS.has(key)) return;
    if (value === undefined) this.#values.delete(key);
    else this.#values.set(key, value);
  }

  delete(key: string): void {
    this.#values.delete(key);
  }

  apply(updates: Readonly<Record<string, unknown>>): void {
    for (const key of Object.keys(updates)) this.set(key, updates[key]);
  }

  /** The values as one JSON object (what `JSON.stringify(this.snapshot())` gives, without the copy). */
  toJson(): string {
    const parts: string[] = [];
    for (const [key, value] of this.#values) {
      const text = JSON.stringify(value);
      if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${parts.join(',')}}`;
  }

  snapshot(): Record<string, unknown> {
    const out = Object.create(null) as Record<string, unknown>;
    for (const [key, value] of this.#values) out[key] = cloneValue(value);
    return out;
  }

  clone(): RunContext {
    return new RunContext(this.snapshot());
  }
}
