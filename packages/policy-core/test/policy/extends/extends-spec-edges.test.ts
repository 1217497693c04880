import { describe, expect, it } from 'vitest';
import { parseExtendsSpec, relativeTo } from '../../../src/policy/schema/extends-spec.js';

/**
 * `extends:` specs at their edges: each form is read whole (a source named inside a path, or words
 * after the ref, is not that source), a ref that reads as an option is refused wherever it starts,
 * versions of several digits, a colon inside a repository path, `./` only at the start, and a base
 * named beside a base that sits at its repository's root.
 */
describe('extends: specs read whole', () => {
  it.each([
    ['dir/github:o/r/base.yaml@v1', 'is not a policy file (.yaml, .yml or .toml)'],
    ['policies/git+https://h/r#p.yaml@v1', 'is not a policy file (.yaml, .yml or .toml)'],
    ['github:o/r/p.yaml@main x', 'is not `github:OWNER/REPO/PATH@SHA`'],
    ['git+https://h/r#p.yaml@v1 x', 'is not `git+URL#PATH@SHA` with an https://, ssh:// or file:// URL'],
    ['npm:p@1.2.3/base.yaml#sha512-abc=x', 'is not `npm:NAME@VERSION/PATH#sha512-…` with an exact version'],
    ['npm:bad name npm:p@1.2.3/base.yaml', 'is not `npm:NAME@VERSION/PATH#sha512-…` with an exact version'],
  ])('%s: a problem', (text, problem) => {
    expect(parseExtendsSpec(text)).toEqual({ problem: `\`${text}\` ${problem}` });
  });

  it.each(['-evil', '--upload-pack=x', 'main:evil', 'v1^{}'])(
    'a ref git would not take as a name (%s) is refused',
    (ref) => {
      expect(parseExtendsSpec(`github:o/r/p.yaml@${ref}`)).toEqual({
        problem: `\`${ref}\` is not a commit SHA, tag or branch name`,
      });
    },
  );

  it('a version of several digits in each part', () => {
    expect(parseExtendsSpec('npm:@acme/policies@10.20.30/base.yaml')).toEqual({
      kind: 'npm',
      name: '@acme/policies',
      version: '10.20.30',
      path: 'base.yaml',
      pinned: false,
    });
  });

  it('a colon inside a path is a local path; ./ is dropped at the start only', () => {
    expect(parseExtendsSpec('policies/x:y.yaml')).toEqual({ kind: 'local', path: 'policies/x:y.yaml' });
    expect(parseExtendsSpec('policies/./base.yaml')).toEqual({ kind: 'local', path: 'policies/./base.yaml' });
    expect(parseExtendsSpec('./base.yaml')).toEqual({ kind: 'local', path: 'base.yaml' });
  });

  it("a base beside a base at its repository's root keeps that repository and ref", () => {
    const from = { kind: 'git' as const, repository: { url: 'u' }, path: 'a.yaml', ref: 'r', pinned: false };
    expect(relativeTo({ kind: 'local', path: 'b.yaml' }, from)).toEqual({ ...from, path: 'b.yaml' });
    expect(relativeTo({ kind: 'local', path: 'b.yaml' }, { kind: 'local', path: 'x/a.yaml' })).toEqual({
      kind: 'local',
      path: 'b.yaml',
    });
  });
});
