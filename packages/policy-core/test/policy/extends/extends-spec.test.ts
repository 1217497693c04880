import { describe, expect, it } from 'vitest';
import {
  COMMIT_SHA,
  describeSpec,
  parseExtendsSpec,
  relativeTo,
  specKey,
} from '../../../src/policy/schema/extends-spec.js';

const SHA = 'a'.repeat(40);
const SHA256 = 'b'.repeat(64);
const INTEGRITY = 'sha512-AbC+/d0123==';

/** Each spelling `extends:` takes, read exactly: what it names, pinned or not. */
describe('parseExtendsSpec', () => {
  it('reads each kind of source, exactly', () => {
    expect(parseExtendsSpec('policies/base.yaml')).toEqual({ kind: 'local', path: 'policies/base.yaml' });
    expect(parseExtendsSpec('./base.toml')).toEqual({ kind: 'local', path: 'base.toml' });
    expect(parseExtendsSpec(`github:acme/policies/base/prod.yaml@${SHA}`)).toEqual({
      kind: 'git',
      repository: { forge: 'github', owner: 'acme', name: 'policies' },
      path: 'base/prod.yaml',
      ref: SHA,
      pinned: true,
    });
    expect(parseExtendsSpec(`git+https://git.example/p.git#base.yml@${SHA256}`)).toEqual({
      kind: 'git',
      repository: { url: 'https://git.example/p.git' },
      path: 'base.yml',
      ref: SHA256,
      pinned: true,
    });
    expect(parseExtendsSpec('git+ssh://git@host/p.git#a/b.yaml@v1.2')).toMatchObject({
      ref: 'v1.2',
      pinned: false,
    });
    expect(parseExtendsSpec('git+file:///srv/p.git#b.yaml@main')).toMatchObject({
      repository: { url: 'file:///srv/p.git' },
      pinned: false,
    });
    expect(parseExtendsSpec(`npm:@acme/policies@1.2.3/base.yaml#${INTEGRITY}`)).toEqual({
      kind: 'npm',
      name: '@acme/policies',
      version: '1.2.3',
      path: 'base.yaml',
      integrity: INTEGRITY,
      pinned: true,
    });
    expect(parseExtendsSpec('npm:policies@1.2.3-rc.1/x/base.yaml')).toEqual({
      kind: 'npm',
      name: 'policies',
      version: '1.2.3-rc.1',
      path: 'x/base.yaml',
      pinned: false,
    });
  });

  it('refuses what is not one, saying what it should be', () => {
    const cases: [string, RegExp][] = [
      ['npm:policies@^1.2/base.yaml', /is not `npm:NAME@VERSION\/PATH#sha512-…` with an exact version/],
      ['npm:Policies@1.2.3/base.yaml', /exact version/],
      ['npm:policies@1.2.3/base.json', /is not a policy file/],
      ['npm:policies@1.2.3/../base.yaml', /climbs out/],
      [`github:acme/base.yaml@${SHA}`, /is not `github:OWNER\/REPO\/PATH@SHA`/],
      [`github:acme/p/base.yaml`, /is not `github:OWNER\/REPO\/PATH@SHA`/],
      [`github:acme/p/base.yaml@a@b`, /`base.yaml@a` is not a policy file/],
      [`xgithub:acme/p/base.yaml@${SHA}`, /names no known source/],
      [`github:../p/base.yaml@${SHA}`, /names no GitHub repository/],
      [`github:acme/../base.yaml@${SHA}`, /names no GitHub repository/],
      [`github:./p/base.yaml@${SHA}`, /names no GitHub repository/],
      [`github:acme/./base.yaml@${SHA}`, /names no GitHub repository/],
      [`github:acme/p/base.txt@${SHA}`, /is not a policy file/],
      [`github:acme/p/base.yaml@--upload-pack=x`, /is not a commit SHA, tag or branch name/],
      [`github:acme/p/base.yaml@.hidden`, /is not a commit SHA, tag or branch name/],
      [`git+ext::sh -c x#base.yaml@${SHA}`, /with an https:\/\/, ssh:\/\/ or file:\/\/ URL/],
      [`git+http://host/p.git#base.yaml@${SHA}`, /with an https:\/\/, ssh:\/\/ or file:\/\/ URL/],
      [`git+https://host/p.git#base.yaml`, /with an https:\/\//],
      ['https://host/base.yaml', /names no known source; write a repository path/],
      ['/etc/base.yaml', /absolute path/],
      ['base.json', /is not a policy file \(\.yaml, \.yml or \.toml\)/],
    ];
    for (const [text, why] of cases) {
      const r = parseExtendsSpec(text);
      expect('problem' in r ? r.problem : r, text).toEqual(expect.stringMatching(why));
    }
  });

  it('a full commit SHA pins; anything shorter, longer or upper-case does not', () => {
    expect([SHA, SHA256].map((s) => COMMIT_SHA.test(s))).toEqual([true, true]);
    expect(
      [SHA.slice(1), `${SHA}a`, SHA.toUpperCase(), `${SHA}\n`, `x${SHA}`, 'a'.repeat(50), 'g'.repeat(40)].map(
        (s) => COMMIT_SHA.test(s),
      ),
    ).toEqual([false, false, false, false, false, false, false]);
  });
});

describe('a base named from another base', () => {
  const gh = parseExtendsSpec(`github:acme/policies/team/prod.yaml@${SHA}`);
  const local = parseExtendsSpec('team/prod.yaml');
  it('is read beside it, in its repository and commit; a local one from the repository root', () => {
    if ('problem' in gh || 'problem' in local) throw new Error('specs do not parse');
    expect(relativeTo({ kind: 'local', path: 'common.yaml' }, gh)).toEqual({
      ...gh,
      path: 'team/common.yaml',
    });
    expect(relativeTo({ kind: 'local', path: 'common.yaml' }, local)).toEqual({
      kind: 'local',
      path: 'common.yaml',
    });
    expect(relativeTo({ kind: 'local', path: 'x.yaml' }, undefined)).toEqual({
      kind: 'local',
      path: 'x.yaml',
    });
    expect(relativeTo(gh, local)).toBe(gh);
    const top = parseExtendsSpec(`github:acme/policies/prod.yaml@${SHA}`);
    if ('problem' in top) throw new Error('spec does not parse');
    expect(relativeTo({ kind: 'local', path: 'common.yaml' }, top)).toEqual({ ...top, path: 'common.yaml' });
  });

  it('is named with a short SHA when pinned, and keyed by repository, path and full ref', () => {
    if ('problem' in gh || gh.kind !== 'git') throw new Error('spec does not parse');
    expect(describeSpec(gh)).toBe(`github:acme/policies/team/prod.yaml@${SHA.slice(0, 12)}`);
    expect(describeSpec({ ...gh, ref: 'main', pinned: false })).toBe(
      'github:acme/policies/team/prod.yaml@main',
    );
    expect(specKey(gh)).toBe(`git:github:acme/policies#team/prod.yaml@${SHA}`);
    const url = parseExtendsSpec(`git+https://h/p.git#b.yaml@${SHA}`);
    if ('problem' in url) throw new Error('spec does not parse');
    expect([describeSpec(url), specKey(url)]).toEqual([
      `git+https://h/p.git#b.yaml@${SHA.slice(0, 12)}`,
      `git:https://h/p.git#b.yaml@${SHA}`,
    ]);
    expect(describeSpec({ kind: 'local', path: 'a.yaml' })).toBe('a.yaml');
    expect(specKey({ kind: 'local', path: 'a.yaml' })).toBe('local:a.yaml');
    const npm = { kind: 'npm', name: 'p', version: '1.0.0', path: 'b.yaml', pinned: false } as const;
    expect([describeSpec(npm), specKey(npm)]).toEqual(['npm:p@1.0.0/b.yaml', 'npm:p@1.0.0/b.yaml']);
  });
});
