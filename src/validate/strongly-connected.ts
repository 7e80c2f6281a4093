/**
 * Strongly connected components (Tarjan's algorithm) over an integer graph in CSR form: the successors of
 * node i are `targets[start[i] .. start[i + 1])`. Iterative, so deep graphs cannot overflow the stack.
 * O(nodes + edges), allocation-light.
 */

export interface Components {
  /** How many components there are. */
  readonly count: number;
  /** The component of each node, numbered in the order components complete (reverse topological order). */
  readonly of: Int32Array;
}

export function stronglyConnectedComponents(
  n: number,
  start: Int32Array,
  targets: Int32Array
): Components {
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const of = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const frames = new Int32Array(n);
  const cursor = new Int32Array(n);
  let stackTop = 0;
  let counter = 0;
  let count = 0;
  let depth = 0;
  // One closure for the whole run (not one per root: 10k roots made 10k closures).
  const enter = (v: number): void => {
    order[v] = low[v] = counter++;
    stack[stackTop++] = v;
    onStack[v] = 1;
    cursor[v] = start[v] ?? 0;
    frames[depth++] = v;
  };

  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    depth = 0;
    enter(root);
    while (depth > 0) {
      const v = frames[depth - 1] ?? 0;
      const c = cursor[v] ?? 0;
      if (c < (start[v + 1] ?? 0)) {
        cursor[v] = c + 1;
        const w = targets[c] ?? 0;
        if (order[w] === -1) enter(w);
        else if (onStack[w] === 1) low[v] = Math.min(low[v] ?? 0, order[w] ?? 0);
        continue;
      }
      depth--;
      if (depth > 0) {
        const parent = frames[depth - 1] ?? 0;
        low[parent] = Math.min(low[parent] ?? 0, low[v] ?? 0);
      }
      if (low[v] === order[v]) {
        let w: number;
        do {
          w = stack[--stackTop] ?? 0;
          onStack[w] = 0;
          of[w] = count;
        } while (w !== v);
        count++;
      }
    }
  }
  return { count, of };
}
