import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseSyml } from '@yarnpkg/parsers';
import { describe, expect, it } from 'vitest';
import { readYarnLock } from '../../src/requirements/npm/yarn-lock.js';
import { readYarnV1Lines } from '../../src/requirements/npm/yarn-lock-v1.js';

/**
 * yarn.lock's readers give what Yarn's own parsers give (the oracles) on real locks (see
 * fixtures/npm/SOURCES.md): @yarnpkg/lockfile, Yarn classic's parser, for v1; @yarnpkg/parsers'
 * parseSyml, the one Yarn Berry reads its lock with, for Berry. And a v1 lock that is not as yarn
 * writes it is an error at its line, never a guess.
 */
// Yarn classic's parser is a CommonJS bundle whose exports only `require` sees whole.
const lockfile = createRequire(import.meta.url)('@yarnpkg/lockfile') as typeof import('@yarnpkg/lockfile');
const FIXTURES = join(import.meta.dirname, 'fixtures/npm');
const read = (p: string) => readFileSync(join(FIXTURES, p), 'utf8');
const CLASSIC = ['yarn-classic/yarn.lock', 'yarn-classic-workspaces/yarn.lock'].map(read);
const BERRY = read('yarn-berry/yarn.lock');

describe('yarn.lock v1: the line reader agrees with @yarnpkg/lockfile', () => {
  it("on Yarn's own lock and a workspace lock of its test suite", () => {
    for (const text of CLASSIC) {
      const oracle = lockfile.parse(text);
      expect(oracle.type).toBe('success');
      const mine = readYarnV1Lines(text);
      if ('error' in mine) throw new Error(mine.error.message);
      // yarn's parser gives one key per pattern, the patterns of a header sharing their fields.
      const object: Record<string, unknown> = {};
      for (const e of mine.entries) for (const p of e.patterns) object[p] = e.fields;
      expect(Object.keys(object).length).toBeGreaterThan(3);
      expect(object).toEqual(oracle.object);
      // The same with Windows line ends.
      expect(readYarnV1Lines(text.replace(/\n/g, '\r\n'))).toEqual(mine);
    }
  });

  it('each pattern of a comma-joined header is a descriptor of one package', () => {
    const lock = readYarnLock(CLASSIC[0] as string);
    const a = lock.descriptors?.get('@babel/code-frame@^7.0.0-beta.35');
    expect(a?.version).toBe('7.0.0-beta.55');
    expect(a?.resolved).toMatch(/^https:\/\/registry\.yarnpkg\.com\/@babel\/code-frame\//);
    expect(new Set(lock.descriptors?.values()).size).toBe(lock.packages.length);
  });

  const OK =
    '# yarn lockfile v1\n\n\nms@^2.1.0:\n  version "2.1.3"\n  resolved "https://registry.yarnpkg.com/ms/-/ms-2.1.3.tgz"\n';
  const NOT_AS_YARN_WRITES: [string, string][] = [
    ['a pattern twice (which entry installs?)', `${OK}\nms@^2.1.0:\n  version "9.9.9"\n`],
    ['a field twice', OK.replace('  resolved', '  version "9.9.9"\n  resolved')],
    [
      'merge-conflict markers',
      OK.replace(
        '  version "2.1.3"\n',
        '<<<<<<< HEAD\n  version "2.1.3"\n=======\n  version "2.0.0"\n>>>>>>> b\n',
      ),
    ],
    ['a deeper indent', `${OK}  dependencies:\n    a "1"\n      b "2"\n`],
    ['an odd indent', OK.replace('  version', '   version')],
    ['a __proto__ pattern', `${OK}\n__proto__:\n  version "1.0.0"\n`],
    ['an unterminated string', OK.replace('"2.1.3"', '"2.1.3')],
  ];
  for (const [what, text] of NOT_AS_YARN_WRITES)
    it(`${what} is an error at its line`, () => {
      const r = readYarnLock(text);
      expect(r.error?.message).toMatch(/^line \d+ /);
      expect(r.packages).toEqual([]);
    });

  it('near miss: comments, blank lines and quoted or plain values as yarn writes them read', () => {
    const r = readYarnLock(`${OK}  integrity sha512-abc==\n  dependencies:\n    "@s/x" "^1"\n    y 2\n`);
    expect(r.error).toBeUndefined();
    expect(r.descriptors?.get('ms@^2.1.0')?.version).toBe('2.1.3');
  });
});

describe("Berry's yarn.lock: the reader agrees with Yarn Berry's parseSyml", () => {
  it("on Prettier's lock: every descriptor, its version and its resolution", () => {
    const oracle = parseSyml(BERRY) as Record<string, { version?: string; resolution?: string }>;
    const lock = readYarnLock(BERRY);
    expect(lock.error).toBeUndefined();
    expect(lock.yarn).toBe('berry');
    let n = 0;
    for (const [key, entry] of Object.entries(oracle)) {
      if (key === '__metadata') continue;
      for (const d of key.split(/,\s*/)) {
        const pkg = lock.descriptors?.get(d.replace(/::locator=.*$/, ''));
        expect(pkg?.version, d).toBe(entry.version);
        expect(pkg?.name).toBe(entry.resolution?.slice(0, entry.resolution.indexOf('@', 1)));
        n++;
      }
    }
    expect(n).toBeGreaterThan(1000);
    expect(lock.packages.length).toBe(Object.keys(oracle).length - 1);
    const root = lock.importers.get('');
    expect(root?.deps.get('@babel/code-frame')?.spec).toBe('8.0.0');
  });

  it('a source other than the registry is read from the resolution; npm: ones name none', () => {
    const lock = readYarnLock(
      `__metadata:\n  version: 8\n\n"a@npm:^1.0.0":\n  version: 1.0.0\n  resolution: "a@npm:1.0.0"\n\n"b@https://evil.example/b.tgz":\n  version: 2.0.0\n  resolution: "b@https://evil.example/b.tgz"\n\n"c@npm:^3":\n  version: 3.0.0\n  resolution: "c@npm:3.0.0::__archiveUrl=https%3A%2F%2Fevil.example%2Fc.tgz"\n`,
    );
    expect(lock.packages.map((p) => `${p.name} ${p.resolved ?? '-'}`)).toEqual([
      'a -',
      'b https://evil.example/b.tgz',
      'c https://evil.example/c.tgz',
    ]);
  });
});
