/**
 * Parse + validate of generated pipelines with 1k, 10k and 100k nodes (about 2 edges per node).
 * Reports time and memory per node, and the per-node time as a ratio of the 1k-node case (1.0 = linear).
 */
import { preparePipeline } from '../src/pipeline/prepare-pipeline.js';
import { generatePipeline } from './generate.js';

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

export async function run(): Promise<void> {
  console.log('\n## parse + validate (bench/parse.ts)');
  console.log('| nodes | edges | median ms | µs/node | heap KB/node | per-node time vs 1k |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
  let baseline: number | undefined;
  // Warm the JIT first on a mid-size graph: otherwise the 1k row pays for compilation and every later row
  // looks faster per node than it is (the "per-node time vs 1k" column then reads below 1 for linear code).
  const warmup = generatePipeline(5_000);
  for (let i = 0; i < 5; i++) {
    preparePipeline(warmup, { file: 'bench.dot', limits: { maxBytes: 64 * 2 ** 20 } });
  }
  for (const n of [1_000, 10_000, 100_000]) {
    const text = generatePipeline(n);
    const runs = n >= 100_000 ? 3 : 7;
    preparePipeline(text, { file: 'bench.dot', limits: { maxBytes: 64 * 2 ** 20 } });
    const times: number[] = [];
    let heap = 0;
    let edges = 0;
    for (let i = 0; i < runs; i++) {
      gc();
      const before = process.memoryUsage().heapUsed;
      const t0 = performance.now();
      const prepared = preparePipeline(text, {
        file: 'bench.dot',
        limits: { maxBytes: 64 * 2 ** 20 }
      });
      times.push(performance.now() - t0);
      heap = Math.max(heap, process.memoryUsage().heapUsed - before);
      edges = prepared.graph?.edges.length ?? 0;
      if (!prepared.ok) throw new Error('generated pipeline is invalid');
    }
    const ms = median(times);
    const perNode = (ms * 1000) / n;
    baseline ??= perNode;
    console.log(
      `| ${n} | ${edges} | ${ms.toFixed(1)} | ${perNode.toFixed(2)} | ${(heap / 1024 / n).toFixed(2)} | ${(perNode / baseline).toFixed(2)}× |`
    );
  }
  await Promise.resolve();
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
