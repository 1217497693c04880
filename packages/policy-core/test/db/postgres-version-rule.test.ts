import {
  DB_RULES,
  type DbFacts,
  buildAuditReport,
  postgresMajor,
  renderSummaryJson,
  renderSummaryText,
} from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { facts, linearGraph, policyDoc } from './fixtures-db.js';

/** The fixtures' policy (dev and prod), with `postgres_version: n` unless undefined. */
const policyWith = (n?: number) =>
  policyDoc(
    'version: 1\nmigrations:\n  alembic: alembic/versions\n  baseline: base0001\n' +
      (n === undefined ? '' : `  postgres_version: ${n}\n`) +
      '  databases:\n    dev: { url_env: DATABASE_URL }\n    prod: { url_env: DATABASE_URL_PROD }\n',
  );

const at = (name: string, serverVersion: DbFacts['serverVersion']) =>
  serverVersion === undefined ? facts(name) : facts(name, { serverVersion });

/** DB007's findings when dev and prod run these versions under `postgres_version: policy`. */
function db007(policy: number | undefined, dev: DbFacts['serverVersion'], prod: DbFacts['serverVersion']) {
  const report = buildAuditReport(
    [at('dev', dev), at('prod', prod)],
    linearGraph(),
    policyWith(policy),
    DB_RULES,
  );
  // The report files each finding under its database: `databases` says which one.
  const found = report.databases.flatMap((d) =>
    d.findings.filter((f) => f.rule === 'DB007').map((f) => ({ ...f, databases: [d.facts.name] })),
  );
  return { report, found };
}

describe('postgresMajor', () => {
  it('reads the major version of server_version_num, two-part before 10', () => {
    expect([150018, 180000, 100023, 90624, 90524].map(postgresMajor)).toEqual([15, 18, 10, 9.6, 9.5]);
  });
});

describe('DB007: the database runs another PostgreSQL than the policy says', () => {
  it('warns when a database is older, naming it, both versions and the truths that change', () => {
    const { report, found } = db007(14, { num: 140010 }, { num: 100023 });
    expect(found.map((f) => [f.severity, f.databases])).toEqual([['warning', ['prod']]]);
    const m = found[0]!.message;
    expect(m).toContain(
      'Database prod (app_prod) runs PostgreSQL 10, older than migrations.postgres_version: 14',
    );
    expect(m).toContain('constant default rewrites the whole table');
    expect(m).toContain('ADD VALUE');
    expect(m).toContain('SET NOT NULL');
    expect(m).toContain('set `migrations.postgres_version: 10`');
    // At prod's line, with the policy's postgres_version as the related place.
    expect(found[0]!.range.start.line).toBe(7);
    expect(found[0]!.related?.[0]?.range.start.line).toBe(4);
    // The server's version is not where the migrations stand: both stay OK.
    expect(report.databases.map((d) => d.diagnosis)).toEqual(['OK', 'OK']);
  });

  it('names only the truths between the two versions', () => {
    const eleven = db007(12, { num: 120001 }, { num: 110022 }).found[0]!.message;
    expect(eleven).not.toContain('constant default');
    expect(eleven).toContain('ADD VALUE');
    const twelve = db007(14, { num: 140001 }, { num: 120022 }).found[0]!.message;
    expect(twelve).toContain('no truth the rules use today changes between 12 and 14');
  });

  it('informs when a database is newer, and says nothing when it is the same version', () => {
    const { found } = db007(15, { num: 150018 }, { num: 170002 });
    expect(found.map((f) => [f.severity, f.databases])).toEqual([['info', ['prod']]]);
    expect(found[0]!.message).toContain('runs PostgreSQL 17, newer than migrations.postgres_version: 15');
    expect(found[0]!.message).toContain('fine if another environment still runs PostgreSQL 15');
  });

  it('compares with the default (14) when the policy does not set postgres_version', () => {
    const { found } = db007(undefined, { num: 140001 }, { num: 130005 });
    expect(found.map((f) => f.databases)).toEqual([['prod']]);
    expect(found[0]!.message).toContain('older than the default postgres_version 14');
    expect(found[0]!.related).toBeUndefined();
  });

  it('near miss: a server newer than the default, with no postgres_version set, is not reported', () => {
    expect(db007(undefined, { num: 160002 }, { num: 180001 }).found).toEqual([]);
  });

  it('judges 9.x by its whole-number policy value: 9.6 is postgres_version 9', () => {
    expect(db007(9, { num: 90624 }, { num: 90524 }).found).toEqual([]);
    const { found } = db007(10, { num: 100001 }, { num: 90624 });
    expect(found[0]!.message).toContain('runs PostgreSQL 9.6, older than migrations.postgres_version: 10');
    expect(found[0]!.message).toContain('set `migrations.postgres_version: 9`');
  });

  it('says when a version could not be read, and nothing for facts without one', () => {
    const { found } = db007(14, undefined, {
      unreadable: 'server_version_num is "", not a PostgreSQL version number',
    });
    expect(found.map((f) => [f.severity, f.databases])).toEqual([['info', ['prod']]]);
    expect(found[0]!.message).toContain('its PostgreSQL version could not be read (server_version_num is ""');
    expect(db007(14, undefined, undefined).found).toEqual([]);
  });

  it("lets the policy's rules: severity change or silence it", () => {
    const text =
      'version: 1\nrules: { DB007: off }\nmigrations:\n  databases:\n    prod: { url_env: DATABASE_URL_PROD }\n';
    const off = buildAuditReport(
      [facts('prod', { serverVersion: { num: 100001 } })],
      undefined,
      policyDoc(text),
      DB_RULES,
    );
    expect(off.findings.filter((f) => f.rule === 'DB007')).toEqual([]);
  });

  it('shows the version in the summaries, read or not', () => {
    const { report } = db007(14, { num: 150018 }, { unreadable: 'permission denied' });
    const ctx = { generatedAt: '2026-11-27T12:00:00.000Z', heads: ['a3'] };
    const [dev, prod] = report.databases;
    expect(renderSummaryText(dev!, ctx)).toContain('\npostgresql: 15 (server_version_num 150018)\n');
    expect(renderSummaryText(prod!, ctx)).toContain('\npostgresql: (version not read: permission denied)\n');
    expect(JSON.parse(renderSummaryJson(dev!, ctx)).serverVersionNum).toBe(150018);
    expect(JSON.parse(renderSummaryJson(prod!, ctx)).serverVersionNum).toBeNull();
  });
});
