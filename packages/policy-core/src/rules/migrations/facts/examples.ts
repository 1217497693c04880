import type { RuleExample } from '../../../rule.js';

/**
 * A documentation example: a whole Alembic revision file around the lines that matter, so that
 * the registry test can run it through the rule exactly as a repository would hold it.
 */
export function migrationExample(
  verdict: RuleExample['verdict'],
  name: string,
  upgrade: string,
  downgrade = 'pass',
): RuleExample {
  const body = (code: string) =>
    code
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n');
  return {
    verdict,
    file: `alembic/versions/b2c3d4e5f6a7_${name}.py`,
    text: [
      'import sqlalchemy as sa',
      'from alembic import op',
      '',
      'revision = "b2c3d4e5f6a7"',
      'down_revision = None',
      '',
      '',
      'def upgrade():',
      body(upgrade),
      '',
      '',
      'def downgrade():',
      body(downgrade),
      '',
    ].join('\n'),
  };
}

/** What `revisionFile` writes; the header lines follow the variables unless told otherwise. */
export interface RevisionFileParts {
  /** The docstring's first line (Alembic's `-m` message). */
  title: string;
  rev: string;
  /** The parent revision; null for a base. */
  down: string | null;
  /** `upgrade()`'s body, unindented, one statement a line. */
  upgrade: string;
  /** `downgrade()`'s body, unindented. */
  downgrade: string;
  /** The docstring's `Revises:` value when it disagrees with `down` (MIG104's examples). */
  headerRevises?: string;
  /** The import lines, when not Alembic's usual `sqlalchemy as sa` and `op`. */
  imports?: string;
}

/**
 * A whole revision file as `alembic revision` writes it (docstring header, the four variables,
 * both functions): the history rules' examples (MIG100-MIG105) are several of these side by side,
 * differing only in their ids, parents and one operation.
 */
export function revisionFile(parts: RevisionFileParts): string {
  const indent = (code: string) =>
    code
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n');
  return [
    `"""${parts.title}`,
    '',
    `Revision ID: ${parts.rev}`,
    `Revises: ${parts.headerRevises ?? parts.down ?? ''}`,
    'Create Date: 2025-12-01 09:12:44.123456',
    '',
    '"""',
    parts.imports ?? 'import sqlalchemy as sa\nfrom alembic import op',
    '',
    `revision = "${parts.rev}"`,
    `down_revision = ${parts.down === null ? 'None' : `"${parts.down}"`}`,
    'branch_labels = None',
    'depends_on = None',
    '',
    '',
    'def upgrade():',
    indent(parts.upgrade),
    '',
    '',
    'def downgrade():',
    indent(parts.downgrade),
    '',
  ].join('\n');
}

type Ids = Pick<RevisionFileParts, 'rev' | 'down' | 'headerRevises'>;

/** The history rules' examples tell one story: a users table, then a column or two added to it. */
export function createUsers(ids: Partial<Ids> = {}): string {
  return revisionFile({
    title: 'create users',
    rev: '3b7c2e9d41a0',
    down: null,
    upgrade: 'op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True))',
    downgrade: 'op.drop_table("users")',
    ...ids,
  });
}

const COLUMNS = {
  locale: { title: 'add user locale', type: 'sa.String(8)' },
  time_zone: { title: 'add user time zone', type: 'sa.String(64)' },
};

/** A revision adding one nullable column to users, with a lock timeout, as the story goes on. */
export function addUserColumn(column: keyof typeof COLUMNS, ids: Ids): string {
  const { title, type } = COLUMNS[column];
  return revisionFile({
    title,
    upgrade: `op.execute("SET lock_timeout = '5s'")\nop.add_column("users", sa.Column("${column}", ${type}, nullable=True))`,
    downgrade: `op.drop_column("users", "${column}")`,
    ...ids,
  });
}

/** The story's first two files (users created, then its locale added), by path: an example's `beside`. */
export function usersThenLocale(): Record<string, string> {
  return {
    'alembic/versions/3b7c2e9d41a0_create_users.py': createUsers(),
    'alembic/versions/9f8e7d6c5b4a_add_user_locale.py': localeAfterUsersText(),
  };
}

/** The story's second file alone (its locale added to users), by path. */
export function localeAfterUsers(): Record<string, string> {
  return { 'alembic/versions/9f8e7d6c5b4a_add_user_locale.py': localeAfterUsersText() };
}

const localeAfterUsersText = () => addUserColumn('locale', { rev: '9f8e7d6c5b4a', down: '3b7c2e9d41a0' });

/**
 * The story's third file, the time zone column, beside the first two: with its own ids (after
 * the locale column), or with `ids` the history rules bend (a second head, a duplicate id, a
 * header that disagrees).
 */
export function timeZoneExample(
  verdict: RuleExample['verdict'],
  ids: Ids = { rev: '7d1e4a9b2c3f', down: '9f8e7d6c5b4a' },
): RuleExample {
  return {
    verdict,
    file: 'alembic/versions/7d1e4a9b2c3f_add_user_time_zone.py',
    text: addUserColumn('time_zone', ids),
    beside: usersThenLocale(),
  };
}
