import { TempRepo } from '../../../../test/helpers/git-repo.js';

/** An agent may edit src/, core/ (protected: it asks) and the .sql migrations; nothing else. */
export const MCP_POLICY = `version: 1
production_branch: main
protected:
  label: approved-core-change
  paths:
    - core/
agents:
  allowed:
    - src/
    - core/
    - db/migrations/
  limits:
    files: 5
    lines: 200
migrations:
  dialect: postgresql
  sql:
    - db/migrations/
`;

/**
 * The repository `slipway mcp` is tested against: main with the policy, a CI workflow and one
 * migration, and an agent's branch (auto/feature) whose commit touches src/feature.py and the
 * protected core/model.py.
 */
export function mcpRepo(): TempRepo {
  const repo = new TempRepo({
    'slipway.yaml': MCP_POLICY,
    'src/app.py': 'print(1)\n',
    'core/model.py': 'x = 1\n',
    'db/migrations/001_init.sql': 'CREATE TABLE accounts (id int);\n',
    '.github/workflows/ci.yml': 'on: push\n',
  });
  repo.commit('init');
  repo.git('checkout', '-q', '-b', 'auto/feature');
  repo.write({ 'src/feature.py': 'print(2)\n', 'core/model.py': 'x = 2\n' });
  repo.commit('feature');
  return repo;
}
