/**
 * Polling with GithubClient against the fake GitHub API: pagination, conditional requests (an unchanged
 * thread costs nothing), rate limits waited out on the injected clock, 5xx retried, every bound kept.
 */
import { describe, expect, it } from '@jest/globals';
import { isTrackerError } from '../../src/common/errors.js';
import { COMMENTS_PER_PAGE } from '../../src/adapters/github-client.js';
import type { RecordedRequest } from '../support/fake-github.js';
import { startClient } from '../support/github-client-harness.js';

const COMMENTS = '/repos/acme/widgets/issues/1/comments';
const isList = (r: RecordedRequest): boolean => r.method === 'GET' && r.path === COMMENTS;
const onPage = (page: string) => (r: { method: string; path: string; query: URLSearchParams }) =>
  r.method === 'GET' && r.path === COMMENTS && r.query.get('page') === page;

async function failureOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isTrackerError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a failure');
}

describe('GithubClient: pagination', () => {
  it('reads every page: 150 comments after the gate, then the reply', async () => {
    await using h = await startClient();
    const gate = await h.client.postComment(1, 'gate');
    h.github.seedComments(1, 150);
    h.github.replyAs('alice', '/tracker approve');
    const replies = await h.client.listCommentsAfter(1, gate);
    expect(replies).toHaveLength(151);
    expect(replies.at(-1)).toMatchObject({ body: '/tracker approve', author: { login: 'alice' } });
    expect(replies.slice(0, 150).map((c) => c.body)).toEqual(
      Array.from({ length: 150 }, (_, i) => `comment ${i + 1}`)
    );
    const pages = h.github.requests.filter(isList);
    expect(pages.map((r) => [r.query.get('page'), r.query.get('per_page'), r.status])).toEqual([
      ['1', '100', 200],
      ['2', '100', 200]
    ]);
    // the walk starts at the gate's time: `since` keeps older history out of the pages
    expect(pages[0]?.query.get('since')).toBe(gate.createdAt);
  });

  it('sees a reply that starts a new page although the full page before it is unchanged', async () => {
    await using h = await startClient();
    const gate = await h.client.postComment(1, 'gate');
    h.github.seedComments(1, COMMENTS_PER_PAGE - 1); // page 1: the gate and 99 comments, full
    expect(await h.client.listCommentsAfter(1, gate)).toHaveLength(99);
    h.github.replyAs('alice', '/tracker approve');
    const replies = await h.client.listCommentsAfter(1, gate);
    expect(replies.at(-1)?.body).toBe('/tracker approve');
    expect(h.github.requests.filter(isList).map((r) => [r.query.get('page'), r.status])).toEqual([
      ['1', 200],
      ['2', 200],
      ['1', 304],
      ['2', 200]
    ]);
  });

  it('stops after maxListPages pages', async () => {
    await using h = await startClient({}, { maxListPages: 3 });
    const gate = await h.client.postComment(1, 'gate');
    h.github.seedComments(1, 3 * COMMENTS_PER_PAGE);
    const failure = await failureOf(h.client.listCommentsAfter(1, gate));
    expect(failure.code).toBe('GITHUB_REJECTED');
    expect(failure.message).toMatch(/more than 300 comments came after comment \d+/);
    expect(h.github.requests.filter(isList)).toHaveLength(3);
  });
});

describe('GithubClient: conditional polling', () => {
  it('costs nothing while the thread is unchanged: every page is a 304', async () => {
    await using h = await startClient();
    const gate = await h.client.postComment(1, 'gate');
    h.github.seedComments(1, 150);
    const first = await h.client.listCommentsAfter(1, gate);
    const spent = h.github.countedRequests().length;
    const remaining = h.github.remaining();
    for (let poll = 0; poll < 10; poll++) {
      expect(await h.client.listCommentsAfter(1, gate)).toEqual(first);
    }
    expect(h.github.countedRequests()).toHaveLength(spent);
    expect(h.github.remaining()).toBe(remaining);
    const polls = h.github.requests.filter(isList).slice(2);
    expect(polls).toHaveLength(20);
    expect(polls.every((r) => r.conditional && r.status === 304)).toBe(true);
  });

  it('pays one request for the page that changed, and sees the scripted reply on the third poll', async () => {
    await using h = await startClient();
    const gate = await h.client.postComment(1, 'gate');
    h.github.seedComments(1, 150);
    h.github.replyAs('alice', '/tracker approve', { afterPolls: 2 });
    expect(await h.client.listCommentsAfter(1, gate)).toHaveLength(150);
    expect(await h.client.listCommentsAfter(1, gate)).toHaveLength(150);
    const before = h.github.countedRequests(isList).length;
    const third = await h.client.listCommentsAfter(1, gate);
    expect(third.at(-1)?.body).toBe('/tracker approve');
    const now = h.github.countedRequests(isList);
    expect(now.length - before).toBe(1);
    expect(now.at(-1)?.query.get('page')).toBe('2');
  });
});

describe('GithubClient: rate limits (throttling plugin, waits on the injected clock)', () => {
  it.each([403, 429] as const)(
    'waits out a secondary limit (%d, retry-after 30) in the middle of a listing, then finishes it',
    async (status) => {
      await using h = await startClient();
      const gate = await h.client.postComment(1, 'gate');
      h.github.seedComments(1, 150);
      h.github.secondaryLimit({ status, retryAfter: 30, match: onPage('2') });
      const replies = await h.client.listCommentsAfter(1, gate);
      expect(replies).toHaveLength(150);
      expect(h.clock.sleeps).toEqual([30_000]);
      expect(h.waits).toEqual([
        { kind: 'secondary', ms: 30_000, method: 'GET', url: expect.stringContaining('page=2') }
      ]);
      expect(h.github.requests.filter(onPage('2')).map((r) => r.status)).toEqual([status, 200]);
    }
  );

  it('waits for a secondary limit without retry-after the 60 s GitHub asks for', async () => {
    await using h = await startClient();
    h.github.secondaryLimit({ method: 'POST' });
    await h.client.postComment(1, 'gate');
    expect(h.clock.sleeps).toEqual([60_000]);
    expect(h.github.comments(1)).toHaveLength(1);
  });

  it('waits until the primary budget resets when it runs out mid-way, then recovers', async () => {
    await using h = await startClient({ rateLimit: 2 }, { maxRateLimitWaitMs: 2 * 3_600_000 });
    const gate = await h.client.postComment(1, 'gate'); // 1 of 2
    h.github.seedComments(1, 150);
    const replies = await h.client.listCommentsAfter(1, gate); // page 1: 2 of 2; page 2: refused
    expect(replies).toHaveLength(150);
    expect(h.waits.map((w) => w.kind)).toEqual(['primary']);
    // until x-ratelimit-reset (an hour after the window opened) and a second more
    expect(h.clock.sleeps[0]).toBeGreaterThanOrEqual(3_600_000);
    expect(h.clock.sleeps[0]).toBeLessThanOrEqual(3_602_000);
    expect(h.github.requests.filter(onPage('2')).map((r) => r.status)).toEqual([403, 200]);
  });

  it('does not wait longer than maxRateLimitWaitMs: GITHUB_RATE_LIMITED at once', async () => {
    await using h = await startClient();
    h.github.exhaustRateLimit(2 * 3600);
    const failure = await failureOf(h.client.postComment(1, 'gate'));
    expect(failure.code).toBe('GITHUB_RATE_LIMITED');
    expect(failure.message).toMatch(
      /^Posting a comment on #1 failed \(403: API rate limit exceeded.*it resets at 20/
    );
    expect(h.clock.sleeps).toEqual([]);
  });

  it('waits at most rateLimitRetries times for one request', async () => {
    await using h = await startClient({}, { rateLimitRetries: 2 });
    h.github.secondaryLimit({ retryAfter: 5, times: 10 });
    const failure = await failureOf(h.client.getPermission('alice'));
    expect(failure.code).toBe('GITHUB_RATE_LIMITED');
    expect(h.clock.sleeps).toEqual([5_000, 5_000]);
    expect(h.github.requests).toHaveLength(3);
  });

  it('stops waiting when the signal aborts, and rejects with its reason', async () => {
    let waiting: () => void = () => undefined;
    const waited = new Promise<void>((resolve) => (waiting = resolve));
    await using h = await startClient({}, { manualClock: true, onRateLimitWait: () => waiting() });
    h.github.secondaryLimit({ retryAfter: 600 });
    const controller = new AbortController();
    const reason = new Error('job cancelled');
    const mark = { id: 0, createdAt: '2026-01-01T00:00:00Z' };
    const outcome = h.client.listCommentsAfter(1, mark, controller.signal).then(
      () => 'resolved',
      (error: unknown) => error
    );
    await waited;
    expect(h.clock.pendingSleeps).toBe(1);
    controller.abort(reason);
    expect(await outcome).toBe(reason);
    expect(h.clock.pendingSleeps).toBe(0);
    expect(h.github.requests).toHaveLength(1);
  });
});

describe('GithubClient: server errors (retry plugin)', () => {
  it('retries a 500 and succeeds', async () => {
    await using h = await startClient();
    const gate = await h.client.postComment(1, 'gate');
    h.github.fail({ status: 500, method: 'GET', times: 2 });
    expect(await h.client.listCommentsAfter(1, gate)).toEqual([]);
    expect(h.github.requests.filter(isList).map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it('gives up after `retries` more attempts: GITHUB_UNAVAILABLE', async () => {
    await using h = await startClient({}, { retries: 2 });
    h.github.fail({ status: 502, times: 10 });
    const failure = await failureOf(h.client.addReaction(1, 'eyes'));
    expect(failure.code).toBe('GITHUB_UNAVAILABLE');
    expect(h.github.requests.map((r) => r.status)).toEqual([502, 502, 502]);
  });

  it('does not retry creating a comment or an issue (GitHub may have created it)', async () => {
    await using h = await startClient();
    h.github.fail({ status: 500, method: 'POST', times: 2 });
    expect((await failureOf(h.client.postComment(1, 'gate'))).code).toBe('GITHUB_UNAVAILABLE');
    expect((await failureOf(h.client.createIssue({ title: 't', body: 'b' }))).code).toBe(
      'GITHUB_UNAVAILABLE'
    );
    expect(h.github.requests.map((r) => [r.method, r.status])).toEqual([
      ['POST', 500],
      ['POST', 500]
    ]);
  });

  it('retries an edit (the same body twice is the same edit)', async () => {
    await using h = await startClient();
    const gate = await h.client.postComment(1, 'gate');
    h.github.fail({ status: 500, method: 'PATCH' });
    expect((await h.client.editComment(gate.id, 'decided')).body).toBe('decided');
  });
});
