/**
 * The process helper: a small Node process that starts tool commands on tracker's behalf
 * (docs/decisions/0007-process-helper.md). It runs each request with NodeProcessRunner (process
 * groups, output files, tails, timeouts: the same code as in-process) and replies with the result.
 *
 * - It ignores SIGINT, SIGTERM and SIGHUP: a Ctrl-C reaches the whole foreground process group, and
 *   stopping the commands is tracker's call (it sends `abort`, then writes its checkpoint).
 * - When tracker goes away (the IPC channel closes, e.g. tracker was SIGKILLed) it exits, and
 *   NodeProcessRunner's exit hook kills every command group still running — its own, and those
 *   tracker started itself while this helper was starting and asked it to watch.
 */
import { errorMessage } from '../common/errors.js';
import type { ProcessRunner } from '../ports/process-runner.js';
import {
  NodeProcessRunner,
  unwatchProcessGroup,
  watchProcessGroup
} from './node-process-runner.js';
import type { ServerReply } from './process-server-protocol.js';
import { applyEnvDelta, isServerRequest } from './process-server-protocol.js';

export function serveProcessRequests(runner: ProcessRunner = new NodeProcessRunner()): void {
  const send = process.send?.bind(process);
  if (send === undefined) {
    process.stderr.write('tracker process helper: start it with an IPC channel (from tracker)\n');
    process.exitCode = 2;
    return;
  }
  const reply = (message: ServerReply): void => {
    if (process.connected) send(message);
  };
  const running = new Map<number, AbortController>();
  let baseEnv: Readonly<Record<string, string>> = Object.create(null) as Record<string, string>;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => undefined);
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: unknown) => {
    if (!isServerRequest(message)) return;
    switch (message.t) {
      case 'abort':
        running.get(message.id)?.abort();
        return;
      case 'env':
        baseEnv = message.env;
        return;
      case 'watch':
        watchProcessGroup(message.pid);
        return;
      case 'unwatch':
        unwatchProcessGroup(message.pid);
        return;
      case 'run':
        break;
    }
    const { id, spec } = message;
    const controller = new AbortController();
    if (message.aborted) controller.abort();
    running.set(id, controller);
    runner.run({ ...spec, env: applyEnvDelta(baseEnv, spec.env) }, controller.signal).then(
      (result) => {
        running.delete(id);
        reply({ t: 'done', id, result });
      },
      (error: unknown) => {
        running.delete(id);
        reply({ t: 'done', id, error: errorMessage(error) });
      }
    );
  });
  reply({ t: 'ready', pid: process.pid });
}
