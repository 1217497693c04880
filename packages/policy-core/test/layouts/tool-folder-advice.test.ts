import { initSqlParser, MemoryRepo, parsePolicyText, runCheck } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * COV001's advice for a Drizzle or Prisma folder the policy does not cover, followed to the letter.
 * Seen on Dokploy: the advice named only the `migrations.sql` pattern, and the policy it gave read
 * Drizzle's migrations as plain SQL: CREATE INDEX CONCURRENTLY (which drizzle-kit migrate runs in
 * its one transaction, where PostgreSQL refuses it) got no MIG021.
 */
beforeAll(() => initSqlParser());

const DRIZZLE = {
  'apps/web/drizzle/meta/_journal.json': JSON.stringify({
    version: '7',
    dialect: 'postgresql',
    entries: [
      { idx: 0, version: '7', when: 1, tag: '0000_init', breakpoints: true },
      { idx: 1, version: '7', when: 2, tag: '0001_index', breakpoints: true },
    ],
  }),
  'apps/web/drizzle/0000_init.sql': 'CREATE TABLE "users" ("id" serial PRIMARY KEY, "email" text);\n',
  'apps/web/drizzle/0001_index.sql': 'CREATE INDEX CONCURRENTLY "users_email_idx" ON "users" ("email");\n',
};

function check(policyYaml: string, files: Record<string, string>) {
  const text = `version: 1\n${policyYaml}`;
  const doc = parsePolicyText(text, 'slipway.yaml').document;
  if (!doc) throw new Error(`policy does not parse:\n${text}`);
  const result = runCheck({ policy: doc, repo: new MemoryRepo({ ...files, 'slipway.yaml': text }) });
  return result.findings.map((f) => ({ rule: f.rule, file: f.file, message: f.message }));
}

/** The policy COV001's message spells for `folder`: its `migrations.sql` pattern and its `sql_runner`. */
function policyFromAdvice(message: string, folder: string): string {
  const pattern =
    /`<folder>\/([^`]+)`/.exec(message)?.[1] ?? /`(prisma\/migrations\/[^`]+)`/.exec(message)?.[1];
  const runner = /`sql_runner: (\w[\w-]*)`/.exec(message)?.[1];
  const sql = pattern?.startsWith('prisma/') ? pattern : `${folder}${pattern}`;
  return `migrations:\n  sql: ["${sql}"]\n${runner ? `  sql_runner: ${runner}\n` : ''}`;
}

describe("COV001's advice for a tool's folder names the runner", () => {
  it('Drizzle: the advice names sql_runner drizzle, and the policy it spells gives MIG021 on CONCURRENTLY', () => {
    const cov = check('', DRIZZLE).find((f) => f.rule === 'COV001');
    expect(cov?.message).toContain('`sql_runner: drizzle`');
    const policy = policyFromAdvice(cov?.message ?? '', 'apps/web/drizzle/');
    expect(policy).toContain('sql_runner: drizzle');
    const after = check(policy, DRIZZLE);
    expect(after.filter((f) => f.rule === 'COV001')).toEqual([]);
    const mig021 = after.filter((f) => f.rule === 'MIG021');
    expect(mig021.map((f) => f.file)).toEqual(['apps/web/drizzle/0001_index.sql']);
    expect(mig021[0]?.message).toContain('Drizzle');
  });

  it('near miss: the pattern alone (the advice before) reads them as plain SQL, and CONCURRENTLY passes', () => {
    const plain = check('migrations:\n  sql: ["apps/web/drizzle/**/*.sql"]\n', DRIZZLE);
    expect(plain.filter((f) => f.rule === 'MIG021')).toEqual([]);
  });

  it('Prisma: the advice names sql_runner prisma with the pattern init writes', () => {
    const prisma = {
      'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE "User" ("id" INTEGER);\n',
    };
    const cov = check('', prisma).find((f) => f.rule === 'COV001');
    expect(cov?.message).toContain('`prisma/migrations/*/migration.sql`');
    expect(cov?.message).toContain('`sql_runner: prisma`');
    const policy = policyFromAdvice(cov?.message ?? '', '');
    expect(check(policy, prisma).filter((f) => f.rule === 'COV001')).toEqual([]);
  });

  it('near miss: a folder of plain SQL migrations is advised no runner (init finds it from the files)', () => {
    const cov = check('', { 'db/migrations/001_users.sql': 'CREATE TABLE users (id int);\n' }).find(
      (f) => f.rule === 'COV001',
    );
    expect(cov?.message).not.toContain('sql_runner');
  });
});
