/**
 * GithubClient (src/adapters/github-client.ts) — the real Octokit with its throttling and retry plugins —
 * against the fake GitHub API on loopback: each call of the IssueComments port, permissions, and how
 * GitHub's refusals become TrackerErrors with GITHUB_* codes.
 */
import { describe, expect, it } from '@jest/globals';
import { isTrackerError } from '../../src/common/errors.js';
import { GithubClient } from '../../src/adapters/github-client.js';
import { FakeClock } from '../support/fake-clock.js';
import { startClient } from '../support/github-client-harness.js';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return isTrackerError(error)
      ? `${error.code}: ${error.message}`
      : `not a TrackerError: ${String(error)}`;
  }
  return 'resolved';
}

describe('GithubClient: comments', () => {
  it('posts and edits a comment as the token user; an edit moves updatedAt on', async () => {
    await using h = await startClient();
    const posted = await h.client.postComment(1, 'Ship v2?');
    expect(posted).toMatchObject({
      body: 'Ship v2?',
      author: { login: 'github-actions[bot]', isBot: true },
      url: expect.stringMatching(/\/pull\/1#issuecomment-\d+$/)
    });
    expect(posted.id).toBeGreaterThan(2 ** 31);
    expect(posted.updatedAt).toBe(posted.createdAt);
    const edited = await h.client.editComment(posted.id, 'Ship v2? — approved by @alice');
    expect(edited.id).toBe(posted.id);
    expect(edited.body).toBe('Ship v2? — approved by @alice');
    expect(Date.parse(edited.updatedAt)).toBeGreaterThan(Date.parse(posted.createdAt));
    expect(h.github.comments(1).map((c) => c.body)).toEqual(['Ship v2? — approved by @alice']);
  });

  it('lists only the comments after the mark, oldest first, with their authors', async () => {
    await using h = await startClient();
    h.github.seedComments(1, 3, 'bob');
    const gate = await h.client.postComment(1, 'gate');
    h.github.replyAs('renovate[bot]', 'bump deps');
    h.github.replyAs('alice', '/tracker approve');
    const replies = await h.client.listCommentsAfter(1, gate);
    expect(replies.map((c) => [c.author.login, c.author.isBot, c.body])).toEqual([
      ['renovate[bot]', true, 'bump deps'],
      ['alice', false, '/tracker approve']
    ]);
    expect(replies.every((c) => c.id > gate.id)).toBe(true);
  });

  it('never returns an older comment edited after the gate, and an edited reply once, as it is now', async () => {
    await using h = await startClient();
    const [old] = h.github.seedComments(1, 1, 'alice', () => 'hello');
    const gate = await h.client.postComment(1, 'gate');
    const reply = h.github.replyAs('alice', '/tracker deny');
    await h.clock.advance(5_000);
    h.github.editAs(old!.id, '/tracker approve');
    h.github.editAs(reply.result!.id, '/tracker approve');
    const replies = await h.client.listCommentsAfter(1, gate);
    expect(replies.map((c) => [c.id, c.body])).toEqual([[reply.result!.id, '/tracker approve']]);
    expect(replies[0]!.updatedAt).not.toBe(replies[0]!.createdAt);
  });

  it('reacts to a comment; reacting the same way again is not an error', async () => {
    await using h = await startClient();
    const [c] = h.github.seedComments(1, 1, 'alice');
    await h.client.addReaction(c!.id, 'eyes');
    await h.client.addReaction(c!.id, 'eyes');
    await h.client.addReaction(c!.id, 'rocket');
    expect(h.github.reactions(c!.id)).toEqual([
      { login: 'github-actions[bot]', content: 'eyes' },
      { login: 'github-actions[bot]', content: 'rocket' }
    ]);
    expect(h.github.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([
      201, 200, 201
    ]);
  });

  it('opens an issue for a gate without a thread, and closes it', async () => {
    await using h = await startClient();
    const issue = await h.client.createIssue({
      title: 'Gate: review',
      body: 'Ship?',
      labels: ['tracker']
    });
    expect(issue).toEqual({ number: 2, url: 'https://github.com/acme/widgets/issues/2' });
    await h.client.closeIssue(issue.number);
    expect(h.github.issue(2)).toEqual({
      state: 'closed',
      stateReason: 'completed',
      title: 'Gate: review'
    });
  });

  it('takes the base URL with a trailing slash', async () => {
    await using h = await startClient();
    const client = new GithubClient({
      baseUrl: `${h.github.url}/`,
      token: h.github.token,
      owner: 'acme',
      repo: 'widgets',
      clock: new FakeClock({ autoAdvance: true }),
      pluginDelays: { retryBaseMs: 0, writeSpacingMs: 0 }
    });
    const gate = await client.postComment(1, 'gate');
    expect(await client.listCommentsAfter(1, gate)).toEqual([]);
  });
});

describe('GithubClient: permissions', () => {
  it.each([
    ['olivia', 'admin', 'admin'],
    ['alice', 'write', 'maintain'],
    ['wes', 'write', 'write'],
    ['tess', 'read', 'triage'],
    ['rory', 'read', 'read'],
    ['rita', 'write', 'release-manager'],
    ['bob', 'none', 'none'],
    ['nobody-at-all', 'none', 'none']
  ])('%s → %s (role %s)', async (login, permission, roleName) => {
    await using h = await startClient();
    expect(await h.client.getPermission(login)).toEqual({ login, permission, roleName });
  });

  it('reads a role change on the next lookup', async () => {
    await using h = await startClient();
    expect((await h.client.getPermission('bob')).permission).toBe('none');
    h.github.setRole('bob', 'maintain');
    expect(await h.client.getPermission('bob')).toEqual({
      login: 'bob',
      permission: 'write',
      roleName: 'maintain'
    });
  });
});

describe('GithubClient: failures are TrackerErrors with GITHUB_* codes', () => {
  it('a read-only token cannot comment: GITHUB_FORBIDDEN, saying which permission to grant', async () => {
    await using h = await startClient({
      tokens: { ghs_ro: { login: 'github-actions[bot]', canWrite: false } }
    });
    const failure = await codeOf(h.client.postComment(1, 'gate'));
    expect(failure).toMatch(
      /^GITHUB_FORBIDDEN: Posting a comment on #1 failed \(403: Resource not accessible by integration/
    );
    expect(failure).toContain('permissions: issues: write');
    expect(h.github.requests).toHaveLength(1);
  });

  it('a refused token is GITHUB_UNAUTHORIZED', async () => {
    await using h = await startClient({}, { token: 'ghs_expired' });
    expect(
      await codeOf(h.client.listCommentsAfter(1, { id: 1, createdAt: '2026-01-01T00:00:00Z' }))
    ).toMatch(
      /^GITHUB_UNAUTHORIZED: Listing the comments on #1 failed \(401: Bad credentials.*expired/
    );
  });

  it('a missing comment or issue is GITHUB_NOT_FOUND', async () => {
    await using h = await startClient();
    expect(await codeOf(h.client.editComment(123, 'x'))).toMatch(
      /^GITHUB_NOT_FOUND: Editing comment 123 failed \(404/
    );
    expect(await codeOf(h.client.postComment(99, 'x'))).toMatch(
      /^GITHUB_NOT_FOUND: .*acme\/widgets/
    );
  });

  it('a body over GitHub’s limit is GITHUB_REJECTED (422), not retried', async () => {
    await using h = await startClient();
    expect(await codeOf(h.client.postComment(1, 'x'.repeat(65_537)))).toMatch(
      /^GITHUB_REJECTED: .*\(422: Validation Failed/
    );
    expect(h.github.requests).toHaveLength(1);
  });

  it('a next-page link to another host is refused, and the token is not sent there', async () => {
    await using h = await startClient({ linkOrigin: 'http://127.0.0.1:9' });
    const gate = await h.client.postComment(1, 'gate');
    h.github.seedComments(1, 150);
    expect(await codeOf(h.client.listCommentsAfter(1, gate))).toMatch(
      /^GITHUB_REJECTED: GitHub's next-page link points at another host \(http:\/\/127\.0\.0\.1:9\)/
    );
  });
});
