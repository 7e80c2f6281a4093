/**
 * A GithubClient (the real Octokit) pointed at a fresh fake GitHub API, with time on a FakeClock that the
 * fake shares, so a rate-limit wait on the client's clock also moves the fake's rate-limit window on.
 */
import { GithubClient } from '../../src/adapters/github-client.js';
import type { GithubClientOptions, RateLimitWait } from '../../src/adapters/github-client.js';
import { FakeClock } from './fake-clock.js';
import { startFakeGithub } from './fake-github.js';
import type { FakeGithub, FakeGithubOptions } from './fake-github.js';

export const MAINTAINERS = [
  { login: 'olivia', role: 'admin' },
  { login: 'alice', role: 'maintain' },
  { login: 'wes', role: 'write' },
  { login: 'tess', role: 'triage' },
  { login: 'rory', role: 'read' },
  { login: 'rita', role: { name: 'release-manager', base: 'write' } },
  { login: 'bob' },
  { login: 'renovate[bot]', type: 'Bot' }
] as const;

export interface ClientHarness extends AsyncDisposable {
  readonly github: FakeGithub;
  readonly client: GithubClient;
  readonly clock: FakeClock;
  /** Every rate-limit wait the client announced. */
  readonly waits: RateLimitWait[];
}

export async function startClient(
  fake: FakeGithubOptions = {},
  client: Partial<GithubClientOptions> & { manualClock?: boolean } = {}
): Promise<ClientHarness> {
  // The throttling plugin computes the wait for a primary limit from the system time, so the fake
  // clock starts there.
  const clock = new FakeClock({ start: Date.now(), autoAdvance: client.manualClock !== true });
  const github = await startFakeGithub({
    now: () => clock.now(),
    users: MAINTAINERS,
    ...fake
  });
  const waits: RateLimitWait[] = [];
  const gh = new GithubClient({
    baseUrl: github.url,
    token: github.token,
    owner: github.owner,
    repo: github.repo,
    clock,
    pluginDelays: { retryBaseMs: 0, writeSpacingMs: 0 },
    onRateLimitWait: (wait) => waits.push(wait),
    ...client
  });
  return {
    github,
    client: gh,
    clock,
    waits,
    [Symbol.asyncDispose]: () => github.close()
  };
}
