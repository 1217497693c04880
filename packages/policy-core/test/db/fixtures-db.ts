import {
  type DbFacts,
  graphViewFromParents,
  type PolicyDocument,
  parsePolicyText,
} from '@slipway/policy-core';

export const POLICY_YAML = `version: 1
migrations:
  alembic: alembic/versions
  baseline: base0001
  databases:
    dev: { url_env: DATABASE_URL }
    prod: { url_env: DATABASE_URL_PROD }
`;

export function policyDoc(text = POLICY_YAML): PolicyDocument {
  const parsed = parsePolicyText(text, 'slipway.yaml');
  if (!parsed.document) throw new Error(parsed.findings.map((f) => f.message).join('; '));
  return parsed.document;
}

/** base0001 → a1 → a2 → a3 (head), with a3 dropping a table. */
export const linearGraph = () =>
  graphViewFromParents(
    { base0001: [], a1: ['base0001'], a2: ['a1'], a3: ['a2'] },
    {
      files: {
        base0001: 'alembic/versions/base0001_baseline.py',
        a1: 'alembic/versions/a1_add_orders.py',
        a2: 'alembic/versions/a2_add_index.py',
        a3: 'alembic/versions/a3_drop_legacy.py',
      },
      destructive: [
        {
          rule: 'MIG001',
          revision: 'a3',
          file: 'alembic/versions/a3_drop_legacy.py',
          line: 11,
          description: 'drop table "legacy"',
        },
      ],
    },
  );

export function facts(name: string, over: Partial<DbFacts> = {}): DbFacts {
  return {
    name,
    url: `postgresql://app:***@127.0.0.1:5432/${name}`,
    database: `app_${name}`,
    user: 'app',
    searchPath: '"$user", public',
    schema: 'public',
    schemaExists: true,
    tables: ['orders', 'users'],
    alembic: { present: true, versions: ['a3'] },
    ...over,
  };
}
