import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initialUpdateState, type UpdateState } from '@slipway/policy-core';
import { writeSummaryFile } from '@slipway/policy-core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StateStore } from '../../packages/cli/src/update/state-store.js';
import { slipwayAsync } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';
import { outside, snapshot } from './hostile-repo.js';

/**
 * Issue 55, category 4, the writers beyond promote and baseline: `slipway init` (the policy and
 * the CI workflows), `deps lock`, `check --fix`, the self-updater's state files and the database
 * audit's summaries. Each is pointed by a committed link (to a file, to a name not there yet, or
 * a parent folder) at a place outside the repository: refused in one line naming the file,
 * nothing outside created or changed. The near miss beside each: a plain repository is written.
 * The commands run through the built CLI; the updater's store and the summaries, which need a
 * release or a database to reach by command, are called in-process on the same writer.
 */

const POLICY = `version: 1
dependencies:
  requirements: requirements.txt
  lock: requirements.lock
update:
  config: config/update.toml
`;
/** Only the update config: its UPD004 is the one finding with a fix. */
const FIX_POLICY = 'version: 1\nupdate:\n  config: config/update.toml\n';
const UPDATE = '[update]\nenabled = true\nrequire_signed_tags = false\n';
const OUT_DIR = join(outside, 'writes');
const repos: TempRepo[] = [];

/** A committed repository of `files` and `links` (link path → target). */
function repo(files: Record<string, string>, links: Record<string, string> = {}): TempRepo {
  const r = new TempRepo({ 'README.md': '# app\n', ...files });
  repos.push(r);
  for (const [path, target] of Object.entries(links)) {
    mkdirSync(join(r.dir, path, '..'), { recursive: true });
    symlinkSync(target, join(r.dir, path));
  }
  r.git('add', '-A');
  r.commit('hostile');
  return r;
}

beforeAll(() => {
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'update.toml'), UPDATE);
  writeFileSync(join(OUT_DIR, 'lock.txt'), 'old==1\n');
});
afterAll(() => {
  for (const r of repos) r.dispose();
});

type Run = Awaited<ReturnType<typeof slipwayAsync>>;

/**
 * Each command's repository, made and run at once in beforeAll (the runs are mostly waiting on
 * process start: side by side they take the time of about two), with the outside as it was before.
 */
const COMMANDS = {
  initLink: { files: {}, links: { 'slipway.yaml': join(OUT_DIR, 'policy.yaml') }, args: ['init'] },
  initCi: {
    files: { 'slipway.yaml': 'version: 1\n' },
    links: { '.github': OUT_DIR },
    args: ['init', '--ci', 'github'],
  },
  initPlain: { files: {}, links: {}, args: ['init', '--ci', 'github'] },
  lockLink: {
    files: { 'slipway.yaml': POLICY, 'requirements.txt': 'fastapi==0.110.0\n' },
    links: { 'requirements.lock': join(OUT_DIR, 'lock.txt') },
    args: ['deps', 'lock'],
  },
  lockPlain: {
    files: { 'slipway.yaml': POLICY, 'requirements.txt': 'fastapi==0.110.0\n' },
    links: {},
    args: ['deps', 'lock'],
  },
  fixLink: {
    files: { 'slipway.yaml': FIX_POLICY },
    links: { config: OUT_DIR },
    args: ['check', '--tree', '--fix'],
  },
  fixPlain: {
    files: { 'slipway.yaml': FIX_POLICY, 'config/update.toml': UPDATE },
    links: {},
    args: ['check', '--tree', '--fix'],
  },
} satisfies Record<string, { files: Record<string, string>; links: Record<string, string>; args: string[] }>;

const ran = {} as Record<keyof typeof COMMANDS, { dir: string; res: Run }>;
let outsideBefore: Record<string, string>;

beforeAll(async () => {
  outsideBefore = snapshot(OUT_DIR);
  await Promise.all(
    Object.entries(COMMANDS).map(async ([name, c]) => {
      const r = repo(c.files, c.links);
      ran[name as keyof typeof COMMANDS] = { dir: r.dir, res: await slipwayAsync(c.args, { cwd: r.dir }) };
    }),
  );
});

/** The command refused, said so once (no trace, no "internal error"), and left the outside as it was. */
function expectRefused(name: keyof typeof COMMANDS, line: RegExp): void {
  const { res } = ran[name];
  expect(res.code, res.stdout).not.toBe(0);
  expect(res.stderr).toMatch(line);
  expect(res.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(snapshot(OUT_DIR)).toEqual(outsideBefore);
}

describe('command writers through links out of the repository', () => {
  it('init: a committed slipway.yaml link to a name outside that does not exist yet', () => {
    expectRefused(
      'initLink',
      /^slipway init: slipway\.yaml is a symbolic link that leads outside the repository; Slipway does not write to it/m,
    );
    expect(existsSync(join(OUT_DIR, 'policy.yaml'))).toBe(false);
  });

  it('init --ci: a committed .github folder linked outside', () => {
    expectRefused(
      'initCi',
      /^slipway init: \.github\/workflows\/slipway-guard\.yml is below a directory that is a symbolic link leading outside/m,
    );
    expect(existsSync(join(OUT_DIR, 'workflows'))).toBe(false);
  });

  it('near miss: init --ci in a plain repository writes the policy and the workflow', () => {
    const { dir, res } = ran.initPlain;
    expect(res.code, res.stderr).toBe(0);
    expect(readFileSync(join(dir, 'slipway.yaml'), 'utf8')).toMatch(/^version: 1/m);
    expect(existsSync(join(dir, '.github', 'workflows', 'slipway-guard.yml'))).toBe(true);
  });

  it('deps lock: a committed lock that is a link to a file outside is neither read nor replaced', () => {
    expectRefused(
      'lockLink',
      /requirements\.lock is a symbolic link that leads outside the repository; Slipway does not read it/,
    );
  });

  it('near miss: deps lock writes a missing lock', () => {
    const { dir, res } = ran.lockPlain;
    expect(res.code, res.stderr).toBe(0);
    expect(readFileSync(join(dir, 'requirements.lock'), 'utf8')).toMatch(/^fastapi==0\.110\.0$/m);
  });

  it('check --fix: an update config below a folder linked outside is reported, not fixed there', () => {
    const { res } = ran.fixLink;
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(
      /UPD001 config\/update\.toml is below a directory that is a symbolic link leading outside/,
    );
    expect(`${res.stdout}${res.stderr}`).not.toMatch(/fixed/);
    expect(snapshot(OUT_DIR)).toEqual(outsideBefore);
  });

  it('near miss: check --fix fixes the same config kept in the repository', () => {
    const { dir, res } = ran.fixPlain;
    expect(`${res.stdout}${res.stderr}`).toMatch(/fixed 1 finding in config\/update\.toml/);
    expect(readFileSync(join(dir, 'config', 'update.toml'), 'utf8')).toMatch(/require_signed_tags = true/);
  });
});

describe('in-process writers through links out of the repository', () => {
  const state: UpdateState = initialUpdateState(new Date('2026-01-01T00:00:00Z'));

  it("the updater's state and journal below a persistence folder linked outside", () => {
    const r = repo({}, { '.slipway-data': OUT_DIR });
    const before = snapshot(OUT_DIR);
    const store = new StateStore(r.dir, '.slipway-data', 'default');
    expect(() => store.writeState(state)).toThrow(
      /^\.slipway-data\/default\/meta\/update_state\.json is below a directory that is a symbolic link leading outside/,
    );
    expect(() => store.audit({ event: 'x' })).toThrow(
      /update_audit\.jsonl is below a directory that is a symbolic link/,
    );
    expect(snapshot(OUT_DIR)).toEqual(before);
  });

  it("near miss: the updater's state is written in a plain persistence folder", () => {
    const r = repo({});
    const store = new StateStore(r.dir, '.slipway-data', 'default');
    store.writeState(state);
    store.audit({ event: 'x' });
    expect(store.readState(new Date())).toEqual(state);
    expect(readFileSync(store.auditPath, 'utf8')).toBe('{"event":"x"}\n');
  });

  it('the database audit summary into an ops/db_audit linked outside; near miss: a plain one', () => {
    const r = repo({}, { 'ops/db_audit': OUT_DIR });
    const before = snapshot(OUT_DIR);
    expect(() => writeSummaryFile(r.dir, join(r.dir, 'ops/db_audit/prod-summary.txt'), 'rows\n')).toThrow(
      /^ops\/db_audit\/prod-summary\.txt is below a directory that is a symbolic link leading outside/,
    );
    expect(snapshot(OUT_DIR)).toEqual(before);
    const ok = repo({});
    writeSummaryFile(ok.dir, join(ok.dir, 'ops/db_audit/prod-summary.txt'), 'rows\n');
    expect(readFileSync(join(ok.dir, 'ops/db_audit/prod-summary.txt'), 'utf8')).toBe('rows\n');
  });
});
