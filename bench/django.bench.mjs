// Django migrations beside Alembic's: a generated history of 300 Django migrations (10 apps of 30,
// each adding a nullable column, widening a varchar and adding an index, with a RunSQL) and an
// Alembic history of 300 revisions doing the same, judged by the whole MIG family in process (the
// work `check --tree` does once the files are in memory), each from a cold analyzer. The two run in
// alternate rounds and are timed in CPU time (process.cpuUsage), so load from other processes on a
// shared machine falls on neither. Target: a Django file costs no more than an Alembic one (ratio
// <= 1.0, 10% allowed for noise). Build first: `node scripts/build.mjs`.
import { loadavg } from 'node:os';
import * as core from '../packages/policy-core/dist/index.js';

const { createMigrationFamily, MemoryRepo, MigrationAnalyzer, parsePolicyText, rulesOf } = core;
const APPS = 10;
const PER_APP = 30;
const ROUNDS = 12;

function django() {
  const files = {};
  for (let a = 0; a < APPS; a++) {
    const app = `app${a}`;
    for (let i = 1; i <= PER_APP; i++) {
      const name = `${String(i).padStart(4, '0')}_step_${i}`;
      const prev = `${String(i - 1).padStart(4, '0')}_step_${i - 1}`;
      const ops =
        i === 1
          ? `        migrations.CreateModel(name="Item", fields=[("id", models.BigAutoField(primary_key=True)), ("name", models.CharField(max_length=10, null=True))]),`
          : [
              `        migrations.AddField(model_name="item", name="c${i}", field=models.CharField(max_length=20, null=True)),`,
              `        migrations.AlterField(model_name="item", name="name", field=models.CharField(max_length=${10 + i}, null=True)),`,
              `        migrations.AddIndex(model_name="item", index=models.Index(fields=["c${i}"], name="ix_${a}_${i}")),`,
              `        migrations.RunSQL("UPDATE ${app}_item SET c${i} = name WHERE c${i} IS NULL", migrations.RunSQL.noop),`,
            ].join('\n');
      files[`${app}/migrations/${name}.py`] = [
        'from django.db import migrations, models',
        '',
        '',
        'class Migration(migrations.Migration):',
        `    dependencies = [${i === 1 ? '' : `("${app}", "${prev}")`}]`,
        '    operations = [',
        ops,
        '    ]',
        '',
      ].join('\n');
    }
  }
  return files;
}

function alembic() {
  const files = {};
  const rev = (i) => (0x100000000 + i).toString(16);
  for (let i = 0; i < APPS * PER_APP; i++) {
    const t = `app${Math.floor(i / PER_APP)}_item`;
    const up =
      i % PER_APP === 0
        ? `    op.create_table("${t}", sa.Column("id", sa.BigInteger(), primary_key=True), sa.Column("name", sa.String(10)))`
        : [
            `    op.add_column("${t}", sa.Column("c${i}", sa.String(20), nullable=True))`,
            `    op.alter_column("${t}", "name", type_=sa.String(${10 + i}), existing_type=sa.String(${9 + i}))`,
            `    op.create_index("ix_${i}", "${t}", ["c${i}"])`,
            `    op.execute("UPDATE ${t} SET c${i} = name WHERE c${i} IS NULL")`,
          ].join('\n');
    files[`alembic/versions/${rev(i)}_step.py`] = [
      'import sqlalchemy as sa',
      'from alembic import op',
      '',
      `revision = "${rev(i)}"`,
      `down_revision = ${i === 0 ? 'None' : `"${rev(i - 1)}"`}`,
      '',
      '',
      'def upgrade():',
      up,
      '',
      '',
      'def downgrade():',
      '    pass',
      '',
    ].join('\n');
  }
  return files;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A cold MIG check of `files` under `policyText`: run() gives its ms and findings. */
function subject(files, policyText) {
  const policy = parsePolicyText(policyText).document;
  const ctx = { policy, repo: new MemoryRepo(files), now: new Date(), env: {} };
  const run = () => {
    const family = createMigrationFamily(rulesOf('MIG'), new MigrationAnalyzer());
    const t0 = process.cpuUsage();
    const findings = family.check(ctx).findings.length;
    const { user, system } = process.cpuUsage(t0);
    return { ms: (user + system) / 1000, findings };
  };
  return { run, files: Object.keys(files).length };
}

await (core.initMigrationParsers ?? core.initSqlParser)();
const subjects = [
  subject(django(), 'version: 1\nmigrations:\n  django: "*/migrations"\n'),
  subject(alembic(), 'version: 1\nmigrations:\n  alembic: alembic/versions\n'),
];
for (const s of subjects) s.run(); // warm-up (JIT)
// Rounds alternate between the two, in turn first (D A, A D, ...): a run pays for the garbage the
// one before it left, and a load that comes and goes on a shared machine falls on both.
const times = subjects.map(() => []);
const findings = [];
for (let r = 0; r < ROUNDS; r++)
  for (const i of r % 2 ? [1, 0] : [0, 1]) {
    const { ms, findings: n } = subjects[i].run();
    times[i].push(ms);
    findings[i] = n;
  }
const [d, a] = subjects.map((s, i) => ({ ms: median(times[i]), findings: findings[i], files: s.files }));
const perD = d.ms / d.files;
const perA = a.ms / a.files;
const ratio = perD / perA;
console.log(
  `django.history       ${d.files} files, ${d.findings} findings, ${d.ms.toFixed(1)} ms CPU (median of ${ROUNDS})`,
);
console.log(
  `django.alembic-same  ${a.files} files, ${a.findings} findings, ${a.ms.toFixed(1)} ms CPU (median of ${ROUNDS})`,
);
console.log(
  `django.per-file-vs-alembic ${perD.toFixed(3)} ms vs ${perA.toFixed(3)} ms per file: ${ratio.toFixed(2)} x  target <= 1.10  ${ratio <= 1.1 ? 'PASS' : 'FAIL'}  (load average ${loadavg()[0].toFixed(1)})`,
);
if (ratio > 1.1) process.exitCode = 1;
