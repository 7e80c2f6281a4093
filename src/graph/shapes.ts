/**
 * Shape → handler type (attractor-spec §2.8) and the handler type strings the registry uses.
 */
export const HandlerTypes = {
  Start: 'start',
  Exit: 'exit',
  Codergen: 'codergen',
  WaitHuman: 'wait.human',
  Conditional: 'conditional',
  Parallel: 'parallel',
  FanIn: 'parallel.fan_in',
  Tool: 'tool',
  ManagerLoop: 'stack.manager_loop'
} as const;

export type BuiltinHandlerType = (typeof HandlerTypes)[keyof typeof HandlerTypes];

export const SHAPE_TO_TYPE: Readonly<Record<string, BuiltinHandlerType>> = Object.freeze({
  Mdiamond: HandlerTypes.Start,
  Msquare: HandlerTypes.Exit,
  box: HandlerTypes.Codergen,
  hexagon: HandlerTypes.WaitHuman,
  diamond: HandlerTypes.Conditional,
  component: HandlerTypes.Parallel,
  tripleoctagon: HandlerTypes.FanIn,
  parallelogram: HandlerTypes.Tool,
  house: HandlerTypes.ManagerLoop
});

export const BUILTIN_HANDLER_TYPES: ReadonlySet<string> = new Set(Object.values(HandlerTypes));

export const DEFAULT_SHAPE = 'box';

export function shapeToHandlerType(shape: string): BuiltinHandlerType | undefined {
  return Object.hasOwn(SHAPE_TO_TYPE, shape) ? SHAPE_TO_TYPE[shape] : undefined;
}
