import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVE, DeployFixture } from './helpers/deploy-repo.js';
import { shipped } from './helpers/prepared-fixture.js';

const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
const LOG = 'infrastructure/deploy-audit.jsonl';

describe('flags: a value starting with "-", and single-value flags given twice', () => {
  let f: DeployFixture;
  beforeAll(async () => {
    f = await new DeployFixture().start();
  });
  afterAll(() => f.dispose());

  it.each([
    [['watch', '--failures', '-1'], 'watch', '--failures=-1'],
    [['history', '--limit', '-1'], 'history', '--limit=-1'],
    [['rollback', '--reason', '-x', '--yes'], 'rollback', '--reason=-x'],
    [['promote', '--env', 'production', '--approval-timeout', '-5s'], 'promote', '--approval-timeout=-5s'],
  ])('%j says how to pass the value, in one line', async (args, command, fix) => {
    const r = await f.cli(...args);
    expect(r.code).toBe(2);
    const flag = fix.split('=')[0];
    expect(r.stderr).toBe(
      `slipway ${command}: ${flag} needs a value; for a value starting with '-', write ${fix} (see \`slipway ${command} --help\`)\n`,
    );
  });

  it('near miss: --failures=-1 reaches the value check', async () => {
    const r = await f.cli('watch', '--failures=-1');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('slipway watch: --failures must be a whole number of at least 1, not "-1"\n');
  });

  it.each([
    [
      ['promote', 'HEAD', '--env', 'production', '--env', 'staging'],
      'promote',
      '--env',
      '"production", then "staging"',
    ],
    [
      ['promote', 'HEAD', '--env', 'staging', '--env=staging'],
      'promote',
      '--env',
      '"staging", then "staging"',
    ],
    [['rollback', '--reason', 'a', '--reason', 'b', '--yes'], 'rollback', '--reason', '"a", then "b"'],
    [['rollback', '--reason', 'a', '--to', 'x', '--to', 'y'], 'rollback', '--to', '"x", then "y"'],
    [
      ['rollback', '--reason', 'a', '--yes', '--approved-by', 'Ada', '--approved-by', 'Bob'],
      'rollback',
      '--approved-by',
      '"Ada", then "Bob"',
    ],
  ])('%j is refused before acting', async (args, command, flag, values) => {
    const r = await f.cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `slipway ${command}: ${flag} was given more than once (${values}); give it once (see \`slipway ${command} --help\`)\n`,
    );
    expect(f.requests()).toEqual([]);
  });

  it('near miss: a repeated boolean is harmless and accepted', async () => {
    const r = await f.cli('history', '--json', '--json');
    expect(r.code, r.stderr).toBe(0);
  });
});

describe('a record or audit-log path that is a directory', () => {
  let f: DeployFixture;
  beforeAll(async () => {
    f = await new DeployFixture().start();
  });
  afterAll(() => f.dispose());

  const asDirectory = (path: string) => {
    mkdirSync(join(f.repo.dir, path), { recursive: true });
    writeFileSync(join(f.repo.dir, path, 'keep'), '');
  };
  const cleanUp = (path: string) => rmSync(join(f.repo.dir, path), { recursive: true, force: true });

  it('history, promote and rollback name the path in one line, exit 2, and do nothing', async () => {
    asDirectory(LOG);
    try {
      for (const [command, args] of [
        ['history', []],
        ['promote', ['--env', 'staging']],
        ['rollback', ['--reason', 'x', '--yes']],
      ] as const) {
        const r = await f.cli(command, ...args);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toBe(
          `slipway ${command}: ${LOG} is a directory; the audit log (deploy.audit_log) must be a file.\n`,
        );
      }
      expect(f.requests()).toEqual([]);
    } finally {
      cleanUp(LOG);
    }
  });

  it('a record directory is named the same way', async () => {
    asDirectory(RECORD);
    try {
      const r = await f.cli('history');
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `slipway history: ${RECORD} is a directory; the deploy record (deploy.record) must be a file.\n`,
      );
    } finally {
      cleanUp(RECORD);
    }
  });

  it('check --tree reports AUD001 / REC001 at the policy key, not "truncated" or nothing', async () => {
    asDirectory(LOG);
    asDirectory(RECORD);
    try {
      const r = await f.cli('check', '--tree', '--format', 'json');
      expect(r.code, r.stderr).toBe(1);
      const findings = (
        JSON.parse(r.stdout) as { findings: { rule: string; message: string; file: string; line: number }[] }
      ).findings;
      expect(findings.map((x) => [x.rule, x.file, x.line, x.message])).toEqual([
        [
          'REC001',
          'slipway.yaml',
          4,
          `${RECORD} (deploy.record) is a directory; the deploy record must be a file: remove or rename the directory, or point deploy.record at a file.`,
        ],
        [
          'AUD001',
          'slipway.yaml',
          5,
          `${LOG} (deploy.audit_log) is a directory; the audit log must be a file: remove or rename the directory, or point deploy.audit_log at a file.`,
        ],
      ]);
    } finally {
      cleanUp(LOG);
      cleanUp(RECORD);
    }
  });

  it('near miss: files that do not exist yet are not findings', async () => {
    const r = await f.cli('check', '--tree', '--format', 'json');
    expect(r.code, r.stdout).toBe(0);
  });
});

describe('history prints free text on one line and numbers lines from 1 everywhere', () => {
  let f: DeployFixture;
  beforeAll(async () => {
    ({ f } = await shipped(['production']));
  });
  afterAll(() => f.dispose());

  it('a reason with a newline cannot fake a history line; --json keeps it as data', async () => {
    const fake = '2026-01-01T00:00:00.000Z  PROMOTE                 production  succeeded';
    const reason = `bad build\n${fake}\u001b[2K`;
    expect((await f.cli('rollback', '--reason', reason, ...APPROVE)).code).toBe(0);
    const text = await f.cli('history');
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n').some((l) => l.startsWith('2026-01-01T00:00:00'))).toBe(false);
    expect(text.stdout).toContain(`bad build\\n${fake}\\x1B[2K`);
    const json = JSON.parse((await f.cli('history', '--json')).stdout) as {
      entries: { reason?: string }[];
    };
    expect(json.entries.at(-1)?.reason).toBe(reason);
  });

  it('--json issue lines are 1-based like entry lines and the text output', async () => {
    const lines = f.auditLines().length;
    appendFileSync(join(f.repo.dir, LOG), 'not an event\n');
    const text = await f.cli('history');
    expect(text.stdout).toContain(`warning: ${LOG}:${lines + 1}: `);
    const json = JSON.parse((await f.cli('history', '--json')).stdout) as {
      entries: { line: number }[];
      issues: { kind: string; line: number }[];
    };
    expect(json.entries.at(-1)?.line).toBe(lines);
    expect(json.issues.find((i) => i.kind === 'malformed')?.line).toBe(lines + 1);
  });
});
