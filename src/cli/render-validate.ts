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
    const plan = planLines(graph);
    lines.push(...plan.lines.map((line) => visible(line)));
    if (plan.cut)
      lines.push('  (long lists are cut short here; tracker validate --json has them in full)');
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
 * How much of a long list the text output shows: the plan's first PLAN_LEVELS_SHOWN levels, and the
 * first LIST_ITEMS_SHOWN entries of any one list (a level's nodes, loops, branches, unreachable nodes,
 * parallel groups); the rest is counted ("… and 9962 more"). `--json` has every list in full.
 */
export const PLAN_LEVELS_SHOWN = 25;
export const LIST_ITEMS_SHOWN = 20;

/** The first LIST_ITEMS_SHOWN `items`, each as `show` renders it, then "… and N more". */
export function boundedList<T>(
  items: readonly T[],
  show: (item: T) => string = String,
  separator = ', '
): string {
  const shown = items.slice(0, LIST_ITEMS_SHOWN).map(show);
  if (items.length > shown.length) shown.push(`… and ${items.length - shown.length} more`);
  return shown.join(separator);
}

/**
 * The synopsis and execution plan lines (`tracker validate` and `tracker simulate` print them). Names,
 * the goal and node ids are made visible, each on its own line.
 */
export function renderPlan(graph: Graph): string[] {
  return planLines(graph).lines.map((line) => visible(line));
}

/** renderPlan's lines, and whether a list in them was cut short. */
function planLines(graph: Graph): { lines: string[]; cut: boolean } {
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
  const levels = plan.levels.slice(0, PLAN_LEVELS_SHOWN);
  levels.forEach((level, i) =>
    lines.push(`    ${String(i + 1).padStart(3)}. ${boundedList(level)}`)
  );
  if (plan.levels.length > levels.length) {
    const rest = plan.levels.slice(levels.length);
    const nodes = rest.reduce((n, level) => n + level.length, 0);
    lines.push(
      `    … and ${rest.length} more level${rest.length === 1 ? '' : 's'} (${nodes} node${nodes === 1 ? '' : 's'}, the last: ${boundedList(rest[rest.length - 1] ?? [])})`
    );
  }
  for (const g of plan.parallelGroups.slice(0, LIST_ITEMS_SHOWN)) {
    lines.push(
      `  parallel: ${g.nodeId} → ${boundedList(g.branches, String, ' | ')}${g.fanIn ? ` → joins at ${g.fanIn}` : ' (the branches never meet: each runs on to the exit)'}`
    );
  }
  if (plan.parallelGroups.length > LIST_ITEMS_SHOWN)
    lines.push(
      `  parallel: … and ${plan.parallelGroups.length - LIST_ITEMS_SHOWN} more parallel nodes`
    );
  if (plan.backEdges.length)
    lines.push(`  loops:    ${boundedList(plan.backEdges, (e) => `${e.from} -> ${e.to}`)}`);
  if (plan.unreachable.length) lines.push(`  unreachable: ${boundedList(plan.unreachable)}`);
  const cut =
    plan.levels.length > PLAN_LEVELS_SHOWN ||
    [...levels, plan.parallelGroups, plan.backEdges, plan.unreachable].some(
      (list) => list.length > LIST_ITEMS_SHOWN
    ) ||
    plan.parallelGroups.some((g) => g.branches.length > LIST_ITEMS_SHOWN);
  return { lines, cut };
}
