/**
 * The environment a tool command runs in: the inherited environment minus secrets (unless allowed), and
 * the variables tracker sets (docs/tool-nodes.md). Nothing from the context, the goal or LLM output is
 * spliced into a command; it reaches the command only as these variables and files.
 */
import type { ContextView } from '../ports/context.js';
import { contextValueToString } from '../engine/context.js';

const SECRET_NAME =
  /(?:^|_)(?:API_?KEY|TOKEN|SECRET|SECRET_KEY|SECRET_ACCESS_KEY|ACCESS_KEY|PASSWORD|PASSWD|PASSPHRASE|PRIVATE_KEY|SIGNING_KEY|ENCRYPTION_KEY|PAT|CREDENTIALS?)$/i;
const SECRET_EXACT: ReadonlySet<string> = new Set([
  'GITHUB_TOKEN',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN'
]);

/**
 * Environment names stripped from tool commands by default (case-insensitive): names ending in `_API_KEY`,
 * `_APIKEY`, `_TOKEN`, `_SECRET`, `_SECRET_KEY`, `_SECRET_ACCESS_KEY`, `_ACCESS_KEY`, `_PASSWORD`, `_PASSWD`,
 * `_PASSPHRASE`, `_PRIVATE_KEY`, `_SIGNING_KEY`, `_ENCRYPTION_KEY`, `_PAT`, `_CREDENTIAL(S)` (or exactly
 * one of those words), and the GitHub Actions tokens.
 */
export function isSecretEnvName(name: string): boolean {
  return SECRET_EXACT.has(name.toUpperCase()) || SECRET_NAME.test(name);
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'i');
}

/** Parses `allow_env="NAME1,AWS_*"` into matchers (exact names or `*` globs, case-insensitive). */
export function parseAllowEnv(text: string | undefined): readonly RegExp[] {
  if (text === undefined) return [];
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(globToRegExp);
}

/** The inherited environment minus secrets (unless allowed or `TRACKER_PASS_ENV=1`). */
export function inheritedToolEnv(
  baseEnv: Readonly<Record<string, string | undefined>>,
  allow: readonly RegExp[]
): Record<string, string> {
  const passAll = ['1', 'true'].includes((baseEnv['TRACKER_PASS_ENV'] ?? '').trim().toLowerCase());
  const env = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(baseEnv)) {
    if (value === undefined) continue;
    if (!passAll && isSecretEnvName(name) && !allow.some((re) => re.test(name))) continue;
    env[name] = value;
  }
  return env;
}

/** Where a tool stage runs, for the variables that tell the command. */
export interface ToolStage {
  readonly runId: string;
  readonly runDir: string;
  readonly nodeId: string;
  readonly stageDir: string;
  readonly workdir: string;
  /** The absolute path of the stage's context file. */
  readonly contextFile: string;
  /** The absolute path of the expanded `prompt`, when the node has one. */
  readonly promptFile?: string;
  readonly goal: string;
}

/**
 * The command's environment: the inherited one (see `inheritedToolEnv`, `allow_env`), then tracker's own
 * variables, which always win. `ATTRACTOR_PROMPT_FILE` is set only when the node has a prompt.
 */
/**
 * The inherited environment by `allow_env` text, filtered once: reading `process.env` and testing every
 * name against the secret patterns cost 0.1 ms per tool node (a third of the engine's own work for a
 * trivial command). The base environment is therefore read when the first tool node starts, not again
 * for every node.
 */
export class InheritedEnv {
  readonly #base: Readonly<Record<string, string | undefined>>;
  readonly #byAllowText = new Map<string, Readonly<Record<string, string>>>();
  #snapshot: Readonly<Record<string, string | undefined>> | undefined;

  constructor(base: Readonly<Record<string, string | undefined>>) {
    this.#base = base;
  }

  /** A fresh copy the caller may add to. */
  get(allowText: string | undefined): Record<string, string> {
    const key = allowText ?? '';
    let inherited = this.#byAllowText.get(key);
    if (inherited === undefined) {
      this.#snapshot ??= { ...this.#base };
      inherited = inheritedToolEnv(this.#snapshot, parseAllowEnv(allowText));
      this.#byAllowText.set(key, inherited);
    }
    return Object.assign(Object.create(null) as Record<string, string>, inherited);
  }
}

/** The command's environment: the inherited one (`InheritedEnv.get`) plus tracker's own variables. */
export function toolEnv(
  inherited: Record<string, string>,
  stage: ToolStage,
  context: ContextView
): Record<string, string> {
  const env = inherited;
  Object.assign(env, {
    TRACKER_RUN_ID: stage.runId,
    TRACKER_RUN_DIR: stage.runDir,
    TRACKER_NODE_ID: stage.nodeId,
    TRACKER_STAGE_DIR: stage.stageDir,
    TRACKER_WORKDIR: stage.workdir,
    TRACKER_CONTEXT_FILE: stage.contextFile,
    TRACKER_OUTCOME: contextValueToString(context.get('outcome')),
    TRACKER_PREFERRED_LABEL: contextValueToString(context.get('preferred_label')),
    TRACKER_GOAL: stage.goal,
    ATTRACTOR_LOGS_ROOT: stage.runDir,
    ATTRACTOR_STAGE_DIR: stage.stageDir,
    ATTRACTOR_NODE_ID: stage.nodeId
  });
  delete env['ATTRACTOR_PROMPT_FILE'];
  if (stage.promptFile !== undefined) env['ATTRACTOR_PROMPT_FILE'] = stage.promptFile;
  return env;
}
