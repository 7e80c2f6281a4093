/**
 * What a human gate held in a pull request or issue thread needs from the forge (issue 11): post and edit
 * its comment, read the replies that came after it, acknowledge them with a reaction, look up who may
 * answer, and open or close an issue when there is no thread. Implemented over Octokit by
 * `src/adapters/github-client.ts`; the comment interviewer depends on this port only.
 *
 * One repository per implementation. Every call takes an optional `AbortSignal`. Failures are
 * `TrackerError`s with a `GITHUB_*` code (src/common/errors.ts): decide on the code, never the message.
 */

/** GitHub's limit on a comment body, in characters: truncate before posting. */
export const MAX_COMMENT_LENGTH = 65_536;

export interface CommentAuthor {
  readonly login: string;
  /** GitHub's numeric user id (stable across renames). */
  readonly id: number;
  /** A bot account (`user.type === 'Bot'`: apps, `github-actions[bot]`, dependabot…). */
  readonly isBot: boolean;
}

export interface IssueComment {
  readonly id: number;
  readonly body: string;
  readonly author: CommentAuthor;
  /** ISO 8601, as GitHub gives it (to the second). */
  readonly createdAt: string;
  /** Later than `createdAt` once the comment was edited. */
  readonly updatedAt: string;
  /** The comment on github.com. */
  readonly url: string;
}

/** Where a listing starts: the replies to a gate are the comments after its own. */
export type CommentMark = Pick<IssueComment, 'id' | 'createdAt'>;

export const ReactionContents = [
  '+1',
  '-1',
  'laugh',
  'confused',
  'heart',
  'hooray',
  'rocket',
  'eyes'
] as const;
export type ReactionContent = (typeof ReactionContents)[number];

/** The legacy base permission: `maintain` reads as `write`, `triage` as `read`. */
export type RepositoryPermission = 'admin' | 'write' | 'read' | 'none';

export interface UserPermission {
  readonly login: string;
  readonly permission: RepositoryPermission;
  /** The role itself: `admin`, `maintain`, `write`, `triage`, `read`, a custom role's name, or `none`. */
  readonly roleName: string;
}

export interface NewIssue {
  readonly title: string;
  readonly body: string;
  readonly labels?: readonly string[];
}

export interface IssueRef {
  readonly number: number;
  readonly url: string;
}

export interface IssueComments {
  /** Posts a comment on an issue or pull request (their conversation comments are issue comments). */
  postComment(issueNumber: number, body: string, signal?: AbortSignal): Promise<IssueComment>;
  editComment(commentId: number, body: string, signal?: AbortSignal): Promise<IssueComment>;
  /**
   * The comments after `after` (id greater than its id), oldest first, across every page. Edited older
   * comments never appear, whatever their `updatedAt`. Polling is cheap: a thread that has not changed
   * costs no rate limit.
   */
  listCommentsAfter(
    issueNumber: number,
    after: CommentMark,
    signal?: AbortSignal
  ): Promise<readonly IssueComment[]>;
  /** Adds the token user's reaction; adding one that exists is not an error. */
  addReaction(commentId: number, content: ReactionContent, signal?: AbortSignal): Promise<void>;
  /** A user's permission on the repository; a login GitHub does not know has `none`. */
  getPermission(login: string, signal?: AbortSignal): Promise<UserPermission>;
  createIssue(issue: NewIssue, signal?: AbortSignal): Promise<IssueRef>;
  closeIssue(issueNumber: number, signal?: AbortSignal): Promise<void>;
}
