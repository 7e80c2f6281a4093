/**
 * What the fake GitHub API (fake-github.ts) knows: users and their repository roles, issues and pull
 * requests, comments, reactions — and how GitHub renders each as JSON. No HTTP here.
 */
export type RepoRole = 'admin' | 'maintain' | 'write' | 'triage' | 'read';
/** A custom repository role: `role_name` is its name, `permission` comes from its base role. */
export interface CustomRole {
  readonly name: string;
  readonly base: RepoRole;
}
export type UserType = 'User' | 'Bot';
export const REACTIONS = [
  '+1',
  '-1',
  'laugh',
  'confused',
  'heart',
  'hooray',
  'rocket',
  'eyes'
] as const;
export type ReactionName = (typeof REACTIONS)[number];

export interface StoredUser {
  readonly login: string;
  readonly id: number;
  readonly type: UserType;
  role: RepoRole | CustomRole | undefined;
}

export interface StoredIssue {
  readonly number: number;
  readonly id: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  stateReason: string | null;
  readonly pullRequest: boolean;
  readonly author: string;
  readonly labels: readonly string[];
  readonly assignees: readonly string[];
  readonly createdAt: number;
  updatedAt: number;
  closedAt: number | null;
}

export interface StoredComment {
  readonly id: number;
  readonly issue: number;
  readonly author: string;
  body: string;
  readonly createdAt: number;
  updatedAt: number;
}

export interface StoredReaction {
  readonly id: number;
  readonly commentId: number;
  readonly login: string;
  readonly content: ReactionName;
  readonly createdAt: number;
}

/** `permission` is the legacy base role: maintain → write, triage → read (GitHub's mapping). */
const BASE_PERMISSION: Readonly<Record<RepoRole, 'admin' | 'write' | 'read'>> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read'
};

/** GitHub's timestamp form: ISO 8601 to the second. */
export function githubTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export class FakeGithubWorld {
  readonly users = new Map<string, StoredUser>();
  readonly issues = new Map<number, StoredIssue>();
  readonly comments = new Map<number, StoredComment>();
  readonly reactions: StoredReaction[] = [];
  /** Ids beyond 2^31: nothing may treat them as 32-bit. */
  #nextId = 3_000_000_001;

  constructor(
    readonly owner: string,
    readonly repo: string,
    readonly now: () => number
  ) {}

  id(): number {
    return this.#nextId++;
  }

  addUser(login: string, type: UserType = 'User', role?: RepoRole | CustomRole): StoredUser {
    const existing = this.users.get(login);
    if (existing) {
      if (role !== undefined) existing.role = role;
      return existing;
    }
    const user: StoredUser = { login, id: this.id(), type, role };
    this.users.set(login, user);
    return user;
  }

  user(login: string): StoredUser {
    const user = this.users.get(login);
    if (!user) throw new Error(`fake GitHub: no user ${login}`);
    return user;
  }

  addIssue(
    number: number,
    title: string,
    author: string,
    extra: { body?: string; pullRequest?: boolean; labels?: string[]; assignees?: string[] } = {}
  ): StoredIssue {
    const now = this.now();
    const issue: StoredIssue = {
      number,
      id: this.id(),
      title,
      body: extra.body ?? '',
      state: 'open',
      stateReason: null,
      pullRequest: extra.pullRequest ?? false,
      author,
      labels: extra.labels ?? [],
      assignees: extra.assignees ?? [],
      createdAt: now,
      updatedAt: now,
      closedAt: null
    };
    this.issues.set(number, issue);
    return issue;
  }

  setIssueState(issue: StoredIssue, state: 'open' | 'closed', reason: string | undefined): void {
    if (state !== issue.state) {
      issue.state = state;
      issue.closedAt = state === 'closed' ? this.now() : null;
      issue.stateReason = state === 'closed' ? (reason ?? 'completed') : 'reopened';
    }
    issue.updatedAt = this.now();
  }

  addComment(issue: number, author: string, body: string): StoredComment {
    if (!this.issues.has(issue)) throw new Error(`fake GitHub: no issue ${issue}`);
    this.addUser(author);
    const now = this.now();
    const comment: StoredComment = {
      id: this.id(),
      issue,
      author,
      body,
      createdAt: now,
      updatedAt: now
    };
    this.comments.set(comment.id, comment);
    return comment;
  }

  /** An edit always moves `updated_at` on (by a second at least), so it can be told from the original. */
  editComment(comment: StoredComment, body: string): void {
    comment.body = body;
    comment.updatedAt = Math.max(this.now(), Math.floor(comment.updatedAt / 1000) * 1000 + 1000);
  }

  /** One reaction per user and content: a repeat returns the existing one (`created: false`). */
  react(
    commentId: number,
    login: string,
    content: ReactionName
  ): { reaction: StoredReaction; created: boolean } {
    const existing = this.reactions.find(
      (r) => r.commentId === commentId && r.login === login && r.content === content
    );
    if (existing) return { reaction: existing, created: false };
    const reaction = { id: this.id(), commentId, login, content, createdAt: this.now() };
    this.reactions.push(reaction);
    return { reaction, created: true };
  }

  /** `permission` and `role_name` of `user`; `none` for a user without a role. */
  permission(user: StoredUser): { permission: string; roleName: string } {
    const role = user.role;
    if (role === undefined) return { permission: 'none', roleName: 'none' };
    if (typeof role === 'string') return { permission: BASE_PERMISSION[role], roleName: role };
    return { permission: BASE_PERMISSION[role.base], roleName: role.name };
  }

  // ---- JSON as GitHub shapes it (`api` is the API origin, e.g. http://127.0.0.1:1234) ----

  userJson(user: StoredUser): Record<string, unknown> {
    return {
      login: user.login,
      id: user.id,
      node_id: `U_${user.id}`,
      type: user.type,
      site_admin: false,
      html_url: `https://github.com/${user.login}`
    };
  }

  commentJson(comment: StoredComment, api: string): Record<string, unknown> {
    const repoApi = `${api}/repos/${this.owner}/${this.repo}`;
    const kind = this.issues.get(comment.issue)?.pullRequest ? 'pull' : 'issues';
    const user = this.user(comment.author);
    const counts = Object.fromEntries(
      REACTIONS.map((r) => [
        r,
        this.reactions.filter((x) => x.commentId === comment.id && x.content === r).length
      ])
    );
    return {
      id: comment.id,
      node_id: `IC_${comment.id}`,
      url: `${repoApi}/issues/comments/${comment.id}`,
      html_url: `https://github.com/${this.owner}/${this.repo}/${kind}/${comment.issue}#issuecomment-${comment.id}`,
      issue_url: `${repoApi}/issues/${comment.issue}`,
      body: comment.body,
      user: this.userJson(user),
      created_at: githubTime(comment.createdAt),
      updated_at: githubTime(comment.updatedAt),
      author_association:
        user.login === this.owner ? 'OWNER' : user.role === undefined ? 'NONE' : 'COLLABORATOR',
      reactions: {
        url: `${repoApi}/issues/comments/${comment.id}/reactions`,
        total_count: Object.values(counts).reduce((a, b) => a + b, 0),
        ...counts
      },
      performed_via_github_app: null
    };
  }

  reactionJson(reaction: StoredReaction): Record<string, unknown> {
    return {
      id: reaction.id,
      node_id: `REA_${reaction.id}`,
      user: this.userJson(this.user(reaction.login)),
      content: reaction.content,
      created_at: githubTime(reaction.createdAt)
    };
  }

  issueJson(issue: StoredIssue, api: string): Record<string, unknown> {
    const repoApi = `${api}/repos/${this.owner}/${this.repo}`;
    const web = `https://github.com/${this.owner}/${this.repo}`;
    return {
      id: issue.id,
      node_id: `I_${issue.id}`,
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      state_reason: issue.stateReason,
      url: `${repoApi}/issues/${issue.number}`,
      html_url: `${web}/${issue.pullRequest ? 'pull' : 'issues'}/${issue.number}`,
      user: this.userJson(this.user(issue.author)),
      labels: issue.labels.map((name) => ({ name })),
      assignees: issue.assignees.map((login) => this.userJson(this.user(login))),
      comments: [...this.comments.values()].filter((c) => c.issue === issue.number).length,
      created_at: githubTime(issue.createdAt),
      updated_at: githubTime(issue.updatedAt),
      closed_at: issue.closedAt === null ? null : githubTime(issue.closedAt),
      ...(issue.pullRequest
        ? {
            pull_request: {
              url: `${repoApi}/pulls/${issue.number}`,
              html_url: `${web}/pull/${issue.number}`
            }
          }
        : {})
    };
  }
}
