import { describe, expect, it } from 'vitest';
import type { ChangeSet, ChangedFile } from '../../src/change-set.js';
import { MemoryRepo } from '../../src/index.js';
import type { CheckContext } from '../../src/rule.js';
import { agentCapFamily } from '../../src/rules/families.js';
import { change, policy } from './agent-test-helpers.js';

// Over 300 lines: the five caps share one way of building a policy, a change and a finding; each
// describe is one cap or one part of how the family runs.
// Each AGT finding whole, as the editor and the report show it (rule, severity, file, place,
// message, related places), and what each cap counts.

const capsPolicy = (limits: string, more = '') =>
  `version: 1\nagents:\n  branches: ["auto/*"]\n  limits:\n${limits}${more}`;

function check(text: string, ch: ChangeSet, files: Record<string, string> = {}) {
  const ctx: CheckContext = {
    policy: policy(text),
    repo: new MemoryRepo({ 'slipway.yaml': text, ...files }),
    now: new Date(0),
    env: {},
    change: ch,
  };
  return agentCapFamily.check(ctx);
}
const modified = (...paths: string[]): ChangedFile[] => paths.map((path) => ({ status: 'modified', path }));
const at = (line: number, from: number, to: number) => ({
  start: { line, character: from },
  end: { line, character: to },
});

const FILES_CAP = capsPolicy('    files: 1\n');
const BRANCH_PATTERN = {
  file: 'slipway.yaml',
  range: at(2, 13, 21),
  message: 'agent branch pattern `auto/*`',
};
const overFiles = (labels: string[] | undefined) =>
  check(FILES_CAP, change({ branch: 'auto/x', labels, files: modified('a.py', 'b.py') })).findings;

describe('AGT findings, whole', () => {
  it('an unlabelled agent change over its cap: an error at the cap, naming the count, the cap, the agent and the label', () => {
    expect(overFiles([])).toEqual([
      {
        rule: 'AGT001',
        severity: 'error',
        message:
          'This agent change touches 2 files, over the cap of 1 (agents.limits.files, slipway.yaml line 5) on agent branch `auto/x`; it lacks the `approved-core-change` label: split it into smaller changes, or have a human review it and add the label.',
        file: 'slipway.yaml',
        range: at(4, 11, 12),
        related: [{ file: 'slipway.yaml', range: at(4, 4, 9), message: 'the cap: 1' }, BRANCH_PATTERN],
      },
    ]);
  });

  it('labels unknown (the editor, a push): a warning that the change needs the label', () => {
    expect(overFiles(undefined)).toEqual([
      {
        rule: 'AGT001',
        severity: 'warning',
        message:
          'This agent change touches 2 files, over the cap of 1 (agents.limits.files, slipway.yaml line 5) on agent branch `auto/x`; it needs the `approved-core-change` label: split it into smaller changes, or have a human review it and add the label.',
        file: 'slipway.yaml',
        range: at(4, 11, 12),
        related: [{ file: 'slipway.yaml', range: at(4, 4, 9), message: 'the cap: 1' }, BRANCH_PATTERN],
      },
    ]);
  });

  it('the approval label lifts the cap; a count at the cap is within it', () => {
    expect(overFiles(['approved-core-change'])).toEqual([]);
    expect(
      check(FILES_CAP, change({ branch: 'auto/x', labels: [], files: modified('a.py') })).findings,
    ).toEqual([]);
  });

  it('a policy that caps nothing (no agents section, or no limits) counts no agent change', () => {
    const agentChange = change({ branch: 'copilot/x', labels: [], files: modified('a.py', 'b.py') });
    expect(check('version: 1\n', agentChange).findings).toEqual([]);
    expect(check('version: 1\nagents:\n  branches: ["auto/*"]\n', agentChange).findings).toEqual([]);
  });

  it('a human change is not counted', () => {
    expect(
      check(FILES_CAP, change({ branch: 'feature/x', labels: [], files: modified('a.py', 'b.py') })).findings,
    ).toEqual([]);
  });
});

describe('AGT: whose caps count a bot', () => {
  const twoFiles = (branch: string) => change({ branch, labels: [], files: modified('a.py', 'b.py') });
  const message = (who: string, key: string, line: number) =>
    `This ${who} change touches 2 files, over the cap of 1 (${key}, slipway.yaml line ${line}) on agent branch \`${twoFiles('').branch}\`; it lacks the \`approved-core-change\` label: split it into smaller changes, or have a human review it and add the label.`;
  const said = (branch: string, preset: string) => (m: string) =>
    m.replace('on agent branch ``', `on agent branch \`${branch}\` (the ${preset} preset)`);

  it('a bot change is held to agents.bots.limits, even when the policy caps no agent', () => {
    const text = 'version: 1\nagents:\n  bots:\n    limits:\n      files: 1\n';
    expect(check(text, twoFiles('dependabot/pip/x')).findings).toEqual([
      {
        rule: 'AGT001',
        severity: 'error',
        message: said('dependabot/pip/x', 'dependabot')(message('bot', 'agents.bots.limits.files', 5)),
        file: 'slipway.yaml',
        range: at(4, 13, 14),
        related: [{ file: 'slipway.yaml', range: at(4, 6, 11), message: 'the cap: 1' }],
      },
    ]);
    // An agent's change is not held to the bots' caps.
    expect(check(text, twoFiles('copilot/x')).findings).toEqual([]);
  });

  it("a bot change without bots' caps is held to the agents'; with them, to its own alone", () => {
    const agentsOnly = 'version: 1\nagents:\n  limits:\n    files: 1\n';
    expect(check(agentsOnly, twoFiles('dependabot/pip/x')).findings).toEqual([
      {
        rule: 'AGT001',
        severity: 'error',
        message: said('dependabot/pip/x', 'dependabot')(message('bot', 'agents.limits.files', 4)),
        file: 'slipway.yaml',
        range: at(3, 11, 12),
        related: [{ file: 'slipway.yaml', range: at(3, 4, 9), message: 'the cap: 1' }],
      },
    ]);
    const both = `${agentsOnly}  bots:\n    limits:\n      files: 5\n`;
    expect(check(both, twoFiles('dependabot/pip/x')).findings).toEqual([]);
    expect(check(both, twoFiles('copilot/x')).findings.map((f) => f.message)).toEqual([
      said('copilot/x', 'copilot')(message('agent', 'agents.limits.files', 4)),
    ]);
  });
});

describe('AGT: the git facts the family asks for', () => {
  const asks = (text: string, ch: ChangeSet | undefined) =>
    agentCapFamily.gitAsks?.({
      policy: policy(text),
      repo: new MemoryRepo({ 'slipway.yaml': text }),
      now: new Date(0),
      env: {},
      ...(ch ? { change: ch } : {}),
    });
  const agentChange = change({ branch: 'auto/x', labels: [] });

  it('the line counts (a git process of their own) only when the lines cap applies to the change', () => {
    expect(asks(capsPolicy('    lines: 5\n'), agentChange)).toEqual({ lineStats: true });
    expect(asks(FILES_CAP, agentChange)).toEqual({ lineStats: false });
    expect(asks(capsPolicy('    lines: 5\n'), change({ branch: 'feature/x' }))).toEqual({ lineStats: false });
    expect(asks(capsPolicy('    lines: 5\n'), undefined)).toEqual({ lineStats: false });
  });

  it('lines are counted from the diff: over the cap flagged, none when the diff cannot be read', () => {
    const text = capsPolicy('    lines: 5\n');
    const lines = (added: number, removed: number) => () => ({ added, removed });
    expect(
      check(text, change({ branch: 'auto/x', labels: [], files: modified('a.py'), lineStats: lines(4, 2) }))
        .findings[0]?.message,
    ).toBe(
      'This agent change adds and removes 6 lines, over the cap of 5 (agents.limits.lines, slipway.yaml line 5) on agent branch `auto/x`; it lacks the `approved-core-change` label: split it into smaller changes, or have a human review it and add the label.',
    );
    expect(
      check(text, change({ branch: 'auto/x', labels: [], files: modified('a.py'), lineStats: lines(3, 2) }))
        .findings,
    ).toEqual([]);
    expect(check(text, change({ branch: 'auto/x', labels: [], files: modified('a.py') })).findings).toEqual(
      [],
    );
  });
});

const lacks = (what: string, cap: number, key: string, line: number) =>
  `This agent change ${what}, over the cap of ${cap} (agents.limits.${key}, slipway.yaml line ${line}) on agent branch \`auto/x\`; it lacks the \`approved-core-change\` label: split it into smaller changes, or have a human review it and add the label.`;

describe('AGT004: the migrations a change adds', () => {
  const text = capsPolicy(
    '    migrations: 1\n',
    'migrations:\n  alembic: [alembic/versions, other/versions]\n  sql: ["db/**/*.sql"]\n',
  );
  const rev = (r: string) => `revision = "${r}"\ndown_revision = None\n`;
  const repo = {
    'other/versions/0003_b.py': rev('b'),
    'alembic/versions2/0004_c.py': rev('c'),
    'db/1.sql': 'SELECT 1;\n',
    'db/2.sql': 'SELECT 1;\n',
  };

  it('an added or copied file of a migration source counts, in any Alembic folder; a modified one or a look-alike folder does not', () => {
    const files: ChangedFile[] = [
      { status: 'added', path: 'other/versions/0003_b.py' },
      { status: 'copied', oldPath: 'db/1.sql', path: 'db/2.sql' },
      { status: 'added', path: 'alembic/versions2/0004_c.py' },
      { status: 'modified', path: 'db/1.sql' },
    ];
    expect(check(text, change({ branch: 'auto/x', labels: [], files }), repo).findings).toEqual([
      {
        rule: 'AGT004',
        severity: 'error',
        message: lacks('adds 2 migrations (`other/versions/0003_b.py`, `db/2.sql`)', 1, 'migrations', 5),
        file: 'slipway.yaml',
        range: at(4, 16, 17),
        related: [{ file: 'slipway.yaml', range: at(4, 4, 14), message: 'the cap: 1' }, BRANCH_PATTERN],
      },
    ]);
  });

  it('a policy without migrations or dependencies counts none of either', () => {
    const none = capsPolicy('    migrations: 0\n    new_dependencies: 0\n');
    const files: ChangedFile[] = [
      { status: 'added', path: 'db/2.sql' },
      { status: 'added', path: 'requirements.txt' },
    ];
    expect(
      check(none, change({ branch: 'auto/x', labels: [], files }), {
        ...repo,
        'requirements.txt': 'httpx==0.27.0\n',
      }).findings,
    ).toEqual([]);
  });
});

describe('AGT003: the packages a change adds', () => {
  const pairPolicy = (requirements: string, lock: string, cap = 0) =>
    capsPolicy(
      `    new_dependencies: ${cap}\n`,
      `dependencies:\n  requirements: ${requirements}\n  lock: ${lock}\n`,
    );
  const agentChange = (files: ChangedFile[], base: Record<string, string>) =>
    change({ branch: 'auto/x', labels: [], files, readBase: (p) => base[p] });
  const findings = (text: string, ch: ChangeSet, head: Record<string, string>) =>
    check(text, ch, head).findings.map((f) => [f.rule, f.severity, f.message, f.range]);
  const flagged = (what: string, cap = 0) => [
    ['AGT003', 'error', lacks(what, cap, 'new_dependencies', 5), at(4, 22, 23)],
  ];

  const uvLock = (...packages: string[]) =>
    'version = 1\nrevision = 3\nrequires-python = ">=3.11"\n' +
    packages
      .map((p) =>
        p === 'app'
          ? '\n[[package]]\nname = "app"\nversion = "1.0"\nsource = { editable = "." }\n'
          : `\n[[package]]\nname = "${p}"\nversion = "1.0.0"\nsource = { registry = "https://pypi.org/simple" }\n`,
      )
      .join('');
  const packageJson = (...names: string[]) =>
    `${JSON.stringify({ name: 'app', dependencies: Object.fromEntries(names.map((n) => [n, '^1.0.0'])) }, null, 2)}\n`;
  const packageLock = (declared: string[], installed: string[]) =>
    `${JSON.stringify(
      {
        name: 'app',
        lockfileVersion: 3,
        requires: true,
        packages: {
          '': { name: 'app', dependencies: Object.fromEntries(declared.map((n) => [n, '^1.0.0'])) },
          ...Object.fromEntries(installed.map((n) => [`node_modules/${n}`, { version: '1.0.0' }])),
        },
      },
      null,
      2,
    )}\n`;

  it('names every new package, sorted, and counts them', () => {
    const head = 'fastapi==1.0\nzeta==1.0\nalpha==1.0\n';
    expect(
      findings(
        pairPolicy('requirements.txt', 'requirements.lock', 1),
        agentChange(modified('requirements.txt', 'requirements.lock'), {
          'requirements.txt': 'fastapi==1.0\n',
          'requirements.lock': 'fastapi==1.0\n',
        }),
        { 'requirements.txt': head, 'requirements.lock': head },
      ),
    ).toEqual(flagged('adds 2 new packages (alpha, zeta)', 1));
  });

  it('a pair whose file the change renamed into place is read', () => {
    const head = 'fastapi==1.0\nhttpx==1.0\n';
    expect(
      findings(
        pairPolicy('requirements.txt', 'requirements.lock'),
        agentChange([{ status: 'renamed', oldPath: 'reqs.txt', path: 'requirements.txt' }], {
          'reqs.txt': 'fastapi==1.0\n',
          'requirements.lock': 'fastapi==1.0\n',
        }),
        { 'requirements.txt': head, 'requirements.lock': head },
      ),
    ).toEqual(flagged('adds 1 new package (httpx)'));
  });

  it('a pair the change does not touch is not counted, though the base cannot be read', () => {
    expect(
      findings(pairPolicy('requirements.txt', 'requirements.lock'), agentChange(modified('app.py'), {}), {
        'requirements.txt': 'fastapi==1.0\n',
        'requirements.lock': 'fastapi==1.0\n',
      }),
    ).toEqual([]);
  });

  it("the lock's own project is not a dependency; a package it adds is", () => {
    const text = pairPolicy('requirements.txt', 'uv.lock');
    const base = { 'requirements.txt': 'fastapi==1.0\n', 'uv.lock': uvLock('fastapi') };
    const ch = agentChange(modified('uv.lock'), base);
    expect(
      findings(text, ch, { 'requirements.txt': 'fastapi==1.0\n', 'uv.lock': uvLock('app', 'fastapi') }),
    ).toEqual([]);
    expect(
      findings(text, ch, {
        'requirements.txt': 'fastapi==1.0\n',
        'uv.lock': uvLock('app', 'fastapi', 'starlette'),
      }),
    ).toEqual(flagged('adds 1 new package (starlette)'));
  });

  it("a lock entry of the project's own name is the project, wherever the lock says it comes from", () => {
    const text = pairPolicy('requirements.txt', 'uv.lock');
    const base = { 'requirements.txt': 'fastapi==1.0\n', 'uv.lock': uvLock('fastapi') };
    expect(
      findings(text, agentChange(modified('uv.lock'), base), {
        'requirements.txt': 'fastapi==1.0\n',
        // The project, and a package of its name from the index.
        'uv.lock':
          uvLock('app', 'fastapi') +
          uvLock('fastapi')
            .replace(/^[^[]*/, '')
            .replace('fastapi', 'app'),
      }),
    ).toEqual([]);
  });

  it("npm: a package.json's new declaration counts; a first lock's other packages do not", () => {
    expect(
      findings(
        pairPolicy('package.json', 'package-lock.json'),
        agentChange(modified('package.json', 'package-lock.json'), { 'package.json': packageJson('ms') }),
        {
          'package.json': packageJson('ms', 'left-pad'),
          'package-lock.json': packageLock(['ms', 'left-pad'], ['ms', 'left-pad', 'js-tokens']),
        },
      ),
    ).toEqual(flagged('adds 1 new package (npm:left-pad)'));
  });

  it('npm: a package only the lock adds counts when the base had a lock', () => {
    expect(
      findings(
        pairPolicy('package.json', 'package-lock.json'),
        agentChange(modified('package-lock.json'), {
          'package.json': packageJson('ms'),
          'package-lock.json': packageLock(['ms'], ['ms']),
        }),
        { 'package.json': packageJson('ms'), 'package-lock.json': packageLock(['ms'], ['ms', 'debug']) },
      ),
    ).toEqual(flagged('adds 1 new package (npm:debug)'));
  });
});
