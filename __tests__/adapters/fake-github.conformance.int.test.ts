/**
 * The fake GitHub API (__tests__/support/fake-github.ts) behaves like GitHub on the points the comment gate
 * relies on (../shared/notes/github-comment-gates.md §4.4, §4.3 and §6). Spoken to with plain fetch, so it
 * does not lean on our client; one check uses Octokit's own paginate to follow the fake's Link headers.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Octokit } from '@octokit/rest';
import { startFakeGithub } from '../support/fake-github.js';
import type { FakeGithub } from '../support/fake-github.js';

let github: FakeGithub;
let now: number;

beforeEach(async () => {
  now = Date.UTC(2026, 4, 1, 12, 0, 0);
  github = await startFakeGithub({
    now: () => now,
    users: [
      { login: 'alice', role: 'maintain' },
      { login: 'tess', role: 'triage' },
      { login: 'rita', role: { name: 'release-manager', base: 'write' } },
      { login: 'olivia', role: 'admin' },
      { login: 'renovate[bot]', type: 'Bot' },
      { login: 'bob' }
    ]
  });
});

afterEach(async () => {
  await github.close();
});

interface Response {
  readonly status: number;
  readonly headers: Headers;
  readonly json: unknown;
}

async function api(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}
): Promise<Response> {
  const url = path.startsWith('http') ? path : `${github.url}${path}`;
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `token ${github.token}`,
      accept: 'application/vnd.github+json',
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...init.headers
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) })
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text === '' ? undefined : (JSON.parse(text) as unknown)
  };
}

const REPO = '/repos/acme/widgets';
type Json = Record<string, unknown>;

function nextLink(headers: Headers): string | undefined {
  return /<([^>]+)>;\s*rel="next"/.exec(headers.get('link') ?? '')?.[1];
}

describe('fake GitHub: issue comments', () => {
  it('creates a comment as the token user (201), with the fields the gate reads', async () => {
    const { status, json } = await api(`${REPO}/issues/1/comments`, {
      method: 'POST',
      body: { body: 'gate prompt' }
    });
    expect(status).toBe(201);
    const comment = json as Json;
    expect(comment).toMatchObject({
      body: 'gate prompt',
      user: { login: 'github-actions[bot]', type: 'Bot' },
      created_at: '2026-05-01T12:00:00Z',
      updated_at: '2026-05-01T12:00:00Z',
      html_url: expect.stringMatching(
        /^https:\/\/github\.com\/acme\/widgets\/pull\/1#issuecomment-\d+$/
      ),
      reactions: { total_count: 0, '+1': 0, eyes: 0 }
    });
    expect(comment.id).toBeGreaterThan(2 ** 31);
  });

  it('edits a comment (200): updated_at moves on, created_at stays', async () => {
    const [old] = github.seedComments(1, 1);
    const { status, json } = await api(`${REPO}/issues/comments/${old!.id}`, {
      method: 'PATCH',
      body: { body: 'edited' }
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({ body: 'edited', created_at: '2026-05-01T12:00:00Z' });
    expect((json as Json).updated_at).not.toBe('2026-05-01T12:00:00Z');
  });

  it('lists 30 per page by default, at most 100, ascending by id, with Link headers', async () => {
    github.seedComments(1, 150);
    const first = await api(`${REPO}/issues/1/comments`);
    expect((first.json as unknown[]).length).toBe(30);
    const big = await api(`${REPO}/issues/1/comments?per_page=500`);
    const ids = (big.json as Json[]).map((c) => c.id as number);
    expect(ids).toHaveLength(100);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const link = big.headers.get('link') ?? '';
    expect(link).toMatch(/rel="next"/);
    expect(link).toMatch(/rel="last"/);
    const next = nextLink(big.headers)!;
    expect(next).toMatch(/\/repositories\/\d+\/issues\/1\/comments\?per_page=500&page=2$/);
    const second = await api(next);
    expect((second.json as unknown[]).length).toBe(50);
    expect(nextLink(second.headers)).toBeUndefined();
    expect(second.headers.get('link')).toMatch(/rel="prev"/);
  });

  it('filters `since` on updated_at, so an edited old comment reappears', async () => {
    const [old] = github.seedComments(1, 3);
    now += 60_000;
    const since = new Date(now).toISOString();
    github.replyAs('alice', 'new');
    expect(
      ((await api(`${REPO}/issues/1/comments?since=${since}`)).json as Json[]).map((c) => c.body)
    ).toEqual(['new']);
    github.editAs(old!.id, 'edited old');
    const after = (await api(`${REPO}/issues/1/comments?since=${since}`)).json as Json[];
    expect(after.map((c) => c.body)).toEqual(['edited old', 'new']);
  });

  it('refuses a body over 65 536 characters (422)', async () => {
    const tooLong = await api(`${REPO}/issues/1/comments`, {
      method: 'POST',
      body: { body: 'x'.repeat(65_537) }
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.json).toMatchObject({ message: 'Validation Failed' });
    const justRight = await api(`${REPO}/issues/1/comments`, {
      method: 'POST',
      body: { body: 'x'.repeat(65_536) }
    });
    expect(justRight.status).toBe(201);
  });
});

describe('fake GitHub: conditional requests', () => {
  it('answers If-None-Match with the current ETag with a 304 that costs nothing', async () => {
    github.seedComments(1, 2);
    const first = await api(`${REPO}/issues/1/comments`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"[0-9a-f]+"$/);
    const remaining = Number(first.headers.get('x-ratelimit-remaining'));
    const again = await api(`${REPO}/issues/1/comments`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.json).toBeUndefined();
    expect(Number(again.headers.get('x-ratelimit-remaining'))).toBe(remaining);
    github.replyAs('alice', 'changed');
    const changed = await api(`${REPO}/issues/1/comments`, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(Number(changed.headers.get('x-ratelimit-remaining'))).toBe(remaining - 1);
    expect(github.requests.map((r) => [r.status, r.conditional])).toEqual([
      [200, false],
      [304, true],
      [200, true]
    ]);
    expect(github.countedRequests()).toHaveLength(2);
  });

  it('keeps a full page’s ETag when the next page appears (the ETag covers the body only)', async () => {
    github.seedComments(1, 100);
    const page1 = await api(`${REPO}/issues/1/comments?per_page=100&page=1`);
    expect(nextLink(page1.headers)).toBeUndefined();
    github.replyAs('alice', '101st');
    const again = await api(`${REPO}/issues/1/comments?per_page=100&page=1`, {
      headers: { 'if-none-match': page1.headers.get('etag')! }
    });
    expect(again.status).toBe(304);
  });
});

describe('fake GitHub: reactions', () => {
  it('creates (201), repeats (200), lists with a content filter, and counts on the comment', async () => {
    const [c] = github.seedComments(1, 1);
    const path = `${REPO}/issues/comments/${c!.id}/reactions`;
    expect((await api(path, { method: 'POST', body: { content: 'eyes' } })).status).toBe(201);
    expect((await api(path, { method: 'POST', body: { content: 'eyes' } })).status).toBe(200);
    github.reactAs('alice', c!.id, '+1');
    expect((await api(path, { method: 'POST', body: { content: 'shrug' } })).status).toBe(422);
    const plusOnes = (await api(`${path}?content=%2B1`)).json as Json[];
    expect(plusOnes.map((r) => (r.user as Json).login)).toEqual(['alice']);
    expect(((await api(path)).json as unknown[]).length).toBe(2);
    const comment = (await api(`${REPO}/issues/comments/${c!.id}`)).json as Json;
    expect(comment.reactions).toMatchObject({ total_count: 2, '+1': 1, eyes: 1 });
  });
});

describe('fake GitHub: collaborator permission', () => {
  it.each([
    ['olivia', 'admin', 'admin'],
    ['alice', 'write', 'maintain'],
    ['tess', 'read', 'triage'],
    ['rita', 'write', 'release-manager'],
    ['bob', 'none', 'none']
  ])('%s → permission %s, role_name %s', async (login, permission, roleName) => {
    const { status, json } = await api(`${REPO}/collaborators/${login}/permission`);
    expect(status).toBe(200);
    expect(json).toMatchObject({ permission, role_name: roleName, user: { login } });
  });

  it('answers 404 for a login it does not know', async () => {
    const { status, json } = await api(`${REPO}/collaborators/nobody/permission`);
    expect(status).toBe(404);
    expect(json).toMatchObject({ message: 'Not Found', documentation_url: expect.any(String) });
  });
});

describe('fake GitHub: issues', () => {
  it('creates an issue (201), closes it (PATCH state), and marks pull requests', async () => {
    const created = await api(`${REPO}/issues`, {
      method: 'POST',
      body: { title: 'Gate: review', body: 'waiting', labels: ['tracker'] }
    });
    expect(created.status).toBe(201);
    const issue = created.json as Json;
    expect(issue).toMatchObject({
      number: 2,
      state: 'open',
      html_url: 'https://github.com/acme/widgets/issues/2'
    });
    expect(issue).not.toHaveProperty('pull_request');
    const closed = await api(`${REPO}/issues/2`, {
      method: 'PATCH',
      body: { state: 'closed', state_reason: 'completed' }
    });
    expect(closed.json).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(github.issue(2)?.state).toBe('closed');
    expect((await api(`${REPO}/issues/1`)).json).toHaveProperty('pull_request');
  });

  it('refuses assignees without repository access (422) and a missing title', async () => {
    const assignees = await api(`${REPO}/issues`, {
      method: 'POST',
      body: { title: 't', assignees: ['bob'] }
    });
    expect(assignees.status).toBe(422);
    expect(assignees.json).toMatchObject({ errors: [{ field: 'assignees', value: 'bob' }] });
    expect((await api(`${REPO}/issues`, { method: 'POST', body: {} })).status).toBe(422);
  });
});

describe('fake GitHub: tokens, rate limits and faults', () => {
  it('puts x-ratelimit-* on every response, and refuses once the budget is spent', async () => {
    const ok = await api(`${REPO}/issues/1`);
    for (const h of ['limit', 'remaining', 'used', 'reset', 'resource']) {
      expect(ok.headers.get(`x-ratelimit-${h}`)).not.toBeNull();
    }
    expect(ok.headers.get('x-ratelimit-limit')).toBe('1000');
    github.exhaustRateLimit(120);
    const refused = await api(`${REPO}/issues/1`);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(refused.headers.get('x-ratelimit-reset'))).toBe(now / 1000 + 120);
    expect(refused.json).toMatchObject({
      message: expect.stringMatching(/^API rate limit exceeded/)
    });
    now += 121_000;
    expect((await api(`${REPO}/issues/1`)).status).toBe(200);
  });

  it('scripts secondary limits (403/429 + retry-after) and server errors', async () => {
    github.secondaryLimit({ status: 429, retryAfter: 30, path: `${REPO}/issues/1` });
    github.fail({ status: 500, method: 'GET', times: 2 });
    const limited = await api(`${REPO}/issues/1`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30');
    expect(limited.json).toMatchObject({ message: expect.stringMatching(/secondary rate limit/) });
    const broken = await api(`${REPO}/issues/1`);
    expect(broken.status).toBe(500);
    expect(broken.json).toMatchObject({ message: 'Server Error', status: '500' });
    expect((await api(`${REPO}/issues/1`)).status).toBe(500);
    expect((await api(`${REPO}/issues/1`)).status).toBe(200);
  });

  it('refuses an unknown token (401) and a read-only token’s writes (403)', async () => {
    await github.close();
    github = await startFakeGithub({
      tokens: { ghs_ro: { login: 'github-actions[bot]', canWrite: false } }
    });
    const write = await api(`${REPO}/issues/1/comments`, { method: 'POST', body: { body: 'x' } });
    expect(write.status).toBe(403);
    expect(write.json).toMatchObject({ message: 'Resource not accessible by integration' });
    expect((await api(`${REPO}/issues/1/comments`)).status).toBe(200);
    const stranger = await api(`${REPO}/issues/1`, { headers: { authorization: 'token nope' } });
    expect(stranger.status).toBe(401);
    expect(stranger.json).toMatchObject({ message: 'Bad credentials' });
  });
});

describe('fake GitHub: the scripted maintainer', () => {
  it('replies after the given number of polls, and edits an old comment the same way', async () => {
    const [old] = github.seedComments(1, 1, 'alice', () => '/tracker deny');
    const reply = github.replyAs('alice', '/tracker approve', { afterPolls: 2 });
    const edit = github.editAs(old!.id, '/tracker approve (edited)', { afterPolls: 1 });
    const bodies = async (): Promise<string[]> =>
      ((await api(`${REPO}/issues/1/comments`)).json as Json[]).map((c) => c.body as string);
    expect(await bodies()).toEqual(['/tracker deny']);
    expect(edit.done).toBe(false);
    expect(await bodies()).toEqual(['/tracker approve (edited)']);
    expect(reply.done).toBe(false);
    expect(await bodies()).toEqual(['/tracker approve (edited)', '/tracker approve']);
    expect(reply.result?.author).toBe('alice');
    expect(github.polls(1)).toBe(3);
  });
});

describe('fake GitHub: the real Octokit against it', () => {
  it('follows the Link headers across 150 comments with paginate', async () => {
    github.seedComments(1, 150);
    const octokit = new Octokit({ auth: github.token, baseUrl: github.url });
    const all = await octokit.paginate(octokit.rest.issues.listComments, {
      owner: 'acme',
      repo: 'widgets',
      issue_number: 1,
      per_page: 100
    });
    expect(all.map((c) => c.body)).toEqual(
      Array.from({ length: 150 }, (_, i) => `comment ${i + 1}`)
    );
    expect(github.requests.map((r) => r.query.get('page'))).toEqual([null, '2']);
  });

  it('closes cleanly: twice is fine, and nothing listens afterwards', async () => {
    const url = github.url;
    await github.close();
    await github.close();
    await expect(fetch(`${url}/rate_limit`)).rejects.toThrow();
  });
});
