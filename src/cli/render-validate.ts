/**
 * `tracker validate` output: diagnostics as `file:line:col: severity[rule]: message` with the source line
 * and a caret under the column, a synopsis of the graph, the execution plan, and a one-line verdict.
 * `--json` prints the same as one JSON document (each diagnostic with its `excerpt`, and `token` for
 * syntax errors).
 */
import { visible, visibleJson } from '../common/visible.js';
import type { Graph } from '../graph/graph.js';
import { planExecution, summarizeGraph } from '../graph/plan.js';
import type { PipelineKind } from '../graph/plan.js';
import { attachExcerpts } from '../pipeline/attach-excerpts.js';
import type { PreparedPipeline } from '../pipeline/prepare-pipeline.js';
import { formatDiagnostic, summarizeDiagnostics } from '../validate/format-diagnostic.js';

export function renderValidation(prepared: PreparedPipeline, options: { json: boolean }): string {
  const graph = prepared.graph;
  const diagnostics =
    prepared.source === undefined
      ? prepared.diagnostics
      : attachExcerpts(prepared.diagnostics, prepared.source, prepared.file);
  if (options.json) {
    const summary = graph ? summarizeGraph(graph) : undefined;
    const plan = graph ? planExecution(graph) : undefined;
    return (
      visibleJson(
        {
          valid: prepared.ok,
          diagnostics,
          ...(summary && plan
            ? {
                synopsis: {
                  name: summary.name,
                  goal: summary.goal ?? '',
                  nodes: summary.nodeCount,
                  edges: summary.edgeCount,
                  handlers: Object.fromEntries(summary.handlerCounts),
                  start: summary.startNodeIds,
                  exit: summary.exitNodeIds,
                  kind: summary.kind
                },
                plan: {
                  levels: plan.levels,
                  parallel_groups: plan.parallelGroups,
                  back_edges: plan.backEdges.map((e) => ({ from: e.from, to: e.to })),
                  unreachable: plan.unreachable
                }
              }
            : {})
        },
        2
      ) + '\n'
    );
  }
  const lines: string[] = diagnostics.map(formatDiagnostic);
  if (graph) {
    if (lines.length) lines.push('');
    lines.push(...renderPlan(graph));
  }
  lines.push(
    prepared.ok
      ? `✓ valid (${summarizeDiagnostics(prepared.diagnostics)})`
      : `✗ invalid (${summarizeDiagnostics(prepared.diagnostics)})`
  );
  return lines.join('\n') + '\n';
}

/** What the pipeline kind in the synopsis line means (README, "The CLI"). */
export const KIND_MEANINGS: Readonly<Record<PipelineKind, string>> = {
  PLANNING: 'LLM or human stages, no tool stages',
  EXECUTION: 'tool stages, no LLM stages',
  HYBRID: 'LLM and tool stages',
  EMPTY: 'no LLM, tool or human stages'
};

/**
 * The synopsis and execution plan lines (`tracker validate` and `tracker simulate` print them). Names,
 * the goal and node ids are made visible, each on its own line.
 */
export function renderPlan(graph: Graph): string[] {
  return planLines(graph).map((line) => visible(line));
}

function planLines(graph: Graph): string[] {
  const summary = summarizeGraph(graph);
  const plan = planExecution(graph);
  const lines: string[] = [];
  lines.push(
    `Pipeline '${summary.name}': ${summary.nodeCount} nodes, ${summary.edgeCount} edges — ${summary.kind} pipeline (${KIND_MEANINGS[summary.kind]})`
  );
  if (summary.goal) lines.push(`  goal:     ${summary.goal}`);
  lines.push(
    `  start:    ${summary.startNodeIds.join(', ') || '(none)'}    exit: ${summary.exitNodeIds.join(', ') || '(none)'}`
  );
  lines.push(`  handlers: ${[...summary.handlerCounts].map(([t, n]) => `${n} ${t}`).join(', ')}`);
  lines.push('  plan (topological levels; nodes on one level can run concurrently):');
  plan.levels.forEach((level, i) =>
    lines.push(`    ${String(i + 1).padStart(3)}. ${level.join(', ')}`)
  );
  for (const g of plan.parallelGroups) {
    lines.push(
      `  parallel: ${g.nodeId} → ${g.branches.join(' | ')}${g.fanIn ? ` → joins at ${g.fanIn}` : ' (the branches never meet: each runs on to the exit)'}`
    );
  }
  if (plan.backEdges.length)
    lines.push(`  loops:    ${plan.backEdges.map((e) => `${e.from} -> ${e.to}`).join(', ')}`);
  if (plan.unreachable.length) lines.push(`  unreachable: ${plan.unreachable.join(', ')}`);
  return lines;
}
