/**
 * The IssueComments port over Octokit (`@octokit/rest` + `@octokit/plugin-throttling` +
 * `@octokit/plugin-retry`), for one repository. Base URL and token are passed in (the Action passes
 * `GITHUB_API_URL` and its token); nothing is read from the environment.
 *
 * Who decides and who waits:
 * - **Rate limits** are the throttling plugin's: it recognises a secondary limit (honouring `retry-after`,
 *   else 60 s) and a spent primary budget (waiting until `x-ratelimit-reset`). Its handlers wait on the
 *   injected Clock, abortably, at most `rateLimitRetries` times per request and never longer than
 *   `maxRateLimitWaitMs` at once; the plugin's own delay is set to 0. Past those bounds the call fails
 *   with `GITHUB_RATE_LIMITED`.
 * - **5xx and network errors** are the retry plugin's: `retries` more attempts (default 3) with its
 *   backoff (1 s, 4 s, 9 s). Rate-limit statuses (403, 429) are never retried by it, so the two plugins
 *   never stack. Creating a comment or an issue is not retried: a 5xx may come after GitHub created it.
 * - Writes are spaced by the throttling plugin (1 s, 3 s for those that notify).
 * Tests set the plugins' fixed delays to 0 with `pluginDelays`; the Clock carries every long wait.
 *
 * Listing is by conditional request: each page's ETag and content are remembered per URL and sent back
 * as `If-None-Match`, so a poll of an unchanged thread is a 304, which costs no rate limit.
 */
import { Octokit } from '@octokit/rest';
import type { RestEndpointMethodTypes } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';
import { TrackerError, isTrackerError } from '../common/errors.js';
import type { TrackerErrorCode } from '../common/errors.js';
import type { Clock } from '../ports/clock.js';
import type {
  CommentMark,
  IssueComment,
  IssueComments,
  IssueRef,
  NewIssue,
  ReactionContent,
  RepositoryPermission,
  UserPermission
} from '../ports/issue-comments.js';
import { VERSION } from '../version.js';

const TrackerOctokit = Octokit.plugin(throttling, retry);
type TrackerOctokit = InstanceType<typeof TrackerOctokit>;

/** Comments per page when listing: GitHub's maximum. */
export const COMMENTS_PER_PAGE = 100;
/** Pages one listing walks at most by default (10 000 comments after the gate) before it gives up. */
export const MAX_LIST_PAGES = 100;
const MAX_REMEMBERED_PAGES = 256;
/** What the retry plugin may not retry: the 4xx answers, and rate limits (the throttling plugin's). */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];

export interface RateLimitWait {
  readonly kind: 'primary' | 'secondary';
  readonly ms: number;
  readonly method: string;
  readonly url: string;
}

export interface GithubClientOptions {
  /** The REST API root: `GITHUB_API_URL` (https://api.github.com, or https://<host>/api/v3). */
  readonly baseUrl: string;
  readonly token: string;
  readonly owner: string;
  readonly repo: string;
  /** Waits out rate limits. */
  readonly clock: Clock;
  /** Pages one listing may walk before it fails (default MAX_LIST_PAGES). */
  readonly maxListPages?: number;
  /** More attempts after a 5xx or network error (default 3). */
  readonly retries?: number;
  /** Rate-limit waits per request before giving up (default 3). */
  readonly rateLimitRetries?: number;
  /** The longest single rate-limit wait accepted (default 1 h, a whole primary window). */
  readonly maxRateLimitWaitMs?: number;
  /** The plugins' fixed delays, in ms: retry backoff unit (default 1000) and write spacing (default 1 s / 3 s). */
  readonly pluginDelays?: { readonly retryBaseMs?: number; readonly writeSpacingMs?: number };
  /** Told before each rate-limit wait (the gate can say why it is quiet). */
  readonly onRateLimitWait?: (wait: RateLimitWait) => void;
  /** Octokit's warnings (deprecations); errors are thrown, never logged. */
  readonly onWarning?: (message: string) => void;
}

/** What the throttling plugin passes its handlers (the request it held back, and its retries so far). */
interface LimitedRequest {
  readonly method: string;
  readonly url: string;
  readonly request?: { readonly signal?: AbortSignal };
}
type LimitHandler = (
  retryAfterSeconds: number,
  options: LimitedRequest,
  octokit: unknown,
  retryCount: number
) => void;

type CommentData = RestEndpointMethodTypes['issues']['getComment']['response']['data'];

interface Page {
  readonly etag: string;
  readonly items: readonly CommentData[];
  readonly next: string | undefined;
}

interface ErrorLike {
  readonly status?: unknown;
  readonly message?: unknown;
  readonly response?: { readonly headers?: Readonly<Record<string, string | number | undefined>> };
}

const PERMISSIONS: Readonly<Record<string, RepositoryPermission>> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
  none: 'none'
};

function toComment(raw: CommentData): IssueComment {
  return {
    id: raw.id,
    body: raw.body ?? '',
    author: {
      login: raw.user?.login ?? 'ghost',
      id: raw.user?.id ?? 0,
      isBot: raw.user?.type === 'Bot'
    },
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
    url: raw.html_url
  };
}

function statusOf(error: unknown): number | undefined {
  const status = (error as ErrorLike | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

function nextLink(link: string | undefined): string | undefined {
  return link === undefined ? undefined : /<([^>]+)>\s*;\s*rel="next"/.exec(link)?.[1];
}

export class GithubClient implements IssueComments {
  readonly #octokit: TrackerOctokit;
  readonly #base: string;
  readonly #owner: string;
  readonly #repo: string;
  readonly #clock: Clock;
  readonly #rateLimitRetries: number;
  readonly #maxListPages: number;
  readonly #maxRateLimitWaitMs: number;
  readonly #onRateLimitWait: ((wait: RateLimitWait) => void) | undefined;
  /** URL → the page GitHub last sent for it, with its ETag. */
  readonly #pages = new Map<string, Page>();

  constructor(options: GithubClientOptions) {
    this.#base = options.baseUrl.replace(/\/+$/, '');
    this.#owner = options.owner;
    this.#repo = options.repo;
    this.#clock = options.clock;
    this.#rateLimitRetries = options.rateLimitRetries ?? 3;
    this.#maxListPages = options.maxListPages ?? MAX_LIST_PAGES;
    this.#maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? 3_600_000;
    this.#onRateLimitWait = options.onRateLimitWait;
    const spacing = options.pluginDelays?.writeSpacingMs;
    const noop = (): void => undefined;
    const warn = options.onWarning;
    this.#octokit = new TrackerOctokit({
      auth: options.token,
      baseUrl: this.#base,
      userAgent: `tracker/${VERSION}`,
      log: {
        debug: noop,
        info: noop,
        warn: (message: string) => warn?.(message),
        error: noop
      },
      retry: {
        retries: options.retries ?? 3,
        retryAfterBaseValue: options.pluginDelays?.retryBaseMs ?? 1000,
        doNotRetry: DO_NOT_RETRY
      },
      throttle: {
        id: 'tracker',
        retryAfterBaseValue: 0,
        onRateLimit: this.#limitHandler('primary'),
        onSecondaryRateLimit: this.#limitHandler('secondary'),
        ...(spacing === undefined
          ? {}
          : {
              write: new Bottleneck.Group({ maxConcurrent: 1, minTime: spacing }),
              notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: spacing })
            })
      }
    });
  }

  async postComment(
    issueNumber: number,
    body: string,
    signal?: AbortSignal
  ): Promise<IssueComment> {
    const response = await this.#call(`Posting a comment on #${issueNumber}`, signal, () =>
      this.#octokit.rest.issues.createComment({
        ...this.#repoParams(),
        issue_number: issueNumber,
        body,
        request: { signal, retries: 0 }
      })
    );
    return toComment(response.data);
  }

  async editComment(commentId: number, body: string, signal?: AbortSignal): Promise<IssueComment> {
    const response = await this.#call(`Editing comment ${commentId}`, signal, () =>
      this.#octokit.rest.issues.updateComment({
        ...this.#repoParams(),
        comment_id: commentId,
        body,
        request: { signal }
      })
    );
    return toComment(response.data);
  }

  async listCommentsAfter(
    issueNumber: number,
    after: CommentMark,
    signal?: AbortSignal
  ): Promise<readonly IssueComment[]> {
    const what = `Listing the comments on #${issueNumber}`;
    const first = new URL(`${this.#repoUrl()}/issues/${issueNumber}/comments`);
    // `since` filters on updated_at: it trims the walk to the gate's time, never decides (the id does).
    first.searchParams.set('since', after.createdAt);
    first.searchParams.set('per_page', String(COMMENTS_PER_PAGE));
    first.searchParams.set('page', '1');
    const found = new Map<number, IssueComment>();
    let url: string | undefined = first.toString();
    for (let pages = 0; url !== undefined; pages++) {
      if (pages === this.#maxListPages) {
        throw new TrackerError(
          'GITHUB_REJECTED',
          `${what}: more than ${this.#maxListPages * COMMENTS_PER_PAGE} comments came after comment ${after.id}; tracker stops reading there. Answer the gate in a new thread, or post the gate again.`
        );
      }
      const page = await this.#call(what, signal, () => this.#getPage(url as string, signal));
      for (const raw of page.items) if (raw.id > after.id) found.set(raw.id, toComment(raw));
      url = this.#pageAfter(url, page);
    }
    return [...found.values()].sort((a, b) => a.id - b.id);
  }

  async addReaction(
    commentId: number,
    content: ReactionContent,
    signal?: AbortSignal
  ): Promise<void> {
    await this.#call(`Reacting ${content} to comment ${commentId}`, signal, () =>
      this.#octokit.rest.reactions.createForIssueComment({
        ...this.#repoParams(),
        comment_id: commentId,
        content,
        request: { signal }
      })
    );
  }

  async getPermission(login: string, signal?: AbortSignal): Promise<UserPermission> {
    try {
      const { data } = await this.#call(`Looking up ${login}'s permission`, signal, () =>
        this.#octokit.rest.repos.getCollaboratorPermissionLevel({
          ...this.#repoParams(),
          username: login,
          request: { signal }
        })
      );
      return {
        login,
        permission: PERMISSIONS[data.permission] ?? 'none',
        roleName: data.role_name
      };
    } catch (error) {
      if (isTrackerError(error) && error.code === 'GITHUB_NOT_FOUND') {
        return { login, permission: 'none', roleName: 'none' };
      }
      throw error;
    }
  }

  async createIssue(issue: NewIssue, signal?: AbortSignal): Promise<IssueRef> {
    const { data } = await this.#call(`Opening an issue`, signal, () =>
      this.#octokit.rest.issues.create({
        ...this.#repoParams(),
        title: issue.title,
        body: issue.body,
        ...(issue.labels === undefined ? {} : { labels: [...issue.labels] }),
        request: { signal, retries: 0 }
      })
    );
    return { number: data.number, url: data.html_url };
  }

  async closeIssue(issueNumber: number, signal?: AbortSignal): Promise<void> {
    await this.#call(`Closing #${issueNumber}`, signal, () =>
      this.#octokit.rest.issues.update({
        ...this.#repoParams(),
        issue_number: issueNumber,
        state: 'closed',
        state_reason: 'completed',
        request: { signal }
      })
    );
  }

  #repoParams(): { owner: string; repo: string } {
    return { owner: this.#owner, repo: this.#repo };
  }

  #repoUrl(): string {
    return `${this.#base}/repos/${encodeURIComponent(this.#owner)}/${encodeURIComponent(this.#repo)}`;
  }

  /** One page, conditionally: a 304 gives back the page remembered for the URL. */
  async #getPage(url: string, signal: AbortSignal | undefined): Promise<Page> {
    const known = this.#pages.get(url);
    try {
      const response = await this.#octokit.request(`GET ${url}`, {
        headers: known ? { 'if-none-match': known.etag } : {},
        request: { signal }
      });
      const items = response.data as unknown;
      const page: Page = {
        etag: typeof response.headers.etag === 'string' ? response.headers.etag : '',
        items: Array.isArray(items) ? (items as CommentData[]) : [],
        next: nextLink(response.headers.link)
      };
      this.#remember(url, page);
      return page;
    } catch (error) {
      if (known && statusOf(error) === 304) return known;
      throw error;
    }
  }

  #remember(url: string, page: Page): void {
    this.#pages.delete(url);
    if (page.etag === '') return;
    this.#pages.set(url, page);
    if (this.#pages.size > MAX_REMEMBERED_PAGES) {
      const [oldest] = this.#pages.keys();
      if (oldest !== undefined) this.#pages.delete(oldest);
    }
  }

  /**
   * The page to read after `url`: its `next` link, else — when the page is full — the following page
   * number. A full last page keeps its ETag when a comment starts the next page (the ETag covers the body,
   * not the Link header), so a 304 on it says nothing about what follows.
   */
  #pageAfter(url: string, page: Page): string | undefined {
    if (page.next !== undefined) {
      if (new URL(page.next).origin !== new URL(this.#base).origin) {
        throw new TrackerError(
          'GITHUB_REJECTED',
          `GitHub's next-page link points at another host (${new URL(page.next).origin}); tracker does not send its token there.`
        );
      }
      return page.next;
    }
    if (page.items.length < COMMENTS_PER_PAGE) return undefined;
    const following = new URL(url);
    following.searchParams.set('page', String(Number(following.searchParams.get('page') ?? 1) + 1));
    return following.toString();
  }

  /**
   * A throttling-plugin handler: waits `retryAfter` seconds on the clock and asks for the retry, within
   * the bounds. The plugin awaits it and retries when it resolves true, though its type says `void`.
   */
  #limitHandler(kind: RateLimitWait['kind']): LimitHandler {
    const wait = async (
      retryAfterSeconds: number,
      options: LimitedRequest,
      retryCount: number
    ): Promise<boolean> => {
      const ms = Math.max(0, retryAfterSeconds) * 1000;
      if (retryCount >= this.#rateLimitRetries || ms > this.#maxRateLimitWaitMs) return false;
      this.#onRateLimitWait?.({ kind, ms, method: options.method, url: options.url });
      try {
        await this.#clock.sleep(ms, options.request?.signal);
      } catch {
        return false; // aborted: #call rethrows the signal's reason
      }
      return true;
    };
    return (retryAfterSeconds, options, _octokit, retryCount) =>
      wait(retryAfterSeconds, options, retryCount) as unknown as void;
  }

  /** Runs one API call; anything it throws becomes a TrackerError with a GITHUB_* code. */
  async #call<T>(what: string, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (isTrackerError(error)) throw error;
      throw this.#toTrackerError(what, error);
    }
  }

  #toTrackerError(what: string, error: unknown): TrackerError {
    const status = statusOf(error);
    const said = (error as ErrorLike | null)?.message;
    const detail = typeof said === 'string' && said !== '' ? `: ${said}` : '';
    const headers = (error as ErrorLike | null)?.response?.headers ?? {};
    const { code, hint } = this.#classify(status, headers);
    const answered = status === undefined ? '' : ` (${status}${detail})`;
    return new TrackerError(code, `${what} failed${answered}. ${hint}`, { cause: error });
  }

  #classify(
    status: number | undefined,
    headers: Readonly<Record<string, string | number | undefined>>
  ): { code: TrackerErrorCode; hint: string } {
    const spent = String(headers['x-ratelimit-remaining']) === '0';
    if (status === 429 || (status === 403 && (spent || headers['retry-after'] !== undefined))) {
      const reset = Number(headers['x-ratelimit-reset']);
      const when =
        spent && Number.isFinite(reset) && reset > 0
          ? ` (it resets at ${new Date(reset * 1000).toISOString()})`
          : '';
      return {
        code: 'GITHUB_RATE_LIMITED',
        hint: `GitHub's rate limit outlasted the waits tracker allows itself${when}.`
      };
    }
    if (status === 401) {
      return {
        code: 'GITHUB_UNAUTHORIZED',
        hint: 'The token was refused: it is missing, expired (GitHub App tokens last an hour) or revoked.'
      };
    }
    if (status === 403) {
      return {
        code: 'GITHUB_FORBIDDEN',
        hint: 'The token may not do this: give the job `permissions: issues: write` (and `pull-requests: write` on pull requests); on a pull request from a fork the token is read-only.'
      };
    }
    if (status === 404) {
      return {
        code: 'GITHUB_NOT_FOUND',
        hint: `Check the repository (${this.#owner}/${this.#repo}), the issue or comment number, and that the token can see the repository.`
      };
    }
    if (status !== undefined && status >= 400 && status < 500) {
      return { code: 'GITHUB_REJECTED', hint: 'GitHub refused the request as sent.' };
    }
    return { code: 'GITHUB_UNAVAILABLE', hint: 'GitHub could not be reached or kept failing.' };
  }
}
