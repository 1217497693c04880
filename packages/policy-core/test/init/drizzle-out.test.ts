import { describe, expect, it } from 'vitest';
import { detectIn } from './init-harness.js';

/**
 * drizzle-kit reads a config's `out:` from the folder it runs in, not the config's folder
 * (drizzleConfigFromFile resolves `--config` against the working directory and passes `out` on
 * as written). A root script `drizzle-kit generate --config=db/drizzle.config.ts` with
 * `out: "./db/migrations"` writes db/migrations/; init looked in db/db/migrations/, found
 * nothing, and said nothing. These use drizzle-kit 1.0's folder layout
 * (`<timestamp>_<name>/migration.sql`, no journal), where only the config names the series.
 */
const MIGRATION = 'CREATE TABLE "users" ("id" serial PRIMARY KEY);\n';

function repo(config: string, out: string, scripts: Record<string, string> | undefined, at: string) {
  const files: Record<string, string> = {
    [config]: `import { defineConfig } from "drizzle-kit";\nexport default defineConfig({\n  dialect: "postgresql",\n  schema: "./schema.ts",\n  out: "${out}",\n});\n`,
    [`${at}20250101120000_init/migration.sql`]: MIGRATION,
    [`${at}20250101120000_init/snapshot.json`]: '{}\n',
  };
  if (scripts) files['package.json'] = `${JSON.stringify({ name: 'app', scripts }, null, 2)}\n`;
  return files;
}

const drizzleLines = (decisions: string[]) => decisions.filter((d) => d.includes('rizzle'));

describe("a drizzle.config's out:, from where drizzle-kit runs", () => {
  it('a root script naming a config in db/: out is read from the root', () => {
    const found = detectIn(
      repo(
        'db/drizzle.config.ts',
        './db/migrations',
        { 'db:generate': 'drizzle-kit generate --config=db/drizzle.config.ts' },
        'db/migrations/',
      ),
    );
    expect(found.sql).toEqual(['db/migrations/**/*.sql']);
    expect(found.sqlRunner).toBe('drizzle');
    expect(drizzleLines(found.decisions)[0]).toMatch(
      /^db\/migrations\/: Drizzle \(db\/drizzle\.config\.ts, postgresql\)/,
    );
  });

  it('`--config <path>`, and `cd db && drizzle-kit … --config config/…`, are read the same way', () => {
    const spaced = repo(
      'db/drizzle.config.ts',
      './db/migrations',
      { migrate: 'drizzle-kit migrate --config db/drizzle.config.ts' },
      'db/migrations/',
    );
    expect(detectIn(spaced).sql).toEqual(['db/migrations/**/*.sql']);
    expect(detectIn(spaced).sqlRunner).toBe('drizzle');
    const cd = repo(
      'db/config/drizzle.config.ts',
      './migrations',
      { migrate: 'cd db && drizzle-kit migrate --config config/drizzle.config.ts' },
      'db/migrations/',
    );
    expect(detectIn(cd).sql).toEqual(['db/migrations/**/*.sql']);
    expect(detectIn(cd).sqlRunner).toBe('drizzle');
  });

  it('near miss: no script, or one run beside the config, reads out from the config folder as before', () => {
    expect(detectIn(repo('db/drizzle.config.ts', './migrations', undefined, 'db/migrations/')).sql).toEqual([
      'db/migrations/**/*.sql',
    ]);
    const files = repo('db/drizzle.config.ts', './migrations', undefined, 'db/migrations/');
    files['db/package.json'] = '{ "name": "db", "scripts": { "generate": "drizzle-kit generate" } }\n';
    expect(detectIn(files).sql).toEqual(['db/migrations/**/*.sql']);
  });

  it('no script names a config kept below its package.json: out is read from the package folder', () => {
    const files = repo('src/db/drizzle.config.ts', './src/db/migrations', undefined, 'src/db/migrations/');
    files['package.json'] = '{ "name": "app", "scripts": { "build": "tsc" } }\n';
    expect(detectIn(files).sql).toEqual(['src/db/migrations/**/*.sql']);
    expect(detectIn(files).sqlRunner).toBe('drizzle');
  });

  it('where the two differ and the folder is not there, init says so instead of passing over it', () => {
    const found = detectIn(
      repo(
        'db/drizzle.config.ts',
        './migrations',
        { 'db:generate': 'drizzle-kit generate --config=db/drizzle.config.ts' },
        'db/migrations/',
      ),
    );
    expect(found.sqlRunner).not.toBe('drizzle');
    expect(found.decisions).toContain(
      'db/drizzle.config.ts: drizzle-kit reads `out: "./migrations"` from the folder it runs in (the repository root, where package.json "db:generate" runs it), and migrations/ holds no migrations; db/migrations/ beside the config holds 1 migration, but drizzle-kit does not read it from there. Not read as Drizzle\'s: fix `out:` or the script\'s --config',
    );
  });

  it('near miss: a config whose out: is found says nothing of the kind', () => {
    const found = detectIn(
      repo(
        'db/drizzle.config.ts',
        './db/migrations',
        { 'db:generate': 'drizzle-kit generate --config=db/drizzle.config.ts' },
        'db/migrations/',
      ),
    );
    expect(found.decisions.filter((d) => d.includes('holds no migrations'))).toEqual([]);
  });
});
