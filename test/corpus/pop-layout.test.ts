import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initSqlParser, MemoryRepo, migrationFamily, parsePolicyText } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * A gobuffalo/pop history with one file per database where they differ (test/corpus/pop-app,
 * written for this test: no Debian package ships a pop history), Slipway against an oracle
 * written from pop's own rules (scripts/pop-oracle.py: its file names, dialect synonyms, a
 * version's dialect file run before and instead of its generic one): every DROP TABLE in a
 * file PostgreSQL runs forward is Slipway's MIG001, file and line, and none in a file it does not
 * run (another database's, a generic file a .postgres. or .pg. one replaces, a .down. file).
 */
beforeAll(() => initSqlParser());

const ORACLE = fileURLToPath(new URL('../../scripts/pop-oracle.py', import.meta.url));
const APP = fileURLToPath(new URL('./pop-app/', import.meta.url));

/** Every file under dir, by its path relative to dir. */
function files(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(out, files(join(dir, entry.name), rel));
    else out[rel] = readFileSync(join(dir, entry.name), 'utf8');
  }
  return out;
}

describe('pop per-dialect files against the oracle on pop’s rules', () => {
  it('finds a DROP TABLE in each file PostgreSQL runs, and in no other', () => {
    const oracle: { runs: string[]; drops: string[] } = JSON.parse(
      execFileSync('python3', [ORACLE, join(APP, 'migrations')], { encoding: 'utf8' }),
    );
    // The layout tests what it means to: generic files replaced, other databases, a subfolder.
    expect(oracle.runs).toContain('20240215120000_retire_sessions.postgres.up.sql');
    expect(oracle.runs).not.toContain('20240215120000_retire_sessions.up.sql');
    expect(oracle.runs).toContain('20240301080000_orders_v2.up.sql');
    // Ory popx's `.autocommit` part: generic alone, a dialect's before it.
    expect(oracle.runs).toContain('20240601090000_events_cleanup.autocommit.up.sql');
    expect(oracle.runs).not.toContain('20240620090000_tokens.autocommit.up.sql');
    expect(oracle.runs).not.toContain('20240615090000_stats.cockroach.autocommit.up.sql');
    expect(oracle.drops.length).toBeGreaterThan(0);

    const text = 'version: 1\nmigrations:\n  sql: ["migrations/**/*.sql"]\n  sql_runner: pop\n';
    const policy = parsePolicyText(text, 'slipway.yaml').document;
    if (!policy) throw new Error('policy');
    const repo = new MemoryRepo({ 'slipway.yaml': text, ...files(APP) });
    const { findings } = migrationFamily.check({ policy, repo, now: new Date(), env: {} });
    const mig001 = findings
      .filter((f) => f.rule === 'MIG001')
      .map((f) => `${f.file.replace(/^migrations\//, '')}:${f.range.start.line + 1}`)
      .sort();
    expect(mig001).toEqual(oracle.drops);
  });
});
