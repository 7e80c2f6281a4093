/**
 * Maps handler type strings to handlers (spec §4.2): explicit `type` → shape → default (codergen).
 */
import type { GraphNode } from '../graph/graph.js';
import { HandlerTypes, shapeToHandlerType } from '../graph/shapes.js';
import { nodeShape } from '../graph/values.js';
import type { Handler } from './handler.js';

export class HandlerRegistry {
  readonly #handlers = new Map<string, Handler>();
  #defaultType: string = HandlerTypes.Codergen;

  /** Registers (or replaces) the handler for a type string. */
  register(type: string, handler: Handler): this {
    if (type.trim() === '') throw new TypeError('Handler type must be a non-empty string');
    this.#handlers.set(type, handler);
    return this;
  }

  has(type: string): boolean {
    return this.#handlers.has(type);
  }

  get(type: string): Handler | undefined {
    return this.#handlers.get(type);
  }

  types(): string[] {
    return [...this.#handlers.keys()];
  }

  setDefaultType(type: string): this {
    this.#defaultType = type;
    return this;
  }

  /** The type a node resolves to, or undefined when nothing (not even the default) is registered. */
  resolveType(node: GraphNode): string | undefined {
    const explicit = node.attrs.get('type')?.value.trim();
    if (explicit && this.#handlers.has(explicit)) return explicit;
    if (explicit) return undefined;
    const byShape = shapeToHandlerType(nodeShape(node));
    if (byShape && this.#handlers.has(byShape)) return byShape;
    return this.#handlers.has(this.#defaultType) ? this.#defaultType : undefined;
  }

  resolve(node: GraphNode): Handler | undefined {
    const type = this.resolveType(node);
    return type === undefined ? undefined : this.#handlers.get(type);
  }
}
