/**
 * The table of attributes tracker knows, per scope (graph, node, edge): their value type, allowed values,
 * aliases from older dialects, defaults and meaning. `buildGraph` uses it to store aliases under their
 * canonical key; validation uses it for `unknown_attribute` (with did-you-mean) and value checks;
 * docs/attributes.md documents every entry (a test keeps the two in step).
 *
 * Sources: attractor-spec §2.5-2.7, §4.8-4.11, §5.4, §6.5, §9.7 and Appendix A (`spec`); tracker's own
 * additions (`extension`); the Go Tracker's DOT dialect (`tracker`); other Attractor implementations found in
 * the conformance corpus (`peer`); Graphviz layout and rendering attributes, accepted silently so a pipeline
 * can still be drawn (`graphviz`).
 */
import { boundedEditDistance } from '../common/edit-distance.js';
import { SHAPE_TO_TYPE } from './shapes.js';

export type AttributeScope = 'graph' | 'node' | 'edge';

export type AttributeType =
  'string' | 'integer' | 'float' | 'boolean' | 'duration' | 'enum' | 'condition' | 'node_ref';

/**
 * Where an attribute comes from: the spec, an extension of this project, the Go Tracker's dialect, another
 * Attractor implementation, or Graphviz (rendering only).
 */
export type AttributeSource = 'spec' | 'extension' | 'tracker' | 'peer' | 'graphviz';

export interface AttributeSpec {
  /** The canonical key; values written under an alias are stored under this key. */
  readonly key: string;
  readonly scope: readonly AttributeScope[];
  readonly type: AttributeType;
  /** For `enum`: the accepted values. */
  readonly values?: readonly string[];
  /** Other names accepted for this attribute (older dialects). */
  readonly aliases?: readonly string[];
  /** The value in effect when the attribute is absent, as documentation text. */
  readonly default?: string;
  readonly source: AttributeSource;
  readonly description: string;
  /**
   * Set for attributes another dialect honours but tracker's engine does not: what to write instead.
   * Validation warns (`attribute_no_effect`) so the attribute is not silently ignored.
   */
  readonly unsupported?: string;
}

/** Context fidelity modes (spec §5.4); the engine and the `fidelity_valid` rule use this list. */
export const FIDELITY_MODES = [
  'full',
  'truncate',
  'compact',
  'summary:low',
  'summary:medium',
  'summary:high'
] as const;
export type FidelityMode = (typeof FIDELITY_MODES)[number];
const RETRY_POLICIES = ['none', 'standard', 'aggressive', 'linear', 'patient'] as const;
const REASONING_EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const;
const PIPELINE_SHAPES = Object.keys(SHAPE_TO_TYPE);

const G: readonly AttributeScope[] = ['graph'];
const N: readonly AttributeScope[] = ['node'];
const E: readonly AttributeScope[] = ['edge'];
const GN: readonly AttributeScope[] = ['graph', 'node'];
const NE: readonly AttributeScope[] = ['node', 'edge'];
const ALL: readonly AttributeScope[] = ['graph', 'node', 'edge'];

type Extra = Partial<Pick<AttributeSpec, 'values' | 'aliases' | 'default' | 'unsupported'>>;

/** The entry factory for attributes from `source`: key, scopes, type, description, then any extras. */
function entriesFrom(
  source: Exclude<AttributeSource, 'graphviz'>
): (
  key: string,
  scope: readonly AttributeScope[],
  type: AttributeType,
  description: string,
  extra?: Extra
) => AttributeSpec {
  return (key, scope, type, description, extra = {}) => ({
    key,
    scope,
    type,
    source,
    description,
    ...extra
  });
}
const spec = entriesFrom('spec');
const extension = entriesFrom('extension');
const tracker = entriesFrom('tracker');
const peer = entriesFrom('peer');

function visual(
  key: string,
  scope: readonly AttributeScope[],
  type: AttributeType = 'string',
  extra: Extra = {}
): AttributeSpec {
  return {
    key,
    scope,
    type,
    source: 'graphviz',
    description: 'Graphviz rendering attribute; accepted and ignored by tracker.',
    ...extra
  };
}

export const ATTRIBUTE_SCHEMA: readonly AttributeSpec[] = Object.freeze([
  // ── Graph (spec §2.5, Appendix A) ────────────────────────────────────────────────────────────────
  spec(
    'goal',
    G,
    'string',
    'Pipeline goal. Expanded as `$goal` in prompts; in the context as `graph.goal`.',
    {
      default: '""'
    }
  ),
  spec(
    'label',
    G,
    'string',
    'Display name of the graph. Inside a subgraph: the subgraph label, which derives a class for its nodes (§2.10).',
    {
      default: '""'
    }
  ),
  spec(
    'model_stylesheet',
    G,
    'string',
    'CSS-like rules that set llm_model, llm_provider and reasoning_effort per node (§8).',
    {
      default: '""'
    }
  ),
  spec('default_max_retries', G, 'integer', 'Retries for nodes that do not set max_retries.', {
    aliases: ['default_max_retry'],
    default: '0'
  }),
  spec(
    'default_fidelity',
    G,
    'enum',
    'Context fidelity for nodes and edges that set none (§5.4). Unset means `compact`.',
    {
      values: FIDELITY_MODES
    }
  ),
  extension(
    'schedule',
    G,
    'enum',
    'How the next node is chosen: `edges` follows edge selection (§3.3); `dependencies` runs a node once all its predecessors have completed.',
    {
      values: ['edges', 'dependencies'],
      default: 'edges'
    }
  ),

  // ── Node (spec §2.6, Appendix A) ─────────────────────────────────────────────────────────────────
  spec(
    'label',
    N,
    'string',
    'Display name shown in logs, prompts and gates. Defaults to the node ID.',
    {
      default: 'node ID'
    }
  ),
  spec('shape', N, 'enum', 'Graphviz shape; selects the handler when `type` is not set (§2.8).', {
    values: PIPELINE_SHAPES,
    default: 'box'
  }),
  spec('type', N, 'string', 'Handler type (e.g. `tool`, `wait.human`); overrides the shape.', {
    default: '""'
  }),
  spec(
    'prompt',
    N,
    'string',
    'Instruction for the stage. `$goal` is expanded; LLM stages fall back to the label.',
    {
      default: '""'
    }
  ),
  spec(
    'max_retries',
    N,
    'integer',
    'Additional attempts after the first; inherits default_max_retries.',
    {
      default: 'inherited'
    }
  ),
  spec(
    'goal_gate',
    N,
    'boolean',
    'The node must end in success or partial_success before the pipeline may exit.',
    {
      default: 'false'
    }
  ),
  spec(
    'retry_target',
    GN,
    'node_ref',
    'Graph: node to jump to when the exit is reached with an unsatisfied goal gate. Node: node to jump to when this node fails with retries exhausted.'
  ),
  spec(
    'fallback_retry_target',
    GN,
    'node_ref',
    'Second jump target, used when retry_target is missing or invalid.'
  ),
  spec(
    'fidelity',
    NE,
    'enum',
    'Context fidelity for the node, or (on an edge) for the target node; the edge wins (§5.4).',
    {
      values: FIDELITY_MODES,
      default: 'inherited'
    }
  ),
  spec(
    'thread_id',
    NE,
    'string',
    'LLM session key for `full` fidelity; nodes with the same key share a session.',
    {
      default: 'derived'
    }
  ),
  spec(
    'class',
    N,
    'string',
    'Comma-separated class names for model stylesheet selectors (`.name`).',
    {
      default: '""'
    }
  ),
  spec(
    'timeout',
    N,
    'duration',
    'Maximum run time of the stage (e.g. `30s`, `15m`); for human gates, how long to wait for an answer.'
  ),
  spec('llm_model', GN, 'string', 'LLM model ID. On the graph: default for every node.', {
    default: 'inherited'
  }),
  spec('llm_provider', GN, 'string', 'LLM provider key; detected from the model when unset.', {
    default: 'auto-detected'
  }),
  spec('reasoning_effort', GN, 'enum', 'Reasoning depth requested from the model.', {
    values: REASONING_EFFORTS,
    default: 'high'
  }),
  spec('auto_status', N, 'boolean', 'When the handler writes no status, record success.', {
    default: 'false'
  }),
  spec(
    'allow_partial',
    N,
    'boolean',
    'Accept partial_success when retries are exhausted instead of failing.',
    {
      default: 'false'
    }
  ),
  tracker(
    'default_max_visits',
    G,
    'integer',
    'max_visits for every node that sets none (a run-wide loop guard).',
    { default: 'unlimited' }
  ),
  peer(
    'max_visits',
    N,
    'integer',
    'How many times the node may run in one pipeline run (loop guard); exceeding it fails the run.',
    {
      default: 'unlimited'
    }
  ),

  // ── Parallel / fan-in (spec §4.8-4.9) ──────────────────────────────────────────────────────────
  spec(
    'join_policy',
    N,
    'enum',
    'When a parallel node is done: `wait_all` branches, the `first_success`, `k_of_n` (join_k successes) or a `quorum` (join_quorum fraction succeeds).',
    {
      values: ['wait_all', 'first_success', 'k_of_n', 'quorum'],
      default: 'wait_all'
    }
  ),
  extension('join_k', N, 'integer', 'Successful branches needed for join_policy=k_of_n.', {
    aliases: ['k_value'],
    default: '1'
  }),
  extension(
    'join_quorum',
    N,
    'float',
    'Fraction of branches (0 < q ≤ 1) that must succeed for join_policy=quorum.',
    {
      default: '0.5'
    }
  ),
  peer(
    'error_policy',
    N,
    'enum',
    'Branch failures in a parallel node: `fail_fast` cancels the others, `continue` runs all and reports, `ignore` drops failed branches.',
    {
      values: ['fail_fast', 'continue', 'ignore'],
      default: 'continue'
    }
  ),
  spec(
    'max_parallel',
    GN,
    'integer',
    'Node: how many branches of a parallel node run at once. Graph: how many nodes run at once with schedule=dependencies (no effect otherwise).',
    {
      aliases: ['max_concurrency'],
      default: '4'
    }
  ),
  tracker(
    'fan_in_policy',
    N,
    'enum',
    'Not supported (warned about): Tracker aggregation of parallel branches (`any`, `all`, `quorum`). Use join_policy.',
    {
      values: ['any', 'all', 'quorum'],
      unsupported:
        'Use join_policy instead: wait_all (all branches must succeed), first_success (any one), or k_of_n with join_k=N.'
    }
  ),
  tracker(
    'quorum',
    N,
    'integer',
    'Not supported (warned about): Tracker branch count for fan_in_policy=quorum. Use join_policy=k_of_n with join_k.',
    {
      unsupported: 'Use join_policy=k_of_n with join_k=N (N successful branches) instead.'
    }
  ),
  tracker(
    'parallel_targets',
    N,
    'string',
    'Not supported (warned about): Tracker branch list. The branches of a parallel node are its outgoing edges.',
    {
      unsupported:
        "Remove it: a parallel node's branches are its outgoing edges, so draw an edge to each branch target."
    }
  ),
  tracker('parallel_join', N, 'node_ref', 'The node where the branches of a parallel node join.'),
  tracker('branch_timeout', N, 'duration', 'Time limit for each branch of a parallel node.'),

  // ── Tool (spec §4.10, Tracker §2.5) ─────────────────────────────────────────────────────────────
  spec('tool_command', N, 'string', 'Shell command run by a tool node (`sh -c`).'),
  tracker(
    'output_limit',
    N,
    'string',
    'Cap on captured stdout/stderr per stream: bytes or a size such as `256KB`, `1MB`. The tail is kept.',
    {
      default: '64KB'
    }
  ),
  tracker(
    'working_dir',
    N,
    'string',
    'Directory (relative to the workspace) in which the command or agent runs.'
  ),
  tracker(
    'marker_grep',
    N,
    'string',
    'Regular expression; the last matching stdout line is stored as `tool_marker`, and no match fails the node.'
  ),
  tracker(
    'route_required',
    N,
    'boolean',
    'Fail the tool node when stdout has no `_TRACKER_ROUTE=<value>` line.',
    {
      default: 'false'
    }
  ),
  tracker(
    'writes',
    N,
    'string',
    'Comma-separated context keys the node must produce (tool: keys of a JSON object on stdout).'
  ),
  tracker(
    'reads',
    N,
    'string',
    'Comma-separated context keys the node reads; kept at full fidelity in prompts.'
  ),
  spec(
    'tool_hooks.pre',
    GN,
    'string',
    'Shell command run before each LLM tool call; a non-zero exit skips the call (§9.7).'
  ),
  spec(
    'tool_hooks.post',
    GN,
    'string',
    'Shell command run after each LLM tool call, for logging and audit (§9.7).'
  ),
  extension(
    'allow_env',
    GN,
    'string',
    'Comma-separated environment variable names (`*` globs allowed) passed to tool commands even though they look like secrets (`*_TOKEN`, `*_API_KEY`, `*_SECRET`, `*_PASSWORD`).'
  ),

  // ── Human gate (spec §4.6, §6.5, Tracker §2.6) ─────────────────────────────────────────────────
  spec(
    'human.default_choice',
    N,
    'string',
    'Choice (edge label or target node ID) taken when the gate times out or is auto-approved.',
    {
      aliases: ['default_choice']
    }
  ),
  tracker(
    'mode',
    N,
    'enum',
    'Kind of question a human gate asks: pick an outgoing edge (`choice`), free text, yes/no, or a generated questionnaire (`interview`).',
    {
      values: ['choice', 'freeform', 'yes_no', 'interview'],
      default: 'choice'
    }
  ),
  tracker(
    'timeout_action',
    N,
    'enum',
    'What a human gate does on timeout: take the `default` choice or `fail`.',
    {
      values: ['default', 'fail'],
      default: 'default'
    }
  ),
  tracker('questions_key', N, 'string', 'Context key holding the questions of an interview gate.', {
    default: 'interview_questions'
  }),
  tracker(
    'answers_key',
    N,
    'string',
    'Context key that receives the answers of an interview gate.',
    {
      default: 'interview_answers'
    }
  ),

  // ── Manager loop (spec §4.11) ────────────────────────────────────────────────────────────────
  spec(
    'manager.poll_interval',
    N,
    'duration',
    'Time between observation cycles of a manager loop.',
    {
      aliases: ['poll_interval'],
      default: '45s'
    }
  ),
  spec('manager.max_cycles', N, 'integer', 'Observation cycles before the manager loop fails.', {
    aliases: ['max_cycles'],
    default: '1000'
  }),
  spec(
    'manager.stop_condition',
    N,
    'condition',
    'Condition that ends the manager loop with success.',
    {
      aliases: ['stop_condition']
    }
  ),
  spec(
    'manager.actions',
    N,
    'string',
    'Comma-separated actions per cycle: `observe`, `steer`, `wait`.',
    {
      default: 'observe,wait'
    }
  ),
  spec(
    'stack.child_autostart',
    N,
    'boolean',
    'Start the child pipeline when the manager loop starts.',
    {
      default: 'true'
    }
  ),
  spec(
    'stack.child_dotfile',
    GN,
    'string',
    'Path of the child pipeline a manager loop (house) supervises.'
  ),
  spec('stack.child_workdir', GN, 'string', 'Working directory of the supervised child run.', {
    default: 'cwd'
  }),
  peer(
    'manager.stop_condition_key',
    N,
    'string',
    'Context key that ends the manager loop with success when it becomes truthy.',
    {
      aliases: ['stop_condition_key']
    }
  ),
  peer(
    'wait_ms',
    N,
    'integer',
    'Manager loop poll interval in milliseconds (older dialect of manager.poll_interval).'
  ),
  tracker(
    'steer_condition',
    N,
    'condition',
    'Condition under which the manager loop steers the child.'
  ),
  tracker(
    'steer_context',
    N,
    'string',
    'Comma-separated `k=v` pairs injected into the child as `steer.<k>` when steering.'
  ),
  tracker(
    'subgraph_ref',
    N,
    'string',
    'Child pipeline file run by a manager loop or subgraph node.'
  ),
  tracker(
    'subgraph_params',
    N,
    'string',
    'Comma-separated `k=v` parameters for the child pipeline.'
  ),

  // ── Retry (spec §3.5-3.6, Tracker §3.4) ────────────────────────────────────────────────────────
  tracker(
    'retry_policy',
    N,
    'enum',
    'Named backoff policy for retries of this node (§3.6 presets).',
    {
      values: RETRY_POLICIES,
      default: 'inherited'
    }
  ),
  tracker('default_retry_policy', G, 'enum', 'Backoff policy for nodes that set no retry_policy.', {
    values: RETRY_POLICIES,
    default: 'none'
  }),
  tracker('base_delay', N, 'duration', 'First retry delay of this node, overriding its policy.'),
  tracker(
    'default_base_delay',
    G,
    'duration',
    'First retry delay for nodes that set no base_delay.'
  ),
  tracker(
    'fallback_target',
    GN,
    'node_ref',
    'Node to route to when a node fails and none of its edges handles the failure.'
  ),
  tracker(
    'restart_target',
    G,
    'node_ref',
    'Node to restart from when a loop_restart edge is taken.'
  ),
  tracker('max_restarts', G, 'integer', 'Loop restarts allowed in one run.', { default: '5' }),

  // ── Graph-wide limits and policy (Tracker §2.2) ────────────────────────────────────────────────
  tracker('max_total_tokens', G, 'integer', 'Token budget for the whole run.'),
  tracker('max_cost_cents', G, 'integer', 'Cost budget for the whole run, in US cents.'),
  tracker('max_wall_time', G, 'duration', 'Wall-clock budget for the whole run.'),
  tracker(
    'tool_commands_allow',
    G,
    'string',
    'Comma-separated globs: tool commands must match one of them.'
  ),
  tracker(
    'tool_denylist_add',
    G,
    'string',
    'Comma-separated globs added to the tool command denylist.'
  ),
  tracker(
    'requires',
    G,
    'string',
    'Comma-separated preconditions checked before the run (e.g. `git`).'
  ),
  peer(
    'vars',
    G,
    'string',
    'Comma-separated pipeline variables, optionally with defaults (`name=value`), supplied with --param.'
  ),

  // ── Codergen / agent session (Tracker §2.7) ────────────────────────────────────────────────────
  tracker('system_prompt', N, 'string', 'System prompt for the LLM session of this node.'),
  tracker(
    'llm_fallbacks',
    GN,
    'string',
    'Comma-separated `provider:model` pairs tried in order when the provider fails.'
  ),
  tracker(
    'backend',
    GN,
    'string',
    'Agent backend that runs a codergen node (e.g. `native`, `claude-code`, `acp`).'
  ),
  tracker('max_turns', GN, 'integer', 'Agent turns allowed per codergen stage.', { default: '80' }),
  tracker('command_timeout', GN, 'duration', 'Time limit for each shell command the agent runs.', {
    default: '10s'
  }),
  tracker(
    'response_format',
    N,
    'string',
    'Response format requested from the model (e.g. `json_object`).'
  ),
  tracker('response_schema', N, 'string', 'JSON schema the model response must follow.'),
  tracker(
    'cache_tool_results',
    GN,
    'boolean',
    'Reuse results of identical read-only tool calls within a session.',
    {
      default: 'false'
    }
  ),
  tracker(
    'context_compaction',
    GN,
    'enum',
    'Compact the agent conversation when it nears the context window.',
    {
      values: ['auto', 'none']
    }
  ),
  tracker(
    'context_compaction_threshold',
    GN,
    'float',
    'Fraction of the context window (0 < t ≤ 1) at which compaction starts.',
    {
      default: '0.6'
    }
  ),
  tracker('reflect_on_error', GN, 'boolean', 'Ask the agent to reflect after a failing tool call.'),
  tracker('verify_after_edit', GN, 'boolean', 'Run verify_command after the agent edits files.'),
  tracker('verify_command', GN, 'string', 'Command that checks the agent’s edits.'),
  tracker('max_verify_retries', GN, 'integer', 'Verification rounds before giving up.'),
  tracker('plan_before_execute', GN, 'boolean', 'Ask the agent for a plan before it acts.', {
    aliases: ['plan']
  }),
  tracker('max_cost_usd', GN, 'float', 'Cost limit of one codergen stage, in US dollars.'),
  tracker(
    'no_progress_turns',
    GN,
    'integer',
    'Fail the stage after this many turns without a successful edit.'
  ),
  tracker(
    'turn_breach_policy',
    GN,
    'enum',
    'What to do when the turn limit is hit: verify then classify (`guard`) or `fail`.',
    {
      values: ['guard', 'fail']
    }
  ),
  tracker('cost_exceeded_action', N, 'string', 'What to do when max_cost_usd is exceeded.'),
  tracker(
    'memoize',
    N,
    'boolean',
    'Replay an earlier success of this node when its inputs are unchanged.',
    {
      default: 'false'
    }
  ),
  tracker(
    'injection_cap',
    N,
    'integer',
    'Bytes of previous node output injected into the prompt.',
    {
      default: '4096'
    }
  ),
  tracker('last_response_truncate', N, 'integer', 'Bytes of the response kept in `last_response`.'),
  tracker(
    'writable_paths',
    N,
    'string',
    'Comma-separated globs the agent may write to; everything else is read-only.'
  ),
  tracker('commit_only', N, 'boolean', 'Let the agent only commit, not edit.'),
  tracker('tool_access', N, 'string', 'Tools available to the agent (`none` disables tools).'),
  tracker(
    'allowed_tools',
    N,
    'string',
    'Comma-separated tools the agent may use (claude-code backend).'
  ),
  tracker(
    'disallowed_tools',
    N,
    'string',
    'Comma-separated tools the agent may not use (claude-code backend).'
  ),
  tracker('mcp_servers', N, 'string', 'MCP servers for the agent (claude-code backend).'),
  tracker('permission_mode', N, 'string', 'Permission mode of the agent (claude-code backend).'),
  tracker('max_budget_usd', N, 'float', 'Budget passed to the claude-code backend, in US dollars.'),
  tracker('acp_agent', N, 'string', 'Agent started by the `acp` backend.'),
  peer(
    'context_keys',
    N,
    'string',
    'Comma-separated context keys included in the prompt of this node.'
  ),

  // ── Edge (spec §2.7, Appendix A) ─────────────────────────────────────────────────────────────────
  spec(
    'label',
    E,
    'string',
    'Caption and routing key: matched against the preferred label of the outcome and offered as a human gate choice.',
    {
      default: '""'
    }
  ),
  spec(
    'condition',
    E,
    'condition',
    'Guard expression over the outcome and context (§10); the edge is taken only when it holds.',
    {
      default: '""'
    }
  ),
  spec('weight', E, 'integer', 'Priority among eligible unconditional edges; higher wins.', {
    default: '0'
  }),
  spec(
    'loop_restart',
    E,
    'boolean',
    'Taking this edge restarts the run with a fresh log directory.',
    {
      default: 'false'
    }
  ),

  // ── Graphviz rendering (accepted, ignored) ───────────────────────────────────────────────────────
  visual('rankdir', G, 'enum', { values: ['TB', 'LR', 'BT', 'RL'] }),
  visual('splines', G),
  visual('nodesep', G, 'float'),
  visual('ranksep', G),
  visual('compound', G, 'boolean'),
  visual('concentrate', G, 'boolean'),
  visual('newrank', G, 'boolean'),
  visual('rank', G),
  visual('labeljust', G),
  visual('bgcolor', G),
  visual('pencolor', G),
  visual('pad', G),
  visual('size', G),
  visual('ratio', G),
  visual('dpi', G, 'float'),
  visual('center', G, 'boolean'),
  visual('outputorder', G),
  visual('charset', G),
  visual('layout', G),
  visual('forcelabels', G, 'boolean'),
  visual('clusterrank', G),
  visual('landscape', G, 'boolean'),
  visual('rotate', G, 'integer'),
  visual('nslimit', G, 'float'),
  visual('mclimit', G, 'float'),
  visual('searchsize', G, 'integer'),
  visual('remincross', G, 'boolean'),
  visual('quantum', G, 'float'),
  visual('layers', G),
  visual('fontpath', G),
  visual('imagepath', G),
  visual('ordering', GN),
  visual('margin', GN),
  visual('labelloc', GN),
  visual('color', ALL),
  visual('fillcolor', ALL),
  visual('style', ALL),
  visual('fontname', ALL),
  visual('fontsize', ALL, 'float'),
  visual('fontcolor', ALL),
  visual('penwidth', ALL, 'float'),
  visual('tooltip', ALL),
  visual('URL', ALL),
  visual('href', ALL),
  visual('target', ALL),
  visual('id', ALL),
  visual('comment', ALL),
  visual('layer', NE),
  visual('xlabel', NE),
  visual('width', N, 'float'),
  visual('height', N, 'float'),
  visual('fixedsize', N),
  visual('pos', NE),
  visual('peripheries', N, 'integer'),
  visual('sides', N, 'integer'),
  visual('skew', N, 'float'),
  visual('distortion', N, 'float'),
  visual('orientation', N),
  visual('regular', N, 'boolean'),
  visual('image', N),
  visual('imagescale', N),
  visual('group', N),
  visual('gradientangle', GN, 'integer'),
  visual('nojustify', N, 'boolean'),
  visual('sortv', GN, 'integer'),
  visual('arrowhead', E),
  visual('arrowtail', E),
  visual('arrowsize', E, 'float'),
  visual('dir', E, 'enum', { values: ['forward', 'back', 'both', 'none'] }),
  visual('headlabel', E),
  visual('taillabel', E),
  visual('labelfontsize', E, 'float'),
  visual('labelfontcolor', E),
  visual('labelfontname', E),
  visual('labelangle', E, 'float'),
  visual('labeldistance', E, 'float'),
  visual('labeltooltip', E),
  visual('edgetooltip', E),
  visual('headtooltip', E),
  visual('tailtooltip', E),
  visual('headURL', E),
  visual('tailURL', E),
  visual('constraint', E, 'boolean'),
  visual('minlen', E, 'integer'),
  visual('lhead', E),
  visual('ltail', E),
  visual('headport', E),
  visual('tailport', E),
  visual('headclip', E, 'boolean'),
  visual('tailclip', E, 'boolean'),
  visual('decorate', E, 'boolean'),
  visual('samehead', E),
  visual('sametail', E)
]);

// ── Lookup indexes (built once, lazily, from the table) ────────────────────────────────────────────

interface ScopeIndex {
  /** Canonical keys and aliases → entry. */
  readonly byKey: ReadonlyMap<string, AttributeSpec>;
  /** Lower-cased canonical keys and aliases → canonical key, for suggestions. */
  readonly candidates: readonly {
    readonly name: string;
    readonly lower: string;
    readonly canonical: string;
  }[];
}

let indexes: Readonly<Record<AttributeScope, ScopeIndex>> | undefined;

function scopeIndexes(): Readonly<Record<AttributeScope, ScopeIndex>> {
  if (indexes) return indexes;
  const built: Partial<Record<AttributeScope, ScopeIndex>> = {};
  for (const scope of ['graph', 'node', 'edge'] as const) {
    const byKey = new Map<string, AttributeSpec>();
    const candidates: { name: string; lower: string; canonical: string }[] = [];
    for (const entry of ATTRIBUTE_SCHEMA) {
      if (!entry.scope.includes(scope)) continue;
      for (const name of [entry.key, ...(entry.aliases ?? [])]) {
        if (byKey.has(name))
          throw new Error(`attribute schema: '${name}' is listed twice for scope ${scope}`);
        byKey.set(name, entry);
        candidates.push({ name, lower: name.toLowerCase(), canonical: entry.key });
      }
    }
    built[scope] = { byKey, candidates };
  }
  const { graph, node, edge } = built;
  if (!graph || !node || !edge) throw new Error('attribute schema: missing scope index');
  indexes = { graph, node, edge };
  return indexes;
}

/** Validation looks up every attribute of every element several times: keep this a property read. */
function indexFor(scope: AttributeScope): ScopeIndex {
  return (indexes ?? scopeIndexes())[scope];
}

/** Canonical keys of the attributes of `type` in `scope` (e.g. the condition-typed node attributes). */
export function attributeKeysOfType(scope: AttributeScope, type: AttributeType): readonly string[] {
  return ATTRIBUTE_SCHEMA.filter((e) => e.scope.includes(scope) && e.type === type).map(
    (e) => e.key
  );
}

/** Canonical keys of the attributes in `scope` that tracker does not implement (`unsupported`). */
export function unsupportedAttributeKeys(scope: AttributeScope): readonly string[] {
  return ATTRIBUTE_SCHEMA.filter((e) => e.scope.includes(scope) && e.unsupported !== undefined).map(
    (e) => e.key
  );
}

/** The schema entry for `key` (canonical or alias) in `scope`, or undefined when the key is unknown there. */
export function lookupAttribute(scope: AttributeScope, key: string): AttributeSpec | undefined {
  return indexFor(scope).byKey.get(key);
}

/** The canonical key for `key` in `scope`: aliases map to their canonical key; other keys are returned as is. */
export function canonicalAttributeKey(scope: AttributeScope, key: string): string {
  return lookupAttribute(scope, key)?.key ?? key;
}

/** True when `key` is an alias (not the canonical name) of a known attribute in `scope`. */
export function isAttributeAlias(scope: AttributeScope, key: string): boolean {
  const entry = lookupAttribute(scope, key);
  return entry !== undefined && entry.key !== key;
}

/** The scopes in which `key` (canonical or alias) is known; empty when it is known nowhere. */
export function attributeScopes(key: string): AttributeScope[] {
  return (['graph', 'node', 'edge'] as const).filter(
    (scope) => lookupAttribute(scope, key) !== undefined
  );
}

/**
 * Did-you-mean for an unknown key: the canonical key of the closest known attribute in `scope` within edit
 * distance 2 (case-insensitive, singular and plural alike), else a known key that `key` is a prefix of (at least 3 characters) or a
 * `_`/`.`-separated suffix of. Returns undefined when `key` is already known or nothing is close.
 */
export function suggestAttribute(scope: AttributeScope, key: string): string | undefined {
  const index = indexFor(scope);
  if (index.byKey.has(key)) return undefined;
  const lower = key.toLowerCase();
  if (lower === '') return undefined;
  let best: string | undefined;
  let bestDistance = 3;
  const stem = singular(lower);
  for (const candidate of index.candidates) {
    const d = Math.min(
      boundedEditDistance(lower, candidate.lower, bestDistance - 1),
      boundedEditDistance(stem, singular(candidate.lower), bestDistance - 1)
    );
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate.canonical;
      if (d === 0) break;
    }
  }
  // Two edits in a four-letter word (`file` → `side`) is another word, not a typo.
  if (best !== undefined && 2 * bestDistance < lower.length) return best;
  if (lower.length >= 3) {
    for (const candidate of index.candidates) {
      if (candidate.lower.startsWith(lower)) return candidate.canonical;
    }
  }
  for (const candidate of index.candidates) {
    if (candidate.lower.endsWith(`_${lower}`) || candidate.lower.endsWith(`.${lower}`)) {
      return candidate.canonical;
    }
  }
  return undefined;
}

/** `max_retries` → `max_retry`, `branches` → `branche`: so singular/plural slips count as close. */
function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  return word.endsWith('s') ? word.slice(0, -1) : word;
}
