import type { RuleExample } from '../../../rule.js';

/** A documentation example written as a hand-written `.sql` migration (the policy's `sql:` files). */
export function sqlExample(verdict: RuleExample['verdict'], name: string, sql: string): RuleExample {
  return { verdict, file: `db/migrations/0002_${name}.sql`, text: `${sql.trim()}\n` };
}

/** The "how to suppress" section every lock rule shares, in both comment syntaxes. */
export function suppressDocs(id: string): string {
  return (
    `One finding: \`# slipway: allow ${id} -- reason\` on its line or the line above (\`-- slipway: ` +
    `allow ${id} -- reason\` in .sql files). Every finding: \`rules: { ${id}: off }\` (or another ` +
    'severity) in the policy.'
  );
}

/** The sentence every lock rule's docs end `why` with: what `slipway trace` shows for it. */
export const TRACE_NOTE =
  '`slipway trace` runs the statement on an embedded PostgreSQL and lists the locks it really took ' +
  '(`pg_locks`) and whether the table was rewritten.';
