import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// What the command decides on each input: the built CLI run in this process (in-process-cli.ts).
import { slipwayInProcess as slipway } from '../helpers/in-process-cli.js';
import { expectOneLine, json, repoFactory } from './e2e-helpers.js';

const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
const LOG = 'infrastructure/deploy-audit.jsonl';

const POLICY = `version: 1
production_branch: main
dependencies:
  requirements: requirements.txt
  lock: requirements.lock
migrations:
  alembic: alembic/versions
deploy:
  record: ${RECORD}
  audit_log: ${LOG}
`;

const repo = repoFactory();

const migration = (rev: string, down: string, upgrade: string, downgrade: string) => `from alembic import op

revision = '${rev}'
down_revision = ${down}


def upgrade():
    ${upgrade}


def downgrade():
    ${downgrade}
`;

/**
 * main: a valid record (B). Branch f: BAD hand-edits the record to an abbreviated SHA, unpins a
 * requirement, leaves a torn audit line and adds a migration that drops a table; the next commit
 * (f's tip, checked out) repairs all four and turns REC002 off in its policy. So the working tree is clean of every finding that
 * BAD's own files and policy have.
 */
function branchWithBadCommit() {
  const r = repo({
    'slipway.yaml': POLICY,
    'requirements.txt': 'requests==2.31.0\n',
    'requirements.lock': 'requests==2.31.0\n',
    'alembic/versions/a1_init.py': migration(
      'a1',
      'None',
      "op.create_table('users')",
      "op.drop_table('users')",
    ),
  });
  const c0 = r.commit('init');
  const record = (sha: string) =>
    `${JSON.stringify({ last_good_sha: sha, deployed_at: '2026-01-01T00:00:00Z' }, null, 2)}\n`;
  r.write({ [RECORD]: record(c0) });
  const base = r.commit('record');
  r.git('checkout', '-q', '-b', 'f');
  r.write({
    [RECORD]: record(c0.slice(0, 7)),
    'requirements.txt': 'requests>=2\n',
    [LOG]: '{"v":1,"time":"20',
    'alembic/versions/b2_drop.py': migration(
      'b2',
      "'a1'",
      "op.drop_table('users')",
      "op.create_table('users')",
    ),
  });
  const bad = r.commit('hand edit');
  r.write({
    [RECORD]: record(c0),
    'requirements.txt': 'requests==2.31.0\n',
    'slipway.yaml': `${POLICY}rules:\n  REC002: off\n`,
  });
  r.remove(LOG);
  r.write({
    'alembic/versions/b2_drop.py': migration(
      'b2',
      "'a1'",
      "op.add_column('users', 'x')",
      "op.drop_column('users', 'x')",
    ),
  });
  const tip = r.commit('repair');
  return { r, base, bad, tip };
}

type Found = { rule: string; file: string; line: number };
const found = (out: ReturnType<typeof slipway>) =>
  json(out)
    .findings.map((f: Found) => `${f.rule} ${f.file}:${f.line}`)
    .filter((s: string) => /^(REC002|DEP001|AUD001|MIG001) /.test(s))
    .sort();

const BAD_FINDINGS = [
  `AUD001 ${LOG}:1`,
  'DEP001 requirements.txt:1',
  'MIG001 alembic/versions/b2_drop.py:8',
  `REC002 ${RECORD}:2`,
];

describe('--head REF other than the checked-out commit: REF is checked, its files and its policy', () => {
  it('check --head BAD (by name and by SHA) reports what BAD holds, not the working tree', () => {
    const { r, base, bad } = branchWithBadCommit();
    r.git('tag', 'bad', bad);
    for (const head of ['bad', bad]) {
      const out = slipway(['check', '--base', base, '--head', head, '--format', 'json'], { cwd: r.dir });
      expect(found(out), head).toEqual(BAD_FINDINGS);
      expect(out.code).toBe(1);
    }
  });

  it('guard --head BAD too', () => {
    const { r, base, bad } = branchWithBadCommit();
    const out = slipway(['guard', '--base', base, '--head', bad, '--format', 'json'], { cwd: r.dir });
    expect(found(out)).toEqual(BAD_FINDINGS);
    expect(out.code).toBe(1);
  });

  it("a push event's `after` is the head as well", () => {
    const { r, base, bad } = branchWithBadCommit();
    const event = join(r.dir, '..', `${r.dir.split('/').pop()}-push.json`);
    writeFileSync(event, JSON.stringify({ ref: 'refs/heads/f', before: base, after: bad, commits: [{}] }));
    const out = slipway(['check', '--format', 'json'], { cwd: r.dir, env: { GITHUB_EVENT_PATH: event } });
    expect(found(out)).toEqual(BAD_FINDINGS);
  });

  it('near miss: the checked-out head (HEAD, its branch, its SHA) is the working tree, edits included', () => {
    const { r, base, tip } = branchWithBadCommit();
    for (const head of [[], ['--head', 'HEAD'], ['--head', 'f'], ['--head', tip]]) {
      const out = slipway(['check', '--base', base, ...head, '--format', 'json'], { cwd: r.dir });
      expect(found(out), head.join(' ')).toEqual([]);
    }
    r.write({ 'requirements.txt': 'requests>=2\n' });
    for (const head of [[], ['--head', 'f'], ['--head', tip]]) {
      const out = slipway(['check', '--base', base, ...head, '--format', 'json'], { cwd: r.dir });
      expect(found(out), head.join(' ')).toEqual(['DEP001 requirements.txt:1']);
    }
  });

  it('--fix refuses in one line when the head is not the working tree; near miss: HEAD is fixed', () => {
    const { r, base, bad } = branchWithBadCommit();
    const refused = slipway(['check', '--base', base, '--head', bad, '--fix'], { cwd: r.dir });
    expectOneLine(
      refused,
      new RegExp(
        `^slipway check: --fix edits the working tree, but the change's head, ${bad} \\(commit ${bad.slice(0, 12)}\\), is not the checked-out commit; `,
      ),
    );
    const here = slipway(['check', '--base', base, '--head', 'HEAD', '--fix'], { cwd: r.dir });
    // The working tree is the head: --fix runs, and says what it fixed (the revision's lock_timeout).
    expect(here.stderr).toMatch(/^(fixed \d+ findings? in \S+\n)*$/);
    expect(here.code).toBe(0);
  });

  it('a head with an invalid policy is one line naming the commit; one without is judged by the base', () => {
    const { r, base, tip } = branchWithBadCommit();
    r.git('checkout', '-q', '-b', 'nopolicy');
    r.remove('slipway.yaml');
    r.commit('drop policy');
    r.write({ 'slipway.yaml': 'version: 7\n' });
    const invalid = r.commit('bad policy');
    r.git('checkout', '-q', 'f');
    // As in the working tree, a head without a policy file is judged by the base's policy.
    const none = slipway(['check', '--base', base, '--head', 'nopolicy~1'], {
      cwd: r.dir,
    });
    expect(none.stderr).toMatch(
      new RegExp(
        `^the change's tree has no slipway.yaml or slipway.toml; slipway.yaml on the base \\(commit ${base.slice(0, 12)}\\) governs it`,
      ),
    );
    expectOneLine(
      slipway(['check', '--base', base, '--head', invalid], { cwd: r.dir }),
      new RegExp(
        `^slipway check: in commit ${invalid.slice(0, 12)} \\(the head, ${invalid}\\): slipway.yaml:1:\\d+: invalid policy: \`version\` must be 1`,
      ),
    );
    // Near miss: the checked-out tip's policy is fine.
    expect(slipway(['check', '--base', base, '--head', tip], { cwd: r.dir }).code).toBe(0);
  });

  it('check --help says which tree --head reads', () => {
    const help = slipway(['check', '--help']).stdout;
    expect(help).toContain("rules read REF's files, or the working");
    expect(help).toContain('tree (uncommitted edits included) when REF is the checked-out commit');
  });
});
