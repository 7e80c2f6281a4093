/**
 * A fake GitHub REST API on 127.0.0.1 (port 0) for the comment gate (issue 11, notes §6): the real Octokit
 * talks to it through `baseUrl` / `GITHUB_API_URL`. State lives in FakeGithubWorld (fake-github-world.ts);
 * this file is the HTTP side, and behaves like GitHub on the points the gate depends on:
 *
 * - issue comments: list (`per_page` default 30, max 100; `page`; `since` compares `updated_at`; sorted by
 *   id), create (201), edit (200; `updated_at` moves on), `Link` headers (`next`, `last`, `first`, `prev`)
 *   pointing at `/repositories/{id}/…` as GitHub's do; a body over 65 536 characters is a 422;
 * - every GET answers with an `ETag` (a hash of the body only, as GitHub's: a page appearing after a full
 *   one does not change the full page's ETag); `If-None-Match` with it is a 304 that costs no rate limit;
 * - reactions on comments: create (201 new, 200 when the user already reacted so), list (`content` filter);
 * - `GET /repos/{o}/{r}/collaborators/{u}/permission`: `permission` (maintain → write, triage → read) and
 *   `role_name` (custom roles too); a user without a role gets `none`, an unknown login a 404;
 * - issues: create (201; assignees without access are a 422), close (PATCH `state`), get (`pull_request`
 *   set for PRs);
 * - `x-ratelimit-limit/remaining/used/reset/resource` on every response, a per-token hourly budget, 403
 *   `API rate limit exceeded` with `x-ratelimit-remaining: 0` once it is spent;
 * - scripted faults: any status (500, 502 …) and secondary limits (403/429, `retry-after`);
 * - tokens (`authorization: token|bearer …`): unknown → 401 `Bad credentials`; a read-only token's writes →
 *   403 `Resource not accessible by integration`; comments are by the token's user (`github-actions[bot]`).
 *
 * A scripted maintainer acts between polls: `replyAs('alice', '/tracker approve', { afterPolls: 2 })` posts
 * once the thread's second poll was answered, so the third sees it. A poll is a GET of the comment list's
 * first page. Every request is recorded (method, path, query, conditional or not, status).
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGithubWorld, REACTIONS } from './fake-github-world.js';
import type {
  CustomRole,
  ReactionName,
  RepoRole,
  StoredComment,
  UserType
} from './fake-github-world.js';

export { githubTime, REACTIONS } from './fake-github-world.js';
export type { CustomRole, ReactionName, RepoRole, StoredComment, UserType };

export const MAX_BODY = 65_536;
export const DEFAULT_TOKEN = 'ghs_fake_token';
export const ACTIONS_BOT = 'github-actions[bot]';
const SECONDARY_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';

export interface FakeUserSpec {
  readonly login: string;
  readonly type?: UserType;
  readonly role?: RepoRole | CustomRole;
}

export interface FakeGithubOptions {
  readonly owner?: string;
  readonly repo?: string;
  /** Users besides the tokens' own; `role` makes one a collaborator. */
  readonly users?: readonly FakeUserSpec[];
  /** token → its user; `canWrite: false` is a read-only token (a fork PR's GITHUB_TOKEN). */
  readonly tokens?: Readonly<
    Record<string, { readonly login: string; readonly canWrite?: boolean }>
  >;
  /** Issues and pull requests that exist from the start. Default: pull request #1. */
  readonly issues?: ReadonlyArray<{
    readonly number: number;
    readonly title?: string;
    readonly pullRequest?: boolean;
  }>;
  /** Requests per token per hour (default 1000, what GITHUB_TOKEN gets per repository). */
  readonly rateLimit?: number;
  /** Milliseconds since the epoch, for timestamps and the rate-limit window. Default: Date.now. */
  readonly now?: () => number;
  /** The origin `Link` headers point at (default: the fake's own), to script a link to another host. */
  readonly linkOrigin?: string;
}

export interface RequestView {
  readonly method: string;
  /** The path as `/repos/{o}/{r}/…` (a `/repositories/{id}/…` link is shown in that form). */
  readonly path: string;
  readonly query: URLSearchParams;
}

export interface RecordedRequest extends RequestView {
  /** Sent with `If-None-Match`. */
  readonly conditional: boolean;
  readonly status: number;
}

export interface FaultSpec {
  readonly status: number;
  readonly method?: string;
  /** The request's path, exactly, or a pattern it must match. */
  readonly path?: string | RegExp;
  readonly match?: (request: RequestView) => boolean;
  /** Seconds, sent as `retry-after`. */
  readonly retryAfter?: number;
  readonly message?: string;
  /** How many matching requests fail (default 1). */
  readonly times?: number;
}

/** Something the scripted maintainer will do; `done` turns true once it has happened. */
export interface Scheduled<T> {
  readonly done: boolean;
  readonly result: T | undefined;
}

interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

interface Call extends RequestView {
  readonly login: string;
  readonly body: Record<string, unknown>;
}

function error(status: number, message: string, extra: Record<string, unknown> = {}): Reply {
  return {
    status,
    body: {
      message,
      documentation_url: 'https://docs.github.com/rest',
      status: String(status),
      ...extra
    }
  };
}

function invalid(resource: string, field: string, code = 'invalid', more = {}): Reply {
  return error(422, 'Validation Failed', { errors: [{ resource, code, field, ...more }] });
}

const NOT_FOUND = error(404, 'Not Found');

export class FakeGithub implements AsyncDisposable {
  readonly owner: string;
  readonly repo: string;
  readonly repoId = 90_000_001;
  /** The first token (the default one unless `tokens` is given). */
  readonly token: string;
  /** Every request, in order. */
  readonly requests: RecordedRequest[] = [];
  readonly world: FakeGithubWorld;
  #origin = '';
  readonly #server = createServer((req, res) => {
    this.#handle(req, res).catch((cause: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fake GitHub failed: ${String(cause)}`);
    });
  });
  readonly #now: () => number;
  readonly #limit: number;
  readonly #linkOrigin: string | undefined;
  readonly #tokens = new Map<string, { login: string; canWrite: boolean }>();
  readonly #windows = new Map<string, { used: number; resetAt: number }>();
  readonly #faults: Array<FaultSpec & { left: number }> = [];
  readonly #pending: Array<{ issue: number; afterPoll: number; run: () => void }> = [];
  readonly #polls = new Map<number, number>();

  constructor(options: FakeGithubOptions = {}) {
    this.owner = options.owner ?? 'acme';
    this.repo = options.repo ?? 'widgets';
    this.#now = options.now ?? Date.now;
    this.#limit = options.rateLimit ?? 1000;
    this.#linkOrigin = options.linkOrigin;
    this.world = new FakeGithubWorld(this.owner, this.repo, this.#now);
    const tokens = options.tokens ?? { [DEFAULT_TOKEN]: { login: ACTIONS_BOT } };
    for (const [token, spec] of Object.entries(tokens)) {
      this.#tokens.set(token, { login: spec.login, canWrite: spec.canWrite ?? true });
      this.world.addUser(spec.login, spec.login.endsWith('[bot]') ? 'Bot' : 'User');
    }
    this.token = Object.keys(tokens)[0] ?? DEFAULT_TOKEN;
    for (const user of options.users ?? []) this.addUser(user);
    for (const issue of options.issues ?? [{ number: 1, pullRequest: true }]) {
      this.world.addIssue(issue.number, issue.title ?? `Issue ${issue.number}`, ACTIONS_BOT, {
        pullRequest: issue.pullRequest ?? false
      });
    }
  }

  /** `http://127.0.0.1:<port>`: Octokit's `baseUrl`, the Action's `GITHUB_API_URL`. */
  get url(): string {
    return this.#origin;
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.#origin = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  /** Stops listening and drops open (keep-alive) connections; safe to call twice. */
  async close(): Promise<void> {
    if (!this.#server.listening) return;
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    await closed;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  // ---- the world, as a test sets it up and reads it back ----

  addUser(spec: FakeUserSpec): void {
    this.world.addUser(spec.login, spec.type, spec.role);
  }

  setRole(login: string, role: RepoRole | CustomRole | undefined): void {
    this.world.user(login).role = role;
  }

  /** Comments that exist before the gate starts (no request is recorded). */
  seedComments(
    issue: number,
    count: number,
    as = 'bob',
    body = (i: number) => `comment ${i}`
  ): StoredComment[] {
    return Array.from({ length: count }, (_, i) => this.world.addComment(issue, as, body(i + 1)));
  }

  comments(issue: number): StoredComment[] {
    return [...this.world.comments.values()]
      .filter((c) => c.issue === issue)
      .map((c) => ({ ...c }));
  }

  reactions(commentId: number): Array<{ login: string; content: ReactionName }> {
    return this.world.reactions
      .filter((r) => r.commentId === commentId)
      .map((r) => ({ login: r.login, content: r.content }));
  }

  issue(number: number): { state: string; stateReason: string | null; title: string } | undefined {
    const i = this.world.issues.get(number);
    return i && { state: i.state, stateReason: i.stateReason, title: i.title };
  }

  /** Polls (GETs of the comment list's first page) of an issue so far. */
  polls(issue: number): number {
    return this.#polls.get(issue) ?? 0;
  }

  /** Requests that cost rate limit: all but the 304s (and the 401s and rate-limit refusals). */
  countedRequests(filter: (r: RecordedRequest) => boolean = () => true): RecordedRequest[] {
    return this.requests.filter((r) => r.status !== 304 && r.status !== 401 && filter(r));
  }

  /** What is left of a token's budget in the current window. */
  remaining(token = this.token): number {
    return Math.max(0, this.#limit - this.#window(token).used);
  }

  // ---- the scripted maintainer ----

  /** `login` comments `body` on `issue` (default: the only one), after `afterPolls` more polls of it. */
  replyAs(
    login: string,
    body: string,
    options: { issue?: number; afterPolls?: number } = {}
  ): Scheduled<StoredComment> {
    const issue = options.issue ?? this.#onlyIssue();
    this.world.addUser(login);
    return this.#schedule(issue, options.afterPolls ?? 0, () =>
      this.world.addComment(issue, login, body)
    );
  }

  /** The author of comment `id` edits it to `body`, after `afterPolls` more polls of its thread. */
  editAs(
    id: number,
    body: string,
    options: { afterPolls?: number } = {}
  ): Scheduled<StoredComment> {
    const comment = this.#comment(id);
    return this.#schedule(comment.issue, options.afterPolls ?? 0, () => {
      this.world.editComment(comment, body);
      return { ...comment };
    });
  }

  /** `login` reacts to comment `id`, after `afterPolls` more polls of its thread. */
  reactAs(
    login: string,
    id: number,
    content: ReactionName,
    options: { afterPolls?: number } = {}
  ): Scheduled<boolean> {
    const comment = this.#comment(id);
    this.world.addUser(login);
    return this.#schedule(
      comment.issue,
      options.afterPolls ?? 0,
      () => this.world.react(id, login, content).created
    );
  }

  // ---- scripted faults ----

  /** The next `times` matching requests fail with `status` and a GitHub-shaped error body. */
  fail(spec: FaultSpec): void {
    this.#faults.push({ ...spec, left: spec.times ?? 1 });
  }

  /** A secondary rate limit: 403 (or 429) with GitHub's message, and `retry-after` when given. */
  secondaryLimit(spec: Omit<FaultSpec, 'status' | 'message'> & { status?: 403 | 429 }): void {
    this.fail({ ...spec, status: spec.status ?? 403, message: SECONDARY_MESSAGE });
  }

  /** Spends a token's primary budget; its window resets `resetInSeconds` from now. */
  exhaustRateLimit(resetInSeconds = 60, token = this.token): void {
    const resetAt = Math.ceil(this.#now() / 1000) + resetInSeconds;
    this.#windows.set(token, { used: this.#limit, resetAt });
  }

  // ---- HTTP ----

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.#origin);
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(
      new RegExp(`^/repositories/${this.repoId}(?=/)`),
      `/repos/${this.owner}/${this.repo}`
    );
    const view: RequestView = { method, path, query: url.searchParams };
    const ifNoneMatch = req.headers['if-none-match'];
    const raw = await readBody(req);
    const token = /^(?:token|bearer)\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const holder = token === undefined ? undefined : this.#tokens.get(token);

    let reply: Reply;
    let counted = true;
    if (token === undefined || !holder) {
      counted = false;
      reply = error(401, token === undefined ? 'Requires authentication' : 'Bad credentials');
    } else if (this.#window(token).used >= this.#limit) {
      counted = false;
      reply = error(
        403,
        `API rate limit exceeded for user ID ${this.world.user(holder.login).id}.`
      );
    } else {
      const fault = this.#takeFault(view);
      const body = parseJson(raw);
      if (fault) {
        const headers: Record<string, string> =
          fault.retryAfter === undefined ? {} : { 'retry-after': `${fault.retryAfter}` };
        reply = { ...error(fault.status, fault.message ?? 'Server Error'), headers };
      } else if (body === undefined) {
        reply = error(400, 'Problems parsing JSON');
      } else if ((method === 'POST' || method === 'PATCH') && !holder.canWrite) {
        reply = error(403, 'Resource not accessible by integration');
      } else {
        reply = this.#route({ ...view, login: holder.login, body });
      }
    }

    let status = reply.status;
    let text = reply.body === undefined ? '' : JSON.stringify(reply.body);
    const headers: Record<string, string> = {
      'x-github-request-id': `FAKE:${this.requests.length + 1}`,
      ...reply.headers
    };
    if (method === 'GET' && status === 200) {
      headers.etag = `W/"${createHash('sha256').update(text).digest('hex')}"`;
      if (ifNoneMatch !== undefined && matchesEtag(ifNoneMatch, headers.etag)) {
        status = 304;
        text = '';
        delete headers.link;
        counted = false;
      }
    }
    if (counted && token !== undefined) this.#window(token).used += 1;
    if (holder && token !== undefined) Object.assign(headers, this.#rateHeaders(token));
    if (text !== '') headers['content-type'] = 'application/json; charset=utf-8';
    this.requests.push({ ...view, conditional: ifNoneMatch !== undefined, status });
    res.writeHead(status, headers);
    res.end(text);
  }

  #route(c: Call): Reply {
    const base = `/repos/${this.owner}/${this.repo}`;
    if (c.path === '/rate_limit' && c.method === 'GET') return this.#rateLimitBody(c);
    if (!c.path.startsWith(`${base}/`)) return NOT_FOUND;
    const rest = c.path.slice(base.length);
    const world = this.world;
    let m: RegExpExecArray | null;
    if ((m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const issue = world.issues.get(Number(m[1]));
      if (!issue) return NOT_FOUND;
      if (c.method === 'GET') return this.#listComments(issue.number, c);
      if (c.method === 'POST') {
        const bad = checkBody(c.body.body, 'IssueComment');
        if (bad) return bad;
        const comment = world.addComment(issue.number, c.login, c.body.body as string);
        return { status: 201, body: world.commentJson(comment, this.#origin) };
      }
    } else if ((m = /^\/issues\/comments\/(\d+)$/.exec(rest))) {
      const comment = world.comments.get(Number(m[1]));
      if (!comment) return NOT_FOUND;
      if (c.method === 'PATCH') {
        const bad = checkBody(c.body.body, 'IssueComment');
        if (bad) return bad;
        world.editComment(comment, c.body.body as string);
      }
      if (c.method === 'GET' || c.method === 'PATCH') {
        return { status: 200, body: world.commentJson(comment, this.#origin) };
      }
    } else if ((m = /^\/issues\/comments\/(\d+)\/reactions$/.exec(rest))) {
      const id = Number(m[1]);
      if (!world.comments.has(id)) return NOT_FOUND;
      if (c.method === 'GET') {
        const content = c.query.get('content');
        const all = world.reactions.filter(
          (r) => r.commentId === id && (content === null || r.content === content)
        );
        return this.#paginate(all, c, (r) => world.reactionJson(r));
      }
      if (c.method === 'POST') {
        const content = c.body.content;
        if (!(REACTIONS as readonly unknown[]).includes(content)) {
          return invalid('Reaction', 'content');
        }
        const { reaction, created } = world.react(id, c.login, content as ReactionName);
        return { status: created ? 201 : 200, body: world.reactionJson(reaction) };
      }
    } else if ((m = /^\/collaborators\/([^/]+)\/permission$/.exec(rest)) && c.method === 'GET') {
      const user = world.users.get(decodeURIComponent(m[1] ?? ''));
      if (!user) return NOT_FOUND;
      const { permission, roleName } = world.permission(user);
      return {
        status: 200,
        body: { permission, role_name: roleName, user: world.userJson(user) }
      };
    } else if (rest === '/issues' && c.method === 'POST') {
      return this.#createIssue(c);
    } else if ((m = /^\/issues\/(\d+)$/.exec(rest))) {
      const issue = world.issues.get(Number(m[1]));
      if (!issue) return NOT_FOUND;
      if (c.method === 'PATCH') {
        const { state, state_reason: reason, title, body } = c.body;
        if (state !== undefined && state !== 'open' && state !== 'closed') {
          return invalid('Issue', 'state');
        }
        if (typeof title === 'string') issue.title = title;
        if (typeof body === 'string') issue.body = body;
        world.setIssueState(
          issue,
          state ?? issue.state,
          typeof reason === 'string' ? reason : undefined
        );
      }
      if (c.method === 'GET' || c.method === 'PATCH') {
        return { status: 200, body: world.issueJson(issue, this.#origin) };
      }
    }
    return NOT_FOUND;
  }

  #listComments(issue: number, c: Call): Reply {
    if (pageOf(c.query) === 1) {
      const poll = this.polls(issue) + 1;
      this.#polls.set(issue, poll);
      this.#runDue(issue, poll);
    }
    const sinceText = c.query.get('since');
    const since = sinceText === null ? undefined : Date.parse(sinceText);
    if (since !== undefined && Number.isNaN(since)) return invalid('IssueComment', 'since');
    const all = [...this.world.comments.values()]
      .filter((x) => x.issue === issue)
      // GitHub compares at second resolution: a comment updated in the `since` second is included.
      .filter((x) => since === undefined || Math.floor(x.updatedAt / 1000) * 1000 >= since)
      .sort((a, b) => a.id - b.id);
    return this.#paginate(all, c, (x) => this.world.commentJson(x, this.#origin));
  }

  #paginate<T>(all: readonly T[], c: RequestView, toJson: (item: T) => unknown): Reply {
    const perPage = Math.min(100, Math.max(1, Number(c.query.get('per_page') ?? 30) || 30));
    const page = pageOf(c.query);
    const last = Math.max(1, Math.ceil(all.length / perPage));
    const items = all.slice((page - 1) * perPage, page * perPage).map(toJson);
    const path = c.path.replace(
      `/repos/${this.owner}/${this.repo}`,
      `/repositories/${this.repoId}`
    );
    const link = (p: number, rel: string): string => {
      const query = new URLSearchParams(c.query);
      query.set('page', String(p));
      return `<${this.#linkOrigin ?? this.#origin}${path}?${query.toString()}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'), link(Math.min(page - 1, last), 'prev'));
    return { status: 200, body: items, headers: links.length ? { link: links.join(', ') } : {} };
  }

  #createIssue(c: Call): Reply {
    const { title, body, labels, assignees } = c.body;
    if (typeof title !== 'string' || title.trim() === '') {
      return invalid('Issue', 'title', 'missing_field');
    }
    const logins = Array.isArray(assignees) ? assignees.map(String) : [];
    const unassignable = logins.find((login) => this.world.users.get(login)?.role === undefined);
    if (unassignable !== undefined) {
      return invalid('Issue', 'assignees', 'invalid', { value: unassignable });
    }
    const number = Math.max(0, ...this.world.issues.keys()) + 1;
    const issue = this.world.addIssue(number, title, c.login, {
      body: typeof body === 'string' ? body : '',
      labels: Array.isArray(labels) ? labels.map(String) : [],
      assignees: logins
    });
    return { status: 201, body: this.world.issueJson(issue, this.#origin) };
  }

  // ---- scripting and limits ----

  #comment(id: number): StoredComment {
    const comment = this.world.comments.get(id);
    if (!comment) throw new Error(`fake GitHub: no comment ${id}`);
    return comment;
  }

  #onlyIssue(): number {
    const [only, ...more] = this.world.issues.keys();
    if (only === undefined || more.length > 0) {
      throw new Error(`fake GitHub: say which issue (there are ${this.world.issues.size})`);
    }
    return only;
  }

  #schedule<T>(issue: number, afterPolls: number, run: () => T): Scheduled<T> {
    const state: { done: boolean; result: T | undefined } = { done: false, result: undefined };
    const fire = (): void => {
      state.result = run();
      state.done = true;
    };
    if (afterPolls <= 0) fire();
    else this.#pending.push({ issue, afterPoll: this.polls(issue) + afterPolls, run: fire });
    return state;
  }

  /** Runs, before poll `poll` is answered, what was due once an earlier poll had been. */
  #runDue(issue: number, poll: number): void {
    for (const p of this.#pending.filter((x) => x.issue === issue && x.afterPoll < poll)) {
      this.#pending.splice(this.#pending.indexOf(p), 1);
      p.run();
    }
  }

  #takeFault(request: RequestView): (FaultSpec & { left: number }) | undefined {
    const fault = this.#faults.find(
      (f) =>
        f.left > 0 &&
        (f.method === undefined || f.method.toUpperCase() === request.method) &&
        (f.path === undefined ||
          (typeof f.path === 'string' ? f.path === request.path : f.path.test(request.path))) &&
        (f.match === undefined || f.match(request))
    );
    if (fault) fault.left -= 1;
    return fault;
  }

  #window(token: string): { used: number; resetAt: number } {
    const nowSeconds = Math.floor(this.#now() / 1000);
    let window = this.#windows.get(token);
    if (!window || nowSeconds >= window.resetAt) {
      window = { used: 0, resetAt: nowSeconds + 3600 };
      this.#windows.set(token, window);
    }
    return window;
  }

  #rateHeaders(token: string): Record<string, string> {
    const window = this.#window(token);
    return {
      'x-ratelimit-limit': String(this.#limit),
      'x-ratelimit-remaining': String(Math.max(0, this.#limit - window.used)),
      'x-ratelimit-used': String(window.used),
      'x-ratelimit-reset': String(window.resetAt),
      'x-ratelimit-resource': 'core'
    };
  }

  #rateLimitBody(c: Call): Reply {
    const token = [...this.#tokens].find(([, v]) => v.login === c.login)?.[0] ?? this.token;
    const window = this.#window(token);
    const core = {
      limit: this.#limit,
      used: window.used,
      remaining: Math.max(0, this.#limit - window.used),
      reset: window.resetAt
    };
    return { status: 200, body: { resources: { core }, rate: core } };
  }
}

function pageOf(query: URLSearchParams): number {
  return Math.max(1, Number(query.get('page') ?? 1) || 1);
}

function parseJson(raw: string): Record<string, unknown> | undefined {
  if (raw === '') return {};
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return undefined;
  }
}

function matchesEtag(header: string | string[], etag: string): boolean {
  const weak = (v: string): string => v.trim().replace(/^W\//, '');
  const values = (Array.isArray(header) ? header.join(',') : header).split(',');
  return values.some((v) => v.trim() === '*' || weak(v) === weak(etag));
}

function checkBody(body: unknown, resource: string): Reply | undefined {
  if (typeof body !== 'string' || body === '') return invalid(resource, 'body', 'missing_field');
  if (body.length > MAX_BODY) {
    return invalid(resource, 'body', 'custom', {
      message: `body is too long (maximum is ${MAX_BODY} characters)`
    });
  }
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts a fake GitHub API: `await using github = await startFakeGithub({ … })`. */
export function startFakeGithub(options: FakeGithubOptions = {}): Promise<FakeGithub> {
  return new FakeGithub(options).listen();
}
