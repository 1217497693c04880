import { join } from 'node:path';
import { describe } from 'vitest';
import { type Case, itAnswers, outside, repeat } from './hostile-repo.js';

/**
 * Files past a limit of limits.ts, files the host refuses unread (a symbolic link leading out of
 * the repository) and files that are not text, for every reader the hostile-input cases do not
 * already cover: each is one finding that names the file, the limit or the refusal, and what to
 * do, and the rest of the repository is still checked (db/002.sql's DROP TABLE is reported).
 */

const SECRET_FILE = join(outside, 'secret.txt');
const DROP = { 'db/002.sql': 'DROP TABLE users;\n' };
const STILL_CHECKED = [{ rule: 'MIG001', message: /drops table "users"/, file: 'db/002.sql' }];
const LINKED =
  /^(\S+) is a symbolic link that leads outside the repository; Slipway does not read it; commit/;

const CASES: Case[] = [
  {
    name: 'a Python migration that is a symbolic link to a file outside the repository',
    files: DROP,
    links: { 'alembic/versions/0002_link.py': SECRET_FILE },
    expect: {
      rule: 'MIG130',
      message:
        /^alembic\/versions\/0002_link\.py is a symbolic link .*; commit the migration itself in its place\.$/,
      file: 'alembic/versions/0002_link.py',
      error: true,
    },
    also: STILL_CHECKED,
  },
  {
    name: 'a SQL migration that is a symbolic link to a file outside the repository',
    files: DROP,
    links: { 'db/003.sql': SECRET_FILE },
    expect: { rule: 'MIG030', message: LINKED, file: 'db/003.sql', error: true },
    also: STILL_CHECKED,
  },
  {
    name: 'an update.toml that is a symbolic link to a file outside the repository',
    files: DROP,
    links: { 'config/update.toml': SECRET_FILE },
    expect: {
      rule: 'UPD001',
      message:
        /^config\/update\.toml is a symbolic link .*; commit the update config itself at update\.config\.$/,
    },
    also: STILL_CHECKED,
  },
  {
    name: 'an update state file that is a symbolic link to a file outside the repository',
    files: { ...DROP, 'config/update.toml': '[update]\n' },
    links: { 'bot_persistence/default/meta/update_state.json': SECRET_FILE },
    expect: {
      rule: 'UPD003',
      message: LINKED,
      file: 'bot_persistence/default/meta/update_state.json',
      error: true,
    },
    also: STILL_CHECKED,
  },
  {
    name: 'an update state file of 17 MB',
    files: {
      ...DROP,
      'config/update.toml': '[update]\n',
      'bot_persistence/default/meta/update_state.json': `{"schema": 1, "pad": "${repeat('x', 17 * 1024 * 1024)}"}\n`,
    },
    expect: {
      rule: 'UPD003',
      message: /update_state\.json is 17 MB, more than the 16 MB Slipway reads of one state file/,
      error: true,
    },
    also: STILL_CHECKED,
  },
  {
    name: '250,001 statements in one SQL file',
    files: { ...DROP, 'db/001.sql': repeat('INSERT INTO t VALUES (1);\n', 250_001) },
    expect: {
      rule: 'MIG030',
      message:
        /^db\/001\.sql holds more than 250,000 SQL statements, the most Slipway reads of one SQL migration file, so it was not checked; split it into smaller migrations\.$/,
      file: 'db/001.sql',
      error: true,
    },
    also: STILL_CHECKED,
  },
  {
    name: '250,001 statements hiding a DROP TABLE fail the check on their own',
    files: { 'db/001.sql': `${repeat('INSERT INTO t VALUES (1);\n', 250_000)}DROP TABLE users;\n` },
    expect: { rule: 'MIG030', message: /holds more than 250,000 SQL statements/, error: true },
  },
  {
    // A data migration written as a dump of INSERTs is read whole: the DROP TABLE at its end is found.
    name: '50,000 statements in one SQL file are all checked',
    files: { 'db/001.sql': `${repeat('INSERT INTO t VALUES (1);\n', 50_000)}DROP TABLE users;\n` },
    expect: { rule: 'MIG001', message: /drops table "users"/, file: 'db/001.sql', error: true },
  },
  {
    name: 'a 17 MB SQL file',
    files: { ...DROP, 'db/001.sql': repeat(`SELECT 1; -- ${repeat('x', 88)}\n`, 170_000) },
    expect: {
      rule: 'MIG030',
      message:
        /^db\/001\.sql is 17 MB, more than the 16 MB Slipway reads of one SQL migration file, so it was not checked; split it/,
      file: 'db/001.sql',
      error: true,
    },
    also: STILL_CHECKED,
  },
  {
    name: 'a binary SQL file',
    files: { ...DROP, 'db/001.sql': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)) },
    expect: { rule: 'MIG030', message: /contains NUL bytes/, file: 'db/001.sql', error: true },
    also: STILL_CHECKED,
  },
  {
    name: 'a 17 MB requirements file',
    files: { ...DROP, 'requirements.txt': repeat(`# ${repeat('x', 98)}\n`, 175_000) },
    expect: {
      rule: 'DEP008',
      message:
        /^requirements\.txt is 17 MB, more than the 16 MB Slipway reads of one requirements file or lock, so it was not checked; split it/,
    },
    also: STILL_CHECKED,
  },
  {
    name: 'a requirements file of 600,000 one-letter lines',
    files: { ...DROP, 'requirements.txt': repeat('a\n', 600_000) },
    expect: {
      rule: 'DEP008',
      message:
        /^requirements\.txt has more than 500,000 lines, the most Slipway reads of one requirements file or lock, so it was not checked; split it/,
    },
    also: STILL_CHECKED,
  },
  {
    name: 'an audit log of 1,100,000 lines',
    files: { ...DROP, 'infrastructure/audit.log': repeat('{}\n', 1_100_000) },
    expect: {
      rule: 'AUD001',
      message:
        /^The audit log cannot be read: the audit log has more than 1,000,000 lines, the most Slipway reads/,
      single: true,
    },
    also: STILL_CHECKED,
  },
  {
    name: 'a uv.lock nesting arrays 100,000 deep',
    files: {
      ...DROP,
      'slipway.yaml':
        'version: 1\ndependencies:\n  requirements: requirements.txt\n  lock: uv.lock\nmigrations:\n  sql: ["db/**/*.sql"]\n',
      'uv.lock': `version = 1\nx = ${repeat('[', 100_000)}${repeat(']', 100_000)}\n`,
    },
    expect: {
      rule: 'DEP008',
      message: /^uv\.lock is not valid TOML: lists and tables nest more than 64 levels deep/,
    },
    also: STILL_CHECKED,
  },
  {
    name: 'a 2 MB update.toml',
    files: { ...DROP, 'config/update.toml': `[update]\n${repeat(`# ${repeat('x', 98)}\n`, 21_000)}` },
    expect: { rule: 'UPD001', message: /2\.0 MB, more than the 1\.0 MB an update config may be/ },
    also: STILL_CHECKED,
  },
];

/** 4 KB of every byte value: binary, NUL bytes included. */
const BINARY = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
const LATIN1 = (text: string) => Buffer.from(text, 'latin1');
const NOT_TEXT = /is not UTF-8 text \(binary content or another encoding\)/;

const ENCODINGS: Case[] = [
  {
    name: 'a binary policy',
    files: { 'slipway.yaml': BINARY },
    expect: {
      line: /slipway\.yaml:1:\d+: invalid policy: the policy file is not UTF-8 text .*; save it as UTF-8\./,
    },
  },
  {
    name: 'a Latin-1 policy',
    files: { 'slipway.yaml': LATIN1('version: 1\n# r\xe9sum\xe9\n') },
    expect: { line: /slipway\.yaml:2:4: invalid policy: the policy file is not UTF-8 text/ },
  },
  {
    name: 'a binary update.toml',
    files: { ...DROP, 'config/update.toml': BINARY },
    expect: {
      rule: 'UPD001',
      message: /^invalid config\/update\.toml: the file is not UTF-8 text .*; save it as UTF-8\.$/,
    },
    also: STILL_CHECKED,
  },
  {
    name: 'a Latin-1 update.toml',
    files: { ...DROP, 'config/update.toml': LATIN1('[update]\nchannel = "caf\xe9"\n') },
    expect: { rule: 'UPD001', message: NOT_TEXT, file: 'config/update.toml' },
    also: STILL_CHECKED,
  },
  {
    name: 'a binary deploy record',
    files: { ...DROP, 'infrastructure/LAST_PROD_DEPLOY.json': BINARY },
    expect: { rule: 'REC001', message: /^The deploy record is not UTF-8 text .*; restore it from git/ },
    also: STILL_CHECKED,
  },
  {
    name: 'a binary audit log is one finding, not one per line',
    files: { ...DROP, 'infrastructure/audit.log': Buffer.concat(Array(64).fill(BINARY)) },
    expect: {
      rule: 'AUD001',
      message: /^The audit log cannot be read: the audit log is not UTF-8 text .*; restore it from git\.$/,
      single: true,
    },
    also: STILL_CHECKED,
  },
];

describe('hostile input that is not text: one finding or one line, the rest still checked', () => {
  itAnswers(ENCODINGS);
});

describe('hostile input past the limits: one finding each, the rest still checked', () => {
  itAnswers(CASES);
});
