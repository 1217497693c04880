import { DbOpenError, openDb } from '@slipway/policy-core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectionListener, listenForConnections } from '../../../../test/helpers/spawn-recorder.js';

/**
 * A SQLAlchemy URL names its database in the scheme (`mysql+pymysql://`): the audit's opener (and
 * the guard's database step, which opens through it) calls it by that name, opens nothing, and
 * never says "not a database URL". The near miss, `postgresql+psycopg://`, is PostgreSQL: opened.
 */
let listener: ConnectionListener;
beforeAll(async () => {
  listener = await listenForConnections();
});
afterAll(() => listener.close());

const open = (url: string) =>
  openDb({ name: 'prod', url, source: '$DATABASE_URL_PROD' }, { cwd: '/', connectTimeoutMs: 2000 }).then(
    async (c) => {
      await c.close();
      return 'opened';
    },
    (err: unknown) => (err instanceof DbOpenError ? err.message : `not a DbOpenError: ${String(err)}`),
  );

describe('openDb calls another database by its name', () => {
  const others: [string, string, string][] = [
    ['mysql+pymysql', 'mysql+pymysql://app:Sekret@127.0.0.1:{port}/app', 'MySQL'],
    ['mysql', 'mysql://app:Sekret@127.0.0.1:{port}/app', 'MySQL'],
    ['sqlite', 'sqlite:///instance/app.db', 'SQLite'],
    ['mssql+pyodbc', 'mssql+pyodbc://app:Sekret@127.0.0.1:{port}/app?driver=ODBC', 'SQL Server'],
    ['oracle', 'oracle://app:Sekret@127.0.0.1:{port}/xe', 'Oracle'],
  ];
  for (const [scheme, shape, name] of others) {
    it(`${scheme}://: "the audit reads PostgreSQL only; this database is ${name}", nothing opened`, async () => {
      const before = listener.connections();
      const url = shape.replace('{port}', String(listener.port));
      const said = await open(url);
      expect(said).toBe(
        `prod: the audit reads PostgreSQL only; this database is ${name} (from $DATABASE_URL_PROD: ${url.replace(':Sekret@', ':***@')})`,
      );
      expect(said).not.toContain('Sekret');
      expect(listener.connections()).toBe(before);
    });
  }

  it('near miss: postgresql+psycopg:// is PostgreSQL, and pg connects to it', async () => {
    const before = listener.connections();
    const said = await open(`postgresql+psycopg://app:Sekret@127.0.0.1:${listener.port}/app`);
    expect(said).toMatch(/^prod: /);
    expect(said).not.toMatch(/PostgreSQL only|not a database URL|not a valid URL/);
    expect(said).not.toContain('Sekret');
    expect(listener.connections()).toBe(before + 1);
  });

  it('near miss: a scheme that names no database is still "not a database URL"', async () => {
    expect(await open('redis://127.0.0.1:6379/0')).toBe(
      'prod: $DATABASE_URL_PROD is not a database URL (redis://127.0.0.1:6379/0); use postgresql://user@host:port/db or pglite:///path/to/dir',
    );
  });
});
