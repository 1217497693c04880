import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A MIG rule fixture's migration, as the database tests run it on a real PostgreSQL: the text of
 * `db/migrations/<name>` of fixture `<rule>/<fixture>`, and its statements as psql sends them
 * (split at `;` ending a line, comments dropped, blank ones left out).
 */
export function fixtureSql(rule: string, fixture: string, name: string): string {
  const dir = fileURLToPath(
    new URL(`../../../policy-core/test/rules/migrations/fixtures/${rule}/`, import.meta.url),
  );
  return readFileSync(`${dir}${fixture}/db/migrations/${name}`, 'utf8');
}

export function sqlStatements(text: string): string[] {
  return text
    .split(/;\n/)
    .map((s) => s.replace(/--.*$/gm, '').trim())
    .filter((s) => s !== '');
}
