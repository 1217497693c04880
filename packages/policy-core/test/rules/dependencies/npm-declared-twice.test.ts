import { describe, expect, it } from 'vitest';
import { check, judgeNpmPair, npmFixture } from './helpers.js';
import { pnpmFrozenInstall } from './pnpm-oracle.js';

/**
 * One package.json declaring `ms` twice, `"dependencies": {"ms": "2.1.2"}` and
 * `"devDependencies": {"ms": "^2.1.3"}` (as medusajs/medusa's packages/medusa declares
 * `@swc/core` 1.5.7 and ^1.7.28), beside the lock each tool wrote for it
 * (fixtures/npm/declared-twice-*, SOURCES.md): npm 11.19.1 and Yarn 4.18.1 install by
 * devDependencies (ms 2.1.3), pnpm 10.34.9 and Yarn 1.22.22 by dependencies (ms 2.1.2).
 * Before, the ignored declaration was judged against the lock: DEP012 or DEP003, as if the lock
 * had fallen behind. Now DEP007 says the name is declared twice, which one the tool uses, and to
 * remove one; the lock is judged against the one the tool installs by.
 */
type Files = Record<string, string>;

const judge = (files: Files, lock: string) => judgeNpmPair(files, lock);
const messages = (files: Files, lock: string) =>
  check({
    'slipway.yaml': `version: 1\ndependencies:\n  requirements: package.json\n  lock: ${lock}\n`,
    ...files,
  }).findings.map((f) => `${f.rule} ${f.range.start.line + 1}: ${f.message}`);

const edit = (files: Files, path: string, from: string, to: string): Files => {
  const text = files[path] as string;
  if (!text.includes(from)) throw new Error(`${path}: no ${from}`);
  return { ...files, [path]: text.replace(from, to) };
};

const NPM = npmFixture('declared-twice-npm');
const PNPM = npmFixture('declared-twice-pnpm');
const CLASSIC = npmFixture('declared-twice-yarn-classic');
const BERRY = npmFixture('declared-twice-yarn-berry');

describe('a name declared in dependencies and devDependencies, each tool with its own lock', () => {
  it('npm: DEP007 on the dependencies line (npm installs the devDependencies one), not DEP012', () => {
    expect(messages(NPM, 'package-lock.json')).toEqual([
      'DEP007 6: `ms` is declared twice in package.json: here in dependencies (2.1.2) and in devDependencies (^2.1.3, line 9); npm installs by the one in devDependencies (^2.1.3) and ignores this one, and counts `ms` as a dev dependency, which `npm install --omit=dev` leaves out; remove one of the two.',
    ]);
  });

  it('pnpm: DEP007 on the devDependencies line (pnpm installs the dependencies one), not DEP012; pnpm accepts the lock', async () => {
    expect(messages(PNPM, 'pnpm-lock.yaml')).toEqual([
      'DEP007 9: `ms` is declared twice in package.json: here in devDependencies (^2.1.3) and in dependencies (2.1.2, line 6); pnpm installs by the one in dependencies (2.1.2) and ignores this one; remove one of the two.',
    ]);
    expect(await pnpmFrozenInstall(PNPM)).toBe('ok');
  }, 60_000);

  it('Yarn classic: DEP007 on the devDependencies line, not DEP003', () => {
    expect(judge(CLASSIC, 'yarn.lock')).toEqual(['DEP007 package.json:9 ms']);
    expect(messages(CLASSIC, 'yarn.lock')[0]).toContain(
      'Yarn classic installs by the one in dependencies (2.1.2)',
    );
  });

  it('Yarn Berry (the medusa case): DEP007 on the dependencies line, not DEP003', () => {
    expect(judge(BERRY, 'yarn.lock')).toEqual(['DEP007 package.json:6 ms']);
    expect(messages(BERRY, 'yarn.lock')[0]).toContain(
      'Yarn Berry installs by the one in devDependencies (^2.1.3)',
    );
  });

  it('near miss: npm, a lock that installs the dependencies one (2.1.2) is DEP012 on the devDependencies line too', () => {
    const files = edit(NPM, 'package-lock.json', '"version": "2.1.3"', '"version": "2.1.2"');
    expect(judge(files, 'package-lock.json')).toEqual([
      'DEP007 package.json:6 ms',
      'DEP012 package.json:9 ms',
    ]);
  });

  it('near miss: pnpm, a lock that followed the devDependencies one is DEP012 on the dependencies line too, and pnpm refuses it', async () => {
    const files = edit(
      PNPM,
      'pnpm-lock.yaml',
      '        specifier: 2.1.2\n        version: 2.1.2',
      '        specifier: ^2.1.3\n        version: 2.1.3',
    );
    expect(judge(files, 'pnpm-lock.yaml')).toEqual(['DEP007 package.json:9 ms', 'DEP012 package.json:6 ms']);
    expect(await pnpmFrozenInstall(files)).not.toBe('ok');
  }, 60_000);

  it('near miss: Yarn Berry, a lock with only the dependencies descriptor is DEP003 on the devDependencies line too', () => {
    let files = edit(BERRY, 'yarn.lock', 'ms: "npm:^2.1.3"', 'ms: "npm:2.1.2"');
    files = edit(
      files,
      'yarn.lock',
      '"ms@npm:^2.1.3":\n  version: 2.1.3',
      '"ms@npm:2.1.2":\n  version: 2.1.2',
    );
    expect(judge(files, 'yarn.lock')).toEqual(['DEP003 package.json:9 ms', 'DEP007 package.json:6 ms']);
  });

  it('near miss: beside peerDependencies, a devDependencies declaration is no duplicate', () => {
    const files = edit(
      PNPM,
      'package.json',
      '"dependencies": {\n    "ms": "2.1.2"\n  }',
      '"peerDependencies": {\n    "ms": "^2.1.0"\n  }',
    );
    expect(judge(files, 'pnpm-lock.yaml').filter((f) => f.startsWith('DEP007'))).toEqual([]);
  });

  it('Bun names no winner: DEP007 on the second declaration, and both are still judged', () => {
    const files: Files = {
      'package.json': NPM['package.json'] as string,
      'bun.lock':
        '{\n  "lockfileVersion": 1,\n  "workspaces": {\n    "": {\n      "name": "declared-twice",\n' +
        '      "dependencies": {\n        "ms": "2.1.2",\n      },\n      "devDependencies": {\n' +
        '        "ms": "^2.1.3",\n      },\n    },\n  },\n  "packages": {\n' +
        '    "ms": ["ms@2.1.3", "", {}, "sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA=="],\n' +
        '  }\n}\n',
    };
    const found = messages(files, 'bun.lock');
    expect(found.filter((f) => f.startsWith('DEP007'))).toEqual([
      'DEP007 9: `ms` is declared twice in package.json: here in devDependencies (^2.1.3) and in dependencies (2.1.2, line 6); Bun warns of it (`Duplicate dependency`) and keeps both, so which one its lock follows is not settled; remove one of the two.',
    ]);
    expect(judge(files, 'bun.lock')).toContain('DEP012 package.json:6 ms');
  });
});
