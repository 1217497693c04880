import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeployFixture } from '../deploy/helpers/deploy-repo.js';
import { slipwayAsync } from '../helpers/cli.js';
import { type Case, itAnswers, outside, POLICY, repoWith, SECRET, snapshot } from './hostile-repo.js';

/**
 * Issue 55, category 4: every file Slipway reads or writes in a repository goes through one
 * confined reader and one confined writer (policy-core/src/node/confined-read.ts,
 * confined-write.ts). A committed link that leaves the repository (or enters .git), a FIFO, a
 * device: refused in one line or one finding naming the file, nothing quoted from outside,
 * nothing written outside. Each attack has its near miss: a link that stays inside is followed.
 */

const SECRET_FILE = join(outside, 'secret.txt');
const DROP = { 'db/002.sql': 'DROP TABLE users;\n' };
/** Proof the rest of the repository was read under the policy: db/002.sql's DROP TABLE is reported. */
const STILL_CHECKED = { rule: 'MIG001', message: /drops table "users"/, file: 'db/002.sql' };
const OUT = /symbolic link that leads outside the repository; Slipway does not read it/;

// A directory outside the repository holding a file of the name the policy gives the record.
const OUTSIDE_INFRA = join(outside, 'infra');
const writeOutsideInfra = () => {
  mkdirSync(OUTSIDE_INFRA, { recursive: true });
  writeFileSync(SECRET_FILE, `${SECRET}\n`);
  writeFileSync(join(OUTSIDE_INFRA, 'LAST_PROD_DEPLOY.json'), `{"last_good_sha": "${SECRET}"}\n`);
};

const CASES: Case[] = [
  {
    name: 'a policy file that is a symbolic link to a file outside the repository',
    files: { 'slipway.yaml': null },
    links: { 'slipway.yaml': SECRET_FILE },
    expect: {
      line: /slipway\.yaml:1:1: invalid policy: slipway\.yaml is a symbolic link that leads outside/,
    },
  },
  {
    name: 'near miss: a policy file that is a relative link to a file inside the repository is followed',
    files: { 'slipway.yaml': null, 'config/slipway.yaml': POLICY, ...DROP },
    links: { 'slipway.yaml': 'config/slipway.yaml' },
    expect: STILL_CHECKED,
  },
  {
    name: 'a SQL migration that is a FIFO: refused at once, no read that waits for a writer',
    files: { ...DROP, 'db/003.sql': 'SELECT 1;\n' },
    fifos: ['db/003.sql'],
    expect: { rule: 'MIG030', message: /^db\/003\.sql is a FIFO \(named pipe\); Slipway does not read it/ },
    also: [STILL_CHECKED],
  },
  {
    name: 'migrations that are links to /dev/zero and /dev/stdin: refused unopened',
    files: DROP,
    links: { 'db/003.sql': '/dev/zero', 'db/004.sql': '/dev/stdin' },
    expect: { rule: 'MIG030', message: OUT, file: 'db/004.sql', error: true },
    also: [{ rule: 'MIG030', message: OUT, file: 'db/003.sql' }, STILL_CHECKED],
  },
  {
    name: 'near miss: a migration that is a relative link to another file of the repository is read',
    files: { 'common/drop.sql': 'DROP TABLE users;\n' },
    links: { 'db/002.sql': '../common/drop.sql' },
    expect: STILL_CHECKED,
  },
  {
    name: 'a requirements file that is a symbolic link into the git directory (.git/config)',
    files: { ...DROP, 'requirements.txt': null },
    links: { 'requirements.txt': '.git/config' },
    expect: { rule: 'DEP008', message: /requirements\.txt is a symbolic link into the git directory/ },
    also: [STILL_CHECKED],
  },
  {
    name: 'near miss: a .gitattributes and a requirements file linked inside the repository are ordinary',
    files: {
      ...DROP,
      '.gitattributes': '*.sql text\n',
      'requirements.txt': null,
      'deps/req.txt': 'x==1 ;;\n',
    },
    links: { 'requirements.txt': 'deps/req.txt' },
    expect: { rule: 'DEP008', message: /^(?!.*symbolic link)/, file: 'requirements.txt' },
    also: [STILL_CHECKED],
  },
  {
    name: 'a deploy record below a directory link that escapes the repository',
    files: DROP,
    links: { infrastructure: OUTSIDE_INFRA },
    expect: {
      rule: 'REC001',
      message: /below a directory that is a symbolic link leading outside the repository/,
    },
    also: [STILL_CHECKED],
  },
];

describe('confined reads in `slipway check`: no link out, no FIFO, no device', () => {
  beforeAll(writeOutsideInfra);
  itAnswers(CASES);

  it('a link chain that leaves the repository and comes back is refused; a chain inside is followed', async () => {
    writeOutsideInfra();
    const hop = join(outside, 'hop.sql');
    rmSync(hop, { force: true });
    const r = repoWith(
      { 'common/drop.sql': 'DROP TABLE users;\n' },
      { 'db/002.sql': hop, 'db/005.sql': 'six.sql', 'db/six.sql': '../common/drop.sql' },
    );
    symlinkSync(join(r.dir, 'common', 'drop.sql'), hop);
    const res = await slipwayAsync(['check', '--tree', '--format', 'json'], { cwd: r.dir });
    const findings = (
      JSON.parse(res.stdout) as { findings: { rule: string; file: string; message: string }[] }
    ).findings;
    expect(findings.find((f) => f.file === 'db/002.sql' && f.rule === 'MIG030')?.message).toMatch(OUT);
    // Near miss: db/005.sql -> six.sql -> ../common/drop.sql never leaves, and is read.
    expect(findings.some((f) => f.file === 'db/005.sql' && f.rule === 'MIG001')).toBe(true);
    rmSync(hop, { force: true });
  });
});

describe('confined reads and writes of the deploy files: history, promote, baseline', () => {
  const fixtures: DeployFixture[] = [];
  afterAll(async () => {
    for (const f of fixtures) await f.dispose();
  });
  const fixture = async (links: Record<string, string>) => {
    const f = await new DeployFixture().start();
    fixtures.push(f);
    mkdirSync(join(f.repo.dir, 'infrastructure'), { recursive: true });
    for (const [path, target] of Object.entries(links)) symlinkSync(target, join(f.repo.dir, path));
    f.repo.git('add', '-A');
    f.repo.commit('links');
    return f;
  };

  it('promote does not append its audit line through a committed link to a file outside', async () => {
    writeOutsideInfra();
    const before = readFileSync(SECRET_FILE);
    const f = await fixture({ 'infrastructure/deploy-audit.jsonl': SECRET_FILE });
    const r = await f.cli('promote', '--env', 'staging');
    expect(r.code).not.toBe(0);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /infrastructure\/deploy-audit\.jsonl is a symbolic link that leads outside the repository/,
    );
    expect(`${r.stdout}${r.stderr}`).not.toContain(SECRET);
    expect(readFileSync(SECRET_FILE).equals(before)).toBe(true);
    expect(f.requests()).toEqual([]);
  });

  it('near miss: promote appends to an audit log kept behind a link inside the repository', async () => {
    const f = await fixture({ 'infrastructure/deploy-audit.jsonl': 'logs/audit.jsonl' });
    mkdirSync(join(f.repo.dir, 'infrastructure', 'logs'), { recursive: true });
    writeFileSync(join(f.repo.dir, 'infrastructure', 'logs', 'audit.jsonl'), '');
    f.repo.git('add', '-A');
    f.repo.commit('log');
    const r = await f.cli('promote', '--env', 'staging');
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(f.repo.dir, 'infrastructure', 'logs', 'audit.jsonl'), 'utf8')).toMatch(
      /"staging"/,
    );
  });

  it('history does not quote a deploy record that is a link to a file outside', async () => {
    const f = await fixture({ 'infrastructure/LAST_PROD_DEPLOY.json': SECRET_FILE });
    const r = await f.cli('history');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/infrastructure\/LAST_PROD_DEPLOY\.json is a symbolic link that leads outside/);
    expect(`${r.stdout}${r.stderr}`).not.toContain(SECRET);
  });

  it('near miss: history reads a deploy record linked inside the repository', async () => {
    const f = await fixture({ 'infrastructure/LAST_PROD_DEPLOY.json': 'records/prod.json' });
    mkdirSync(join(f.repo.dir, 'infrastructure', 'records'), { recursive: true });
    writeFileSync(
      join(f.repo.dir, 'infrastructure', 'records', 'prod.json'),
      '{"last_good_sha": "0123456789abcdef0123456789abcdef01234567"}\n',
    );
    const r = await f.cli('history');
    expect(r.stderr).not.toMatch(/symbolic link/);
    // Read: the record it leads to is judged (it lacks a key), not refused.
    expect(r.stdout).toMatch(
      /LAST_PROD_DEPLOY\.json: REC001 The deploy record lacks the required key "deployed_at"/,
    );
  });

  it('baseline does not write through a committed link to a file outside; near miss: it writes its own file', async () => {
    writeOutsideInfra();
    const r = repoWith(DROP, { '.slipway/baseline.json': SECRET_FILE });
    const outsideBefore = snapshot(outside);
    const res = await slipwayAsync(['baseline'], { cwd: r.dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(
      /^slipway baseline: .*\.slipway\/baseline\.json is a symbolic link that leads outside/,
    );
    expect(`${res.stdout}${res.stderr}`).not.toContain(SECRET);
    expect(snapshot(outside)).toEqual(outsideBefore);
    const ok = repoWith(DROP);
    const wrote = await slipwayAsync(['baseline'], { cwd: ok.dir });
    expect(wrote.code, wrote.stderr).toBe(0);
    expect(readFileSync(join(ok.dir, '.slipway', 'baseline.json'), 'utf8')).toMatch(/MIG001/);
  });
});
