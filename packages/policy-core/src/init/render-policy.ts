import { JS_TOOLS, type JsTool } from '../migrations/js-tools.js';
import type { JsSeriesEntry } from '../migrations/js-series-entries.js';
import type { Detected } from './detect-layout.js';
import { RULE_IDS } from '../rule-ids.generated.js';
import { printable } from '../output/printable.js';

/** Writes slipway.yaml text for what was detected, with comments that say what each part is for. */
export function renderPolicy(d: Detected, productionBranch: string): string {
  const q = (s: string) => JSON.stringify(s);
  const list = (items: string[], indent: string) => items.map((i) => `${indent}- ${q(i)}`).join('\n');
  const out: string[] = [
    '# Slipway policy: https://www.npmjs.com/package/@slipway/policy-core — `slipway explain <RULE>` for each rule.',
    'version: 1',
    `production_branch: ${q(productionBranch)}`,
    '',
    `# Changes to these paths need the label after a human review (${RULE_IDS.protectedWithoutLabel}/${RULE_IDS.agentEditsProtected}): the`,
    '# migrations, CI workflows, this file and the deploy state found in the repository.',
    'protected:',
    '  label: approved-core-change',
    `  paths:\n${list(d.protectedPaths, '    ')}`,
    '',
    `# Agent branches may touch only \`allowed\` (${RULE_IDS.outsideAgentScope}); agents never commit to the production branch (${RULE_IDS.agentCommitOnProduction}).`,
    '# Known agents (Copilot, Claude, Codex, Cursor, Dependabot, …) are recognised by their presets, on by',
    `# default${d.agentPresets.length ? `; this repository shows ${d.agentPresets.map((a) => `${a.preset} (${a.file})`).join(', ')}` : ''}.`,
    '# Turn one off with `presets_off: [{preset: <id>, reason: ...}]`; cap agent changes with `limits:`.',
    'agents:',
    '  branches: ["auto/*"]',
    '  identities: ["*[bot]@users.noreply.github.com"]',
    d.agentAllowed.length
      ? `  allowed:\n${list(d.agentAllowed, '    ')}`
      : '  # Nothing proposed: no docs/ folder. Agents may edit nothing until you list paths here.\n  allowed: []',
  ];
  if (d.dependencies.length > 0) {
    out.push(
      '',
      '# Each requirements file (or pyproject.toml) and the lock that exists beside it: pins or declared',
      '# ranges, lock in step, a label when either changes (DEP*). `superset`: the lock may add',
      '# transitive pins (pip-tools, uv, Poetry).',
      'dependencies:',
    );
    for (const p of d.dependencies)
      out.push(
        `  - requirements: ${q(p.requirements)}  # ${p.layout}`,
        `    lock: ${q(p.lock)}`,
        `    mode: ${p.mode}`,
      );
  }
  if (d.alembic.length) {
    out.push(
      '',
      '# Alembic owns the schema: destructive operations, reversibility, one head (MIG*), databases in step (DB*).',
      'migrations:',
      d.alembic.length === 1
        ? `  alembic: ${q(d.alembic[0] ?? '')}`
        : `  alembic:\n${list(d.alembic, '    ')}`,
      ...djangoLines(d),
      ...jsLines(d),
    );
    if (d.sql.length) out.push(`  sql:\n${list(d.sql, '    ')}`, ...runnerLine(d));
    out.push(...dialectLine(d), ...appliedLines(d));
    // The audit reads PostgreSQL only: no entry for another database (the decisions say why).
    if (d.auditDatabases)
      out.push(
        '  databases:',
        '    dev: { url_env: DATABASE_URL }',
        '    prod: { url_env: DATABASE_URL_PROD }',
      );
  } else if (d.django.length || JS_TOOLS.some((tool) => d[tool].length > 0)) {
    out.push(
      '',
      d.django.length
        ? "# Django's migrations, read as Django runs them: destructive operations, reversibility, one leaf per app (MIG*)."
        : '# Knex, TypeORM, Sequelize, Kysely and MikroORM migrations, read (never run) in the order the tool runs them: destructive operations, reversibility (MIG*).',
      'migrations:',
      ...djangoLines(d),
      ...jsLines(d),
    );
    if (d.sql.length) out.push(`  sql:\n${list(d.sql, '    ')}`, ...runnerLine(d));
    out.push(...dialectLine(d), ...appliedLines(d));
  } else if (d.sql.length) {
    // Plain SQL migrations without Alembic: their statements are still checked.
    out.push(
      '',
      '# SQL migrations are reviewed; destructive statements are flagged (MIG*).',
      'migrations:',
      `  sql:\n${list(d.sql, '    ')}`,
      ...runnerLine(d),
      ...dialectLine(d),
      ...appliedLines(d),
    );
  }
  if (d.deployRecord) {
    out.push(
      '',
      '# The deploy record and its audit log (REC*, AUD*); promote and rollback keep them true.',
      'deploy:',
      `  record: ${q(d.deployRecord)}`,
      `  audit_log: ${q(d.auditLog ?? '')}`,
    );
  }
  if (d.updateConfig) {
    out.push('', '# The self-updating service (UPD*).', 'update:', `  config: ${q(d.updateConfig)}`);
  }
  const rangedInputs = d.dependencies.filter((p) => p.layout === 'pip-tools' && p.unpinned > 0);
  if (rangedInputs.length > 0) {
    out.push(
      '',
      `# ${rangedInputs.map((p) => p.requirements).join(', ')}: pip-tools input with ranges on purpose; the`,
      `# compiled lock holds the pins. Set ${RULE_IDS.unpinnedRequirement} back to error to require == in the inputs too.`,
      'rules:',
      `  ${RULE_IDS.unpinnedRequirement}: off`,
    );
  }
  out.push(...unjudgedComment(d));
  return `${out.join('\n')}\n`;
}

/**
 * What the policy leaves unjudged, as a comment: the checks say it on every run (COV001, COV002).
 * Each line is made printable: a file name is the repository's, and a line break in one must not
 * end the comment and write policy keys.
 */
function unjudgedComment(d: Detected): string[] {
  if (d.unjudged.length === 0) return [];
  return [
    '',
    `# Seen and not judged: every check lists these (${RULE_IDS.migrationsNotJudged}, ${RULE_IDS.dependenciesNotJudged}, info);`,
    `# \`rules: { ${RULE_IDS.migrationsNotJudged}: error }\` makes CI fail while such a history exists.`,
    ...d.unjudged.map((line) => `#   ${printable(line)}`),
  ];
}

/** `django:`, the Django apps' migrations folders (a glob stands for the apps it names exactly). */
function djangoLines(d: Detected): string[] {
  const q = (s: string) => JSON.stringify(s);
  if (d.django.length === 0) return [];
  return d.django.length === 1
    ? [`  django: ${q(d.django[0] ?? '')}`]
    : ['  django:', ...d.django.map((e) => `    - ${q(e)}`)];
}

/** Why a `{ folders }` entry is one series, in the tool's words. */
const SERIES_WHY: Partial<Record<JsTool, string>> = {
  typeorm: 'one data source runs the classes of these folders together, by timestamp',
  knex: 'one knexfile runs these folders together (one knex_migrations table), by file name',
};

/**
 * `knex:`, `typeorm:`, `sequelize:`, `kysely:`, `mikro_orm:`, their migrations folders; a TypeORM
 * or Knex series over several folders as its `folders:` list, always in the list form.
 */
function jsLines(d: Detected): string[] {
  const q = (s: string) => JSON.stringify(s);
  const entry = (tool: JsTool, e: JsSeriesEntry) =>
    typeof e === 'string'
      ? [`    - ${q(e)}`]
      : [
          `    # one series: ${e.sort_dirs_separately ? 'one knexfile runs these folders together (one knex_migrations table), folder by folder' : SERIES_WHY[tool]}`,
          '    - folders:',
          ...e.folders.map((f) => `        - ${q(f)}`),
          ...(e.sort_dirs_separately ? ['      sort_dirs_separately: true'] : []),
        ];
  return JS_TOOLS.flatMap((tool) => {
    const entries: readonly JsSeriesEntry[] = d[tool];
    const only = entries.length === 1 ? entries[0] : undefined;
    if (entries.length === 0) return [];
    if (typeof only === 'string') return [`  ${tool}: ${q(only)}`];
    return [`  ${tool}:`, ...entries.flatMap((e) => entry(tool, e))];
  });
}

/** `sql_runner:` when init recognised the runner: its way back is then read as the way back. */
function runnerLine(d: Detected): string[] {
  return d.sqlRunner
    ? [`  sql_runner: ${d.sqlRunner}  # decides which parts of the .sql files run forward`]
    : [];
}

/** `dialect:` when a URL or image named the database: PostgreSQL's lock rules run only for it. */
function dialectLine(d: Detected): string[] {
  return d.dialect ? [`  dialect: ${d.dialect.name}  # found in ${d.dialect.evidence}`] : [];
}

/** `applied_through:`, the history init took as already run in production, with why. */
function appliedLines(d: Detected): string[] {
  if (d.appliedThrough.length === 0) return [];
  const q = (s: string) => JSON.stringify(s);
  return [
    '  # Already run in production: these and what came before are history (not judged again).',
    '  # Correct it if production is behind; once the deploy record names a commit, that decides.',
    d.appliedThrough.length === 1
      ? `  applied_through: ${q(d.appliedThrough[0] ?? '')}`
      : `  applied_through:\n${d.appliedThrough.map((e) => `    - ${q(e)}`).join('\n')}`,
  ];
}
