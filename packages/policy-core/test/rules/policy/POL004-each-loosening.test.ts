import { RULES } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { checkWeakened } from '../../../src/rules/policy/POL004-policy-weakened.js';
import { policyDoc as doc } from '../../policy/policy-doc.js';

const known = new Set(RULES.map((r) => r.id));

// Each loosening POL004 names, at the line of the head's policy that causes it (1-based here).
describe('POL004: each loosening at its line', () => {
  const lines = (base: string, head: string) =>
    checkWeakened(doc(base), doc(head), known).map(
      (f) => `${f.range.start.line + 1} ${f.message.split(' from the next')[0]}`,
    );

  it('a waiver added or with its terms changed is reported at its entry; one kept as it was is not', () => {
    const waiver = (rule: string, until: string) =>
      `  - rule: ${rule}\n    paths: [db/, legacy/]\n    until: "${until}"\n    reason: reviewed\n    approved_by: dba@example.com\n`;
    const one = `version: 1\nwaivers:\n${waiver('MIG001', '2026-03-01')}`;
    expect(lines('version: 1\n', one)).toEqual([
      '3 this change would waive MIG001 for `db/`, `legacy/` until 2026-03-01 (waivers)',
    ]);
    expect(lines(one, one)).toEqual([]);
    // The same waiver moved to a later day is a new exception; a second one beside it is too.
    expect(
      lines(one, `version: 1\nwaivers:\n${waiver('MIG001', '2026-04-01')}${waiver('MIG002', '2026-03-01')}`),
    ).toEqual([
      '3 this change would waive MIG001 for `db/`, `legacy/` until 2026-04-01 (waivers)',
      '8 this change would waive MIG002 for `db/`, `legacy/` until 2026-03-01 (waivers)',
    ]);
    // Removing a waiver tightens.
    expect(lines(one, 'version: 1\n')).toEqual([]);
    expect(checkWeakened(doc('version: 1\n'), doc(one), known).map((f) => f.severity)).toEqual(['warning']);
  });

  it('a severity: lowered or set below the default is reported, raised or kept is not, an unknown one is POL003s', () => {
    const rules = (body: string) => `version: 1\nrules:\n${body}`;
    expect(lines(rules('  MIG001: error\n'), rules('  MIG001: info\n'))).toEqual([
      '3 this change would set MIG001 to `info` (was `error`)',
    ]);
    expect(lines(rules('  MIG001: warning\n'), rules('  MIG001: info\n'))).toEqual([
      '3 this change would set MIG001 to `info` (was `warning`)',
    ]);
    // Unset is the rule's default: any explicit setting below error may lower it.
    expect(lines('version: 1\n', rules('  MIG001: warning\n'))).toEqual([
      '3 this change would set MIG001 to `warning`',
    ]);
    // Near misses: raised, kept, set to error from unset, equal ranks, unknown ids and severities.
    expect(lines(rules('  MIG001: info\n'), rules('  MIG001: warning\n'))).toEqual([]);
    expect(lines(rules('  MIG001: warning\n'), rules('  MIG001: warning\n'))).toEqual([]);
    expect(lines('version: 1\n', rules('  MIG001: error\n'))).toEqual([]);
    expect(lines(rules('  MIG001: off\n'), rules('  MIG001: off\n'))).toEqual([]);
    expect(lines('version: 1\n', rules('  NOPE9: off\n'))).toEqual([]);
    expect(lines(rules('  MIG001: error\n'), rules('  MIG001: loud\n'))).toEqual([]);
    // What the engine does not apply as a severity (not a string, or a word an object has) lowers nothing.
    expect(lines(rules('  MIG001: error\n'), rules('  MIG001: [off]\n'))).toEqual([]);
    expect(lines(rules('  MIG001: error\n'), rules('  MIG001: constructor\n'))).toEqual([]);
    expect(lines(rules('  MIG001: error\n'), rules('  MIG001: toString\n'))).toEqual([]);
  });

  it('each remaining loosening at its own line: a label, a negation added to a list, the deploy record, the record runner', () => {
    const base = `version: 1
protected:
  paths: [ledger/]
  label: approved-core-change
agents:
  branches: ["auto/*"]
migrations:
  sql: [db/*.sql]
  sql_runner: psql
deploy:
  record: infra/record.json
  audit_log: infra/audit.jsonl
labels: { verify: github }
max_waiver_days: 30
`;
    const head = `version: 1
protected:
  paths: [ledger/, "!ledger/tmp/"]
  label: ok-to-merge
agents:
  branches: ["auto/*", "!auto/keep"]
migrations:
  sql: [db/*.sql]
  sql_runner: sqitch
deploy:
  record: infra/other.json
  audit_log: infra/audit.jsonl
labels: { verify: github }
max_waiver_days: 60
`;
    expect(lines(base, head)).toEqual([
      '3 this change would take `ledger/tmp/` back out of protected.paths with `!ledger/tmp/`',
      '4 this change would accept the label `ok-to-merge` instead of `approved-core-change` as approval',
      '6 this change would take `auto/keep` back out of agents.branches with `!auto/keep`',
      '14 this change would raise max_waiver_days from 30 to 60',
      '9 this change would read the .sql migrations as sqitch runs them (was psql): what sqitch keeps as the way back is no longer judged as forward DDL',
      '11 this change would read deploy.record from `infra/other.json` instead of `infra/record.json`',
    ]);
    expect(lines(base, base.replace('max_waiver_days: 30\n', ''))).toEqual([
      '1 this change would drop max_waiver_days (30): suppression comments may last forever',
    ]);
    // No migrations section on one side: the runner is not compared (the section's removal says it).
    expect(
      lines('version: 1\n', 'version: 1\nmigrations:\n  sql: [db/*.sql]\n  sql_runner: sqitch\n'),
    ).toEqual([]);
    // A negation added to policy_surface.extra takes a path out of the surface, a default one too
    // (the defaults come first, the last match decides) with no extra entry on the base.
    expect(
      lines(
        'version: 1\npolicy_surface:\n  extra: [ops/]\n',
        'version: 1\npolicy_surface:\n  extra: [ops/, "!ops/scratch.sh"]\n',
      ),
    ).toEqual([
      '3 this change would take `ops/scratch.sh` out of the protected policy surface with `!ops/scratch.sh` under policy_surface.extra (PATH004)',
    ]);
    expect(lines('version: 1\n', 'version: 1\npolicy_surface:\n  extra: ["!.gitattributes"]\n')).toEqual([
      '3 this change would take `.gitattributes` out of the protected policy surface with `!.gitattributes` under policy_surface.extra (PATH004)',
    ]);
    // The same negation kept: nothing new.
    const kept = 'version: 1\npolicy_surface:\n  extra: ["!.gitattributes"]\n';
    expect(lines(kept, kept)).toEqual([]);
  });
});
