/** Generates synthetic pipelines for benchmarks: a start, `n` work nodes, an exit, ~2 edges per node. */
export function generatePipeline(n: number): string {
  const lines: string[] = [
    'digraph bench {',
    '  graph [goal="benchmark", default_max_retries=0]',
    '  start [shape=Mdiamond]',
    '  done [shape=Msquare]'
  ];
  for (let i = 0; i < n; i++) {
    lines.push(
      `  n${i} [shape=parallelogram, label="Node ${i}", tool_command="echo ${i}", timeout="30s"]`
    );
  }
  lines.push('  start -> n0');
  for (let i = 0; i < n - 1; i++) {
    lines.push(`  n${i} -> n${i + 1} [condition="outcome=success"]`);
    // A second, forward edge per node (skipping one) keeps the graph acyclic and every node on a path to exit.
    lines.push(`  n${i} -> n${Math.min(i + 2, n - 1)} [condition="outcome=fail", label="skip"]`);
  }
  lines.push(`  n${n - 1} -> done`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

/**
 * A linear-ish pipeline: `nodes` LLM stages, three attributes each, two edges per node: one to the next
 * stage, one (conditional) back to an earlier one — `nodes` loops.
 */
export function generateLoopingPipeline(nodes: number): string {
  const lines: string[] = [
    'digraph Bench {',
    '  graph [goal="Benchmark the DOT parser", default_max_retries=1]',
    '  node [shape=box, timeout="900s"]',
    '  start [shape=Mdiamond]',
    '  done [shape=Msquare]',
    '  start -> n0'
  ];
  for (let i = 0; i < nodes; i += 1) {
    lines.push(
      `  n${i} [label="Stage ${i}", prompt="Do step ${i} of the work, then report", max_retries=2]`
    );
  }
  for (let i = 0; i < nodes; i += 1) {
    const next = i + 1 < nodes ? `n${i + 1}` : 'done';
    lines.push(`  n${i} -> ${next}`);
    lines.push(`  n${i} -> n${Math.floor(i / 2)} [condition="outcome=fail", label="retry"]`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
