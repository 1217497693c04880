import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// What the command decides on each input: the built CLI run in this process (in-process-cli.ts).
import { slipwayInProcess as slipway } from '../helpers/in-process-cli.js';
import type { TempRepo } from '../helpers/git-repo.js';
import { BOT, expectOneLine, json, repoFactory } from './e2e-helpers.js';

/**
 * `slipway baseline` in real repositories through the built CLI: today's findings accepted,
 * check and guard then report only new ones; the baseline read from a change's base, its growth
 * refused (PATH004), its shrinking fine; a bad baseline one line and exit 2.
 */
const POLICY = `version: 1
protected:
  label: approved-core-change
  paths: [ledger/]
agents:
  branches: ["auto/*"]
  identities: ["*[bot]@users.noreply.github.com"]
  allowed: [db/, .slipway/]
migrations:
  sql: ["db/migrations/*.sql"]
`;

const DROP_TABLE = "-- retire the legacy table\nSET lock_timeout = '5s';\nDROP TABLE legacy;\n";
const DROP_COLUMN = "SET lock_timeout = '5s';\nALTER TABLE users DROP COLUMN age;\n";
const BASELINE = '.slipway/baseline.json';

const repo = repoFactory();

let template: TempRepo | undefined;
/**
 * A repository on main with two old findings (MIG001, MIG002) and their baseline committed: made
 * (and its `slipway baseline` checked) once, each test changing a copy of its own.
 */
function adopted(): TempRepo {
  template ??= adoptedOnce();
  return repo({}, template);
}

function adoptedOnce(): TempRepo {
  const r = repo({
    'slipway.yaml': POLICY,
    'ledger/accounts.py': 'balance = 0\n',
    '.slipway/README.md': 'What Slipway accepted, and why.\n',
    'db/migrations/0001_drop_legacy.sql': DROP_TABLE,
    'db/migrations/0002_drop_age.sql': DROP_COLUMN,
  });
  r.commit('init');
  const out = slipway(['baseline'], { cwd: r.dir });
  expect(out.code, out.stderr).toBe(0);
  expect(out.stdout).toContain(`wrote ${BASELINE}: 2 findings in 2 files accepted`);
  r.commit('accept the old findings');
  return r;
}

/** A new bad migration, staged (`--tree` judges the files git lists). */
function addOrders(r: TempRepo) {
  r.write({ 'db/migrations/0003_drop_orders.sql': "SET lock_timeout = '5s';\nDROP TABLE orders;\n" });
  r.git('add', '-A');
}

const check = (dir: string, ...args: string[]) =>
  slipway(['check', '--format', 'json', ...args], { cwd: dir });
const rulesAt = (r: ReturnType<typeof json>) => r.findings.map((f) => `${f.rule} ${f.file}:${f.line}`);

describe('slipway baseline, then check', () => {
  it('reports no findings and how many were baselined, in JSON and in text', () => {
    const r = adopted();
    const report = json(check(r.dir, '--tree'));
    expect(report.findings).toEqual([]);
    expect(report.summary.baselined).toBe(2);
    expect(report.scope?.baseline).toEqual({ file: BASELINE, from: 'tree', baselined: 2, stale: 0 });
    const text = slipway(['check', '--tree'], { cwd: r.dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`2 baselined findings not judged (accepted in ${BASELINE})`);
  });

  it('writes the same file twice over (sorted, deterministic)', () => {
    const r = adopted();
    const first = readFileSync(join(r.dir, BASELINE), 'utf8');
    expect(slipway(['baseline'], { cwd: r.dir }).code).toBe(0);
    expect(readFileSync(join(r.dir, BASELINE), 'utf8')).toBe(first);
    expect(JSON.parse(first).findings.map((e: { rule: string }) => e.rule)).toEqual(['MIG001', 'MIG002']);
  });

  it('still accepts them after lines are inserted above', () => {
    const r = adopted();
    r.write({
      'db/migrations/0001_drop_legacy.sql': `-- ticket OPS-12\n-- reviewed again\n\n\n${DROP_TABLE}`,
    });
    const report = json(check(r.dir, '--tree'));
    expect(report.findings).toEqual([]);
    expect(report.summary.baselined).toBe(2);
  });

  it('reports exactly the new bad migration, and the old ones as baselined', () => {
    const r = adopted();
    addOrders(r);
    const out = check(r.dir, '--tree');
    expect(out.code).toBe(1);
    const report = json(out);
    expect(rulesAt(report)).toEqual(['MIG001 db/migrations/0003_drop_orders.sql:2']);
    expect(report.summary.baselined).toBe(2);
  });

  it('makes a finding new once its line changes, and notes the stale entry', () => {
    const r = adopted();
    r.write({ 'db/migrations/0002_drop_age.sql': DROP_COLUMN.replace('age', 'birthday') });
    const report = json(check(r.dir, '--tree'));
    expect(rulesAt(report)).toEqual(['MIG002 db/migrations/0002_drop_age.sql:2']);
    expect(report.scope?.baseline?.stale).toBe(1);
    expect(report.scope?.notes.join('\n')).toContain('1 baseline entry matches no finding now');
  });

  it('marks SARIF results new, and lists the accepted ones as unchanged', () => {
    const r = adopted();
    addOrders(r);
    const out = slipway(['check', '--tree', '--format', 'sarif'], { cwd: r.dir });
    const results = JSON.parse(out.stdout).runs[0].results as {
      baselineState: string;
      suppressions?: unknown[];
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
    }[];
    expect(
      results.map((x) => `${x.baselineState} ${x.locations[0]?.physicalLocation.artifactLocation.uri}`),
    ).toEqual([
      'new db/migrations/0003_drop_orders.sql',
      'unchanged db/migrations/0001_drop_legacy.sql',
      'unchanged db/migrations/0002_drop_age.sql',
    ]);
    expect(results[0]?.suppressions).toBeUndefined();
    expect(results[1]?.suppressions).toHaveLength(1);
  });

  it('guard reports only the new finding too', () => {
    const r = adopted();
    expect(slipway(['guard', '--tree'], { cwd: r.dir }).code).toBe(0);
    addOrders(r);
    const out = slipway(['guard', '--tree', '--format', 'json'], { cwd: r.dir });
    expect(out.code).toBe(1);
    const report = JSON.parse(out.stdout);
    expect(report.findings.map((f: { file: string }) => f.file)).toEqual([
      'db/migrations/0003_drop_orders.sql',
    ]);
    expect(report.summary.baselined).toBe(2);
  });
});

describe('a change is judged with the baseline on its base', () => {
  it('an agent branch that adds its own finding to the baseline: refused, and the finding still reported', () => {
    const r = adopted();
    r.git('checkout', '-q', '-b', 'auto/cleanup');
    addOrders(r);
    expect(slipway(['baseline'], { cwd: r.dir }).code).toBe(0);
    r.commit('drop orders, and accept it', BOT);
    const out = check(r.dir, '--label', 'approved-core-change');
    expect(out.code).toBe(1);
    const report = json(out);
    expect(rulesAt(report)).toEqual([`PATH004 ${BASELINE}:1`, 'MIG001 db/migrations/0003_drop_orders.sql:2']);
    expect(report.findings[0]?.message).toContain('it accepts 1 finding the base');
    expect(report.findings[0]?.message).toContain('agents never change it');
    // The change judges the files it touches: the old entries are neither matched nor stale.
    expect(report.scope?.baseline).toEqual({ file: BASELINE, from: 'base', baselined: 0, stale: 0 });
  });

  it('a human branch that grows it needs the label; with it, the finding is still judged from the base', () => {
    const r = adopted();
    r.git('checkout', '-q', '-b', 'feature/orders');
    addOrders(r);
    slipway(['baseline'], { cwd: r.dir });
    r.commit('drop orders, and accept it');
    expect(rulesAt(json(check(r.dir, '--label', 'other')))).toContain(`PATH004 ${BASELINE}:1`);
    const labelled = json(check(r.dir, '--label', 'approved-core-change'));
    expect(rulesAt(labelled)).toEqual(['MIG001 db/migrations/0003_drop_orders.sql:2']);
  });

  it('an agent branch that fixes a finding and drops its entry: fine', () => {
    const r = adopted();
    r.git('checkout', '-q', '-b', 'auto/fix-age');
    r.write({ 'db/migrations/0002_drop_age.sql': "SET lock_timeout = '5s';\nSELECT 1;\n" });
    expect(slipway(['baseline'], { cwd: r.dir }).code).toBe(0);
    expect(JSON.parse(readFileSync(join(r.dir, BASELINE), 'utf8')).findings).toHaveLength(1);
    r.commit('stop dropping the column', BOT);
    const out = check(r.dir);
    expect(out.code, out.stdout).toBe(0);
    expect(json(out).findings).toEqual([]);
  });

  it('an agent branch that rewrites the baseline into garbage: refused as growth', () => {
    const r = adopted();
    r.git('checkout', '-q', '-b', 'auto/garbage');
    r.write({ [BASELINE]: '{"version": 1, "findings": "all"}\n' });
    r.commit('relax', BOT);
    const report = json(check(r.dir));
    expect(rulesAt(report)).toEqual([`PATH004 ${BASELINE}:1`]);
    expect(report.findings[0]?.message).toContain('it is not a valid baseline');
  });
});

describe('a bad baseline: one line, exit 2', () => {
  it.each([
    [
      'bad JSON',
      '{"version": 1, "findings": [\n',
      /^slipway check: \.slipway\/baseline\.json:2:1: invalid baseline: .*run `slipway baseline` to write it again/,
    ],
    [
      'another version',
      '{"version": 7, "findings": []}\n',
      /baseline\.json:1:13: invalid baseline: version 7 is not one this Slipway reads \(1\)/,
    ],
    [
      'a wrong schema',
      '{"version": 1, "findings": [{"rule": "MIG001"}]}\n',
      /baseline\.json:1:29: invalid baseline: `findings\.0\.file`/,
    ],
  ])('%s', (_what, text, message) => {
    const r = adopted();
    writeFileSync(join(r.dir, BASELINE), text);
    expectOneLine(slipway(['check', '--tree'], { cwd: r.dir }), message);
  });

  it('a huge one is refused by its size, before parsing', () => {
    const r = adopted();
    writeFileSync(
      join(r.dir, BASELINE),
      `{"version": 1, "findings": [], "x": "${'a'.repeat(17 * 1024 * 1024)}"}`,
    );
    expectOneLine(
      slipway(['check', '--tree'], { cwd: r.dir }),
      /invalid baseline: it is 17 MB, past the limit of 16 MB/,
    );
  });

  it('guard fails on it too, with the findings all reported', () => {
    const r = adopted();
    writeFileSync(join(r.dir, BASELINE), 'nope');
    const out = slipway(['guard', '--tree'], { cwd: r.dir });
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/^slipway guard: \.slipway\/baseline\.json:1:1: invalid baseline/m);
    expect(out.stderr).not.toMatch(/\n\s+at /);
    expect(out.stdout).toContain('MIG001');
  });
});
