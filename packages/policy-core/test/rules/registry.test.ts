import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AnyRule,
  type Commit,
  type ExampleCommit,
  FAMILY_DIRS,
  type Finding,
  type Person,
  initSqlParser,
  RULES,
  type RuleExample,
  type RuleFamilyId,
  ruleDocSections,
  ruleSourcePath,
  findRule,
  rulesOf,
} from '@slipway/policy-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup } from '../node/git-fixture.js';
import { FIXTURE_CASE_CHANGE, FIXTURE_CASE_ENV, runCaseFiles } from './fixture-case.js';

const SRC_RULES = join(import.meta.dirname, '../../src/rules');

/**
 * The policy an example runs with unless it shows its own `slipway.yaml` (as the file or beside
 * it): the usual locations, which the examples' paths follow.
 */
const EXAMPLE_POLICY: Partial<Record<RuleFamilyId, string>> = {
  DEP: 'version: 1\ndependencies:\n  requirements: backend/requirements.txt\n  lock: backend/requirements.lock\n',
  REC: 'version: 1\ndeploy:\n  record: infrastructure/LAST_PROD_DEPLOY.json\n  audit_log: infrastructure/deploy-audit.jsonl\n',
  AUD: 'version: 1\ndeploy:\n  record: infrastructure/LAST_PROD_DEPLOY.json\n  audit_log: infrastructure/deploy-audit.jsonl\n',
  UPD: 'version: 1\nupdate:\n  config: config/update.toml\n  state: "bot_persistence/*/meta"\n',
  SUP: 'version: 1\nmigrations:\n  alembic: alembic/versions\n  sql: ["db/migrations/**/*.sql"]\n',
};

/** An example as a fixture case: its file, the files beside it, the policy and the change. */
function exampleCase(rule: AnyRule, e: RuleExample): Record<string, string> {
  const tree: Record<string, string> = { [e.file]: e.text, ...e.beside };
  const policy = EXAMPLE_POLICY[rule.family];
  if (tree['slipway.yaml'] === undefined && policy !== undefined) tree['slipway.yaml'] = policy;
  if (e.env) tree[FIXTURE_CASE_ENV] = JSON.stringify(e.env);
  if (e.change)
    tree[FIXTURE_CASE_CHANGE] = JSON.stringify({
      base: 'a'.repeat(40),
      head: 'b'.repeat(40),
      branch: e.change.branch,
      labels: e.change.labels,
      files: [
        ...e.change.files.map((path) => ({
          status: e.change?.base && e.change.base[path] === undefined ? 'added' : 'modified',
          path,
        })),
        ...(e.change.deleted ?? []).map((path) => ({ status: 'deleted', path })),
      ],
      ...(e.change.lines ? { lines: e.change.lines } : {}),
      commits: (e.change.commits ?? []).map(commitOf),
      ...(e.change.base ? { baseFiles: e.change.base } : {}),
      ...(e.change.baseBranchAdded ? { baseTipFiles: e.change.baseBranchAdded } : {}),
    });
  return tree;
}

/** An example's commit as the git adapter gives it, on the first-parent line. */
function commitOf(c: ExampleCommit, i: number): Commit {
  const [subject = '', ...body] = c.message.split('\n');
  return {
    sha: (i + 1).toString(16).padStart(40, 'c'),
    parents: [(i + 2).toString(16).padStart(40, 'c')],
    author: personOf(c.author),
    committer: personOf(c.committer ?? c.author),
    subject,
    body: body.join('\n').trim(),
    firstParent: true,
    files: [...c.files],
    changes: c.files.map((path) => ({ status: 'modified', path })),
  };
}

function personOf(text: string): Person {
  const m = /^(.*) <(.*)>$/.exec(text);
  if (!m) throw new Error(`not "Name <email>": ${text}`);
  return { name: m[1] ?? '', email: m[2] ?? '' };
}

beforeAll(async () => {
  await initSqlParser();
});

// The real repositories of fixture cases with a history (history.json).
afterAll(cleanup);

describe('the rule registry', () => {
  it('lists each rule once, with an id of its family', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) expect(r.id, r.id).toMatch(new RegExp(`^${r.family}\\d{3}$`));
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      it(`lives in src/rules/${ruleSourcePath(rule)}`, async () => {
        expect(rule.name, rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        const file = join(SRC_RULES, ruleSourcePath(rule));
        expect(existsSync(file), file).toBe(true);
        // The file exports the very rule the registry lists (not its text: a mutation run's
        // instrumented copy reads differently and is still the rule).
        expect(Object.values(await import(file))).toContain(rule);
      });

      it('documents what, why, how to fix and how to suppress', () => {
        expect(rule.title.length).toBeGreaterThan(5);
        for (const s of ruleDocSections(rule))
          expect(s.body.trim().length, `${rule.id}: ${s.heading}`).toBeGreaterThan(15);
        for (const e of rule.docs.examples)
          expect(e.text.trim(), `${rule.id}: example in ${e.file}`).not.toBe('');
      });

      it('tells how to suppress or configure itself, not another rule', () => {
        const howTo = rule.docs.suppress;
        const named = [...howTo.matchAll(/(?:slipway: allow |rules: \{ )([A-Z]+\d{3})/g)].map((m) => m[1]);
        for (const id of named) expect(id, `${rule.id}: ${howTo}`).toBe(rule.id);
      });

      it('shows a flagged and a fine example', () => {
        expect([...new Set(rule.docs.examples.map((e) => e.verdict))].sort()).toEqual(['fine', 'flagged']);
      });
      // A rule whose examples need a database, git history or the environment says why (`examplesNotRun`).
      if (rule.examplesNotRun === undefined)
        for (const e of rule.docs.examples)
          it(`${e.verdict === 'flagged' ? 'reports on' : 'stays silent on'} its example ${e.file}`, () => {
            // POL001 reads the policy before it is parsed; a case needs a policy that parses.
            const found = (
              rule.facts === 'policy-text'
                ? (rule.check({ file: e.file, text: e.text }) as Finding[])
                : runCaseFiles(exampleCase(rule, e), rule.family)
            ).filter((f) => f.rule === rule.id);
            if (e.verdict === 'flagged') expect(found.length).toBeGreaterThan(0);
            else expect(found.map((f) => f.message)).toEqual([]);
          });

      // Its fixture cases and their snapshots: fixture-snapshots.test.ts.
    });
  }

  // Beside the rules, two files say what the family is: its generated list of rules and the family
  // built from it (what the agent gate loads alone). Everything else is a rule or lives in facts/.
  const FAMILY_FILES = new Set(['rules.generated.ts', 'family.ts']);
  it('each rules folder lists only rules (helpers live in facts/)', () => {
    const registered = new Set(RULES.map((r) => ruleSourcePath(r)));
    for (const dir of Object.values(FAMILY_DIRS)) {
      for (const entry of readdirSync(join(SRC_RULES, dir), { withFileTypes: true })) {
        if (entry.isDirectory()) {
          expect(entry.name, `${dir}/${entry.name}`).toBe('facts');
          continue;
        }
        if (FAMILY_FILES.has(entry.name)) continue;
        expect(registered.has(`${dir}/${entry.name}`), `${dir}/${entry.name} is not a registered rule`).toBe(
          true,
        );
      }
    }
  });
});

describe("the registry: a rule by id, a family's rules", () => {
  it('finds a rule by its id in any case, and nothing for an unknown one', () => {
    expect(findRule('mig001')?.id).toBe('MIG001');
    expect(findRule('MIG001')?.id).toBe('MIG001');
    expect(findRule('MIG999')).toBeUndefined();
  });

  it("gives exactly a family's rules, in id order", () => {
    const ids = rulesOf('REC').map((r) => r.id);
    expect(ids).toEqual(RULES.filter((r) => r.family === 'REC').map((r) => r.id));
    expect(ids.length).toBeGreaterThan(3);
    expect(ids.every((id) => id.startsWith('REC'))).toBe(true);
    expect(ids).toEqual([...ids].sort());
  });
});
