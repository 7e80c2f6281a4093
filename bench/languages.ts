/**
 * The two small languages at scale (these were timed unit tests; timings belong here, not in `npm test`):
 * parsing conditions, parsing a stylesheet, and applying a stylesheet to a graph. Each row reports the
 * median time and the per-item time as a ratio of the smallest size in the same run (1.0 = linear).
 */
import { parseCondition } from '../src/condition/parse-condition.js';
import type { GraphNode } from '../src/graph/graph.js';
import { makeGraph } from '../src/graph/graph.js';
import { applyStylesheet } from '../src/stylesheet/apply-stylesheet.js';
import { parseStylesheet } from '../src/stylesheet/parse-stylesheet.js';

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function time(runs: number, work: () => void): number {
  for (let i = 0; i < 3; i++) work(); // warm the JIT up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = performance.now();
    work();
    times.push(performance.now() - t0);
  }
  return median(times);
}

interface Case {
  readonly title: string;
  readonly unit: string;
  readonly sizes: readonly number[];
  /** Prepares the input for `size` items and returns the measured operation. */
  readonly prepare: (size: number) => () => void;
}

const LOC = { file: 'bench.dot', line: 1, column: 1 };

function styledGraphNode(i: number): GraphNode {
  return {
    id: `n${i}`,
    attrs: new Map(),
    loc: LOC,
    declarations: [LOC],
    implicit: false,
    classes: [`c${i % 50}`],
    subgraphs: []
  };
}

const CASES: readonly Case[] = [
  {
    title: 'parseCondition, one condition each',
    unit: 'conditions',
    sizes: [2_000, 20_000],
    prepare: (n) => {
      const texts = Array.from(
        { length: n },
        (_, i) => `outcome=success && context.k${i}!=v${i} || ctx.n${i}>=${i}`
      );
      return () => {
        for (const text of texts) if (!parseCondition(text).ok) throw new Error(text);
      };
    }
  },
  {
    title: 'parseStylesheet, one stylesheet',
    unit: 'rules',
    sizes: [1_000, 10_000],
    prepare: (n) => {
      const text = Array.from(
        { length: n },
        (_, i) => `#n${i} { llm_model: m${i}; reasoning_effort: low }`
      ).join('\n');
      return () => {
        const r = parseStylesheet(text);
        if (!r.ok || r.rules.length !== n) throw new Error('stylesheet did not parse');
      };
    }
  },
  {
    title: 'applyStylesheet, 51 + nodes/10 rules',
    unit: 'nodes',
    sizes: [1_000, 10_000],
    prepare: (n) => {
      const text = [
        '* { llm_model: base }',
        ...Array.from({ length: 50 }, (_, i) => `.c${i} { llm_provider: p${i} }`),
        ...Array.from({ length: n / 10 }, (_, i) => `#n${i * 10} { reasoning_effort: high }`)
      ].join('\n');
      const parsed = parseStylesheet(text);
      if (!parsed.ok) throw new Error('stylesheet did not parse');
      const nodes = new Map(
        Array.from({ length: n }, (_, i) => [`n${i}`, styledGraphNode(i)] as const)
      );
      const graph = makeGraph({
        name: 'bench',
        file: 'bench.dot',
        attrs: new Map(),
        nodes,
        edges: []
      });
      return () => {
        applyStylesheet(graph, parsed.rules);
      };
    }
  }
];

export async function run(): Promise<void> {
  console.log('\n## conditions and stylesheets (bench/languages.ts)');
  console.log('| operation | items | median ms | µs/item | per-item time vs smallest |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const c of CASES) {
    let baseline: number | undefined;
    for (const size of c.sizes) {
      const ms = time(7, c.prepare(size));
      const perItem = (ms * 1000) / size;
      baseline ??= perItem;
      console.log(
        `| ${c.title} | ${size} ${c.unit} | ${ms.toFixed(1)} | ${perItem.toFixed(2)} | ${(perItem / baseline).toFixed(2)}× |`
      );
    }
  }
  await Promise.resolve();
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
