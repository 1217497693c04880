import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAMILY_DIRS, initSqlParser, RULES, ruleDocSections, ruleSourcePath } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCaseFiles, runFixtureCase } from './fixture-case.js';

const SRC_RULES = join(import.meta.dirname, '../../src/rules');
const TEST_RULES = import.meta.dirname;

/**
 * Rules without fixture cases in the one layout yet (`fixtures/<ID>/trigger*` and `near-miss*`
 * beside their family's tests). Their behaviour is covered by the family's own tests, named in
 * the comment. This list may only shrink: the test fails when a listed rule gains both cases.
 */
const WITHOUT_FIXTURES: Record<string, string> = {
  MIG105: 'needs a base branch: MIG105-not-on-base-head.test.ts',
  BR001: 'needs commits: BR001-agent-commit-on-production.test.ts, branches-on-git.test.ts',
  BR002: 'needs commits: BR002-agent-outside-lane.test.ts',
  REC004: 'needs git: record-sha-git.test.ts',
  REC005: 'needs git: record-sha-git.test.ts',
  REC006: 'needs commits: REC006-hand-edited-record.test.ts',
  REC007: 'REC007-lost-pin.test.ts',
  REC008: 'REC008-record-contradicts-log.test.ts',
  AUD005: 'needs a base: AUD005-rewritten-since-base.test.ts',
  UPD002: 'needs environment variables: update/update-family.test.ts',
  POL001: 'policy/*.test.ts (the parser)',
  DB001: 'needs a database: db/audit.test.ts',
  DB002: 'needs a database: db/audit.test.ts',
  DB003: 'needs a database: db/audit.test.ts',
  DB004: 'needs a database: db/audit.test.ts',
  DB005: 'needs a database: db/audit.test.ts',
  DB006: 'needs the guard environment: db/audit.test.ts',
};

/**
 * Rules whose docs do not show yet a `flagged` and a `fine` example. May only shrink. Examples
 * of per-file migration rules are run through the rule: flagged ones must report, fine ones not.
 */
const WITHOUT_EXAMPLES = new Set(
  (
    'POL001 POL002 POL003 PATH001 PATH002 PATH003 BR001 BR002 BR003 DEP001 DEP002 DEP003 DEP004 DEP005 ' +
    'DEP006 DEP007 DEP008 DEP009 DEP010 DEP011 MIG100 MIG101 MIG102 MIG103 MIG104 MIG105 MIG120 MIG121 ' +
    'MIG130 DB001 DB002 DB003 DB004 DB005 DB006 REC001 REC002 REC003 REC004 REC005 REC006 REC007 REC008 ' +
    'AUD001 AUD002 AUD003 AUD004 AUD005 UPD001 UPD002 UPD003 UPD004 SUP001 SUP002'
  ).split(' '),
);

function cases(rule: (typeof RULES)[number]): { triggers: string[]; nearMisses: string[]; dir: string } {
  const dir = join(TEST_RULES, FAMILY_DIRS[rule.family], 'fixtures', rule.id);
  const names = existsSync(dir) ? readdirSync(dir).sort() : [];
  return {
    dir,
    triggers: names.filter((n) => n.startsWith('trigger')),
    nearMisses: names.filter((n) => n.startsWith('near-miss')),
  };
}

beforeAll(async () => {
  await initSqlParser();
});

describe('the rule registry', () => {
  it('lists each rule once, with an id of its family', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) expect(r.id, r.id).toMatch(new RegExp(`^${r.family}\\d{3}$`));
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      it(`lives in src/rules/${ruleSourcePath(rule)}`, () => {
        expect(rule.name, rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        const file = join(SRC_RULES, ruleSourcePath(rule));
        expect(existsSync(file), file).toBe(true);
        expect(readFileSync(file, 'utf8')).toContain(`id: '${rule.id}'`);
      });

      it('documents what, why, how to fix and how to suppress', () => {
        expect(rule.title.length).toBeGreaterThan(5);
        for (const s of ruleDocSections(rule))
          expect(s.body.trim().length, `${rule.id}: ${s.heading}`).toBeGreaterThan(15);
        for (const e of rule.docs.examples)
          expect(e.text.trim(), `${rule.id}: example in ${e.file}`).not.toBe('');
      });

      const verdicts = new Set(rule.docs.examples.map((e) => e.verdict));
      if (WITHOUT_EXAMPLES.has(rule.id))
        it('is still listed as lacking examples only while it lacks them', () => {
          expect(verdicts.size, `${rule.id}: remove it from WITHOUT_EXAMPLES`).toBeLessThan(2);
        });
      else
        it('shows a flagged and a fine example', () => {
          expect([...verdicts].sort()).toEqual(['fine', 'flagged']);
        });
      if (rule.facts === 'migration-file')
        for (const e of rule.docs.examples)
          it(`${e.verdict === 'flagged' ? 'reports on' : 'stays silent on'} its example ${e.file}`, () => {
            const found = runCaseFiles({ [e.file]: e.text }, rule.family).filter((f) => f.rule === rule.id);
            if (e.verdict === 'flagged') expect(found.length).toBeGreaterThan(0);
            else expect(found.map((f) => f.message)).toEqual([]);
          });

      const { dir, triggers, nearMisses } = cases(rule);
      if (rule.id in WITHOUT_FIXTURES) {
        it('is still listed as lacking fixtures only while it lacks them', () => {
          expect(
            triggers.length > 0 && nearMisses.length > 0,
            `${rule.id}: remove it from WITHOUT_FIXTURES`,
          ).toBe(false);
        });
        return;
      }
      it('has a fixture that triggers it and a near miss that does not', () => {
        expect(triggers, `${dir}/trigger*`).not.toEqual([]);
        expect(nearMisses, `${dir}/near-miss*`).not.toEqual([]);
      });
      for (const name of triggers)
        it(`reports on ${name}`, () => {
          const found = runFixtureCase(join(dir, name), rule.family).filter((f) => f.rule === rule.id);
          expect(found.length, `${rule.id} on ${name}`).toBeGreaterThan(0);
        });
      for (const name of nearMisses)
        it(`stays silent on ${name}`, () => {
          const found = runFixtureCase(join(dir, name), rule.family).filter((f) => f.rule === rule.id);
          expect(found.map((f) => `${f.file}:${f.range.start.line + 1} ${f.message}`)).toEqual([]);
        });
    });
  }

  it('each rules folder lists only rules (helpers live in facts/)', () => {
    const registered = new Set(RULES.map((r) => ruleSourcePath(r)));
    for (const dir of Object.values(FAMILY_DIRS)) {
      for (const entry of readdirSync(join(SRC_RULES, dir), { withFileTypes: true })) {
        if (entry.isDirectory()) {
          expect(entry.name, `${dir}/${entry.name}`).toBe('facts');
          continue;
        }
        expect(registered.has(`${dir}/${entry.name}`), `${dir}/${entry.name} is not a registered rule`).toBe(
          true,
        );
      }
    }
  });
});
