import { RULES } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { checkWeakened } from '../../../src/rules/policy/POL004-policy-weakened.js';
import { policyDoc } from '../../policy/policy-doc.js';

const doc = policyDoc;
const known = new Set(RULES.map((r) => r.id));
const BASE = `version: 1
production_branch: main
protected:
  paths: [ledger/]
agents:
  identities: ["*[bot]"]
  accounts: [helper]
dependencies:
  requirements: requirements.txt
  lock: requirements.lock
deploy:
  record: infra/record.json
  audit_log: infra/audit.jsonl
labels: { verify: github }
rules:
  MIG001: error
`;
const effects = (head: string) => checkWeakened(doc(BASE), doc(head), known).map((f) => f.message);

describe('POL004: what a policy change would loosen', () => {
  it('reports each weakening at the line that causes it', () => {
    const head = `version: 1
production_branch: release
protected:
  paths: []
agents:
  identities: []
  accounts: []
deploy:
  record: infra/record.json
  audit_log: infra/fresh.jsonl
policy_surface:
  opt_out: [AGENTS.md]
rules:
  MIG001: warning
  MIG002: off
  NOPE9: off
`;
    const found = checkWeakened(doc(BASE), doc(head), known);
    // Each at the head's line that causes it (1-based here); a removed section at the top.
    expect(
      found.map((f) => `${f.range.start.line + 1} ${f.message.replace(/ from the next change on.*/, '')}`),
    ).toEqual([
      '1 this change would stop checking dependency pins and the lock (DEP*): the `dependencies:` section is removed',
      '2 this change would move the production branch from `main` to `release`',
      '4 this change would unprotect `ledger/` (removed from protected.paths)',
      '6 this change would stop treating `*[bot]` as an agent (removed from agents.identities)',
      '7 this change would stop treating `helper` as an agent (removed from agents.accounts)',
      '12 this change would take `AGENTS.md` out of the protected policy surface (PATH004)',
      '10 this change would read deploy.audit_log from `infra/fresh.jsonl` instead of `infra/audit.jsonl`',
      '1 this change would stop verifying who applied approval labels (labels.verify)',
      '14 this change would set MIG001 to `warning` (was `error`)',
      '15 this change would set MIG002 to `off`',
    ]);
    expect(found.every((f) => f.severity === 'warning' && f.rule === 'POL004')).toBe(true);
    // At the head's line: `audit_log: infra/fresh.jsonl` is line 10.
    expect(found[6]?.range.start.line).toBe(9);
  });

  it('near miss: tightening, reordering and the same policy report nothing', () => {
    expect(effects(BASE)).toEqual([]);
    expect(
      effects(
        BASE.replace('paths: [ledger/]', 'paths: [billing/, ledger/]').replace(
          'MIG001: error',
          'MIG001: error\n  MIG011: error',
        ),
      ),
    ).toEqual([]);
  });

  it('dropping the allow-list widens it to everything; emptying it narrows it to nothing', () => {
    const withAllowed = BASE.replace('  accounts: [helper]\n', '  accounts: [helper]\n  allowed: [docs/]\n');
    const weaken = (head: string) =>
      checkWeakened(doc(withAllowed), doc(head), known).map((f) => f.message.split(' from the next')[0]);
    expect(weaken(BASE)).toEqual([
      'this change would drop agents.allowed, so agents may edit any file that is not protected',
    ]);
    expect(weaken(withAllowed.replace('allowed: [docs/]', 'allowed: [docs/, src/]'))).toEqual([
      'this change would widen agents.allowed with `src/`',
    ]);
    expect(weaken(withAllowed.replace('allowed: [docs/]', 'allowed: []'))).toEqual([]);
    // From no allow-list (agents unlimited), any list narrows.
    expect(effects(withAllowed)).toEqual([]);
  });

  it('naming a runner for the .sql migrations is reported; going back to plain is not', () => {
    const sql = (runner: string) => `version: 1\nmigrations:\n  sql: [db/*.sql]\n${runner}`;
    const weaken = (base: string, head: string) =>
      checkWeakened(doc(base), doc(head), known).map((f) => f.message.split(' from the next')[0]);
    expect(weaken(sql(''), sql('  sql_runner: goose\n'))).toEqual([
      'this change would read the .sql migrations as goose runs them (was plain): what goose keeps as the way back is no longer judged as forward DDL',
    ]);
    expect(weaken(sql('  sql_runner: goose\n'), sql(''))).toEqual([]);
    expect(weaken(sql('  sql_runner: goose\n'), sql('  sql_runner: goose\n'))).toEqual([]);
    // Drizzle cuts statements at its breakpoints: a switch to it is said in its own words.
    expect(weaken(sql(''), sql('  sql_runner: drizzle\n'))).toEqual([
      'this change would read the .sql migrations as drizzle runs them (was plain): their statements are cut and ordered as drizzle does, no longer as plain would',
    ]);
  });

  it('psql read as plain (a runner that stops at an error) is reported; plain to psql, stricter, is not', () => {
    const sql = (runner: string) => `version: 1\nmigrations:\n  sql: [db/*.sql]\n${runner}`;
    const weaken = (base: string, head: string) =>
      checkWeakened(doc(base), doc(head), known).map((f) => f.message.split(' from the next')[0]);
    const toPlain =
      'this change would read the .sql migrations as run by a tool that stops at a failed statement (was psql, which goes on): a swap whose copy may fail before its drop is no longer refused';
    expect(weaken(sql('  sql_runner: psql\n'), sql(''))).toEqual([toPlain]);
    expect(weaken(sql('  sql_runner: psql\n'), sql('  sql_runner: plain\n'))).toEqual([toPlain]);
    expect(weaken(sql(''), sql('  sql_runner: psql\n'))).toEqual([]);
    expect(weaken(sql('  sql_runner: psql\n'), sql('  sql_runner: goose\n'))).toEqual([
      'this change would read the .sql migrations as goose runs them (was psql): what goose keeps as the way back is no longer judged as forward DDL',
    ]);
  });

  it('the policy moved between .yaml and .toml is reported', () => {
    const toml = doc('version = 1\n', 'slipway.toml');
    const moved = checkWeakened(doc('version: 1\n'), toml, known);
    expect(moved.map((f) => [f.file, f.message.split(' from the next')[0]])).toEqual([
      ['slipway.toml', 'this change would move the policy from slipway.yaml to slipway.toml'],
    ]);
  });

  it('a preset turned off (with no agents: section on the base) and a cap raised or dropped are reported; lowering is not', () => {
    const weaken = (base: string, head: string) =>
      checkWeakened(doc(base), doc(head), known).map(
        (f) => `${f.range.start.line} ${f.message.split(' from the next')[0]}`,
      );
    const off = 'version: 1\nagents:\n  presets_off:\n    - {preset: copilot, reason: x}\n';
    expect(weaken('version: 1\n', off)).toEqual([
      "3 this change would stop recognising the copilot preset's changes as an agent's (agents.presets_off)",
    ]);
    expect(weaken(off, off)).toEqual([]);
    const caps = (limits: string) => `version: 1\nagents:\n  limits: {${limits}}\n`;
    expect(weaken(caps('files: 10, lines: 100'), caps('files: 20'))).toEqual([
      '2 this change would raise the cap agents.limits.files from 10 to 20',
      '2 this change would drop the cap agents.limits.lines (100)',
    ]);
    expect(weaken(caps('files: 10, lines: 100'), caps('files: 5, lines: 100'))).toEqual([]);
  });

  it("the bots' allow-list dropped or widened, and a bot's caps raised past the agents' they replace, are reported", () => {
    const weaken = (base: string, head: string) =>
      checkWeakened(doc(base), doc(head), known).map(
        (f) => `${f.range.start.line} ${f.message.split(' from the next')[0]}`,
      );
    const bots = (body: string) => `version: 1\nagents:\n  limits: {lines: 100}\n  bots:\n${body}`;
    const listed = bots('    allowed: [requirements.txt]\n');
    expect(weaken(listed, bots('    allowed: [requirements.txt, "*.lock"]\n'))).toEqual([
      '4 this change would widen agents.bots.allowed with `*.lock`',
    ]);
    expect(weaken(listed, 'version: 1\nagents:\n  limits: {lines: 100}\n')).toEqual([
      '1 this change would drop agents.bots.allowed, so bots are no longer held to an allow-list',
    ]);
    // Caps of their own for bots, above the agents' caps that counted them before.
    expect(weaken(listed, bots('    allowed: [requirements.txt]\n    limits: {lines: 5000}\n'))).toEqual([
      "5 this change would raise the cap on a bot's change for lines from 100 to 5000",
    ]);
    // Near misses: a list narrowed, a bot cap below the agents'.
    expect(weaken(listed, bots('    allowed: []\n'))).toEqual([]);
    expect(weaken(listed, bots('    allowed: [requirements.txt]\n    limits: {lines: 50}\n'))).toEqual([]);
  });
  // Both of these shrink what is checked without removing a line of the base's: a `!pattern`
  // appended after the base's patterns takes files back out (the last matching pattern decides),
  // and a path dropped from policy_surface.extra is no longer guarded as policy.
  it('a new `!pattern` under migrations.sql and a path dropped from policy_surface.extra are reported', () => {
    const base = `version: 1\nmigrations:\n  sql: ["db/**/*.sql"]\npolicy_surface:\n  extra: [ops/deploy.sh, ops/env.sh]\n`;
    const head = `version: 1\nmigrations:\n  sql: ["db/**/*.sql", "!db/legacy/**"]\npolicy_surface:\n  extra: [ops/env.sh]\n`;
    const found = checkWeakened(doc(base), doc(head), known);
    expect(found.map((f) => `${f.range.start.line} ${f.message.split(' from the next')[0]}`)).toEqual([
      '2 this change would take `db/legacy/**` back out of migrations.sql with `!db/legacy/**`',
      '4 this change would stop protecting `ops/deploy.sh` as policy surface (PATH004)',
    ]);
  });

  it('near miss: a `!pattern` the base already has, a new positive pattern, and a path added to policy_surface.extra report nothing', () => {
    const base = `version: 1\nmigrations:\n  sql: ["db/**/*.sql", "!db/legacy/**"]\npolicy_surface:\n  extra: [ops/env.sh]\n`;
    const head = `version: 1\nmigrations:\n  sql: ["db/**/*.sql", "!db/legacy/**", "sql/**/*.sql"]\npolicy_surface:\n  extra: [ops/env.sh, ops/deploy.sh]\n`;
    expect(checkWeakened(doc(base), doc(head), known)).toEqual([]);
  });

  it("reports turning on the agent gate's fail_open, not turning it off or logging allows", () => {
    const on = effects(`${BASE}hooks: { fail_open: true }\n`);
    expect(on.map((m) => m.replace(/ from the next change on.*/, ''))).toEqual([
      'this change would let tool calls the agent gate cannot judge through (hooks.fail_open)',
    ]);
    expect(effects(`${BASE}hooks: { fail_open: false, log_allows: true }\n`)).toEqual([]);
  });
});
