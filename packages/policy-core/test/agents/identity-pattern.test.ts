import { describe, expect, it } from 'vitest';
import { compileIdentity, identityMatches } from '../../src/agents/identity-pattern.js';

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
