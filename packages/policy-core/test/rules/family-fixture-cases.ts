import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding, RuleFamilyId } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { FIXTURE_CASE_EXPECTED, runFixtureCase } from './fixture-case.js';

/** A finding as its snapshot line (fixture-snapshots.test.ts): 1-based line and column. */
const snapshotLine = (f: Finding) =>
  `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.rule} ${f.message}`;

/**
 * One family's fixture cases (`<fixtures>/<RULE>/<case>/`), judged beside the family's unit tests:
 * each case's findings of the family are its snapshot's lines of the family (fixture-snapshots.test.ts
 * holds every family's findings on it), and a `trigger*` case draws its rule. So a mutation run
 * of the family's folder, which does not run every family's fixtures, is judged by these
 * repositories too.
 */
export function describeFamilyFixtures(family: RuleFamilyId, fixtures: string): void {
  const own = new RegExp(`^\\S+ ${family}\\d{3} `);
  describe(`${family} fixture cases`, () => {
    // A rule's folder, by its id: not a folder of shared inputs beside them (DEP's formats/).
    for (const rule of readdirSync(fixtures)
      .filter((name) => new RegExp(`^${family}\\d{3}$`).test(name))
      .sort())
      for (const name of readdirSync(join(fixtures, rule)).sort())
        it(`${rule}/${name}`, () => {
          const dir = join(fixtures, rule, name);
          const found = runFixtureCase(dir, family)
            .map(snapshotLine)
            .filter((line) => own.test(line));
          const expected = readFileSync(join(dir, FIXTURE_CASE_EXPECTED), 'utf8')
            .split('\n')
            .filter((line) => own.test(line));
          expect(found).toEqual(expected);
          if (name.startsWith('trigger'))
            expect(found.filter((l) => l.includes(` ${rule} `))).not.toEqual([]);
        });
  });
}
