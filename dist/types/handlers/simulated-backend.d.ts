import type { CodergenBackend, CodergenRequest, CodergenResult } from '../ports/codergen-backend.js';
/**
 * The backend used by `--simulate` and when no LLM is configured (spec §4.5 "simulation mode"):
 * answers deterministically without any network.
 */
export declare class SimulatedBackend implements CodergenBackend {
    run(request: CodergenRequest): Promise<CodergenResult>;
}
