import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { type Case, itAnswers, outside, POLICY, repeat, repoWith, snapshot } from './hostile-repo.js';

/**
 * The worst input we could think of for each reader, run through the built CLI as a user runs
 * it (the harness is hostile-repo.ts; limits, refused paths and encodings are in
 * hostile-limits.test.ts).
 */

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
    // Past 4 bytes a character allows: refused by its size, before a byte of it is read.
    name: 'a 5 MB policy',
    files: { 'slipway.yaml': `version: 1\n${repeat(`# ${repeat('x', 98)}\n`, 52_000)}` },
    expect: { line: /slipway\.yaml:1:1: invalid policy: the policy file is 5\.0 MB, more than the 1\.0 MB/ },
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
    name: 'a 33 MB Python migration',
    files: {
      'alembic/versions/0002_huge.py': `revision = '0002'\n${repeat(`# ${repeat('x', 98)}\n`, 346_000)}`,
    },
    expect: {
      rule: 'MIG130',
      message:
        /^alembic\/versions\/0002_huge\.py is 33 MB, more than the 32 MB Slipway reads of one Alembic migration, so it was not checked; split it into smaller migrations\.$/,
      file: 'alembic/versions/0002_huge.py',
    },
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
    name: 'an update state whose 100,000 keys are all one key',
    files: {
      'config/update.toml': '[update]\n',
      'bot_persistence/default/meta/update_state.json': `{${repeat('"resets": [],\n', 100_000)}"schema": 1}\n`,
    },
    expect: {
      rule: 'UPD003',
      message: /update_state\.json is not valid JSON \(duplicate key "resets"\)/,
      file: 'bot_persistence/default/meta/update_state.json',
    },
  },
  {
    name: 'an update state of 100,000 resets, each without a reason',
    files: {
      'config/update.toml': '[update]\n',
      'bot_persistence/default/meta/update_state.json': JSON.stringify({
        schema: 1,
        day: '2026-11-22',
        attempts_today: 0,
        failures_today: 0,
        total_failures: 0,
        circuit: { open: false },
        resets: Array.from({ length: 100_000 }, () => ({ at: '2026-11-22T10:00:00Z', reason: '' })),
      }),
    },
    expect: { rule: 'UPD003', message: /and 99,900 more UPD003 findings/ },
  },
  {
    name: 'an update config nesting arrays 100,000 deep',
    files: { 'config/update.toml': `[update]\nx = ${repeat('[', DEEP)}${repeat(']', DEEP)}\n` },
    expect: { rule: 'UPD001', message: /nest more than 64 levels deep/ },
  },
];

describe('hostile input: findings or one clear line, no stack trace, nothing written', () => {
  itAnswers(CASES);

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
