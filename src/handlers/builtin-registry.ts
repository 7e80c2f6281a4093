/**
 * The registry with every built-in handler (spec §2.8 types), wired to the given ports.
 * Composition roots call this, then may `register` custom handlers on the result.
 */
import { HandlerTypes } from '../graph/shapes.js';
import type { Clock } from '../ports/clock.js';
import type { CodergenBackend } from '../ports/codergen-backend.js';
import type { Interviewer } from '../ports/interviewer.js';
import type { ProcessRunner } from '../ports/process-runner.js';
import type { FreshStageDirs } from '../ports/run-store.js';
import { CodergenHandler } from './codergen.js';
import { ConditionalHandler } from './conditional.js';
import { ExitHandler } from './exit.js';
import { FanInHandler } from './fan-in.js';
import { ManagerLoopHandler } from './manager-loop.js';
import type { ChildPipelineRunner } from './manager-loop.js';
import { ParallelHandler } from './parallel.js';
import { HandlerRegistry } from '../engine/registry.js';
import { SimulatedBackend } from './simulated-backend.js';
import { StartHandler } from './start.js';
import { ToolHandler } from './tool.js';
import { WaitHumanHandler } from './wait-human.js';

export interface BuiltinHandlerDeps {
  readonly processRunner: ProcessRunner;
  readonly interviewer: Interviewer;
  /** Defaults to the simulated backend. */
  readonly backend?: CodergenBackend;
  readonly workdir: string;
  /** The environment tool nodes inherit (secrets are stripped by the tool handler). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock: Clock;
  /** Runs child pipelines for manager-loop nodes; absent = manager loops supervise context only. */
  readonly childRunner?: ChildPipelineRunner;
  /** The run store's fresh stage directories, when it knows them (FsRunStore): tool stages skip clean-up there. */
  readonly freshStages?: FreshStageDirs;
}

export function createBuiltinRegistry(deps: BuiltinHandlerDeps): HandlerRegistry {
  const registry = new HandlerRegistry();
  registry
    .register(HandlerTypes.Start, new StartHandler())
    .register(HandlerTypes.Exit, new ExitHandler())
    .register(HandlerTypes.Conditional, new ConditionalHandler())
    .register(HandlerTypes.Codergen, new CodergenHandler(deps.backend ?? new SimulatedBackend()))
    .register(HandlerTypes.WaitHuman, new WaitHumanHandler(deps.interviewer))
    .register(HandlerTypes.Parallel, new ParallelHandler())
    .register(HandlerTypes.FanIn, new FanInHandler())
    .register(
      HandlerTypes.Tool,
      new ToolHandler({
        runner: deps.processRunner,
        workdir: deps.workdir,
        baseEnv: deps.env,
        ...(deps.freshStages ? { freshStages: deps.freshStages } : {})
      })
    )
    .register(HandlerTypes.ManagerLoop, new ManagerLoopHandler(deps.childRunner))
    .setDefaultType(HandlerTypes.Codergen);
  return registry;
}
