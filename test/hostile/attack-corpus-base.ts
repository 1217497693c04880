import { sha256Hex } from '@slipway/policy-core';

/**
 * The base branch every case of the attack corpus starts from (unless it brings a base of its
 * own): the policy that governs the pull requests, the application, one Alembic tree and one
 * folder of .sql migrations run by psql, a CI workflow using a local composite action, the
 * agents' instructions, a requirements pair, and deploy state (the record naming the root
 * commit, the audit log chained as Slipway chains it). A change that touches none of it passes.
 */

export const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
export const LOG = 'infrastructure/deploy-audit.jsonl';

export const POLICY = `version: 1
production_branch: main
protected:
  label: approved-core-change
  paths: [app/core/, "caf\u00e9/"]
agents:
  branches: ["auto/*"]
  identities: ["*[bot]@users.noreply.github.com"]
  allowed: [/docs/, /app/, /alembic/versions/, /db/, /sql/, /tools/, /caf\u00e9/]
  limits: {lines: 400}
  bots:
    allowed: ["requirements*.txt", "*.lock", /.github/workflows/]
dependencies:
  requirements: requirements.txt
  lock: requirements.lock
migrations:
  alembic: alembic/versions
  sql: ["db/**/*.sql"]
  sql_runner: plain
deploy:
  record: ${RECORD}
  audit_log: ${LOG}
`;

export const REVISION_0001 = `"""users"""
import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None


def upgrade():
    op.create_table('users', sa.Column('id', sa.Integer, primary_key=True))


def downgrade():
    op.drop_table('users')
`;

export const CI_WORKFLOW = `name: ci
on: pull_request
jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: ./tools/gate
`;

export const ROOT_FILES: Record<string, string> = {
  'slipway.yaml': POLICY,
  'README.md': '# shop\n',
  'app/__init__.py': '',
  'app/api.py': 'def handler():\n    return 1\n',
  'app/core/ledger.py': 'balance = 0\n',
  'caf\u00e9/menu.py': 'menu = []\n',
  'docs/guide.md': '# guide\n',
  'AGENTS.md': '# agents\nRun the tests.\n',
  'alembic/versions/0001_users.py': REVISION_0001,
  'db/migrations/0001_init.sql':
    'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, name text);\nCREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\n',
  '.github/workflows/ci.yml': CI_WORKFLOW,
  'tools/gate/action.yml':
    'name: gate\nruns:\n  using: composite\n  steps:\n    - run: echo gate\n      shell: bash\n',
  'tools/other/notes.txt': 'not an action\n',
  'requirements.txt': 'fastapi==0.110.0\n',
  'requirements.lock': 'fastapi==0.110.0\n',
};

type Event = Record<string, unknown>;

/** The log of `events`, chained as Slipway chains it, and each line's hash. */
export function chained(events: Event[]): { text: string; hashes: string[] } {
  let prev = '0'.repeat(64);
  const lines: string[] = [];
  const hashes: string[] = [];
  for (const e of events) {
    const line = JSON.stringify({ v: 1, ...e, prev });
    lines.push(line);
    prev = sha256Hex(line);
    hashes.push(prev);
  }
  return { text: `${lines.join('\n')}\n`, hashes };
}

export const promoteEvent = (root: string, outcome: string): Event => ({
  time: '2025-12-09T10:00:00Z',
  event: 'PROMOTE',
  environment: 'production',
  from: root,
  to: root,
  actor: { name: 'ada', kind: 'human' },
  outcome,
});

export const recordText = (root: string, fields: Record<string, unknown>) =>
  `${JSON.stringify({ last_good_sha: root, deployed_at: '2025-12-09T10:00:00Z', ...fields }, null, 2)}\n`;

/** The deploy state production is in: the root commit promoted, the record sealed to the log. */
export function BASE_FILES(root: string): Record<string, string> {
  const log = chained([promoteEvent(root, 'started'), promoteEvent(root, 'succeeded')]);
  return { [LOG]: log.text, [RECORD]: recordText(root, { audit_head: log.hashes[1] }) };
}
