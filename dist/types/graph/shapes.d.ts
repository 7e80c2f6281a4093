/**
 * Shape → handler type (attractor-spec §2.8) and the handler type strings the registry uses.
 */
export declare const HandlerTypes: {
    readonly Start: "start";
    readonly Exit: "exit";
    readonly Codergen: "codergen";
    readonly WaitHuman: "wait.human";
    readonly Conditional: "conditional";
    readonly Parallel: "parallel";
    readonly FanIn: "parallel.fan_in";
    readonly Tool: "tool";
    readonly ManagerLoop: "stack.manager_loop";
};
export type BuiltinHandlerType = (typeof HandlerTypes)[keyof typeof HandlerTypes];
export declare const SHAPE_TO_TYPE: Readonly<Record<string, BuiltinHandlerType>>;
export declare const BUILTIN_HANDLER_TYPES: ReadonlySet<string>;
export declare const DEFAULT_SHAPE = "box";
export declare function shapeToHandlerType(shape: string): BuiltinHandlerType | undefined;
