import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';

/**
 * The worst input we could think of for each reader, run through the built CLI as a user runs
 * it: `slipway check --tree` must answer with findings (exit 1) or one clear line (exit 2),
 * never a stack trace or "internal error", and must write nothing.
 */

const repos: TempRepo[] = [];
const outside = mkdtempSync(join(tmpdir(), 'slipway-outside-'));
afterAll(() => {
  for (const r of repos) r.dispose();
  rmSync(outside, { recursive: true, force: true });
});

/** A secret beside the repository that no finding may quote. */
const SECRET = 'hunter2-do-not-print';
writeFileSync(join(outside, 'secret.txt'), `${SECRET}\n`);

const POLICY = `version: 1
dependencies:
  requirements: requirements.txt
  lock: requirements.lock
migrations:
  alembic: alembic/versions
  sql: ["db/**/*.sql"]
deploy:
  record: infrastructure/LAST_PROD_DEPLOY.json
  audit_log: infrastructure/audit.log
update:
  config: config/update.toml
`;

const BASE: Record<string, string | Buffer> = {
  'slipway.yaml': POLICY,
  'requirements.txt': 'fastapi==0.110.0\n',
  'requirements.lock': 'fastapi==0.110.0\n',
  'alembic/versions/0001_base.py':
    "revision = '0001'\ndown_revision = None\n\ndef upgrade():\n    pass\n\ndef downgrade():\n    pass\n",
};

const repeat = (s: string, n: number) => s.repeat(n);

/** Every file under dir (but .git) with its content hash: what "nothing written" compares. */
function snapshot(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(join(dir, rel)).sort()) {
    if (name === '.git') continue;
    const path = rel ? `${rel}/${name}` : name;
    const full = join(dir, path);
    const st = statSync(full, { throwIfNoEntry: false });
    if (st?.isDirectory()) Object.assign(out, snapshot(dir, path));
    else out[path] = st ? createHash('sha256').update(readFileSync(full)).digest('hex') : 'dangling';
  }
  return out;
}

function repoWith(
  files: Record<string, string | Buffer | null>,
  links: Record<string, string> = {},
): TempRepo {
  const r = new TempRepo();
  repos.push(r);
  for (const [path, content] of Object.entries({ ...BASE, ...files })) {
    if (content === null) continue;
    const full = join(r.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  for (const [path, target] of Object.entries(links)) {
    mkdirSync(dirname(join(r.dir, path)), { recursive: true });
    symlinkSync(target, join(r.dir, path));
  }
  r.git('add', '-A');
  r.git('commit', '-q', '-m', 'hostile');
  return r;
}

interface Case {
  name: string;
  /** null: leave out a file of BASE. */
  files: Record<string, string | Buffer | null>;
  links?: Record<string, string>;
  /** Exit 2 with this one line, or exit 1 with a finding of this rule matching the message. */
  expect: { line: RegExp } | { rule: string; message: RegExp };
}

const DEEP = 100_000;
const CASES: Case[] = [
  {
    name: 'a billion-laughs policy',
    files: {
      'slipway.yaml': `version: 1\nx:\n  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n${Array.from(
        { length: 9 },
        (_, i) =>
          `  ${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(',')}]`,
      ).join('\n')}\n`,
    },
    expect: { line: /slipway\.yaml:1:1: invalid policy: .*billion laughs/ },
  },
  {
    name: 'a policy nesting flow lists 100,000 deep',
    files: { 'slipway.yaml': `version: 1\nx: ${repeat('[', DEEP)}${repeat(']', DEEP)}\n` },
    expect: { line: /slipway\.yaml:2:\d+: invalid policy: lists and tables nest more than 64 levels deep/ },
  },
  {
    name: 'a policy nesting block sequences 100,000 deep on one line',
    files: { 'slipway.yaml': `version: 1\nx:\n  ${repeat('- ', DEEP)}a\n` },
    expect: { line: /slipway\.yaml:3:\d+: invalid policy: lists and tables nest more than 64 levels deep/ },
  },
  {
    name: 'a TOML policy nesting arrays 100,000 deep',
    files: {
      'slipway.yaml': null,
      'slipway.toml': `version = 1\nx = ${repeat('[', DEEP)}${repeat(']', DEEP)}\n`,
    },
    expect: { line: /slipway\.toml:2:\d+: invalid policy: lists and tables nest more than 64 levels deep/ },
  },
  {
    name: 'a 2 MB policy',
    files: { 'slipway.yaml': `version: 1\n${repeat(`# ${repeat('x', 98)}\n`, 21_000)}` },
    expect: { line: /slipway\.yaml:1:1: invalid policy: the policy file is 2\.0 MB, more than the 1\.0 MB/ },
  },
  {
    name: 'policy paths that leave the repository',
    files: {
      'slipway.yaml': POLICY.replace('lock: requirements.lock', `lock: ../${'x'}/secret.txt`).replace(
        'audit_log: infrastructure/audit.log',
        `audit_log: ${join(outside, 'secret.txt')}`,
      ),
    },
    expect: { line: /invalid policy: `dependencies\.lock`: `\.\.\/x\/secret\.txt` climbs out with `\.\.`/ },
  },
  {
    name: 'a deploy record that is a symbolic link to a file outside the repository',
    files: {},
    links: { 'infrastructure/LAST_PROD_DEPLOY.json': join(outside, 'secret.txt') },
    expect: { rule: 'REC001', message: /symbolic link that leads outside the repository/ },
  },
  {
    name: 'an audit log and a lock that are symbolic links to a file outside the repository',
    files: { 'requirements.lock': null },
    links: {
      'infrastructure/audit.log': join(outside, 'secret.txt'),
      'requirements.lock': join(outside, 'secret.txt'),
    },
    expect: {
      rule: 'AUD001',
      message: /^The audit log cannot be read: .*symbolic link that leads outside the repository/,
    },
  },
  {
    name: 'binary requirements',
    files: { 'requirements.txt': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)) },
    expect: { rule: 'DEP008', message: /requirements\.txt is not UTF-8 text/ },
  },
  {
    name: 'Latin-1 requirements',
    files: { 'requirements.txt': Buffer.from('caf\xe9==1.0\n', 'latin1') },
    expect: { rule: 'DEP008', message: /not UTF-8 text/ },
  },
  {
    name: 'a requirement with 200,000 extras and one with markers nested 50,000 deep',
    files: {
      'requirements.txt': `a[${Array(200_000).fill('x').join(',')}]==1\nb==1; ${repeat('(', 50_000)}python_version>"3"${repeat(')', 50_000)}\n`,
    },
    expect: { rule: 'DEP008', message: /marker parentheses nest too deeply/ },
  },
  {
    name: 'requirements including each other 40 files deep',
    files: Object.fromEntries([
      ['requirements.txt', '-r r1.txt\n'],
      ...Array.from({ length: 40 }, (_, i) => [`r${i + 1}.txt`, `-r r${i + 2}.txt\n`]),
    ]),
    expect: { rule: 'DEP010', message: /nest deeper than 32 files/ },
  },
  {
    name: 'a Python migration with parentheses nested 50,000 deep',
    files: {
      'alembic/versions/0002_deep.py': `revision = '0002'\ndown_revision = '0001'\n\ndef upgrade():\n    x = ${repeat('(', 50_000)}1${repeat(')', 50_000)}\n`,
    },
    expect: { rule: 'MIG130', message: /./ },
  },
  {
    name: 'a Python migration in Latin-1 without a coding line',
    files: {
      'alembic/versions/0002_latin.py': Buffer.from(
        "revision = '0002'\ndown_revision = '0001'\n# caf\xe9\ndef upgrade():\n    pass\n",
        'latin1',
      ),
    },
    expect: { rule: 'MIG130', message: /not UTF-8 and declares no encoding \(first bad byte on line 3\)/ },
  },
  {
    name: 'a binary Python migration',
    files: { 'alembic/versions/0002_bin.py': Buffer.from([0x72, 0x00, 0xff, 0xfe, 0x00, 0x0a]) },
    expect: { rule: 'MIG130', message: /NUL bytes/ },
  },
  {
    name: 'a 9 MB Python migration',
    files: {
      'alembic/versions/0002_huge.py': `revision = '0002'\n${repeat(`# ${repeat('x', 98)}\n`, 94_500)}`,
    },
    expect: { rule: 'MIG130', message: /9\.\d MB, more than the 8\.0 MB/ },
  },
  {
    name: 'SQL nested 20,000 deep',
    files: { 'db/001.sql': `SELECT ${repeat('(', 20_000)}1${repeat(')', 20_000)};\n` },
    expect: { rule: 'MIG030', message: /cannot be read/ },
  },
  {
    name: 'a deploy record nested 200,000 deep',
    files: { 'infrastructure/LAST_PROD_DEPLOY.json': `${repeat('[', 200_000)}${repeat(']', 200_000)}` },
    expect: { rule: 'REC001', message: /nested too deeply/ },
  },
  {
    name: 'a 5 MB deploy record',
    files: { 'infrastructure/LAST_PROD_DEPLOY.json': `{"x": "${repeat('x', 5 * 1024 * 1024)}"}` },
    expect: { rule: 'REC001', message: /5\.0 MB, more than the 4\.0 MB/ },
  },
  {
    name: 'an audit log of 150,000 malformed lines',
    files: { 'infrastructure/audit.log': repeat('not json\n', 150_000) },
    expect: { rule: 'AUD001', message: /and 149,900 more AUD001 findings/ },
  },
  {
    name: 'an audit log line of 2 MB and one nested 100,000 deep',
    files: {
      'infrastructure/audit.log': `{"a": "${repeat('x', 2 * 1024 * 1024)}"}\n${repeat('[', DEEP)}${repeat(']', DEEP)}\n`,
    },
    expect: { rule: 'AUD001', message: /line is 2\.0 MB, more than one event may be/ },
  },
  {
    name: 'an update config nesting arrays 100,000 deep',
    files: { 'config/update.toml': `[update]\nx = ${repeat('[', DEEP)}${repeat(']', DEEP)}\n` },
    expect: { rule: 'UPD001', message: /nest more than 64 levels deep/ },
  },
];

describe('hostile input: findings or one clear line, no stack trace, nothing written', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = repoWith(c.files, c.links);
      const before = snapshot(r.dir);
      const outsideBefore = snapshot(outside);
      const res = slipway(['check', '--tree', '--format', 'json'], { cwd: r.dir });
      const all = `${res.stdout}\n${res.stderr}`;
      expect(all).not.toMatch(/\n\s+at |internal error|RangeError|Maximum call stack/);
      expect(all).not.toContain(SECRET);
      if ('line' in c.expect) {
        expect(res.code).toBe(2);
        expect(res.stderr.trimEnd().split('\n')).toHaveLength(1);
        expect(res.stderr).toMatch(c.expect.line);
      } else {
        expect(res.stderr).toBe('');
        expect([0, 1]).toContain(res.code);
        const findings = (JSON.parse(res.stdout) as { findings: { rule: string; message: string }[] })
          .findings;
        const expected = c.expect;
        expect(
          findings.some((f) => f.rule === expected.rule && expected.message.test(f.message)),
          JSON.stringify(findings.map((f) => `${f.rule} ${f.message.slice(0, 120)}`)),
        ).toBe(true);
      }
      expect(snapshot(r.dir)).toEqual(before);
      expect(snapshot(outside)).toEqual(outsideBefore);
    });
  }

  it('--fix with a lock path outside the repository writes nothing, there or here', () => {
    const r = repoWith({
      'slipway.yaml': POLICY.replace('lock: requirements.lock', 'lock: ../escaped.lock'),
    });
    const before = snapshot(r.dir);
    const res = slipway(['check', '--tree', '--fix'], { cwd: r.dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/climbs out with `\.\.`/);
    expect(snapshot(r.dir)).toEqual(before);
    expect(statSync(join(r.dir, '..', 'escaped.lock'), { throwIfNoEntry: false })).toBeUndefined();
  });
});
