import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  FAMILY_DIRS,
  type Finding,
  initMigrationParsers,
  RULES,
  type SqlResultStore,
  Workspace,
} from '@slipway/policy-core';
import { SqlResultCache } from '@slipway/policy-core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup } from '../node/git-fixture.js';
import { FIXTURE_CASE_HISTORY, runFixtureCase } from './fixture-case.js';

/**
 * The CLI's result cache must change nothing a check reports: every rule fixture case is checked
 * three times — without a cache, with an empty one (which is then saved to disk), and with that
 * file read back by a new cache, as the next process would — and the three reports must be one.
 * What the cache keeps (.sql results in their compact form, migration modules as JSON) must come
 * back as it went in: a field JSON cannot carry (an `undefined` in an array, a Map) fails here.
 */
const TEST_RULES = import.meta.dirname;
const KEY = Buffer.alloc(32, 3);
const base = mkdtempSync(join(tmpdir(), 'slipway-fixture-cache-'));

beforeAll(() => initMigrationParsers());
afterAll(() => {
  rmSync(base, { recursive: true, force: true });
  cleanup();
});

/**
 * The value with its properties that hold `undefined` left out, as JSON leaves them out (and as
 * every reader takes them: absent); an `undefined` in an array is kept, which JSON makes null.
 */
function definedOnly(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(definedOnly);
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype)
    return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, definedOnly(v)]),
  );
}

/** The cache, and the keys of modules it was given that JSON does not carry back as they were. */
function watched(cache: SqlResultCache): { store: SqlResultStore; unfaithful: string[] } {
  const unfaithful: string[] = [];
  const store: SqlResultStore = {
    get: (path, text) => cache.get(path, text),
    put: (path, text, results) => cache.put(path, text, results),
    getModule: (key, text) => cache.getModule(key, text),
    putModule: (key, text, module) => {
      if (!isDeepStrictEqual(JSON.parse(JSON.stringify(module)), definedOnly(module))) unfaithful.push(key);
      cache.putModule(key, text, module);
    },
  };
  return { store, unfaithful };
}

const line = (f: Finding) =>
  `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.rule} ${f.message}`;

describe('a rule fixture checked through the result cache', () => {
  let n = 0;
  for (const rule of RULES) {
    const dir = join(TEST_RULES, FAMILY_DIRS[rule.family], 'fixtures', rule.id);
    for (const name of existsSync(dir) ? readdirSync(dir).sort() : []) {
      const caseDir = join(dir, name);
      // A case with a git history is about commits, not files a cache could hold.
      if (existsSync(join(caseDir, FIXTURE_CASE_HISTORY))) continue;
      it(`${rule.id}/${name}`, () => {
        const plain = runFixtureCase(caseDir, rule.family).map(line);
        const cacheDir = join(base, String(n++));
        const cold = SqlResultCache.open(cacheDir, KEY, 'fixture');
        const { store, unfaithful } = watched(cold);
        expect(runFixtureCase(caseDir, rule.family, new Workspace({ sqlResults: store })).map(line)).toEqual(
          plain,
        );
        expect(unfaithful).toEqual([]);
        cold.save();
        const warm = SqlResultCache.open(cacheDir, KEY, 'fixture');
        expect(runFixtureCase(caseDir, rule.family, new Workspace({ sqlResults: warm })).map(line)).toEqual(
          plain,
        );
        // Whatever the first run computed, the second was given.
        expect([...warm.hits].sort()).toEqual([...cold.computed].sort());
        expect([...warm.computed]).toEqual([]);
      });
    }
  }
});
