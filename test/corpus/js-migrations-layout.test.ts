import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  detectLayout,
  initSqlParser,
  MemoryRepo,
  migrationFamily,
  parsePolicyText,
  renderPolicy,
  runCheck,
  scopeLines,
} from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Prisma Migrate and Drizzle histories (issue 51): real ones (hoppscotch's Prisma folders, a
 * Drizzle journal of 0-sayed/wallet: fixtures/SOURCES.md) and projects written in each tool's
 * layout, through init (detectLayout, renderPolicy) and the migration rules in-process, against
 * an oracle written from the tools' own rules (scripts/js-migrations-oracle.py): Prisma's folder
 * order, Drizzle's journal order and its plain split at `--> statement-breakpoint`.
 */
beforeAll(() => initSqlParser());

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const ORACLE = fileURLToPath(new URL('../../scripts/js-migrations-oracle.py', import.meta.url));

/** Every file under dir, by its path relative to dir, under `prefix`. */
function files(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(out, files(join(dir, entry.name), rel));
    else out[rel] = readFileSync(join(dir, entry.name), 'utf8');
  }
  return out;
}

/** init's layout and policy for `texts`, the policy parsed back. */
function init(texts: Record<string, string>, policyTail = '') {
  const found = detectLayout(Object.keys(texts), {
    readFile: (p) => texts[p],
    isDirectory: (p) => Object.keys(texts).some((f) => f.startsWith(`${p}/`)),
  });
  const text = renderPolicy(found, 'main') + policyTail;
  const policy = parsePolicyText(text, 'slipway.yaml').document;
  if (!policy) throw new Error(`policy did not parse:\n${text}`);
  return { found, text, policy };
}

/** The migration family's findings on `texts` under `policyText`, as `rule file:line`. */
function check(texts: Record<string, string>, policyText: string) {
  const policy = parsePolicyText(policyText, 'slipway.yaml').document;
  if (!policy) throw new Error('policy');
  const repo = new MemoryRepo({ 'slipway.yaml': policyText, ...texts });
  const result = runCheck({ policy, repo, families: [migrationFamily] });
  return {
    findings: result.findings.map((f) => `${f.rule} ${f.file}:${f.range.start.line + 1}`).sort(),
    result,
  };
}

const DRIZZLE = join(FIXTURES, 'drizzle-written/drizzle');
const oracle: { prisma: string[]; drizzle: string[]; drops: string[] } = JSON.parse(
  execFileSync(
    'python3',
    [ORACLE, join(FIXTURES, 'prisma-app/prisma/migrations'), join(FIXTURES, 'drizzle-written/drizzle')],
    { encoding: 'utf8' },
  ),
);

describe('Prisma Migrate: one series in folder order', () => {
  const prisma = files(join(FIXTURES, 'prisma-app'));
  const last = `prisma/migrations/${oracle.prisma.at(-1)}/migration.sql`;

  it('init writes one pattern, one decision and one applied_through entry (the last folder) for 21 real folders', () => {
    const { found, policy } = init(prisma);
    expect(oracle.prisma.length).toBe(21);
    expect(found.sql).toEqual(['prisma/migrations/*/migration.sql']);
    expect(found.appliedThrough).toEqual([last]);
    expect(found.sqlRunner).toBe('prisma');
    expect(found.dialect?.name).toBe('postgresql');
    expect(found.decisions.filter((d) => d.startsWith('prisma/migrations/'))).toHaveLength(3);
    expect(policy.policy.migrations?.sql_runner).toBe('prisma');
  });

  it('applied_through naming a folder takes it and the folders before it (by name) as history, and judges the rest', () => {
    // A drop in a folder after the one production ran, and one before it.
    const middle = oracle.prisma[10] as string;
    const texts = {
      ...prisma,
      'prisma/migrations/20220101000000_early/migration.sql': 'DROP TABLE "Legacy";\n',
      'prisma/migrations/20990101000000_retire_teams/migration.sql': 'DROP TABLE "Team";\n',
    };
    const policy = `version: 1\nmigrations:\n  sql: ["prisma/migrations/*/migration.sql"]\n  sql_runner: prisma\n  applied_through: prisma/migrations/${middle}/migration.sql\n`;
    const { findings, result } = check(texts, policy);
    const judged = new Set(findings.map((f) => f.split(' ')[1]?.split(':')[0]));
    const order = ['20220101000000_early', ...oracle.prisma, '20990101000000_retire_teams'];
    const cut = order.indexOf(middle);
    for (const [i, folder] of order.entries())
      if (i <= cut) expect(judged.has(`prisma/migrations/${folder}/migration.sql`)).toBe(false);
    expect(findings).toContain('MIG001 prisma/migrations/20990101000000_retire_teams/migration.sql:1');
    const history = result.scope?.notJudged.flatMap((n) => n.files) ?? [];
    expect(history.length).toBe(cut + 1);
  });

  it("applied_through follows Prisma's order, folder names compared as text (10_ before 2_), as the oracle sorts them", () => {
    const texts = files(join(FIXTURES, 'prisma-written'));
    const order: string[] = JSON.parse(
      execFileSync('python3', [ORACLE, join(FIXTURES, 'prisma-written/prisma/migrations'), DRIZZLE], {
        encoding: 'utf8',
      }),
    ).prisma;
    expect(order).toEqual(['10_retire_tokens', '1_create_accounts', '2_retire_sessions']);
    const { found } = init(texts);
    expect(found.appliedThrough).toEqual([`prisma/migrations/${order[2]}/migration.sql`]);
    const policy = `version: 1\nmigrations:\n  sql: ["prisma/migrations/*/migration.sql"]\n  sql_runner: prisma\n  applied_through: prisma/migrations/${order[1]}/migration.sql\n`;
    expect(check(texts, policy).findings.filter((f) => f.startsWith('MIG001'))).toEqual([
      `MIG001 prisma/migrations/${order[2]}/migration.sql:1`,
    ]);
  });

  it('the judged: line stays short however many applied_through entries the policy names (a policy init wrote per folder before)', () => {
    // Every folder its own entry, as init wrote it before Prisma's folders were one series, and
    // 200 plain .sql files each named: the line names three and counts the rest.
    const plain: Record<string, string> = {};
    for (let i = 1; i <= 200; i++) plain[`db/migrations/${String(i).padStart(4, '0')}_m.sql`] = 'SELECT 1;\n';
    const entries = [
      ...oracle.prisma.map((f) => `prisma/migrations/${f}/migration.sql`),
      ...Object.keys(plain),
    ];
    const policy = `version: 1\nmigrations:\n  sql: ["prisma/migrations/*/migration.sql", "db/migrations/*.sql"]\n  applied_through:\n${entries.map((e) => `    - "${e}"\n`).join('')}`;
    const { result } = check({ ...prisma, ...plain }, policy);
    const line = scopeLines(result.scope)[0] ?? '';
    expect(line).toContain('221 applied migrations not judged');
    expect(line).toContain('and 218 more');
    expect(line.length).toBeLessThan(400);
  });

  it('a provider other than postgresql: mysql gets no PostgreSQL lock rules; postgresql (near miss) does', () => {
    const lock = (provider: string) => ({
      'prisma/schema.prisma': `datasource db {\n  provider = "${provider}"\n  url = env("DATABASE_URL")\n}\n`,
      'prisma/migrations/migration_lock.toml': `provider = "${provider}"\n`,
      'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE "User" ("id" INTEGER);\n',
      'prisma/migrations/20240202000000_email/migration.sql':
        'ALTER TABLE "User" ADD COLUMN "email" TEXT;\nCREATE INDEX "User_email_idx" ON "User"("email");\n',
    });
    const mysql = init(lock('mysql'));
    expect(mysql.found.dialect?.name).toBe('mysql');
    const pg = init(lock('postgresql'));
    expect(pg.found.dialect?.name).toBe('postgresql');
    // Judged with nothing applied: the index is the last migration's.
    const judge = (texts: Record<string, string>, text: string) =>
      check(texts, text.replace(/\n {2}applied_through:[^\n]*\n/, '\n')).findings;
    expect(judge(lock('mysql'), mysql.text).filter((f) => f.startsWith('MIG02'))).toEqual([]);
    expect(judge(lock('postgresql'), pg.text).some((f) => f.startsWith('MIG02'))).toBe(true);
  });

  it('a provider Slipway does not read (sqlserver) is said and protected, not judged', () => {
    const { found } = init({
      'prisma/migrations/migration_lock.toml': 'provider = "sqlserver"\n',
      'prisma/migrations/20240101000000_init/migration.sql': 'DROP TABLE [Users];\n',
    });
    expect(found.sql).toEqual([]);
    expect(found.protectedPaths).toContain('prisma/migrations/');
    expect(found.decisions.join('\n')).toContain('Prisma Migrate migrations for sqlserver');
  });

  it("near miss: a migrations/ folder that is not Prisma's stays a folder of .sql files under its own runner", () => {
    const { found } = init({
      'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n}\n',
      'db/migrations/0001_users.up.sql': 'CREATE TABLE users (id int);\n',
      'db/migrations/0001_users.down.sql': 'DROP TABLE users;\n',
    });
    expect(found.sql).toEqual(['db/migrations/**/*.sql']);
    expect(found.sqlRunner).toBe('golang-migrate');
  });
});

describe('Drizzle: one series in journal order, statements cut at the breakpoint', () => {
  const written = files(join(FIXTURES, 'drizzle-written'));
  const policy =
    'version: 1\nmigrations:\n  sql: ["drizzle/**/*.sql"]\n  sql_runner: drizzle\n  dialect: postgresql\n';

  it('init on a real drizzle-kit folder: one series, its journal, its last migration as applied_through', () => {
    const { found } = init(files(join(FIXTURES, 'drizzle-app')));
    expect(found.sql).toEqual(['drizzle/**/*.sql']);
    expect(found.sqlRunner).toBe('drizzle');
    expect(found.appliedThrough).toEqual(['drizzle/0001_modern_rogue.sql']);
    expect(found.dialect?.name).toBe('postgresql');
  });

  it('every DROP TABLE piece Drizzle runs is MIG001 at its line, one hidden after a breakpoint in a comment too', () => {
    const { findings } = check(written, policy);
    const drops = findings
      .filter((f) => f.startsWith('MIG001'))
      .map((f) => f.slice('MIG001 drizzle/'.length));
    expect(oracle.drops).toContain('0001_retire_carts.sql:4');
    expect(drops).toEqual(oracle.drops);
  });

  it('CREATE INDEX CONCURRENTLY inside the transaction Drizzle runs migrations in is MIG021; a plain CREATE INDEX (near miss) is not', () => {
    const { findings, result } = check(written, policy);
    expect(findings.filter((f) => f.startsWith('MIG021'))).toEqual([
      'MIG021 drizzle/0002_order_indexes.sql:2',
    ]);
    const message = result.findings.find((f) => f.rule === 'MIG021')?.message ?? '';
    expect(message).toContain('Drizzle');
    expect(message).toContain('drizzle-kit migrate');
  });

  const journalOf = (...tags: string[]) =>
    JSON.stringify({ version: '7', dialect: 'postgresql', entries: tags.map((tag, idx) => ({ idx, tag })) });
  const mig150 = (texts: Record<string, string>) =>
    check(texts, policy).result.findings.filter((f) => f.rule === 'MIG150');

  it('near miss: the real journal and the written one list exactly their files, so MIG150 is silent', () => {
    expect(mig150(written)).toEqual([]);
    expect(mig150(files(join(FIXTURES, 'drizzle-app')))).toEqual([]);
  });

  it("applied_through follows the journal's order, not the file names: a migration listed after the one named is judged", () => {
    // The journal runs 0002 before 0001 (an entry moved by hand): production at 0002 has not run 0001.
    const journal = journalOf('0000_orders', '0002_order_indexes', '0001_retire_carts');
    const texts = { ...written, 'drizzle/meta/_journal.json': journal };
    const through = `${policy}  applied_through: drizzle/0002_order_indexes.sql\n`;
    const { findings } = check(texts, through);
    expect(
      findings.filter((f) => f.startsWith('MIG001')).map((f) => f.slice('MIG001 drizzle/'.length)),
    ).toEqual(oracle.drops);
    expect(findings.some((f) => f.startsWith('MIG021'))).toBe(false);
    // Near miss: in the journal's own order, 0001 ran before 0002 and is history.
    expect(check(written, through).findings.filter((f) => f.startsWith('MIG001'))).toEqual([]);
  });

  it('a migration the journal does not list (Drizzle never runs it) is MIG150 on that file', () => {
    const texts = { ...written, 'drizzle/0003_sneaky.sql': 'ALTER TABLE "orders" ADD COLUMN "note" text;\n' };
    const found = mig150(texts);
    expect(found.map((f) => f.file)).toEqual(['drizzle/0003_sneaky.sql']);
    expect(found[0]?.message).toContain('Drizzle never runs it');
  });

  it('a journal entry whose file is gone (drizzle-kit migrate stops there) is MIG150 on the entry', () => {
    const texts = { ...written, 'drizzle/meta/_journal.json': journalOf(...oracle.drizzle, '0003_missing') };
    const found = mig150(texts);
    expect(found.map((f) => f.file)).toEqual(['drizzle/meta/_journal.json']);
    expect(found[0]?.message).toContain('drizzle/0003_missing.sql does not exist');
  });

  it('a malformed, entry-less or oversized journal is one MIG150 saying so, never a throw', () => {
    for (const [journal, says] of [
      ['{"entries": [', 'is not JSON'],
      ['{"version": "7"}', 'has no `entries` list'],
      [`{"entries": [{"tag": "../../etc/passwd"}]}`, 'has no usable `tag`'],
      [`{"entries": [], "pad": "${'x'.repeat(5 * 1024 * 1024)}"}`, 'more than the 4 MB'],
    ] as const) {
      const found = mig150({ ...written, 'drizzle/meta/_journal.json': journal });
      expect(found).toHaveLength(1);
      expect(found[0]?.message).toContain(says);
    }
  });
});
