/**
 * Typed reading of attribute values (spec §2.4): integers, floats, booleans and durations.
 * Parsers return `undefined` for text that is not a value of the type; callers turn that into diagnostics.
 */
import type { Attributes, GraphNode } from './graph.js';
import { DEFAULT_SHAPE, shapeToHandlerType, HandlerTypes } from './shapes.js';

const INTEGER = /^[-+]?\d+$/;
const FLOAT = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/y;
const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000
};

/**
 * The longest duration tracker accepts: 2^31-1 ms (≈ 24.8 days), the longest delay one Node timer can
 * take. `attribute_type` rejects longer durations; the system clock chains timers up to any length.
 */
export const MAX_DURATION_MS = 2_147_483_647;

export function parseInteger(text: string): number | undefined {
  const t = text.trim();
  if (!INTEGER.test(t)) return undefined;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : undefined;
}

export function parseFloatValue(text: string): number | undefined {
  const t = text.trim();
  if (!FLOAT.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

export function parseBoolean(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'true') return true;
  if (t === 'false') return false;
  return undefined;
}

/**
 * A duration in milliseconds: `250ms`, `900s`, `15m`, `2h`, `1d`, and compounds such as `1h30m`.
 * A bare number is not a duration (see `parseDurationLenient`).
 */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  let total = 0;
  DURATION_PART.lastIndex = 0;
  let pos = 0;
  while (pos < t.length) {
    DURATION_PART.lastIndex = pos;
    const m = DURATION_PART.exec(t);
    if (!m || m.index !== pos) return undefined;
    const amount = Number(m[1]);
    const unit = UNIT_MS[m[2] ?? ''];
    if (unit === undefined) return undefined;
    total += amount * unit;
    pos = DURATION_PART.lastIndex;
  }
  return Math.round(total);
}

/** Like `parseDuration`, but a bare number counts as seconds. `unitless` tells the caller to warn. */
export function parseDurationLenient(text: string): { ms: number; unitless: boolean } | undefined {
  const strict = parseDuration(text);
  if (strict !== undefined) return { ms: strict, unitless: false };
  const seconds = parseFloatValue(text);
  if (seconds === undefined || seconds < 0) return undefined;
  return { ms: Math.round(seconds * 1000), unitless: true };
}

export function getString(attrs: Attributes, key: string): string | undefined {
  return attrs.get(key)?.value;
}

export function getInteger(attrs: Attributes, key: string): number | undefined {
  const v = attrs.get(key);
  return v === undefined ? undefined : parseInteger(v.value);
}

export function getBoolean(attrs: Attributes, key: string): boolean | undefined {
  const v = attrs.get(key);
  return v === undefined ? undefined : parseBoolean(v.value);
}

export function getDurationMs(attrs: Attributes, key: string): number | undefined {
  const v = attrs.get(key);
  return v === undefined ? undefined : parseDurationLenient(v.value)?.ms;
}

export function nodeShape(node: GraphNode): string {
  return node.attrs.get('shape')?.value ?? DEFAULT_SHAPE;
}

/** Handler type: explicit `type`, else the shape's type, else `codergen` (spec §4.2). */
export function nodeHandlerType(node: GraphNode): string {
  const explicit = node.attrs.get('type')?.value.trim();
  if (explicit) return explicit;
  return shapeToHandlerType(nodeShape(node)) ?? HandlerTypes.Codergen;
}

export function nodeLabel(node: GraphNode): string {
  const label = node.attrs.get('label')?.value;
  return label === undefined || label === '' ? node.id : label;
}
