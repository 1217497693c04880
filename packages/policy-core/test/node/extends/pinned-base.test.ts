import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicyText, type PolicyDocument } from '@slipway/policy-core';
import { baseTestFiles, readPinnedGitFile, withBases } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, commit, git, headSha, initRepo, tempDir } from '../git-fixture.js';

/**
 * `extends:` a base in another git repository, through the Node host: a real bare repository in
 * a temp dir stands for the shared policies repository (`git+file://…` and, through
 * SLIPWAY_GITHUB_URL, `github:OWNER/REPO`), and a real cache directory holds what was fetched.
 */
afterAll(cleanup);

const BASE_V1 =
  'version: 1\nprotected:\n  label: approved-core-change\n  paths: [ledger/core/]\nmax_waiver_days: 90\n';

/** A policies repository with two commits, pushed to a bare repository `acme/policies.git` under a forge dir. */
function forge() {
  const work = initRepo();
  commit(work, { 'shared/slipway-base.yaml': BASE_V1 }, 'base v1');
  const first = headSha(work);
  commit(
    work,
    {
      'shared/slipway-base.yaml': `${BASE_V1}rules:\n  MIG001: error\n`,
      'shared/broken.yaml': 'version: 1\nprotected: [\n',
    },
    'base v2',
  );
  git(work, ['tag', 'v2']);
  const dir = tempDir('slipway-forge-');
  git(dir, ['clone', '-q', '--bare', work, join(dir, 'acme', 'policies.git')]);
  return { dir, bare: join(dir, 'acme', 'policies.git'), first, second: headSha(work) };
}

const repoPolicy = (spec: string, extra = '') => {
  const parsed = parsePolicyText(
    `version: 1\nextends: ${spec}\nprotected:\n  paths: [billing/]\n${extra}`,
    'slipway.yaml',
  );
  if (!parsed.document) throw new Error(parsed.findings[0]?.message);
  return parsed.document;
};
// These bases are `git+file://` repositories in temp dirs, read only when the run allows it
// (`--allow-file-bases`); the last test proves the refusal without it.
const resolve = (doc: PolicyDocument, env: Record<string, string>) =>
  withBases(doc, { readLocal: () => undefined, env: { SLIPWAY_ALLOW_FILE_BASES: '1', ...env } });
const oneLine = (r: ReturnType<typeof resolve>) =>
  r.findings.map((f) => `${f.rule} ${f.file}:${f.range.start.line + 1} ${f.message}`);

describe('extends: a pinned git base', () => {
  it('fetches the commit once, verifies it, caches it, and then works offline', () => {
    const f = forge();
    const cache = tempDir('slipway-cache-');
    const env = { SLIPWAY_CACHE_DIR: cache };
    const doc = repoPolicy(`git+file://${f.bare}#shared/slipway-base.yaml@${f.first}`);
    const r = resolve(doc, env);
    expect(oneLine(r)).toEqual([]);
    if (!('document' in r)) throw new Error('unresolved');
    expect(r.document.policy.protected?.paths).toEqual(['ledger/core/', 'billing/']);
    expect(r.document.policy.max_waiver_days).toBe(90);
    const pinned = r.document.extended?.pinned;
    expect(pinned).toMatchObject({ commit: f.first, path: 'shared/slipway-base.yaml' });
    expect(pinned && existsSync(pinned.cacheFile)).toBe(true);
    // Nothing but the entry: the temporary fetch repository is gone.
    expect(readdirSync(join(cache, 'extends'))).toEqual([f.first]);

    // Offline: the repository is gone, the cache answers.
    renameSync(f.bare, `${f.bare}.away`);
    const again = resolve(doc, env);
    expect(oneLine(again)).toEqual([]);
    expect('document' in again && again.document.policy.protected?.paths).toEqual([
      'ledger/core/',
      'billing/',
    ]);
    // …and a commit the cache does not hold says so in one line.
    expect(
      oneLine(resolve(repoPolicy(`git+file://${f.bare}#shared/slipway-base.yaml@${f.second}`), env))[0],
    ).toMatch(
      /^POL001 slipway.yaml:2 invalid policy: `extends:` git\+file:\/\/.*: cannot fetch [0-9a-f]{40} from file:\/\/.* \(.*\), and the cache does not hold it\.$/,
    );
  });

  it('github:OWNER/REPO/PATH@SHA, its host replaced by SLIPWAY_GITHUB_URL', () => {
    const f = forge();
    const r = resolve(repoPolicy(`github:acme/policies/shared/slipway-base.yaml@${f.second}`), {
      SLIPWAY_CACHE_DIR: tempDir('slipway-cache-'),
      SLIPWAY_GITHUB_URL: `file://${f.dir}`,
    });
    expect(oneLine(r)).toEqual([]);
    expect('document' in r && r.document.policy.rules).toEqual({ MIG001: 'error' });
    expect('document' in r && r.document.extended?.described).toBe(
      `github:acme/policies/shared/slipway-base.yaml@${f.second.slice(0, 12)}`,
    );
  });

  it('a tampered cache entry is refused in one line, and not fetched over', () => {
    const f = forge();
    const cache = tempDir('slipway-cache-');
    const doc = repoPolicy(`git+file://${f.bare}#shared/slipway-base.yaml@${f.first}`);
    const r = resolve(doc, { SLIPWAY_CACHE_DIR: cache });
    const file = 'document' in r ? r.document.extended?.pinned?.cacheFile : undefined;
    if (!file) throw new Error('not cached');
    // The blob swapped for one that no longer protects ledger/core/.
    const entry = JSON.parse(readFileSync(file, 'utf8'));
    entry.objects.blob = Buffer.from(BASE_V1.replace('ledger/core/', 'nothing/')).toString('base64');
    writeFileSync(file, JSON.stringify(entry));
    const lines = oneLine(resolve(doc, { SLIPWAY_CACHE_DIR: cache }));
    expect(lines).toEqual([
      `POL001 slipway.yaml:2 invalid policy: \`extends:\` git+file://${f.bare}#shared/slipway-base.yaml@${f.first.slice(0, 12)}: the cached copy ${file} does not verify against commit ${f.first} (the file does not hash to the id its tree names): it was altered; delete it to fetch the base again.`,
    ]);
    // A commit object swapped too (the blob id rewritten in a forged tree) still fails at the commit.
    entry.objects.commit = Buffer.from('tree 0000000000000000000000000000000000000000\n').toString('base64');
    writeFileSync(file, JSON.stringify(entry));
    expect(oneLine(resolve(doc, { SLIPWAY_CACHE_DIR: cache }))[0]).toContain(
      '(the commit object does not hash to its SHA)',
    );
  });

  it('a SHA that does not exist, a path not in the commit, a base that does not parse: one line each, nothing cached', () => {
    const f = forge();
    const cache = tempDir('slipway-cache-');
    const env = { SLIPWAY_CACHE_DIR: cache };
    const url = `git+file://${f.bare}`;
    expect(oneLine(resolve(repoPolicy(`${url}#shared/slipway-base.yaml@${'d'.repeat(40)}`), env))[0]).toMatch(
      new RegExp(`: commit d{40} is not in file://${f.bare}; check the SHA\\.$`),
    );
    expect(oneLine(resolve(repoPolicy(`${url}#shared/missing.yaml@${f.second}`), env))[0]).toContain(
      `\`shared/missing.yaml\` is not a file in commit ${f.second}`,
    );
    expect(readdirSync(join(cache, 'extends'))).toEqual([]);
    expect(oneLine(resolve(repoPolicy(`${url}#shared/broken.yaml@${f.second}`), env))[0]).toMatch(
      /: `extends:` the base git\+file:.*#shared\/broken\.yaml@[0-9a-f]{12} is invalid \(line \d+:\d+: invalid YAML: .*\]\); fix the base/,
    );
  });

  it('a tag is refused unless unpinned refs are allowed; then it resolves to its commit', () => {
    const f = forge();
    const env = { SLIPWAY_CACHE_DIR: tempDir('slipway-cache-') };
    const doc = repoPolicy(`git+file://${f.bare}#shared/slipway-base.yaml@v2`);
    expect(oneLine(resolve(doc, env))[0]).toContain(
      '`v2` is a tag or a branch, which can move; pin the full commit SHA (`git rev-parse v2`), or pass --allow-unpinned.',
    );
    // An abbreviated SHA is no pin either, allowed or not: it names a commit only while it is unique.
    const short = repoPolicy(`git+file://${f.bare}#shared/slipway-base.yaml@${f.first.slice(0, 12)}`);
    expect(oneLine(resolve(short, { ...env, SLIPWAY_ALLOW_UNPINNED: '1' }))[0]).toContain(
      `\`${f.first.slice(0, 12)}\` is an abbreviated SHA; pin the full commit SHA`,
    );
    const allowed = resolve(doc, { ...env, SLIPWAY_ALLOW_UNPINNED: '1' });
    expect('document' in allowed && allowed.document.extended?.pinned?.commit).toBe(f.second);
  });

  it('readPinnedGitFile: the same commit and path from the cache, for a runner of the base test cases', () => {
    const f = forge();
    const opts = { cacheDir: join(tempDir('slipway-cache-'), 'extends'), allowUnpinned: false };
    const first = readPinnedGitFile(`file://${f.bare}`, f.first, 'shared/slipway-base.yaml', opts);
    expect('text' in first && first.text).toBe(BASE_V1);
  });

  it('a `git+file://` base is refused unless the run allows it; nothing is fetched or cached', () => {
    const f = forge();
    const cache = tempDir('slipway-cache-');
    const doc = repoPolicy(`git+file://${f.bare}#shared/slipway-base.yaml@${f.first}`);
    const refused = withBases(doc, { readLocal: () => undefined, env: { SLIPWAY_CACHE_DIR: cache } });
    expect(oneLine(refused)).toEqual([
      expect.stringMatching(
        /^POL001 slipway\.yaml:2 invalid policy: `extends:` git\+file:.*: a `git\+file:\/\/` base is a repository on this machine, which a policy cannot make Slipway read; .*--allow-file-bases/,
      ),
    ]);
    expect(readdirSync(cache)).toEqual([]);
    // Allowed, it is read; a cached copy is not read either once the run no longer allows it.
    expect(oneLine(resolve(doc, { SLIPWAY_CACHE_DIR: cache }))).toEqual([]);
    const again = withBases(doc, { readLocal: () => undefined, env: { SLIPWAY_CACHE_DIR: cache } });
    expect(oneLine(again)[0]).toContain('a `git+file://` base is a repository on this machine');
    // A `github:` base the environment sends to a file:// directory is the environment's choice.
    const github = withBases(repoPolicy(`github:acme/policies/shared/slipway-base.yaml@${f.first}`), {
      readLocal: () => undefined,
      env: { SLIPWAY_CACHE_DIR: tempDir('slipway-cache-'), SLIPWAY_GITHUB_URL: `file://${f.dir}` },
    });
    expect(oneLine(github)).toEqual([]);
  });

  it("baseTestFiles with a memo reads a git base's test file once: a missing one is not fetched again", () => {
    const f = forge();
    const env = { SLIPWAY_CACHE_DIR: tempDir('slipway-cache-'), SLIPWAY_ALLOW_FILE_BASES: '1' };
    const r = resolve(repoPolicy(`git+file://${f.bare}#shared/slipway-base.yaml@${f.first}`), env);
    if (!('document' in r)) throw new Error('unresolved');
    const opts = { readLocal: () => undefined, env };
    const memo = new Map();
    // shared/slipway-base.tests.yaml is not in the commit: fetched once, absent, no cases.
    expect(baseTestFiles(r.document, opts, memo)).toEqual([]);
    // The policies repository is gone: with the memo nothing is fetched; without it, the fetch fails.
    renameSync(f.bare, `${f.bare}.gone`);
    expect(baseTestFiles(r.document, opts, memo)).toEqual([]);
    expect(baseTestFiles(r.document, opts)).toEqual([
      expect.objectContaining({ problem: expect.any(String) }),
    ]);
  });
});
