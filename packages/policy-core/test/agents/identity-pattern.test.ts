import { describe, expect, it } from 'vitest';
import {
  compileIdentity,
  formatPerson,
  identityMatches,
  isHostingService,
  wildcardRegex,
} from '../../src/agents/identity-pattern.js';

const who = (name: string, email: string) => ({ name, email });

describe('agent identity patterns', () => {
  const cases: [string, string, string, boolean][] = [
    ['*[bot]@users.noreply.github.com', 'x', '49699333+dependabot[bot]@users.noreply.github.com', true],
    ['*[bot]@users.noreply.github.com', 'x', 'someone@users.noreply.github.com', false],
    ['*[bot]@users.noreply.github.com', 'x', 'b@users.noreply.github.com', false],
    ['dependabot[bot]@github.com', 'x', 'DEPENDABOT[bot]@GitHub.com', true],
    ['dependabot[bot]@github.com', 'x', 'dependabot[bot]@githubXcom', false],
    ['*@agents.example', 'x', 'a/b@agents.example', true],
    ['*@agents.example', 'x', 'a@agents.example.org', false],
    ['dependabot[bot]', 'dependabot[bot]', 'x@y', true],
    ['dependabot[bot]', 'dependabot[bot] (fork)', 'x@y', false],
    ['*[bot]', 'renovate[bot]', 'x@y', true],
    ['*[bot]', 'x@y', 'renovate[bot]', false],
    ['Helper <helper@agents.example>', 'Helper', 'helper@agents.example', true],
    ['Helper <*>', 'Helper', 'anything@else', true],
    ['Helper <*>', 'Helper2', 'anything@else', false],
  ];
  for (const [pattern, name, email, ok] of cases) {
    it(`${pattern} ${ok ? 'matches' : 'does not match'} ${name} <${email}>`, () => {
      expect(identityMatches(compileIdentity(pattern, 0), who(name, email))).toBe(ok);
    });
  }
});

describe('identity pattern edges', () => {
  it('a pattern written with spaces around it is read without them', () => {
    expect(identityMatches(compileIdentity('  dependabot[bot]  ', 0), who('dependabot[bot]', 'x@y'))).toBe(
      true,
    );
    expect(wildcardRegex(' ci-* ').test('ci-runner')).toBe(true);
  });

  it('`*` runs over any character, U+2028 included', () => {
    expect(wildcardRegex('bot*').test('bot\u2028x')).toBe(true);
  });

  it("GitHub's web-flow committer, in any case, and nothing that merely starts like it", () => {
    expect(isHostingService(who('GitHub', 'NoReply@GitHub.com'))).toBe(true);
    expect(isHostingService(who('GitHub', 'noreply@github.com.evil.example'))).toBe(false);
    expect(isHostingService(who('GitHub', 'dev@example.com'))).toBe(false);
  });

  it('a person as messages name one', () => {
    expect(formatPerson(who('Claude', 'noreply@anthropic.com'))).toBe('Claude <noreply@anthropic.com>');
  });
});
