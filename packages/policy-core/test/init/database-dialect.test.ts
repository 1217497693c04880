import { beforeAll, describe, expect, it } from 'vitest';
import {
  initMigrationParsers,
  MemoryRepo,
  parsePolicyText,
  renderPolicy,
  runCheck,
} from '../../src/index.js';
import { migration } from '../migrations/mig-source.js';
import { detectIn as detected, initPolicy } from './init-harness.js';

beforeAll(() => initMigrationParsers());

const tree = (ini: string, extra: Record<string, string> = {}) => ({
  'alembic.ini': `[alembic]\nscript_location = alembic\n${ini}`,
  'alembic/env.py': 'from alembic import context\n',
  'alembic/versions/0001.py': migration(
    '0001',
    null,
    "op.create_table('users', sa.Column('id', sa.Integer()))",
  ),
  ...extra,
});

describe('init names the database the migrations run on', () => {
  it('a SQLite app: written as migrations.dialect, and its next migration gets no PostgreSQL advice', () => {
    const files = tree('sqlalchemy.url = sqlite:///instance/app.db\n');
    const found = detected(files);
    expect(found.dialect).toEqual({ name: 'sqlite', evidence: 'alembic.ini' });
    expect(found.decisions).toContain(
      "database: sqlite (from alembic.ini); PostgreSQL's lock rules stay silent, the rules on lost data and reversibility still judge (migrations.dialect)",
    );
    const { text, policy } = initPolicy(found);
    expect(text).toContain('  dialect: sqlite  # found in alembic.ini\n');
    // The agent's next revision: an index built under lock, a PRAGMA, and a table dropped.
    const next = migration(
      '0002',
      '0001',
      "op.execute('PRAGMA foreign_keys=OFF')\nop.create_index('ix_users_id', 'users', ['id'])\nop.drop_table('sessions')",
      {
        downgrade:
          "op.create_table('sessions', sa.Column('id', sa.Integer()))\nop.drop_index('ix_users_id', table_name='users')",
      },
    );
    const repo = new MemoryRepo({ ...files, 'alembic/versions/0002.py': next, 'slipway.yaml': text });
    const rules = runCheck({ policy, repo, only: ['MIG'] }).findings.map((f) => f.rule);
    expect(rules).toEqual(['MIG001']);
    // The same tree judged as PostgreSQL: the lock advice and the unread PRAGMA are back.
    const asPostgres = parsePolicyText(
      text.replace('dialect: sqlite', 'dialect: postgresql'),
      'slipway.yaml',
    );
    if (!asPostgres.document) throw new Error('invalid policy');
    const pgRules = runCheck({ policy: asPostgres.document, repo, only: ['MIG'] }).findings.map(
      (f) => f.rule,
    );
    expect(pgRules).toEqual(expect.arrayContaining(['MIG001', 'MIG020', 'MIG030']));
  });

  it('reads MySQL from env.py and an example .env, with its driver', () => {
    const found = detected(
      tree('sqlalchemy.url = driver://user:pass@localhost/dbname\n', {
        'alembic/env.py': 'url = os.environ.get("DB", "mysql+pymysql://app@localhost/app")\n',
        '.env.example': 'DATABASE_URL=mysql://app:secret@db/app\n',
      }),
    );
    expect(found.dialect).toEqual({ name: 'mysql', evidence: 'alembic/env.py, .env.example' });
  });

  it('PostgreSQL in production, SQLite in tests and a dev default: PostgreSQL, and says so', () => {
    const found = detected(
      tree('', {
        'app/settings.py': 'DATABASE_URL = os.getenv("DATABASE_URL", "sqlite:///dev.db")\n',
        'docker-compose.yml': 'services:\n  db:\n    image: "postgres:16-alpine"\n',
        'tests/conftest.py': 'engine = create_engine("sqlite://")\n',
      }),
    );
    expect(found.dialect?.name).toBe('postgresql');
    expect(found.decisions.find((d) => d.startsWith('database:'))).toBe(
      'database: postgresql (from docker-compose.yml (image)); sqlite in app/settings.py too, postgresql kept (its rules are the stricter); the PostgreSQL lock rules apply (migrations.dialect)',
    );
  });

  it('near miss: nothing names a database (a test fixture does not count): no dialect line, and said', () => {
    const found = detected(
      tree('sqlalchemy.url =\n', { 'tests/test_db.py': 'URL = "sqlite:///:memory:"\n' }),
    );
    expect(found.dialect).toBeUndefined();
    expect(found.decisions).toContain(
      "database: not named in the project's settings (alembic.ini, env.py, settings and Django's ENGINE, an example .env, a knexfile, sequelize or TypeORM config, drizzle.config, schema.prisma); the lock rules assume PostgreSQL (set migrations.dialect if not)",
    );
    expect(renderPolicy(found, 'main')).not.toContain('dialect:');
  });

  it("Django's ENGINE names it: its own backends, GIS ones and wrappers named after them (netbox was 'not named')", () => {
    // netbox-community/netbox's netbox/settings.py sets the engine itself, no URL anywhere.
    const netbox = detected(
      tree('sqlalchemy.url =\n', {
        'netbox/netbox/settings.py':
          "if 'ENGINE' not in DATABASE:\n    if METRICS_ENABLED:\n        DATABASE.update({'ENGINE': 'django_prometheus.db.backends.postgresql'})\n    else:\n        DATABASE.update({'ENGINE': 'django.db.backends.postgresql'})\n",
      }),
    );
    expect(netbox.dialect).toEqual({ name: 'postgresql', evidence: 'netbox/netbox/settings.py (ENGINE)' });
    const gis = detected(
      tree('sqlalchemy.url =\n', {
        'app/settings.py':
          'DATABASES = {"default": {"ENGINE": "django.contrib.gis.db.backends.spatialite"}}\n',
      }),
    );
    expect(gis.dialect?.name).toBe('sqlite');
    const oracle = detected(
      tree('sqlalchemy.url =\n', {
        'app/settings.py': "DATABASES = {'default': {'ENGINE': 'django.db.backends.oracle'}}\n",
      }),
    );
    expect(oracle.dialect).toBeUndefined();
    expect(oracle.decisions.find((d) => d.startsWith('database:'))).toContain(
      'database: Oracle (from app/settings.py (ENGINE))',
    );
    // Near miss: another setting's dotted path (a cache backend) names no database.
    const cache = detected(
      tree('sqlalchemy.url =\n', {
        'app/settings.py':
          "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.db.DatabaseCache'}}\n",
      }),
    );
    expect(cache.dialect).toBeUndefined();
  });

  // Found on real Sequelize projects: SEQUELIZE_CONNECTION=postgres in .env.example, and a
  // config.js with dialect: 'postgres', were both 'not named' (only URLs were read).
  const SEQUELIZE = {
    'migrations/20240101000000-create-users.js':
      "module.exports = { async up(queryInterface, Sequelize) { await queryInterface.createTable('users', {}); }, async down() {} };\n",
    '.sequelizerc': "module.exports = { 'migrations-path': 'migrations' };\n",
  };
  it.each([
    [
      'a .env example',
      { '.env.example': 'SEQUELIZE_CONNECTION=postgres\nDB_HOST=localhost\n' },
      'postgresql',
      '.env.example (SEQUELIZE_CONNECTION)',
    ],
    [
      "sequelize-cli's config",
      { 'config/config.json': '{ "development": { "dialect": "mysql" } }\n' },
      'mysql',
      'config/config.json (dialect)',
    ],
    [
      'an app config module',
      { 'front/config.js': "module.exports = { dialect: 'postgres' };\n" },
      'postgresql',
      'front/config.js (dialect)',
    ],
    [
      'a knexfile',
      { 'knexfile.js': "module.exports = { client: 'pg' };\n" },
      'postgresql',
      'knexfile.js (client)',
    ],
    [
      'a TypeORM DataSource',
      { 'src/data-source.ts': 'export default new DataSource({ type: "better-sqlite3" });\n' },
      'sqlite',
      'src/data-source.ts (type)',
    ],
  ])('reads the database from %s', (_name, extra, dialect, evidence) => {
    const found = detected({ ...SEQUELIZE, ...extra });
    expect(found.dialect).toEqual({ name: dialect, evidence });
  });

  it('near miss: a setting of another kind, or one in a test folder, names no database', () => {
    const found = detected({
      ...SEQUELIZE,
      'config.js': "module.exports = { type: 'module', client: 'browser' };\n",
      'test/config.js': "module.exports = { dialect: 'sqlite' };\n",
    });
    expect(found.dialect).toBeUndefined();
  });

  it('near miss: no migrations, no database question', () => {
    const files = { 'app/settings.py': 'DATABASE_URL = "sqlite:///dev.db"\n' };
    const found = detected(files);
    expect(found.dialect).toBeUndefined();
    expect(found.decisions.some((d) => d.startsWith('database:'))).toBe(false);
  });
});

describe('init wires the database audit (databases:) for PostgreSQL only', () => {
  const cases: [string, Record<string, string>, string | undefined][] = [
    [
      'MySQL in alembic.ini',
      { 'alembic.ini': 'sqlalchemy.url = mysql+pymysql://app@db/app\n' },
      'MySQL (from alembic.ini)',
    ],
    [
      'SQLite in an env file',
      { '.env.example': 'DATABASE_URL=sqlite:///instance/app.db\n' },
      'SQLite (from .env.example)',
    ],
    [
      'SQL Server in alembic.ini',
      { 'alembic.ini': 'sqlalchemy.url = mssql+pyodbc://app@dsn\n' },
      'SQL Server (from alembic.ini)',
    ],
    [
      'Oracle in env.py',
      { 'alembic/env.py': 'URL = "oracle://app@db:1521/xe"\n' },
      'Oracle (from alembic/env.py)',
    ],
    [
      'near miss: postgresql+psycopg',
      { 'alembic.ini': 'sqlalchemy.url = postgresql+psycopg://app@db/app\n' },
      undefined,
    ],
    ['near miss: nothing names a database', {}, undefined],
  ];
  for (const [name, extra, other] of cases) {
    it(`${name}: ${other ? 'no databases: entry, and says why' : 'databases: written'}`, () => {
      const files = tree('', {});
      if (extra['alembic.ini']) files['alembic.ini'] += extra['alembic.ini'];
      const found = detected({
        ...files,
        ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'alembic.ini')),
      });
      const { text, policy } = initPolicy(found);
      const line = found.decisions.find((d) => d.startsWith('databases:'));
      if (other === undefined) {
        expect(text).toContain('  databases:\n    dev: { url_env: DATABASE_URL }\n');
        expect(policy.policy.migrations?.databases).toBeDefined();
        expect(line).toBeUndefined();
      } else {
        expect(text).not.toContain('databases:');
        expect(policy.policy.migrations?.databases).toBeUndefined();
        expect(line).toBe(
          `databases: none written; the database audit (DB*) reads PostgreSQL only, and this database is ${other}`,
        );
      }
    });
  }
});
