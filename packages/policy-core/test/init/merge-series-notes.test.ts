import { describe, expect, it } from 'vitest';
import { mergePolicyText } from '../../src/index.js';

/**
 * `init --merge` on a policy that lists as separate series the folders init reads as one (a
 * knexfile's list of directories, a data source's array): the user's key is kept byte for byte,
 * and the difference is named in what was kept, so the user can join them by hand.
 */
const mine = (knex: string) => `version: 1\nmigrations:\n  knex:\n${knex}`;
const INIT = `version: 1\nmigrations:\n  knex:\n    - folders:\n        - "db/migrations"\n        - "plugins/migrations"\n      sort_dirs_separately: true\n`;

function merge(existing: string, fromInit = INIT) {
  const out = mergePolicyText(existing, fromInit);
  if (!out.ok) throw new Error(out.reason);
  return out;
}

describe('init --merge: series the user lists apart', () => {
  it('two entries init reads as one series: kept as written, the join named', () => {
    const existing = mine('    - db/migrations\n    - plugins/migrations\n');
    const out = merge(existing);
    expect(out.text).toBe(existing);
    expect(out.kept).toContain(
      'migrations.knex: init reads db/migrations, plugins/migrations as one series ({ folders: [db/migrations, plugins/migrations], sort_dirs_separately: true }: one knexfile runs them together); yours lists them as separate series, kept as written: join them by hand if that is how they run',
    );
  });

  it('the same series in another order: named', () => {
    const existing = mine('    - folders: [db/migrations, plugins/migrations]\n');
    const out = merge(existing);
    expect(out.text).toBe(existing);
    expect(out.kept).toContain(
      'migrations.knex: init reads db/migrations, plugins/migrations folder by folder (the knexfile says sortDirsSeparately: true); yours says otherwise, kept as written: check the knexfile',
    );
  });

  it('TypeORM: a data source array over two folders the user lists apart', () => {
    const existing = 'version: 1\nmigrations:\n  typeorm: [src/migrations, src/ee/migrations]\n';
    const out = merge(
      existing,
      'version: 1\nmigrations:\n  typeorm:\n    - folders:\n        - "src/migrations"\n        - "./src/ee/migrations/"\n',
    );
    expect(out.text).toBe(existing);
    expect(out.kept.filter((k) => k.startsWith('migrations.typeorm:'))).toHaveLength(1);
  });

  it.each([
    [
      'the same series, the same order',
      '    - folders: [db/migrations, plugins/migrations]\n      sort_dirs_separately: true\n',
    ],
    ['a folder init found that the user does not list (theirs to add)', '    - db/migrations\n'],
    ['a value init could not have written', '    - { folders: 7 }\n'],
  ])('near miss: %s says nothing of series', (_what, knex) => {
    const out = merge(mine(knex));
    expect(out.kept.filter((k) => k.startsWith('migrations.knex:'))).toEqual([]);
  });
});
