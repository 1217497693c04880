import { describe, expect, it } from 'vitest';
import { detectIn, initPolicy } from './init-harness.js';

/**
 * `slipway init` on MikroORM migrations as medusajs/medusa lays them out: a `src/migrations/` per
 * module, `Migration` imported from @mikro-orm/migrations or re-exported by @medusajs/framework,
 * each folder proposed under `migrations.mikro_orm` as its own series, and its last file taken as
 * run (`applied_through`). A class named `Migration...` that is no MikroORM migration is not.
 */
const migration = (from: string, name: string, sql: string) =>
  `import { Migration } from "${from}";\nexport class ${name} extends Migration {\n  async up(): Promise<void> {\n    this.addSql('${sql}');\n  }\n}\n`;

const FILES = {
  'packages/modules/user/src/migrations/Migration20240214033943.ts': migration(
    '@mikro-orm/migrations',
    'Migration20240214033943',
    'create table "user" ("id" text not null);',
  ),
  'packages/modules/user/src/migrations/Migration20240703095850.ts': migration(
    '@mikro-orm/migrations',
    'Migration20240703095850',
    'alter table "user" add column "email" text null;',
  ),
  'packages/modules/cart/src/migrations/Migration20240831125857.ts': migration(
    '@medusajs/framework/mikro-orm/migrations',
    'Migration20240831125857',
    'alter table "cart" add column "completed_at" timestamptz null;',
  ),
  // Near miss: a class named like one, extending nothing MikroORM's.
  'src/migrations/Migration20240101000000.ts': 'export class Migration20240101000000 {\n  up() {}\n}\n',
};

describe('init on MikroORM migrations', () => {
  it("proposes each module's folder, says why, and takes each one's last file as run", () => {
    const found = detectIn(FILES);
    expect(found.mikro_orm).toEqual([
      'packages/modules/cart/src/migrations',
      'packages/modules/user/src/migrations',
    ]);
    expect(found.knex).toEqual([]);
    expect(found.decisions).toContain(
      "packages/modules/user/src/migrations: 2 MikroORM migrations (classes extending MikroORM's Migration); checked as MikroORM migrations (migrations.mikro_orm)",
    );
    expect(found.appliedThrough).toEqual([
      'packages/modules/cart/src/migrations/Migration20240831125857.ts',
      'packages/modules/user/src/migrations/Migration20240703095850.ts',
    ]);
    expect(
      found.decisions.some((d) =>
        /MikroORM migrations up to .* \(file names sorted, as MikroORM's Migrator runs them\)/.test(d),
      ),
    ).toBe(true);
    expect(found.protectedPaths).toContain('packages/modules/user/src/migrations/');
    expect(found.protectedPaths).not.toContain('src/migrations/');
    const { policy } = initPolicy(found);
    expect(policy.policy.migrations?.mikro_orm).toEqual(found.mikro_orm);
  });
});
