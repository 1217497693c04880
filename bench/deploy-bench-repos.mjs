// The repositories bench/deploy.bench.mjs promotes from, built once into .bench-cache: a policy
// with staging and production, a 10,000-entry audit log chained as Slipway writes it, and the
// record naming its last production deploy; the same with deploy windows; and a team's usual
// flow (record and log committed, the SHA verified on staging since).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const POLICY = `version: 1
production_branch: main
deploy:
  release_tag: "v*"
  environments:
    staging:
      url: http://127.0.0.1:9/
      health: [/api/health/]
    production:
      url: http://127.0.0.1:9/
      health: [/health, /health/deep]
      deploy: [./deploy.sh]
      approval: required
`;

// The deploy windows the windowed repository's policy adds under deploy:.
const WINDOWS = `  windows:
    production:
      timezone: Europe/London
      allow: [{ name: working days, rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYHOUR=0", duration: 1d }]
      deny:
        - { name: friday afternoon, rrule: "FREQ=WEEKLY;BYDAY=FR;BYHOUR=15", duration: 9h }
        - { name: christmas freeze, cron: "0 0 24 12 *", duration: 3d, timezone: America/New_York }
`;

export function deployBenchRepos(root, core, ENTRIES) {
  const repo = join(root, '.bench-cache', `deploy-repo-${ENTRIES}-v3`);
  const gitEnv = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Bench',
    GIT_AUTHOR_EMAIL: 'bench@example.com',
    GIT_COMMITTER_NAME: 'Bench',
    GIT_COMMITTER_EMAIL: 'bench@example.com',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
  };

  const windowed = join(root, '.bench-cache', `deploy-repo-${ENTRIES}-windows-v1`);

  function buildRepo(repo, policy) {
    const git = (...args) => execFileSync('git', args, { cwd: repo, env: gitEnv, encoding: 'utf8' }).trim();
    rmSync(repo, { recursive: true, force: true });
    mkdirSync(join(repo, 'infrastructure'), { recursive: true });
    git('init', '-q', '-b', 'main');
    writeFileSync(join(repo, 'slipway.yaml'), policy);
    writeFileSync(join(repo, 'app.py'), 'print("hello")\n');
    // Never run by a dry run, but promote checks that the deploy command could start.
    writeFileSync(join(repo, 'deploy.sh'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    git('add', '-A');
    git('commit', '-q', '-m', 'app');
    git('tag', 'v1.0.0');
    const head = git('rev-parse', 'HEAD');
    // 10,000 entries: promotes, staging verifications and corrections, chained.
    const kinds = ['STAGING_VERIFIED', 'PROMOTE', 'SYSTEM_CORRECTION_EVENT', 'UNPIN'];
    let prev = core.GENESIS_HASH;
    const lines = [];
    for (let i = 0; i < ENTRIES; i++) {
      const event = i === ENTRIES - 1 ? 'STAGING_VERIFIED' : kinds[i % kinds.length];
      const line = core.formatAuditLine({
        v: 1,
        time: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
        event,
        environment: event === 'STAGING_VERIFIED' ? 'staging' : 'production',
        from: (i % 16).toString(16).repeat(40),
        // The newest production deploy (entry ENTRIES - 2, a rollback) is what the record names (REC008).
        to: i >= ENTRIES - 2 ? head : ((i + 1) % 16).toString(16).repeat(40),
        actor: { name: `engineer-${i % 7}`, kind: i % 3 === 0 ? 'ci' : 'human' },
        reason: `release ${i}: routine deploy of the week's changes`,
        outcome: 'succeeded',
        prev,
      });
      lines.push(line);
      prev = core.sha256Hex(line);
    }
    writeFileSync(join(repo, 'infrastructure/deploy-audit.jsonl'), `${lines.join('\n')}\n`);
    writeFileSync(
      join(repo, 'infrastructure/LAST_PROD_DEPLOY.json'),
      `${JSON.stringify({ last_good_sha: head, deployed_at: '2025-01-08T00:00:00Z', audit_head: prev }, null, 2)}\n`,
    );
  }

  if (!existsSync(join(repo, 'infrastructure/deploy-audit.jsonl'))) buildRepo(repo, POLICY);
  if (!existsSync(join(windowed, 'infrastructure/deploy-audit.jsonl')))
    buildRepo(windowed, `${POLICY}${WINDOWS}`);

  // A team's usual flow, for information: the record and the log committed (as `--commit` does),
  // and the SHA being promoted verified on staging since, so the guard reads a committed log that
  // is an earlier state of the working tree's.
  const committed = join(root, '.bench-cache', `deploy-repo-${ENTRIES}-committed-v3`);
  function buildCommittedRepo() {
    rmSync(committed, { recursive: true, force: true });
    cpSync(repo, committed, { recursive: true });
    const g = (...args) =>
      execFileSync('git', args, { cwd: committed, env: gitEnv, encoding: 'utf8' }).trim();
    g('add', '-A');
    g('commit', '-q', '-m', 'deploy record and audit log');
    g('tag', 'v1.1.0');
    const head = g('rev-parse', 'HEAD');
    const logPath = join(committed, 'infrastructure/deploy-audit.jsonl');
    const recordPath = join(committed, 'infrastructure/LAST_PROD_DEPLOY.json');
    const text = readFileSync(logPath, 'utf8');
    const line = core.formatAuditLine({
      v: 1,
      time: '2025-02-01T00:00:00Z',
      event: 'STAGING_VERIFIED',
      environment: 'staging',
      from: null,
      to: head,
      actor: { name: 'ci', kind: 'ci' },
      outcome: 'succeeded',
      prev: core.readAuditLog(text).lastHash,
    });
    writeFileSync(logPath, `${text}${line}\n`);
    const rec = JSON.parse(readFileSync(recordPath, 'utf8'));
    writeFileSync(recordPath, `${JSON.stringify({ ...rec, audit_head: core.sha256Hex(line) }, null, 2)}\n`);
  }
  if (!existsSync(committed)) buildCommittedRepo();
  return { repo, windowed, committed, gitEnv };
}
