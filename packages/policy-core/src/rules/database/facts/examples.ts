import type { RuleExample } from '../../../rule.js';

/**
 * What the DB rules' docs share, written once. Their findings come from live databases, so every
 * example is the same policy (a dev and a prod database) under a comment that says what the
 * databases hold.
 */

/**
 * The policy with the databases the DB rules compare, under `# situation`; with `postgresVersion`,
 * the `migrations.postgres_version` it names.
 */
export function databasesExample(
  verdict: RuleExample['verdict'],
  situation: string,
  postgresVersion?: number,
): RuleExample {
  return {
    verdict,
    file: 'slipway.yaml',
    text:
      `# ${situation}\n` +
      'version: 1\n' +
      'migrations:\n' +
      '  alembic: alembic/versions\n' +
      (postgresVersion !== undefined ? `  postgres_version: ${postgresVersion}\n` : '') +
      '  databases:\n' +
      '    dev:  { url_env: DATABASE_URL }\n' +
      '    prod: { url_env: DATABASE_URL_PROD }\n',
  };
}

/** The "how to suppress" section: a live database has no line for a comment. */
export function dbSuppressDocs(id: string, waivable = true): string {
  // DB006 runs in the guard, over its environment, not through the engine: no waiver reaches it.
  return (
    'DB findings come from a live database, not from a file, so no comment can suppress them: set ' +
    `\`rules: { ${id}: off }\` (or another severity) in the policy` +
    (waivable
      ? ', or list it under the policy\'s `waivers:` (with `paths: ["slipway.yaml"]`) until a day.'
      : '.')
  );
}
