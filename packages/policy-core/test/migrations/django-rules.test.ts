import { initSqlParser, MemoryRepo, migrationFamily, parsePolicyText } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/limits.js';
import { check, INITIAL, migration, POLICY, SECOND } from './django-app.js';

/**
 * Django migrations (`migrations.django`) judged by the MIG rules, in process: each operation
 * Slipway maps fires the rule of its step kind on a table that existed before, and each near miss
 * stays quiet. One app, `shop`, whose 0001 creates Author (shop_author) and Book (db_table
 * library_books); each case adds 0002 (and whatever else it needs).
 */
beforeAll(() => initSqlParser());

/** [what, operations of 0002, extra class lines, rules that must fire on 0002, rules that must not]. */
const CASES: [string, string, string, string[], string[]][] = [
  ['DeleteModel drops the table', 'migrations.DeleteModel(name="Author")', '', ['MIG001', 'MIG037'], []],
  [
    'near miss: lock_timeout set by RunSQL first',
    'migrations.RunSQL("SET lock_timeout = \'5s\'", migrations.RunSQL.noop), migrations.DeleteModel(name="Author")',
    '',
    ['MIG001'],
    ['MIG037'],
  ],
  [
    'RemoveField drops the column',
    'migrations.RemoveField(model_name="author", name="age")',
    '',
    ['MIG002'],
    [],
  ],
  [
    'RenameModel renames the table',
    'migrations.RenameModel(old_name="Author", new_name="Writer")',
    '',
    ['MIG010'],
    [],
  ],
  [
    'RenameField renames the column',
    'migrations.RenameField(model_name="author", old_name="age", new_name="years")',
    '',
    ['MIG011'],
    [],
  ],
  [
    'AlterField narrowing a varchar rewrites',
    'migrations.AlterField(model_name="author", name="name", field=models.CharField(max_length=5, null=True))',
    '',
    ['MIG024'],
    ['MIG023'],
  ],
  [
    'near miss: AlterField widening a varchar',
    'migrations.AlterField(model_name="author", name="name", field=models.CharField(max_length=50, null=True))',
    '',
    [],
    ['MIG024', 'MIG023'],
  ],
  [
    'AlterField making a column NOT NULL',
    'migrations.AlterField(model_name="author", name="name", field=models.CharField(max_length=10))',
    '',
    ['MIG023'],
    ['MIG024'],
  ],
  [
    'AddField of a foreign key checks every row',
    'migrations.AddField(model_name="book", name="author", field=models.ForeignKey(on_delete=models.CASCADE, to="shop.author", null=True))',
    '',
    ['MIG025', 'MIG020'],
    ['MIG022'],
  ],
  [
    'AddIndex on an existing table',
    'migrations.AddIndex(model_name="author", index=models.Index(fields=["name"], name="author_name_ix"))',
    '',
    ['MIG020'],
    [],
  ],
  [
    'AddConstraint unique builds its index under lock',
    'migrations.AddConstraint(model_name="author", constraint=models.UniqueConstraint(fields=["name"], name="uq_name"))',
    '',
    ['MIG029'],
    [],
  ],
  [
    'AddConstraint check scans under lock',
    'migrations.AddConstraint(model_name="author", constraint=models.CheckConstraint(check=models.Q(age__gte=0), name="ck_age"))',
    '',
    ['MIG026'],
    [],
  ],
  [
    'AlterUniqueTogether adds a unique constraint',
    'migrations.AlterUniqueTogether(name="author", unique_together={("name", "age")})',
    '',
    ['MIG029'],
    [],
  ],
  [
    'AddIndexConcurrently in an atomic migration',
    'pg.AddIndexConcurrently(model_name="author", index=models.Index(fields=["name"], name="ix"))',
    '',
    ['MIG021'],
    ['MIG020'],
  ],
  [
    'near miss: AddIndexConcurrently with atomic = False',
    'pg.AddIndexConcurrently(model_name="author", index=models.Index(fields=["name"], name="ix"))',
    '    atomic = False\n',
    [],
    ['MIG021', 'MIG020'],
  ],
  [
    'RemoveIndexConcurrently in an atomic migration',
    'pg.RemoveIndexConcurrently(model_name="author", name="ix")',
    '',
    ['MIG021'],
    ['MIG031'],
  ],
  [
    'RunSQL DROP TABLE without reverse_sql',
    'migrations.RunSQL("DROP TABLE legacy")',
    '',
    ['MIG001', 'MIG140'],
    [],
  ],
  [
    'RunSQL list of statements',
    'migrations.RunSQL(["SELECT 1", "ALTER TABLE shop_author DROP COLUMN age"], reverse_sql=migrations.RunSQL.noop)',
    '',
    ['MIG002'],
    ['MIG140'],
  ],
  ['near miss: RunSQL of a SELECT', 'migrations.RunSQL("SELECT 1")', '', [], ['MIG140', 'MIG030', 'MIG001']],
  ['RunSQL not a literal is unread SQL', 'migrations.RunSQL(SQL)', '', ['MIG030'], []],
  ['RunPython without reverse_code', 'migrations.RunPython(forwards)', '', ['MIG140'], []],
  [
    'near miss: RunPython with reverse_code',
    'migrations.RunPython(forwards, reverse_code=migrations.RunPython.noop)',
    '',
    [],
    ['MIG140'],
  ],
  [
    'SeparateDatabaseAndState runs its database operations',
    'migrations.SeparateDatabaseAndState(database_operations=[migrations.RunSQL("DROP TABLE legacy", "")], state_operations=[])',
    '',
    ['MIG001'],
    [],
  ],
  [
    'near miss: SeparateDatabaseAndState state only',
    'migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="Author")])',
    '',
    [],
    ['MIG001'],
  ],
  [
    'operations built by a comprehension are MIG042',
    '*[migrations.RunSQL(s) for s in ["DROP TABLE a"]]',
    '',
    ['MIG042'],
    [],
  ],
  ['a custom operation class is MIG042', 'DropEverything()', '', ['MIG042'], []],
];

/** django-migration-linter's import, for the IgnoreMigration cases. */
const LINTER = 'from django_migration_linter import IgnoreMigration\n';

describe('Django operations judged by the MIG rules', () => {
  for (const [what, ops, extra, fire, quiet] of CASES) {
    it(what, () => {
      const found = check({ [SECOND]: migration(ops, extra) }).filter((f) => f.file === SECOND);
      const rules = new Set(found.map((f) => f.rule));
      for (const r of fire) expect(rules, `${r} in ${[...rules].join(', ')}`).toContain(r);
      for (const r of quiet) expect(rules, `${r} in ${[...rules].join(', ')}`).not.toContain(r);
    });
  }

  it("django-migration-linter's IgnoreMigration() is no code to follow, and skips none of Slipway's rules", () => {
    const ops = 'IgnoreMigration(), migrations.DeleteModel(name="Author")';
    const rulesOf = (text: string) =>
      check({ [SECOND]: text })
        .filter((f) => f.file === SECOND)
        .map((f) => f.rule);
    const marked = rulesOf(LINTER + migration(ops));
    expect(marked).toContain('MIG001');
    expect(marked).not.toContain('MIG042');
    // Near misses: a class of the project's own by that name, or the marker imported under another name.
    expect(rulesOf(migration(ops))).toContain('MIG042');
    const renamed = 'from django_migration_linter import IgnoreMigration as Skip\n';
    expect(rulesOf(renamed + migration(ops))).toContain('MIG042');
  });

  it('names the table as Django derives it, db_table included', () => {
    const found = check({ [SECOND]: migration('migrations.DeleteModel(name="Book")') });
    expect(found.find((f) => f.rule === 'MIG001')?.message).toContain('"library_books"');
  });

  it('a column of a foreign key is <name>_id', () => {
    const found = check({
      [SECOND]: migration('migrations.RemoveField(model_name="author", name="editor")'),
    });
    expect(found.find((f) => f.rule === 'MIG002')?.message).toContain('editor_id');
  });

  it('a syntax error is one MIG130 finding', () => {
    const found = check({
      [SECOND]: `${migration('migrations.DeleteModel(name="Author")')}\ndef broken(:\n`,
    });
    expect(found.filter((f) => f.file === SECOND).map((f) => f.rule)).toEqual(['MIG130']);
  });

  it('operations imported from another module are MIG042, and the rest of the file is still judged', () => {
    const text = migration('migrations.DeleteModel(name="Author")').replace(
      'class Migration',
      'from shop.ops import MORE\n\n\nclass Migration',
    );
    const found = check({ [SECOND]: text.replace('    ]\n', '    ] + MORE\n') });
    expect(found.filter((f) => f.file === SECOND).map((f) => f.rule)).toContain('MIG042');
    // The class replaced after its definition: what Django loads is MORE, said once; the drop still read.
    const direct = check({ [SECOND]: `${text}\nMigration.operations = MORE\n` });
    expect(direct.filter((f) => f.file === SECOND).map((f) => f.rule)).toEqual(
      expect.arrayContaining(['MIG001', 'MIG042']),
    );
  });

  it('a migration past the size limit is one MIG130 finding naming the limit; near miss: a long one within it', () => {
    const big = `${migration('migrations.DeleteModel(name="Author")')}${'#'.repeat(LIMITS.migration.chars)}\n`;
    const found = check({ [SECOND]: big }).filter((f) => f.file === SECOND);
    expect(found.map((f) => f.rule)).toEqual(['MIG130']);
    expect(found[0]?.message).toContain('MB');
    const within = `${migration('migrations.DeleteModel(name="Author")')}${'#'.repeat(100_000)}\n`;
    expect(check({ [SECOND]: within }).map((f) => f.rule)).toContain('MIG001');
  });

  it('applied_through <app>.<name> leaves that migration and those before it unjudged; near miss: a bare name names none', () => {
    const files = { [SECOND]: migration('migrations.DeleteModel(name="Author")') };
    const rules = (through: string) => {
      const text = `${POLICY}  applied_through: "${through}"\n`;
      const policy = parsePolicyText(text, 'slipway.yaml').document;
      if (!policy) throw new Error('policy');
      const repo = new MemoryRepo({
        'slipway.yaml': text,
        'shop/migrations/0001_initial.py': INITIAL,
        ...files,
      });
      return migrationFamily.check({ policy, repo, now: new Date(), env: {} }).findings.map((f) => f.rule);
    };
    expect(rules('shop.0002_change')).not.toContain('MIG001');
    expect(rules('0002_change')).toContain('MIG001');
  });

  it('a Migration class hidden inside an if is MIG130 naming it; near miss: the package __init__.py', () => {
    const hidden = migration('migrations.DeleteModel(name="Author")').replace(
      'class Migration',
      'if True:\n  class Migration',
    );
    const text = hidden.replace(/\n {4}/g, '\n      ');
    const found = check({ [SECOND]: text }).filter((f) => f.file.startsWith('shop/'));
    expect(found.map((f) => `${f.rule} ${f.file}`)).toEqual([`MIG130 ${SECOND}`]);
    expect(found[0]?.message).toContain('no `class Migration` at module level');
  });

  it('no MIG110 for a Django migration (Django writes the way back itself)', () => {
    const found = check({
      [SECOND]: migration(
        'migrations.AddField(model_name="author", name="x", field=models.IntegerField(null=True))',
      ),
    });
    expect(found.map((f) => f.rule)).not.toContain('MIG110');
  });
});
