import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_CASE_EXPECTED, runFixtureCase } from '../fixture-case.js';

/**
 * The BR rules' fixture cases, judged here beside the rules' unit tests: each case's BR findings
 * are the BR lines of its snapshot (fixture-snapshots.test.ts holds every family's findings on
 * it). So a mutation run of rules/branches, which does not run every family's fixtures, is judged
 * by these repositories too: the preset agents of BR001, the npm workspaces and pyproject.toml
 * edits of BR003.
 */
const FIXTURES = join(import.meta.dirname, 'fixtures');
const snapshotLine = (f: { file: string; range: { start: { line: number; character: number } } }) =>
  `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;

describe('BR fixture cases', () => {
  for (const rule of readdirSync(FIXTURES).sort())
    for (const name of readdirSync(join(FIXTURES, rule)).sort())
      it(`${rule}/${name}`, () => {
        const dir = join(FIXTURES, rule, name);
        const own = runFixtureCase(dir, 'BR')
          .filter((f) => f.rule.startsWith('BR'))
          .map((f) => `${snapshotLine(f)} ${f.rule} ${f.message}`);
        const expected = readFileSync(join(dir, FIXTURE_CASE_EXPECTED), 'utf8')
          .split('\n')
          .filter((line) => /^\S+ BR\d{3} /.test(line));
        expect(own).toEqual(expected);
        if (name.startsWith('trigger')) expect(own.filter((l) => l.includes(` ${rule} `))).not.toEqual([]);
      });
});
