import type { Person } from '../change-set.js';
import type { PolicyDocument, PolicyPath } from '../policy/document.js';
import { globToRegexSource } from '../paths/glob-to-regex.js';
import { type AgentClass, AGENT_PRESETS, type AgentPreset } from './presets.js';
import { compileIdentity, type IdentityPattern, identityMatches, wildcardRegex } from './identity-pattern.js';

/**
 * Every way one policy recognises an agent, compiled once per policy document: the policy's own
 * lists (`agents.branches`, `agents.identities`, `agents.accounts`) and the presets it has not
 * turned off (`agents.presets_off`). Each matcher knows where it comes from, so a finding can say
 * which line of the policy, or which preset, decided.
 */

/** Where a matcher comes from: a preset by id, or an entry of the policy. */
export type MatcherOrigin = { preset: string; class: AgentClass } | { policyPath: PolicyPath };

export interface Matcher {
  /** The pattern as written (a branch glob or a login). */
  pattern: string;
  origin: MatcherOrigin;
  regex: RegExp;
}

export interface IdentityMatcher {
  identity: IdentityPattern;
  origin: MatcherOrigin;
}

export interface AgentMatchers {
  branches: Matcher[];
  /** Commit authors, committers and the people trailers name. */
  identities: IdentityMatcher[];
  /**
   * Whether any identity matches: one combined test per form (e-mail, name, `Name <email>`), so
   * that the commits of a human's long change cost three regex runs each, not one per pattern.
   */
  anyIdentity(who: Person): boolean;
  /** GitHub logins: a pull request's author. */
  accounts: Matcher[];
}

const cache = new WeakMap<PolicyDocument, AgentMatchers>();

export function agentMatchers(doc: PolicyDocument): AgentMatchers {
  let compiled = cache.get(doc);
  if (compiled) return compiled;
  const agents = doc.policy.agents;
  const off = new Set((agents?.presets_off ?? []).map((o) => o.preset));
  const presets = AGENT_PRESETS.filter((p) => !off.has(p.id));
  const identities: IdentityMatcher[] = [
    // Stryker disable next-line ArrayDeclaration: one made-up entry instead of none matches no real name.
    ...(agents?.identities ?? []).map((id, i) => ({
      identity: compileIdentity(id, i),
      origin: fromPolicy('identities', i),
    })),
    ...presets.flatMap((p) => [
      ...p.emails.map((e, i) => ({ identity: compileIdentity(e.value, i), origin: fromPreset(p) })),
      // A bot's login is its commits' author name too (`dependabot[bot]`); a login without
      // `[bot]` could be a person's name, so it is matched as a pull request's author only.
      ...p.logins
        .filter((l) => l.value.endsWith('[bot]'))
        .map((l, i) => ({ identity: compileIdentity(l.value, i), origin: fromPreset(p) })),
    ]),
  ];
  compiled = {
    identities,
    anyIdentity: anyOf(identities.map((m) => m.identity)),
    branches: [
      // Stryker disable next-line ArrayDeclaration: as for identities.
      ...(agents?.branches ?? []).map((b, i) => branchMatcher(b, fromPolicy('branches', i))),
      ...presets.flatMap((p) => p.branches.map((b) => branchMatcher(b.value, fromPreset(p)))),
    ],
    accounts: [
      // Stryker disable next-line ArrayDeclaration: as for identities.
      ...(agents?.accounts ?? []).map((a, i) => wildcardMatcher(a, fromPolicy('accounts', i))),
      ...presets.flatMap((p) => p.logins.map((l) => wildcardMatcher(l.value, fromPreset(p)))),
    ],
  };
  cache.set(doc, compiled);
  return compiled;
}

/** The identity (the policy's, then the presets') that `who` is, or undefined: see firstMatch. */
export function matchPerson(m: AgentMatchers, who: Person): IdentityMatcher | undefined {
  // Stryker disable next-line ConditionalExpression: a fast path; firstMatch below finds none either.
  if (!m.anyIdentity(who)) return undefined;
  return firstMatch(
    m.identities,
    (im) => identityMatches(im.identity, who),
    (im) => im.identity.pattern,
  );
}

/**
 * The first matcher that matches, except that a preset bot is a bot whatever wildcard of the
 * policy's also matches it: `*[bot]@users.noreply.github.com` in agents.identities (or `*[bot]`
 * in agents.accounts) names every GitHub app, Renovate and Dependabot too, and taken first it
 * would make their changes an agent's, so agents.bots would never apply to them. A policy entry
 * without a wildcard that names the bot exactly still wins: that is the policy's deliberate word.
 */
export function firstMatch<T extends { origin: MatcherOrigin }>(
  list: readonly T[],
  matches: (item: T) => boolean,
  patternOf: (item: T) => string,
): T | undefined {
  let found: T | undefined;
  for (const item of list) {
    if (!matches(item)) continue;
    if (found === undefined) {
      found = item;
      if (!('policyPath' in item.origin) || !patternOf(item).includes('*')) return found;
    } else if ('preset' in item.origin && item.origin.class === 'bot') return item;
  }
  return found;
}

/**
 * One regex per form of identity, each the alternation of that form's patterns. A prefilter:
 * matchPerson's firstMatch decides, so only a mutant that lets fewer people through can change
 * an answer (those stay enabled: LogicalOperator); one that lets more through cannot.
 */
// Stryker disable Regex,StringLiteral,MethodExpression,ConditionalExpression,BooleanLiteral: a prefilter (above).
function anyOf(patterns: readonly IdentityPattern[]): (who: Person) => boolean {
  const combined = (target: IdentityPattern['target']) => {
    const sources = patterns.filter((p) => p.target === target).map((p) => p.regex.source.slice(1, -1));
    return sources.length ? new RegExp(`^(?:${sources.join('|')})$`, 'is') : undefined;
  };
  const email = combined('email');
  const name = combined('name');
  const person = combined('person');
  return (who) =>
    (email?.test(who.email) ?? false) ||
    (name?.test(who.name) ?? false) ||
    (person?.test(`${who.name} <${who.email}>`) ?? false);
}

// Stryker restore all
function fromPreset(p: AgentPreset): MatcherOrigin {
  return { preset: p.id, class: p.class };
}

function fromPolicy(list: 'identities' | 'branches' | 'accounts', index: number): MatcherOrigin {
  return { policyPath: ['agents', list, index] };
}

function branchMatcher(pattern: string, origin: MatcherOrigin): Matcher {
  return { pattern, origin, regex: agentBranchRegex(pattern) };
}

/**
 * An agent branch pattern as a regex. Branch names are globs where `*` stays within one `/`
 * part, and a branch **under** a matching branch is matched too: `auto/*` covers `auto/fix` and
 * `auto/fix/login`. An agent that nests its branch one level deeper must not become a human by
 * it (the lane rules, the allow-list and the caps would all stop applying); `autox/y` and
 * `feature/auto/x` still do not match.
 */
export function agentBranchRegex(pattern: string): RegExp {
  return new RegExp(`^${globToRegexSource(pattern)}(?:/.*)?$`, 's');
}

/** `*` is the only wildcard; case is ignored (GitHub logins are case-insensitive). */
function wildcardMatcher(pattern: string, origin: MatcherOrigin): Matcher {
  return { pattern, origin, regex: wildcardRegex(pattern) };
}
