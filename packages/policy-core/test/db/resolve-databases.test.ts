import { parsePolicyText } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { DeployError } from '../../src/deploy/flow/deploy-error.js';
import { resolveDatabases } from '../../src/db/resolve-databases.js';

const doc = (text: string) => parsePolicyText(text, 'slipway.yaml').document!;
const defaults = doc('version: 1\nmigrations:\n  alembic: alembic/versions\n');
const configured = doc(
  'version: 1\nmigrations:\n  databases:\n    dev: { url_env: DEV_URL }\n    staging: { url: "pglite://./.db/staging" }\n    prod: {}\n',
);

describe('which databases the audit reads', () => {
  it('defaults to dev from $DATABASE_URL and prod from $DATABASE_URL_PROD, each when set (trimmed)', () => {
    const r = resolveDatabases(defaults, { DATABASE_URL: 'postgresql://a@h/dev\n' });
    expect(r.configured).toBe(false);
    expect(r.targets).toEqual([{ name: 'dev', url: 'postgresql://a@h/dev', source: '$DATABASE_URL' }]);
    expect(r.skipped).toEqual([{ name: 'prod', reason: '$DATABASE_URL_PROD is not set' }]);
  });

  it('rejects an unknown --db name, listing the known ones', () => {
    expect(() => resolveDatabases(defaults, {}, ['qa'])).toThrow(
      '--db qa: unknown database; without migrations.databases in slipway.yaml the databases are dev, prod',
    );
  });

  it('reads migrations.databases, and a database with neither url nor url_env is a config error at its line', () => {
    const err = (() => {
      try {
        resolveDatabases(configured, { DEV_URL: 'postgresql://a@h/dev' });
      } catch (e) {
        return e;
      }
    })() as DeployError;
    expect(err).toBeInstanceOf(DeployError);
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe('slipway.yaml:6: migrations.databases.prod needs url_env (or url)');
    const r = resolveDatabases(configured, {}, ['staging']);
    expect(r.targets).toEqual([
      {
        name: 'staging',
        url: 'pglite://./.db/staging',
        source: 'slipway.yaml:5 migrations.databases.staging.url',
      },
    ]);
  });
});
