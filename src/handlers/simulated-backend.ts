import type {
  CodergenBackend,
  CodergenRequest,
  CodergenResult
} from '../ports/codergen-backend.js';

/**
 * The backend used by `--simulate` and when no LLM is configured (spec §4.5 "simulation mode"):
 * answers deterministically without any network.
 */
export class SimulatedBackend implements CodergenBackend {
  run(request: CodergenRequest): Promise<CodergenResult> {
    return Promise.resolve({
      text: `[Simulated] Response for stage: ${request.nodeId}`,
      model: 'simulated',
      provider: 'simulated'
    });
  }
}
