import { describe, expect, it } from 'vitest';
import { slipwayAsync } from '../helpers/cli.js';
import { join } from 'node:path';
import { type Case, itAnswers, outside, repoWith } from './hostile-repo.js';

/**
 * Issue 48, category 1, through the built CLI: a revision that drops `users` by a shape other
 * than `op.drop_table(...)` is read (MIG001, an error: the check fails) or said (MIG042). The
 * generated corpus of shapes is packages/policy-core/test/rules/migrations/MIG042-unfollowed-op.test.ts;
 * these few run as a user runs `slipway check --tree`.
 */

const revision = (head: string, body: string) =>
  `revision = '0002'\ndown_revision = '0001'\n\n${head}\n\ndef upgrade():\n${body}\n\ndef downgrade():\n    pass\n`;
const FILE = 'alembic/versions/0002_retire.py';
const DROPS_USERS = { rule: 'MIG001', message: /drops table "users"/, file: FILE, error: true as const };

const CASES: Case[] = [
  {
    name: 'op imported under another name drops users: MIG001 fails the check',
    files: { [FILE]: revision('from alembic import op as x', '    x.drop_table("users")') },
    expect: DROPS_USERS,
  },
  {
    name: 'a method of op bound to a name drops users: MIG001 fails the check',
    files: { [FILE]: revision('from alembic import op', '    drop = op.drop_table\n    drop("users")') },
    expect: DROPS_USERS,
  },
  {
    name: 'upgrade bound to another function drops users: MIG001 fails the check',
    files: {
      [FILE]: `revision = '0002'\ndown_revision = '0001'\n\nfrom alembic import op\n\ndef _retire():\n    op.drop_table("users")\n\nupgrade = _retire\n\ndef downgrade():\n    pass\n`,
    },
    expect: DROPS_USERS,
  },
  {
    name: 'a lambda inside upgrade() drops users: MIG001 fails the check',
    files: { [FILE]: revision('from alembic import op', '    f = lambda: op.drop_table("users")\n    f()') },
    expect: DROPS_USERS,
  },
  {
    name: 'exec runs a drop: MIG042 names the exec',
    files: { [FILE]: revision('from alembic import op', '    exec("op.drop_table(\'users\')")') },
    expect: { rule: 'MIG042', message: /exec\(\) runs code built at run time/, file: FILE },
  },
  {
    name: "a helper of the application's own module drops users: read at the call, MIG001 fails the check",
    files: {
      [FILE]: revision('from app.cleanup import retire', '    retire()'),
      'app/__init__.py': '',
      'app/cleanup.py': 'from alembic import op\n\ndef retire():\n    op.drop_table("users")\n',
    },
    expect: DROPS_USERS,
  },
  {
    name: "a helper module of the application past Slipway's bound (exec in it): MIG042 names the call and why",
    files: {
      [FILE]: revision('from app.cleanup import retire', '    retire()'),
      'app/cleanup.py': 'def retire():\n    exec("op.drop_table(\'users\')")\n',
    },
    expect: { rule: 'MIG042', message: /retire\(\) in app\/cleanup\.py reaches `exec\(/, file: FILE },
  },
  {
    name: 'a helper module that is a link leading outside the repository: MIG042 says it was not read, nothing quoted',
    files: { [FILE]: revision('from app.cleanup import retire', '    retire()') },
    links: { 'app/cleanup.py': join(outside, 'secret.txt') },
    expect: { rule: 'MIG042', message: /Slipway did not read app\/cleanup\.py/, file: FILE },
  },
];

describe('hostile Alembic shapes (built CLI)', () => {
  itAnswers(CASES);

  it('near miss: an alias of op never called, op in a comment and a string, a library call: no finding in the revision', async () => {
    const r = repoWith({
      [FILE]: revision(
        'from alembic import op as x\nfrom dateutil import tz\n\ndrop = x.drop_table',
        '    # op.drop_table("users")\n    print("op.drop_table(users)")\n    tz.gettz("UTC")',
      ),
    });
    const res = await slipwayAsync(['check', '--tree', '--format', 'json'], { cwd: r.dir });
    const findings = (JSON.parse(res.stdout) as { findings: { rule: string; file: string }[] }).findings;
    expect(findings.filter((f) => f.file === FILE)).toEqual([]);
    expect(res.stderr).toBe('');
  });
});
