import type { RuleFamilyId } from '@slipway/policy-core';
import { afterAll, describe, expect, it } from 'vitest';
import { Project, type ProjectHost } from '../src/workspace/project.js';
import { FixtureRepo, UPDATE_TOML } from './helpers/repo-fixture.js';

const POLICY = `version: 1
dependencies:
  requirements: requirements.txt
  lock: requirements.lock
  mode: mirror
update:
  config: config/update.toml
migrations:
  alembic: alembic/versions
`;

const MIGRATION = `revision = "a1"
down_revision = None


def upgrade():
    pass


def downgrade():
    pass
`;

const SIGNED = UPDATE_TOML.replace('require_signed_tags = false', 'require_signed_tags = true');

const FILES = {
  'slipway.yaml': POLICY,
  'requirements.txt': 'flask==3.0.0\nidna==3.6\n',
  'requirements.lock': 'flask==3.0.0\nidna==3.6\n',
  'config/update.toml': SIGNED,
  'alembic/versions/a1_base.py': MIGRATION,
};

/** Open buffers an in-process project reads, as the server's document store would hold them. */
function editor() {
  const buffers = new Map<string, { text: string; version: number }>();
  const host: ProjectHost = {
    openText: (_r, p) => buffers.get(p)?.text,
    openPaths: () => buffers.keys(),
    openVersion: (_r, p) => buffers.get(p)?.version,
    fetchBases: () => true,
    log: () => {},
  };
  const type = (project: Project, path: string, text: string) => {
    const opened = !buffers.has(path);
    buffers.set(path, { text, version: (buffers.get(path)?.version ?? 0) + 1 });
    project.buffersChanged(opened);
  };
  return { host, type };
}

/** Which families ran (not reused) during `act`. */
async function ranDuring(project: Project, act: () => void): Promise<RuleFamilyId[]> {
  const before = new Map(project.familyRuns.runs);
  act();
  await project.refresh();
  project.check();
  return [...project.familyRuns.runs]
    .filter(([id, n]) => n !== (before.get(id) ?? 0))
    .map(([id]) => id)
    .sort();
}

/** The findings a project made from scratch would show for the same buffers. */
async function fresh(root: string, isGit: boolean, host: ProjectHost) {
  const project = new Project(root, isGit, host);
  await project.refresh();
  return project.check().findings;
}

// The dependency graph from each rule family to the files it read: an edit re-runs the families
// that read the edited file, and reuses the others' findings, which stay what a fresh check says.
describe('an edit re-runs only the rule families that read the edited file', () => {
  const folder = new FixtureRepo(FILES);
  afterAll(() => folder.remove());

  it('outside git: the lock re-runs DEP, update.toml re-runs UPD, a migration re-runs MIG', async () => {
    const { host, type } = editor();
    const project = new Project(folder.dir, false, host);
    await project.refresh();
    expect(project.check().findings).toEqual([]);
    expect(project.familyRuns.filesRead('DEP')).toEqual(
      expect.arrayContaining(['requirements.txt', 'requirements.lock']),
    );

    expect(
      await ranDuring(project, () => type(project, 'requirements.lock', 'flask==3.0.1\nidna==3.6\n')),
    ).toEqual(['DEP']);
    expect(
      project
        .check()
        .findings.map((f) => `${f.rule} ${f.file}`)
        .sort(),
    ).toEqual(['DEP004 requirements.txt']);
    expect(project.check().findings).toEqual(await fresh(folder.dir, false, host));

    expect(await ranDuring(project, () => type(project, 'config/update.toml', UPDATE_TOML))).toEqual(['UPD']);
    expect(project.check().findings.map((f) => f.rule)).toContain('UPD004');
    expect(project.check().findings).toEqual(await fresh(folder.dir, false, host));

    const dropping = MIGRATION.replace(
      'def upgrade():\n    pass',
      'def upgrade():\n    op.drop_table("users")',
    );
    expect(await ranDuring(project, () => type(project, 'alembic/versions/a1_base.py', dropping))).toContain(
      'MIG',
    );
    expect(
      await ranDuring(project, () => type(project, 'alembic/versions/a1_base.py', `${dropping}\n`)),
    ).not.toContain('DEP');
    expect(project.check().findings).toEqual(await fresh(folder.dir, false, host));
  });

  it('in git: the families that read the change run again when it changes, not on every keystroke', async () => {
    const repo = new FixtureRepo(FILES);
    try {
      repo.git('checkout', '-q', '-b', 'feature/deps');
      const { host, type } = editor();
      const project = new Project(repo.dir, true, host);
      await project.refresh();
      project.check();
      // The first edit makes the lock a changed file of the branch: whoever reads the change runs.
      const first = await ranDuring(project, () =>
        type(project, 'requirements.lock', 'flask==3.0.1\nidna==3.6\n'),
      );
      expect(first).toEqual(expect.arrayContaining(['DEP', 'PATH']));
      // The next keystrokes change the lock's text only.
      expect(
        await ranDuring(project, () => type(project, 'requirements.lock', 'flask==3.0.2\nidna==3.6\n')),
      ).toEqual(['DEP']);
      expect(project.check().findings).toEqual(await fresh(repo.dir, true, host));
      // HEAD moves (a commit in a terminal): everything that asked git or read the change runs again.
      repo.git('commit', '-q', '--allow-empty', '-m', 'empty');
      const moved = await ranDuring(project, () => project.headChanged());
      expect(moved).toEqual(expect.arrayContaining(['DEP', 'PATH']));
      expect(project.check().findings).toEqual(await fresh(repo.dir, true, host));
    } finally {
      repo.remove();
    }
  });
});
