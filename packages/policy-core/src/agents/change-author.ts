import type { ChangeSet, Commit, Person } from '../change-set.js';
import type { PolicyDocument, PolicyPath } from '../policy/document.js';
import {
  type AgentMatchers,
  agentMatchers,
  firstMatch,
  type Matcher,
  type MatcherOrigin,
  matchPerson,
} from './agent-matchers.js';
import { formatPerson } from './identity-pattern.js';
import { creditTrailers, trailerPerson } from './trailers.js';

/**
 * Who made a change, as every part of Slipway decides it (the PATH and AGT rules, the suppression
 * guard, `explain --change`, the editor's status): a change is an agent's when its branch matches an agent branch
 * pattern, when its pull request's author is an agent account, or when **any** of its commits is
 * an agent's — by author, by committer, or by a `Co-authored-by:`, `Generated-by:` or
 * `Assisted-by:` trailer. The first signal found decides and is kept, with where it was seen and
 * which policy entry or preset matched, so a finding can say why.
 */

export type SignalKind =
  | 'branch'
  | 'pull-request-author'
  | 'author'
  | 'committer'
  | 'trailer'
  | 'history'
  | 'tool-call';

export interface AgentSignal {
  kind: SignalKind;
  /** What was seen: the branch, the login, `Name <email>`, or the trailer line. */
  seen: string;
  /** The commit it was seen in (author, committer, trailer). */
  commit?: string;
  /** The pattern that matched, and where it comes from. */
  pattern: string;
  origin: MatcherOrigin;
  /** Set when the signal could not be read and the change is judged an agent's to be safe. */
  unreadable?: string;
}

/** Trailers that say a tool wrote or helped write the commit. */
const AGENT_TRAILERS = new Set(['co-authored-by', 'generated-by', 'assisted-by']);
const MENTIONS_AGENT_TRAILER = /(?:co-authored|generated|assisted)-by[ \t]*:/i;

/** Past this a trailer line is not matched (a pattern's search must stay short) but distrusted. */
const MAX_TRAILER_CHARS = 512;

const cache = new WeakMap<ChangeSet, WeakMap<PolicyDocument, AgentSignal | null>>();

/** The signal that makes the change an agent's, or undefined for a human's change. */
export function agentSignal(doc: PolicyDocument, change: ChangeSet): AgentSignal | undefined {
  let byDoc = cache.get(change);
  // Stryker disable next-line ConditionalExpression: a cache; a fresh map each time answers the same, slower.
  if (!byDoc) {
    byDoc = new WeakMap();
    cache.set(change, byDoc);
  }
  const known = byDoc.get(doc);
  // Stryker disable next-line ConditionalExpression: a cache; asking again answers the same.
  if (known !== undefined) return known ?? undefined;
  const found = findSignal(agentMatchers(doc), change);
  byDoc.set(doc, found ?? null);
  return found;
}

/**
 * The branch signal alone: what an editor knows before any commit (agent-edit-notice). A full
 * ref (`refs/heads/auto/x`, as some CI systems give it) names the branch `auto/x`.
 */
export function branchSignal(doc: PolicyDocument, name: string | undefined): AgentSignal | undefined {
  return branchHit(agentMatchers(doc), name);
}

function branchHit(m: AgentMatchers, name: string | undefined): AgentSignal | undefined {
  const branch = name?.replace(/^refs\/heads\//, '');
  if (branch === undefined) return undefined;
  const hit = first(m.branches, branch);
  return hit ? { kind: 'branch', seen: branch, pattern: hit.pattern, origin: hit.origin } : undefined;
}

/**
 * The first agent's signal; a bot's (Dependabot's branch) only when no agent shows anywhere: an
 * agent's commit on a bot's branch makes the change an agent's.
 */
function findSignal(m: AgentMatchers, change: ChangeSet): AgentSignal | undefined {
  // The agent gate judges a tool call before it runs: the agent is known, not inferred.
  const session = change.agentSession;
  if (session)
    return {
      kind: 'tool-call',
      seen: `${session.agent}'s ${session.tool} tool call`,
      pattern: `slipway hook ${session.agent}`,
      origin: { preset: session.agent, class: 'agent' },
    };
  let bot: AgentSignal | undefined;
  const consider = (signal: AgentSignal | undefined): AgentSignal | undefined => {
    if (signal === undefined) return undefined;
    if (!isBot(signal)) return signal;
    bot ??= signal;
    return undefined;
  };
  const onBranch = consider(branchHit(m, change.branch));
  if (onBranch) return onBranch;
  const login = change.pullRequest?.author;
  if (login !== undefined) {
    const hit = first(m.accounts, login);
    const byAuthor = hit && {
      kind: 'pull-request-author' as const,
      seen: login,
      pattern: hit.pattern,
      origin: hit.origin,
    };
    if (consider(byAuthor)) return byAuthor;
  }
  for (const commit of change.commits) {
    const signal = consider(commitSignal(m, commit));
    if (signal) return signal;
  }
  // Commits that could not be read may be anyone's, an agent's included: fail closed, even over
  // a bot's signal (the hidden commits may not be the bot's).
  if (change.historyCut !== undefined)
    return {
      kind: 'history',
      seen: 'commits outside this clone',
      pattern: 'every commit of the change',
      origin: { policyPath: ['agents'] },
      unreadable: change.historyCut,
    };
  return bot;
}

/** A bot's signal (a preset of class `bot`: Dependabot, Renovate), not an agent's. */
export function isBot(signal: AgentSignal): boolean {
  return 'preset' in signal.origin && signal.origin.class === 'bot';
}

/**
 * The agent (or bot) signal of one commit alone, by its author, committer or credit trailers:
 * who may not vouch for deploy state with a `Slipway-Event:` trailer (deploy/flow-commit.ts).
 */
export function commitAgentSignal(doc: PolicyDocument, commit: Commit): AgentSignal | undefined {
  return commitSignal(agentMatchers(doc), commit);
}

type PersonHit = { pattern: string; origin: MatcherOrigin };

/**
 * `commitAgentSignal` for many commits under one policy: `slipway metrics` judges every commit
 * the audit log deployed (25,000 on issue 56's log), and a repository has a few dozen authors,
 * so each person (author, committer, a trailer's) is matched once, not three regex runs a
 * commit. The same signal as `commitAgentSignal` for every commit.
 */
export function commitAgentJudge(doc: PolicyDocument): (commit: Commit) => AgentSignal | undefined {
  const m = agentMatchers(doc);
  const known = new Map<string, PersonHit | null>();
  const personOnce = (who: Person): PersonHit | undefined => {
    // NUL cannot be in a name or an e-mail git gives (its -z output is cut at NULs).
    const key = `${who.name}\0${who.email}`;
    let hit = known.get(key);
    if (hit === undefined) {
      hit = person(m, who) ?? null;
      known.set(key, hit);
    }
    return hit ?? undefined;
  };
  return (commit) => commitSignal(m, commit, personOnce);
}

/** The agent signal of one commit: its author, its committer, then its trailers. */
function commitSignal(
  m: AgentMatchers,
  commit: Commit,
  personHit: (who: Person) => PersonHit | undefined = (who) => person(m, who),
): AgentSignal | undefined {
  for (const kind of ['author', 'committer'] as const) {
    const who = commit[kind];
    const hit = personHit(who);
    if (hit) return { kind, seen: formatPerson(who), commit: commit.sha, ...hit };
  }
  // Most commits name no helper at all: one search decides that before the trailers are read.
  // Stryker disable next-line ConditionalExpression: a fast path; the trailers read below credit no one either.
  if (!MENTIONS_AGENT_TRAILER.test(commit.body)) return undefined;
  for (const t of creditTrailers(commit.body)) {
    if (!AGENT_TRAILERS.has(t.key.toLowerCase())) continue;
    const base = { kind: 'trailer' as const, seen: t.line, commit: commit.sha };
    if (t.line.length > MAX_TRAILER_CHARS)
      return {
        ...base,
        seen: `${t.line.slice(0, 80)}…`,
        pattern: `${t.key}: …`,
        origin: { policyPath: ['agents'] },
        unreadable: `a ${t.key} trailer of ${t.line.length.toLocaleString('en-US')} characters, too long to read`,
      };
    const named = trailerPerson(t.value);
    const byPerson = named ? personHit(named) : undefined;
    if (byPerson) return { ...base, ...byPerson };
  }
  return undefined;
}

function person(m: AgentMatchers, who: Person): PersonHit | undefined {
  const hit = matchPerson(m, who);
  return hit && { pattern: hit.identity.pattern, origin: hit.origin };
}

function first(list: readonly Matcher[], text: string): Matcher | undefined {
  return firstMatch(
    list,
    (matcher) => matcher.regex.test(text),
    (matcher) => matcher.pattern,
  );
}

/** The policy entry behind a signal, when the policy (not a preset) decided. */
export function signalPolicyPath(signal: AgentSignal): PolicyPath | undefined {
  return 'policyPath' in signal.origin ? signal.origin.policyPath : undefined;
}

/**
 * The signal in as few words as a status bar holds: "Co-authored-by: Claude, commit abc1234",
 * "branch copilot/fix-login", "author dependabot[bot], commit abc1234", "pull request by Copilot".
 * The e-mail and the rule that matched stay in describeSignal (the tooltip).
 */
export function shortSignal(signal: AgentSignal): string {
  const commit = signal.commit ? `, commit ${signal.commit.slice(0, 7)}` : '';
  if (signal.kind === 'history') return 'history cut short';
  if (signal.kind === 'tool-call') return signal.seen;
  if (signal.unreadable) return `unreadable${commit}`;
  const person = signal.seen.replace(/\s*<[^>]*>\s*$/, '');
  switch (signal.kind) {
    case 'branch':
      return `branch ${signal.seen}`;
    case 'pull-request-author':
      return `pull request by ${signal.seen}`;
    case 'trailer':
      return `${person}${commit}`;
    default:
      return `${signal.kind} ${person}${commit}`;
  }
}

/**
 * The signal in a few words, for a message: "agent branch `copilot/fix-login` (the copilot
 * preset)", "Co-authored-by: Claude <noreply@anthropic.com> in commit abc1234 (the claude
 * preset)", "agent author `bot <bot@x>` of commit abc1234 (agents.identities `bot*`, line 7)".
 */
export function describeSignal(signal: AgentSignal, policyLine?: (path: PolicyPath) => string): string {
  const at = signal.commit ? ` of commit ${signal.commit.slice(0, 7)}` : '';
  if (signal.unreadable) return `${signal.unreadable}${at}: judged an agent's to be safe`;
  if (signal.kind === 'tool-call') return `${signal.seen}, judged before it runs (\`${signal.pattern}\`)`;
  const what: Record<SignalKind, string> = {
    branch: `agent branch \`${signal.seen}\``,
    'pull-request-author': `pull request by agent account \`${signal.seen}\``,
    author: `agent author \`${signal.seen}\`${at}`,
    committer: `agent committer \`${signal.seen}\`${at}`,
    trailer: `${signal.seen} in commit ${signal.commit?.slice(0, 7) ?? ''}`,
    history: signal.seen,
    'tool-call': signal.seen,
  };
  const origin = signal.origin;
  if ('preset' in origin) return `${what[signal.kind]} (the ${origin.preset} preset)`;
  const list = `agents.${String(origin.policyPath[1] ?? '')}`;
  const line = policyLine ? `, ${policyLine(origin.policyPath)}` : '';
  return `${what[signal.kind]} (${list} \`${signal.pattern}\`${line})`;
}
