import { describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { json, repoFactory } from './e2e-helpers.js';

/**
 * Waivers that end by themselves, through the built CLI on a real repository: a
 * `-- slipway: allow MIG001 until DAY -- reason` past its day lifts nothing (the finding is back,
 * naming the waiver, and SUP003 marks the comment), one before its day lifts its finding, which
 * SARIF still lists, suppressed in source with the comment's reason. The days are far from today
 * on either side, so the run's own clock decides them the same way every time.
 */
const POLICY = 'version: 1\nmigrations:\n  sql: ["db/*.sql"]\n';
const drop = (table: string, waiver: string) =>
  `SET lock_timeout = '5s';\nDROP TABLE ${table}; -- slipway: allow MIG001 ${waiver}\n`;

const repo = repoFactory();

describe('waivers with an until day', () => {
  it('one past its day is a finding again; one before its day is listed as suppressed in SARIF', () => {
    const r = repo({
      'slipway.yaml': POLICY,
      'db/0001_drop_old.sql': drop('old', 'until 2001-01-31 -- archived first'),
      'db/0002_drop_legacy.sql': drop('legacy', 'until 2999-12-31 -- archived first'),
    });
    r.commit('migrations');
    const report = json(slipway(['check', '--tree', '--format', 'json'], { cwd: r.dir }));
    expect(report.findings.map((f) => `${f.rule} ${f.file}:${f.line}`)).toEqual([
      'MIG001 db/0001_drop_old.sql:2',
      'SUP003 db/0001_drop_old.sql:2',
    ]);
    expect(report.findings[0]?.message).toContain(
      '(Not suppressed: the waiver on line 2 expired on 2001-01-31.)',
    );

    const sarif = slipway(['check', '--tree', '--format', 'sarif'], { cwd: r.dir });
    const results = JSON.parse(sarif.stdout).runs[0].results as {
      ruleId: string;
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
      suppressions?: { kind: string; status: string; justification: string }[];
    }[];
    const lifted = results.filter((x) => x.suppressions);
    expect(lifted.map((x) => `${x.ruleId} ${x.locations[0]?.physicalLocation.artifactLocation.uri}`)).toEqual(
      ['MIG001 db/0002_drop_legacy.sql'],
    );
    expect(lifted[0]?.suppressions).toEqual([
      { kind: 'inSource', status: 'accepted', justification: 'archived first (until 2999-12-31)' },
    ]);
    expect(results).toHaveLength(3);
  });

  it('slipway waivers lists each with its standing and age: text, JSON, a markdown table', () => {
    const r = repo({
      'slipway.yaml': `${POLICY}max_waiver_days: 365\n`,
      'db/0001_drop_old.sql': drop('old', 'until 2001-01-31 -- archived first'),
      'db/0002_drop_legacy.sql': drop('legacy', 'until 2999-12-31 -- archived | first'),
    });
    r.commit('migrations');
    // Not committed yet, and a reason holding an escape character.
    r.write({ 'db/0003_drop_t.sql': drop('t', '-- forever \u001b[2J') });
    r.git('add', 'db/0003_drop_t.sql');
    const text = slipway(['waivers'], { cwd: r.dir });
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^db\/0001_drop_old\.sql:2 {2}MIG001 {2}expired 2001-01-31 \(SUP003\) {2}written \d{4}-\d\d-\d\d \(0 days ago\) {2}-- archived first$/,
    );
    expect(lines[1]).toMatch(
      /^db\/0002_drop_legacy\.sql:2 {2}MIG001 {2}until 2999-12-31: past max_waiver_days 365 \(SUP004\) /,
    );
    expect(lines[2]).toBe(
      'db/0003_drop_t.sql:2  MIG001  no end: past max_waiver_days 365 (SUP004)  not committed  -- forever \\x1B[2J',
    );
    expect(lines[3]).toBe('3 waivers: 1 expired, 2 too-long.');

    const data = JSON.parse(slipway(['waivers', '--format', 'json'], { cwd: r.dir }).stdout) as {
      waivers: { file: string; status: string; until?: string; written?: string }[];
    };
    expect(
      data.waivers.map((w) => `${w.file} ${w.status} ${w.until ?? '-'} ${w.written ? 'dated' : 'undated'}`),
    ).toEqual([
      'db/0001_drop_old.sql expired 2001-01-31 dated',
      'db/0002_drop_legacy.sql too-long 2999-12-31 dated',
      'db/0003_drop_t.sql too-long - undated',
    ]);

    const md = slipway(['waivers', '--format', 'markdown'], { cwd: r.dir }).stdout;
    expect(md).toContain('| where | rules | standing | written | reason |');
    expect(md).toContain('| `db/0002_drop_legacy.sql:2` | MIG001 |');
    expect(md).toContain('| archived \\| first |');

    const bad = slipway(['waivers', '--format', 'xml'], { cwd: r.dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('slipway waivers: --format xml: expected text, json, markdown\n');
  });
});

describe('policy waivers through the built CLI', () => {
  it('an entry before its day lifts its findings (SARIF: external), one past its day is SUP003 at its line; slipway waivers lists both', () => {
    const entry = (until: string, path: string) =>
      `  - rule: MIG001\n    paths: ["${path}"]\n    until: ${until}\n    reason: archived first\n    approved_by: ana\n`;
    const r = repo({
      'slipway.yaml': `${POLICY}waivers:\n${entry('2001-01-31', 'db/0001_*')}${entry('2999-12-31', 'db/0002_*')}`,
      'db/0001_drop_old.sql': "SET lock_timeout = '5s';\nDROP TABLE old;\n",
      'db/0002_drop_legacy.sql': "SET lock_timeout = '5s';\nDROP TABLE legacy;\n",
    });
    r.commit('migrations');
    const report = json(slipway(['check', '--tree', '--format', 'json'], { cwd: r.dir }));
    expect(report.findings.map((f) => `${f.rule} ${f.file}:${f.line}`)).toEqual([
      'MIG001 db/0001_drop_old.sql:2',
      'SUP003 slipway.yaml:5',
    ]);
    expect(report.findings[0]?.message).toContain(
      '(Not suppressed: the policy waiver at slipway.yaml:5 expired on 2001-01-31.)',
    );
    const sarif = JSON.parse(slipway(['check', '--tree', '--format', 'sarif'], { cwd: r.dir }).stdout);
    const lifted = (sarif.runs[0].results as { ruleId: string; suppressions?: { kind: string }[] }[]).filter(
      (x) => x.suppressions,
    );
    expect(lifted.map((x) => [x.ruleId, x.suppressions?.[0]?.kind])).toEqual([['MIG001', 'external']]);
    const listed = slipway(['waivers'], { cwd: r.dir }).stdout.split('\n');
    expect(listed[0]).toMatch(
      /^slipway\.yaml:5 {2}MIG001 {2}expired 2001-01-31 \(SUP003\) {2}written \S+ .* -- archived first \(policy waiver for db\/0001_\*, approved by ana\)$/,
    );
    expect(listed[1]).toMatch(/^slipway\.yaml:10 {2}MIG001 {2}until 2999-12-31 \(\d+ days left\)/);
  });
});
