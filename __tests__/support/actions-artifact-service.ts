/**
 * Artifact service v4 (`github.actions.results.api.v1.ArtifactService`).
 *
 * - Calls name the workflow run and job by their backend ids; they must be the ones in the token's
 *   `Actions.Results:<run>:<job>` scope (`403 permission_denied` otherwise).
 * - A name is unique within the workflow run, across jobs and attempts: a second CreateArtifact with it is
 *   `409 already_exists`, "an artifact with this name already exists on the workflow run".
 * - An artifact is listed, signed and deletable once finalized, until it expires (`expires_at`, from the
 *   client's retention days) or is deleted (which frees its name). Listing covers the whole run, as the
 *   real service does.
 */
import type { BlobStore } from './actions-blob-store.js';
import type { RuntimeTokenClaims } from './actions-runtime-token.js';
import { field, rfc3339, twirpError, twirpOk, type TwirpReply } from './actions-twirp.js';

export const ARTIFACT_CONTAINER = 'actions-results';

export interface ArtifactRecord {
  readonly id: number;
  readonly runBackendId: string;
  readonly jobBackendId: string;
  readonly name: string;
  readonly mimeType: string;
  readonly version: number;
  readonly createdAt: number;
  /** From the request's `expires_at`; undefined means the repository's default retention. */
  readonly expiresAt: number | undefined;
  readonly blobName: string;
  finalized: boolean;
  /** As the client reported it in FinalizeArtifact. */
  size?: number;
  /** What the blob held when it was finalized. */
  storedSize?: number;
  /** Deleted records stay in the list (for assertions) but are no longer served. */
  deleted?: boolean;
  /** `sha256:<hex>`, as the client reported it. */
  digest?: string;
}

export class ArtifactService {
  readonly artifacts: ArtifactRecord[] = [];
  readonly #blobs: BlobStore;
  readonly #now: () => number;
  readonly #firstId: number;
  #ids = 0;

  constructor(blobs: BlobStore, now: () => number, firstId = 1) {
    this.#blobs = blobs;
    this.#now = now;
    this.#firstId = firstId;
  }

  call(method: string, body: Record<string, unknown>, claims: RuntimeTokenClaims): TwirpReply {
    const run = field(body, 'workflow_run_backend_id');
    const job = field(body, 'workflow_job_run_backend_id');
    if (run !== claims.runBackendId || (job !== claims.jobBackendId && method === 'CreateArtifact'))
      return twirpError(
        'permission_denied',
        `the token does not grant access to workflow run ${run} job ${job}`
      );
    switch (method) {
      case 'CreateArtifact':
        return this.#create(body, claims);
      case 'FinalizeArtifact':
        return this.#finalize(body, run);
      case 'ListArtifacts':
        return this.#list(body, run);
      case 'GetSignedArtifactURL': {
        const artifact = this.#live(run).find((a) => a.name === field(body, 'name'));
        if (!artifact) return twirpError('not_found', `artifact not found: ${field(body, 'name')}`);
        return twirpOk({
          signed_url: this.#blobs.signedUrl(ARTIFACT_CONTAINER, artifact.blobName, 'r')
        });
      }
      case 'DeleteArtifact': {
        const artifact = this.#live(run).find((a) => a.name === field(body, 'name'));
        if (!artifact) return twirpError('not_found', `artifact not found: ${field(body, 'name')}`);
        artifact.deleted = true;
        this.#blobs.delete(ARTIFACT_CONTAINER, artifact.blobName);
        return twirpOk({ ok: true, artifact_id: String(artifact.id) });
      }
      default:
        return twirpError('bad_route', `no handler for path "/ArtifactService/${method}"`);
    }
  }

  #create(body: Record<string, unknown>, claims: RuntimeTokenClaims): TwirpReply {
    const name = field(body, 'name');
    const version = Number(field(body, 'version'));
    if (!name) return twirpError('invalid_argument', 'name is required');
    if (!(version >= 4)) return twirpError('invalid_argument', `unsupported version ${version}`);
    if (
      this.artifacts.some(
        (a) => a.runBackendId === claims.runBackendId && a.name === name && !a.deleted
      )
    )
      return twirpError(
        'already_exists',
        'an artifact with this name already exists on the workflow run'
      );
    const expires = field(body, 'expires_at');
    const id = this.#firstId + this.#ids++;
    const record: ArtifactRecord = {
      id,
      runBackendId: claims.runBackendId,
      jobBackendId: claims.jobBackendId,
      name,
      mimeType: field(body, 'mime_type') || 'application/zip',
      version,
      createdAt: this.#now(),
      expiresAt: expires ? Date.parse(expires) : undefined,
      blobName: `${claims.runBackendId}/${claims.jobBackendId}/${id}`,
      finalized: false
    };
    this.artifacts.push(record);
    return twirpOk({
      ok: true,
      signed_upload_url: this.#blobs.signedUrl(ARTIFACT_CONTAINER, record.blobName, 'cw')
    });
  }

  #finalize(body: Record<string, unknown>, run: string): TwirpReply {
    const name = field(body, 'name');
    const artifact = this.artifacts.find(
      (a) => a.runBackendId === run && a.name === name && !a.finalized
    );
    if (!artifact) return twirpError('not_found', `no artifact is being created with name ${name}`);
    const blob = this.#blobs.get(ARTIFACT_CONTAINER, artifact.blobName);
    if (!blob)
      return twirpError('failed_precondition', `nothing was uploaded for artifact ${name}`);
    artifact.finalized = true;
    artifact.storedSize = blob.content.length;
    artifact.size = Number(field(body, 'size'));
    const hash = field(body, 'hash');
    if (hash) artifact.digest = hash;
    return twirpOk({ ok: true, artifact_id: String(artifact.id) });
  }

  #list(body: Record<string, unknown>, run: string): TwirpReply {
    const nameFilter = field(body, 'name_filter');
    const idFilter = field(body, 'id_filter');
    const artifacts = this.#live(run)
      .filter((a) => (nameFilter ? a.name === nameFilter : true))
      .filter((a) => (idFilter ? String(a.id) === idFilter : true))
      .map((a) => ({
        workflow_run_backend_id: a.runBackendId,
        workflow_job_run_backend_id: a.jobBackendId,
        database_id: String(a.id),
        name: a.name,
        size: String(a.size ?? 0),
        created_at: rfc3339(a.createdAt),
        ...(a.digest ? { digest: a.digest } : {})
      }));
    return twirpOk({ artifacts });
  }

  /** Finalized artifacts of a run, neither expired nor deleted. */
  #live(run: string): ArtifactRecord[] {
    const now = this.#now();
    return this.artifacts.filter(
      (a) =>
        a.runBackendId === run &&
        a.finalized &&
        !a.deleted &&
        (a.expiresAt === undefined || a.expiresAt > now)
    );
  }
}
