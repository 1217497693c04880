import type { Person } from '../change-set.js';
import { escapeRegex } from '../paths/glob-to-regex.js';

/**
 * Agent identities from `agents.identities`. `*` is the only wildcard (any run of characters,
 * `@` and `/` included); everything else is literal, so `dependabot[bot]@…` means the
 * brackets. What a pattern is compared with depends on its shape:
 *   - with `<` (`helper[bot] <*@users.noreply.github.com>`): the whole `Name <email>`;
 *   - with `@` (`*[bot]@users.noreply.github.com`): the e-mail address;
 *   - otherwise (`dependabot[bot]`, `*[bot]`): the name.
 * Comparison ignores case: e-mail domains are case-insensitive and bots' names vary in case.
 */
export interface IdentityPattern {
  pattern: string;
  /** Index in `agents.identities`, for pointing at its policy line. */
  index: number;
  target: 'person' | 'email' | 'name';
  regex: RegExp;
}

export function compileIdentity(pattern: string, index: number): IdentityPattern {
  const target = pattern.includes('<') ? 'person' : pattern.includes('@') ? 'email' : 'name';
  return { pattern, index, target, regex: wildcardRegex(pattern) };
}

/**
 * A whole-text, case-blind regex where `*` is the only wildcard (any run of characters) and
 * everything else is literal: identities and GitHub logins (`agents.accounts`, presets' logins).
 */
export function wildcardRegex(pattern: string): RegExp {
  return new RegExp(`^${pattern.trim().split('*').map(escapeRegex).join('.*')}$`, 'is');
}

/** @internal */
export function identityMatches(p: IdentityPattern, who: Person): boolean {
  const text =
    p.target === 'email' ? who.email : p.target === 'name' ? who.name : `${who.name} <${who.email}>`;
  return p.regex.test(text);
}

/** The first pattern that matches, or undefined. */
export function matchIdentity(
  patterns: readonly IdentityPattern[],
  who: Person,
): IdentityPattern | undefined {
  return patterns.find((p) => identityMatches(p, who));
}

/**
 * How a message names a person: `Name <email>`.
 * @internal
 */
export function formatPerson(who: Person): string {
  return `${who.name} <${who.email}>`;
}

/**
 * GitHub's committer for merges, squash merges and rebase merges made in its web flow.
 * @internal
 */
export function isHostingService(who: Person): boolean {
  return who.email.toLowerCase() === 'noreply@github.com';
}
