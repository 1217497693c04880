import { MemoryRepo, migrationFamily, runCheck } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { migration } from '../../migrations/mig-source.js';
import { DEFAULT_POLICY, policyDoc, ready } from './mig-test-helpers.js';

beforeAll(ready);

/**
 * These tests are about where a comment reaches, with the rules of the lines they target. MIG037
 * (no lock_timeout) reports the first DDL of every file besides, and MIG044 the UPDATE that runs
 * after a DROP TABLE in the same transaction; both are off here, as a policy can turn them off,
 * so each expected list names only the findings the comments are about.
 */
const POLICY = `${DEFAULT_POLICY}rules:\n  MIG037: off\n  MIG044: off\n`;

/** The engine applies suppressions; MIG findings must sit on the line a comment can target. */
describe('MIG findings and suppression comments', () => {
  const upgrade = [
    '# slipway: allow MIG001 -- archived to cold storage in ticket OPS-12',
    "op.drop_table('users')",
    'op.execute(  # slipway: allow MIG001 -- replaced by the events table',
    '    """',
    '    UPDATE t SET a = 1 WHERE id = 2;',
    '    DROP TABLE old_events;',
    '    """',
    ')',
    "op.drop_table('kept')  # slipway: allow MIG001",
  ].join('\n');
  const files = {
    'alembic/versions/0001_drop.py': migration('0001', null, upgrade, {
      downgrade: 'raise NotImplementedError("irreversible: dropped")',
    }),
    'db/migrations/001.sql':
      '-- slipway: allow MIG001 -- scratch table, never held data\nDROP TABLE scratch;\nDROP TABLE other;\n',
  };

  it('honours comments on or above the offending call, in Python and in SQL', () => {
    const policy = policyDoc(POLICY);
    const repo = new MemoryRepo({ 'slipway.yaml': policy.text, ...files });
    const { findings } = runCheck({ policy, repo, families: [migrationFamily], now: new Date(0) });
    expect(findings.map((f) => `${f.file}:${f.range.start.line + 1}:${f.rule}`)).toEqual([
      'alembic/versions/0001_drop.py:24:MIG001',
      'alembic/versions/0001_drop.py:24:SUP002',
      'db/migrations/001.sql:3:MIG001',
    ]);
  });

  it('does not call suppressions in history the change leaves alone "suppresses nothing"', () => {
    const policy = policyDoc(POLICY);
    const repo = new MemoryRepo({
      'slipway.yaml': policy.text,
      'alembic/versions/0001_drop.py': files['alembic/versions/0001_drop.py'],
      'alembic/versions/0002_add.py': migration('0002', '0001', "op.drop_table('orders')"),
    });
    const change = {
      base: 'main',
      head: 'feature',
      commits: [],
      files: [{ status: 'added' as const, path: 'alembic/versions/0002_add.py' }],
    };
    const { findings } = runCheck({ policy, repo, change, families: [migrationFamily], now: new Date(0) });
    expect(findings.map((f) => `${f.file}:${f.range.start.line + 1}:${f.rule}`)).toEqual([
      'alembic/versions/0002_add.py:16:MIG001',
      'alembic/versions/0002_add.py:19:MIG110',
    ]);
  });

  it('honours SQL comments on the statement lines inside a triple-quoted op.execute, and reports unused ones', () => {
    const upgrade = [
      'op.execute(',
      '    """',
      '    -- slipway: allow MIG001 -- replaced by the events table',
      '    DROP TABLE old_events;',
      '    DROP TABLE old_logs;  -- slipway: allow MIG001 -- moved to the log service',
      '    DROP TABLE old_jobs;',
      '    -- slipway: allow MIG002 -- nothing of the kind here',
      '    UPDATE t SET a = 1 WHERE id = 2;',
      '    """',
      ')',
      "op.drop_table('kept')  # slipway: allow MIG001 -- archived",
    ].join('\n');
    const policy = policyDoc(POLICY);
    const repo = new MemoryRepo({
      'slipway.yaml': policy.text,
      'alembic/versions/0001_drop.py': migration('0001', null, upgrade, {
        downgrade: 'raise NotImplementedError("irreversible: dropped")',
      }),
    });
    const { findings } = runCheck({ policy, repo, families: [migrationFamily], now: new Date(0) });
    // Lines: the upgrade body starts on line 16. old_jobs is reported at the op.execute line.
    expect(findings.map((f) => `${f.file}:${f.range.start.line + 1}:${f.rule}`)).toEqual([
      'alembic/versions/0001_drop.py:16:MIG001',
      'alembic/versions/0001_drop.py:22:SUP001',
    ]);
    expect(findings[0]?.related?.[0]?.range.start.line).toBe(20);
    expect(findings[1]?.message).toContain('suppression of MIG002 suppresses nothing');
  });
});

/** What is not a suppression: the marker in a string, past a blank line, or in a malformed comment. */
describe('suppression comments that must not suppress', () => {
  const check = (upgrade: string) => {
    const policy = policyDoc(POLICY);
    const repo = new MemoryRepo({
      'slipway.yaml': policy.text,
      'alembic/versions/0001_a.py': migration('0001', null, upgrade, {
        downgrade: 'raise NotImplementedError("irreversible: dropped")',
      }),
    });
    const { findings } = runCheck({ policy, repo, families: [migrationFamily], now: new Date(0) });
    return findings.map((f) => `${f.range.start.line + 1}:${f.rule}`);
  };

  it('ignores the marker inside a Python string, on the line or above it', () => {
    expect(check('x = "# slipway: allow MIG002 -- in a string"; op.drop_column("t", "d")')).toEqual([
      '16:MIG002',
    ]);
    expect(
      check("note = '''\n# slipway: allow MIG002 -- in a string\n'''\nop.drop_column('t', 'd')"),
    ).toEqual(['19:MIG002']);
    // Near miss: the same directive as a comment after the string does suppress.
    expect(
      check('x = "#"; op.drop_column("t", "d")  # slipway: allow MIG002 -- column unused since v3'),
    ).toEqual([]);
  });

  it('does not reach past a blank line (it covers its line or the line below)', () => {
    expect(check("# slipway: allow MIG002 -- gap\n\nop.drop_column('t', 'c')")).toEqual([
      '16:SUP001',
      '18:MIG002',
    ]);
    // Near miss: other comments between the directive and the code are skipped, as before.
    expect(
      check("# slipway: allow MIG002 -- column unused since v3\n# see OPS-7\nop.drop_column('t', 'c')"),
    ).toEqual([]);
  });

  it('reports a malformed directive (one dash before the reason) instead of ignoring it', () => {
    expect(check("# slipway: allow MIG002 - single dash\nop.drop_column('t', 'c')")).toEqual([
      '16:SUP002',
      '17:MIG002',
    ]);
  });

  it('reads SQL comments only inside the string: `--` in Python code is not a directive', () => {
    // A `--` directive inside the SQL string suppresses the statement it sits above.
    expect(
      check(
        'op.execute("""\n    -- slipway: allow MIG006 -- table emptied on purpose\n    DELETE FROM q;\n""")',
      ),
    ).toEqual([]);
    // The same text as a Python comment's content is a malformed `#` directive at most, never SQL's.
    expect(check('op.execute("DELETE FROM q")  # x -- slipway: allow MIG006 -- no')).toEqual(['16:MIG006']);
  });
});
