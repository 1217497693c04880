import { judgedPaths, MemoryRepo, parsePolicyText, unjudgedLayouts } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

// JS/TS migration scripts of a tool Slipway does not know, kept in an `alterations/` folder and
// not numbered until released: said as not judged (COV001), never passed over.
function seen(files: Record<string, string>) {
  const r = new MemoryRepo(files);
  const policy = parsePolicyText('version: 1\n').document?.policy;
  if (!policy) throw new Error('the empty policy did not parse');
  return Object.fromEntries(
    unjudgedLayouts(r, judgedPaths(r, policy)).map((l) => [l.entry.id, l.files.length]),
  );
}

describe('migration scripts that define up and down, outside a numbered layout', () => {
  it("logto's alterations are migrations of a tool Slipway does not know, numbered or `next-`", () => {
    // logto-io/logto packages/schemas/alterations/: `<version>-<timestamp>-<name>.ts`, and
    // `next-<timestamp>-<name>.ts` until released, each `{ up, down }` running slonik's `sql`.
    const alteration =
      "import { sql } from '@silverhand/slonik';\n\nconst alteration: AlterationScript = {\n  up: async (pool) => {\n    await pool.query(sql`alter table users drop column name`);\n  },\n  down: async (pool) => {\n    await pool.query(sql`alter table users add column name text`);\n  },\n};\n\nexport default alteration;\n";
    expect(
      seen({
        'packages/schemas/alterations/1.0.0-1677208902-update-admin-console-config.ts': alteration,
        'packages/schemas/alterations/next-1786414712-add-service-logs-email-indexes.ts': alteration,
        'packages/schemas/alterations/README.md': '# Database alteration\n',
      }),
    ).toEqual({ 'js-migrations': 1, 'js-up-down': 1 });
    // Near misses: a file beside migrations that defines no down (a list, a helper), and an
    // alterations folder of something else than JS/TS.
    expect(
      seen({
        'src/migrations/index.ts':
          "import * as m1 from './m1';\nexport const migrations = [{ up: m1.up }];\n",
        'src/migrations/helpers.ts': 'export const update = (x: number) => x;\n',
        'docs/alterations/next-release.md': 'up: and down: explained\n',
        // A runner beside them calls up and down; it defines neither.
        'src/migrations/run.ts':
          'export async function run(connection, { up, down }, back) {\n  if (back) await down(connection);\n  else await up(connection);\n}\n',
        // logto's CLI folder is `alteration`, singular: its code, not its alterations.
        'packages/cli/src/commands/database/alteration/index.ts':
          'export const x = { up: async () => {}, down: async () => {} };\n',
      }),
    ).toEqual({});
  });
});
