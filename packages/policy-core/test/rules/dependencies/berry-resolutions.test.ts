import { describe, expect, it } from 'vitest';
import { check, npmFixture } from './helpers.js';

/**
 * A Berry lock keys the entry a root `resolutions` entry replaces by the resolution's descriptor:
 * Prettier's real lock (requirements/fixtures/npm/yarn-berry) resolves remark-parse's
 * `trim: "npm:0.0.1"` through `"resolutions": {"trim": "1.0.1"}` to the one entry
 * `"trim@npm:1.0.1"`, and has no `trim@npm:0.0.1` key. A package.json dependency so replaced was
 * skipped (its own descriptor is in no key), so a resolution moved without the lock, or a lock
 * entry outside it, passed unseen. Here Prettier's root also asks for trim itself, as Berry
 * records it: `trim: "npm:^0.0.1"` in the workspace entry, the entry still keyed by the resolution.
 */
type Files = Record<string, string>;

const POLICY = 'version: 1\ndependencies:\n  requirements: package.json\n  lock: yarn.lock\n';

const edit = (files: Files, path: string, from: string | RegExp, to: string): Files => {
  const text = files[path] as string;
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${path}: nothing replaced`);
  return { ...files, [path]: next };
};

function judge(files: Files): string[] {
  return check(files)
    .findings.map((f) => `${f.rule} ${f.file}:${f.range.start.line + 1} ${f.message}`)
    .sort();
}

/** Prettier's project with the root asking for trim ^0.0.1 itself, under its real resolution to 1.0.1. */
function asksForTrim(): Files {
  let files: Files = { 'slipway.yaml': POLICY, ...npmFixture('yarn-berry') };
  files = edit(
    files,
    'package.json',
    '    "trim-newlines": "5.0.0",\n',
    '    "trim": "^0.0.1",\n    "trim-newlines": "5.0.0",\n',
  );
  return edit(
    files,
    'yarn.lock',
    '    trim-newlines: "npm:5.0.0"\n',
    '    trim: "npm:^0.0.1"\n    trim-newlines: "npm:5.0.0"\n',
  );
}
const TRIM_LINE = 125;

describe('Berry: an entry keyed by the resolution that replaces the manifest range', () => {
  it('near miss: the lock holds the resolution’s entry, as Yarn writes it: nothing', () => {
    expect(judge(asksForTrim())).toEqual([]);
  });

  it('a resolution moved without the lock is DEP003: the lock has no entry for its descriptor', () => {
    const moved = edit(asksForTrim(), 'package.json', '"trim": "1.0.1"', '"trim": "1.0.2"');
    expect(judge(moved)).toEqual([
      `DEP003 package.json:${TRIM_LINE} \`trim\` (dependencies of package.json) asks for 1.0.2 (resolutions["trim"] of the root package.json, over its ^0.0.1), and yarn.lock has no entry for \`trim@npm:1.0.2\`; run \`yarn install\` and commit yarn.lock with package.json.`,
    ]);
  });

  it('an entry whose version is outside the resolution is DEP012', () => {
    const files = edit(
      asksForTrim(),
      'yarn.lock',
      /"trim@npm:1\.0\.1":\n {2}version: 1\.0\.1/,
      '"trim@npm:1.0.1":\n  version: 1.0.0',
    );
    expect(judge(files).map((f) => f.slice(0, f.indexOf(', but')))).toEqual([
      `DEP012 package.json:${TRIM_LINE} \`trim\` (dependencies of package.json) asks for 1.0.1 (resolutions["trim"] of the root package.json, over its ^0.0.1)`,
    ]);
  });

  it('near miss: a resolution to a git source stays unjudged (Berry keys it its own way)', () => {
    const git = edit(asksForTrim(), 'package.json', '"trim": "1.0.1"', '"trim": "github:Trott/trim#v1.0.1"');
    expect(judge(git)).toEqual([]);
  });
});

describe('Berry: a patch resolution', () => {
  const PATCH = 'patch:trim@npm%3A1.0.1#~/.yarn/patches/trim-npm-1.0.1-5b2f4fe4a1.patch';
  /** `yarn patch-commit -s` on trim: the resolution, and the patch entry beside its base's. */
  function patched(version = '1.0.1'): Files {
    let files = edit(asksForTrim(), 'package.json', '"trim": "1.0.1"', `"trim": "${PATCH}"`);
    const entry =
      `"trim@${PATCH}":\n  version: ${version}\n  resolution: "trim@${PATCH}::version=1.0.1&hash=3c2a51"\n` +
      '  checksum: 10/0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071829\n' +
      '  languageName: node\n  linkType: hard\n\n';
    files = edit(files, 'yarn.lock', '"trim@npm:1.0.1":\n', `${entry}"trim@npm:1.0.1":\n`);
    return files;
  }

  it('near miss: the patch entry the lock keys by the resolution: nothing', () => {
    expect(judge(patched())).toEqual([]);
  });

  it("a patch entry outside its base's range is DEP012, judged by the base 1.0.1", () => {
    const [f] = judge(patched('1.0.0'));
    expect(f).toMatch(/^DEP012 package\.json:125 `trim`/);
    expect(f).toContain('yarn.lock installs 1.0.0, outside that range');
  });

  it('a patch resolution moved without the lock is DEP003 on its descriptor', () => {
    const moved = edit(patched(), 'package.json', '5b2f4fe4a1.patch"', '9c0d1e2f3a.patch"');
    expect(judge(moved)[0]).toContain(
      'has no entry for `trim@patch:trim@npm%3A1.0.1#~/.yarn/patches/trim-npm-1.0.1-9c0d1e2f3a.patch`',
    );
  });
});
