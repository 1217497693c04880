import type { Rule } from '../../rule.js';
import { AGENT_CAP_RULE, type CapRun, capFinding } from './facts/cap-run.js';
import { capPolicy, capSuppressDocs } from './facts/examples.js';

const POLICY = capPolicy('migrations: 1', 'migrations:\n  sql: ["db/**/*.sql"]\n');

export const tooManyMigrations: Rule<CapRun> = {
  id: 'AGT004',
  name: 'too-many-migrations',
  ...AGENT_CAP_RULE,
  defaultSeverity: 'error',
  title: 'agent change adds more migrations than agents.limits.migrations',
  docs: {
    what:
      "An agent's change adds more migration files than `agents.limits.migrations` allows: Alembic " +
      'revisions in the `migrations.alembic` folders and `.sql` files matching `migrations.sql`.',
    why:
      'Each migration runs against the production database and is hard to take back. One per change ' +
      'keeps each schema step reviewed, deployed and verified on its own.',
    fix:
      'Split the migrations over several changes, or have a human review them and add the approval ' +
      'label (`protected.label`, default `approved-core-change`).',
    suppress: capSuppressDocs('migrations', 'AGT004'),
    examples: [
      {
        verdict: 'flagged',
        file: 'db/002_add_email.sql',
        text: 'ALTER TABLE users ADD COLUMN email text;\n',
        change: {
          branch: 'auto/email',
          labels: [],
          files: ['db/002_add_email.sql', 'db/003_add_phone.sql'],
          base: { 'slipway.yaml': POLICY },
        },
        beside: {
          'slipway.yaml': POLICY,
          'db/003_add_phone.sql': 'ALTER TABLE users ADD COLUMN phone text;\n',
        },
      },
      {
        verdict: 'fine',
        file: 'db/002_add_email.sql',
        text: 'ALTER TABLE users ADD COLUMN email text;\n',
        change: {
          branch: 'auto/email',
          labels: [],
          files: ['db/002_add_email.sql'],
          base: { 'slipway.yaml': POLICY },
        },
        beside: { 'slipway.yaml': POLICY },
      },
    ],
  },
  check: (run) =>
    capFinding(run, tooManyMigrations, 'migrations', () => {
      const { count, paths } = run.counts.migrations();
      return { count, what: (n) => `adds ${n} migrations (${paths.map((p) => `\`${p}\``).join(', ')})` };
    }),
};
