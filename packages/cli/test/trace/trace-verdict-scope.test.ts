import { afterAll, describe, expect, it } from 'vitest';
import { TempRepo } from '../../../../test/helpers/git-repo.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * Which findings `slipway trace` judges, and when a lock it did not see contradicts one. Seen on
 * thedevs-network/kutt: a Knex migration's `dropTableIfExists("ips")` on a schema that did not
 * build printed "MIG001 refuted" and "MIG037 refuted: took no lock on a table". MIG001's claim is
 * lost data, not a lock, so trace leaves it out; and a statement PostgreSQL skipped (`table "ips"
 * does not exist, skipping`) took no lock because it had nothing to act on, which proves nothing.
 */
const repo = new TempRepo({
  'slipway.yaml': 'version: 1\nmigrations:\n  sql: ["db/*.sql"]\n',
  // The second statement fails while the schema is built: `ips` is never made.
  'db/001_base.sql': 'CREATE TABLE users (id int);\nALTER TABLE nowhere ADD COLUMN ip text;\n',
});
afterAll(() => repo.dispose());

interface Judged {
  rule: string;
  line: number;
  verdict: string;
  evidence: string;
}

async function trace(text: string): Promise<{ findings: Judged[]; stdout: string }> {
  repo.write({ 'db/002_change.sql': text }).commit('change');
  const json = await runCli(['trace', 'db/002_change.sql', '--format', 'json'], repo.dir);
  expect(json.stderr).toBe('');
  const plain = await runCli(['trace', 'db/002_change.sql'], repo.dir);
  return { findings: JSON.parse(json.stdout).findings, stdout: plain.stdout };
}

describe('trace judges only the claims it measures', () => {
  it('a drop IF EXISTS of a table that is not there: the lock claim is not measured, with why; MIG001 is not judged', async () => {
    const { findings, stdout } = await trace('DROP TABLE IF EXISTS ips;\n');
    expect(findings.map((f) => f.rule)).not.toContain('MIG001');
    const mig037 = findings.find((f) => f.rule === 'MIG037');
    expect(mig037).toMatchObject({ line: 1, verdict: 'not-measured' });
    expect(mig037?.evidence).toBe(
      'PostgreSQL skipped it (table "ips" does not exist), so "took no lock on a table" proves nothing: no earlier step made it (1 of 2 statements building the schema before it failed)',
    );
    expect(stdout).not.toContain('refuted');
    expect(stdout).toContain(
      '    skipped: table "ips" does not exist: no earlier step made it (1 of 2 statements building the schema before it failed)',
    );
  }, 120_000);

  it('a drop IF EXISTS of a table that is there still confirms the lock; a rename is a compatibility claim, not measured', async () => {
    const { findings } = await trace('DROP TABLE IF EXISTS users;\n');
    expect(findings.map((f) => `${f.rule} ${f.verdict}`)).toEqual(['MIG037 confirmed']);
    const renamed = await trace('ALTER TABLE users RENAME TO members;\n');
    expect(renamed.findings.map((f) => `${f.rule} ${f.verdict}`).sort()).toEqual([
      'MIG010 not-measured',
      'MIG037 confirmed',
    ]);
  }, 120_000);
});
