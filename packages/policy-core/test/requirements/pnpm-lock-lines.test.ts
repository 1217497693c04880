import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readPnpmLock } from '../../src/requirements/npm/pnpm-lock.js';
import { readPnpmLockLines } from '../../src/requirements/npm/pnpm-lock-lines.js';

/**
 * The line reader of pnpm-lock.yaml gives what the YAML library gives (the oracle) on real locks,
 * and gives up (so the YAML library reads it) on every YAML construct outside pnpm's subset:
 * a lock a person or an attacker wrote differently is read by the YAML library, never misread.
 */
const REPO_LOCK = readFileSync(join(import.meta.dirname, '../../../../pnpm-lock.yaml'), 'utf8');
const FIXTURE_LOCK = readFileSync(
  join(import.meta.dirname, 'fixtures/npm/pnpm-workspaces/pnpm-lock.yaml'),
  'utf8',
);

describe("pnpm-lock.yaml's line reader agrees with the YAML library", () => {
  it("on this repository's own lock and pnpm's fixture lock", () => {
    for (const text of [REPO_LOCK, FIXTURE_LOCK]) {
      const fast = readPnpmLockLines(text);
      expect(fast).toBeDefined();
      expect(fast).toEqual(parse(text));
    }
  });

  const LOCK =
    "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      ms:\n        specifier: ^2.1.0\n        version: 2.1.3\n";
  const OUTSIDE: [string, string][] = [
    ['an anchor and alias', LOCK.replace('specifier: ^2.1.0', 'specifier: &s ^2.1.0').concat('x: *s\n')],
    ['a comment', `# written by hand\n${LOCK}`],
    [
      'a duplicate key (two specifiers: which one is read?)',
      LOCK.replace('version: 2.1.3', 'specifier: ^9.0.0\n        version: 2.1.3'),
    ],
    ['a tab', LOCK.replace('        version', '\tversion')],
    ['a block scalar', LOCK.replace('version: 2.1.3', 'version: |\n          2.1.3')],
    ['a value YAML reads as a float', LOCK.replace('version: 2.1.3', 'version: 1e3')],
    ['a double-quoted escape', LOCK.replace('version: 2.1.3', 'version: "2.1.\\x33"')],
    ['a second document', `${LOCK}---\nimporters: {}\n`],
  ];
  for (const [what, text] of OUTSIDE)
    it(`gives ${what} to the YAML library, which reads it as YAML says`, () => {
      expect(readPnpmLockLines(text)).toBeUndefined();
      const lock = readPnpmLock(text);
      let yamlSays: unknown;
      try {
        yamlSays = parse(text, { uniqueKeys: true });
      } catch {
        yamlSays = undefined;
      }
      if (yamlSays === undefined) expect(lock.error).toBeDefined();
      else expect(lock.importers.get('')?.deps.get('ms')?.spec).toBe('^2.1.0');
    });

  it('near miss: quoted scoped names, flow mappings, a peer suffix and a sequence stay on the fast path', () => {
    const text = `${LOCK}\npackages:\n\n  '@scope/a@1.0.0(react@18.0.0)':\n    resolution: {integrity: sha512-abc==, tarball: https://r.example/a.tgz}\n    os: [darwin, linux]\n    engines: {node: 18 || 20 || >=22}\n    transitivePeerDependencies:\n      - kerberos\n      - '@aws-sdk/x'\n`;
    const fast = readPnpmLockLines(text);
    expect(fast).toEqual(parse(text));
    expect(readPnpmLock(text).packages).toEqual([
      { name: '@scope/a', version: '1.0.0', resolved: 'https://r.example/a.tgz', installScript: false },
    ]);
  });
});
