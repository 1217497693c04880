import { describe, expect, it } from 'vitest';
import { imageDatabase } from '../../src/init/compose-database-image.js';
import { detectIn } from './init-harness.js';

/**
 * The database a compose file's image runs, by the image's own name. Seen on DashHub-ai/DashHub:
 * `image: docker.io/pgvector/pgvector:pg17` in docker-compose.yml gave "database: not named".
 */
const MIGRATIONS = { 'db/migrations/0001_users.sql': 'CREATE TABLE users (id int);\n' };
const compose = (image: string) => ({
  ...MIGRATIONS,
  'docker-compose.yml': `services:\n  db:\n    image: ${image}\n    ports:\n      - "5432:5432"\n`,
});
const databaseLine = (files: Record<string, string>) =>
  detectIn(files).decisions.find((d) => d.startsWith('database:')) ?? '';

describe('compose images that run PostgreSQL or MySQL', () => {
  it("DashHub's pgvector image is PostgreSQL, named from the compose file", () => {
    const found = detectIn(compose('docker.io/pgvector/pgvector:pg17'));
    expect(found.dialect).toEqual({ name: 'postgresql', evidence: 'docker-compose.yml (image)' });
    expect(databaseLine(compose('docker.io/pgvector/pgvector:pg17'))).toContain('database: postgresql');
  });

  it.each([
    'postgres:16-alpine',
    '"postgis/postgis:16-3.4"',
    'ankane/pgvector',
    'timescale/timescaledb:latest-pg16',
    'timescale/timescaledb-ha:pg16',
    'supabase/postgres:15.1.0.147',
    'bitnami/postgresql:16',
    'bitnami/postgresql-repmgr:16',
    'ghcr.io/cloudnative-pg/postgresql:16.2',
    'citusdata/citus:12.1',
    'paradedb/paradedb:latest',
    'postgres@sha256:0123abcd',
  ])('%s is PostgreSQL', (image) => {
    expect(imageDatabase(image.replaceAll('"', ''))).toBe('postgresql');
    expect(detectIn(compose(image)).dialect?.name).toBe('postgresql');
  });

  it.each([
    'mysql:8.4',
    'mysql/mysql-server:8.0',
    'mariadb:11',
    'bitnami/mysql:8.0',
    'percona/percona-server:8.0',
  ])('near miss: %s is MySQL, not PostgreSQL', (image) => {
    expect(detectIn(compose(image)).dialect?.name).toBe('mysql');
  });

  it.each([
    'prometheuscommunity/postgres-exporter:v0.15.0',
    'quay.io/prometheuscommunity/postgres-exporter',
    'dpage/pgadmin4:8',
    'edoburu/pgbouncer:latest',
    'mysql-router:8',
    'redis:7',
  ])('near miss: %s runs no database of its own; the database stays not named', (image) => {
    expect(imageDatabase(image)).toBeUndefined();
    expect(databaseLine(compose(image))).toContain('database: not named');
  });
});
