import { z } from 'zod';
import { patternList } from './common.js';

export const databaseConfig = z
  .object({
    url_env: z.string().min(1).optional().describe('Environment variable holding the connection URL.'),
    url: z.string().min(1).optional().describe('Connection URL (use url_env for anything with a password).'),
  })
  .strict();

/** Seed 004: Alembic owns the schema. */
export const migrationsSection = z
  .object({
    alembic: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .optional()
      .describe(
        'Alembic version folder (e.g. `alembic/versions`), or a list of folders that are independent Alembic trees, ' +
          'each its own revision graph. Folders are read recursively (nested release folders).',
      ),
    baseline: z
      .string()
      .min(1)
      .optional()
      .describe('Revision id of the empty baseline migration an existing database was stamped at (MIG120).'),
    sql: patternList
      .default([])
      .describe(
        'gitignore-style patterns of hand-written .sql migration files. They are checked like op.execute SQL, ' +
          'and DDL there is not "schema changed outside Alembic" (MIG121).',
      ),
    databases: z
      .record(z.string(), databaseConfig)
      .optional()
      .describe('Databases `slipway db audit` and `guard` read, by name (e.g. dev, prod).'),
  })
  .strict();
