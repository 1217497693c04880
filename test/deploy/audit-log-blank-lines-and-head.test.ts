import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeployFixture } from './helpers/deploy-repo.js';
import { runCli } from './helpers/run-cli.js';
import { shipped } from './helpers/prepared-fixture.js';

const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
const LOG = 'infrastructure/deploy-audit.jsonl';

type Finding = { rule: string; severity: string; file: string; line: number; message: string };

describe('the AUD rules in `slipway check`, against what promote writes', () => {
  let f: DeployFixture;
  let policy = '';
  let record = '';
  let log = '';
  const cli = (...args: string[]) => runCli(args, { cwd: f.repo.dir, env: f.env });
  const check = async () => {
    const r = await cli('check', '--tree', '--format', 'json');
    const findings = (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
    return {
      code: r.code,
      findings,
      rules: findings.map((x) => `${x.rule} ${x.severity} ${x.file}:${x.line}`),
    };
  };

  beforeAll(async () => {
    ({ f } = await shipped(['production']));
    policy = f.read('slipway.yaml') ?? '';
    record = f.read(RECORD) ?? '';
    log = f.read(LOG) ?? '';
  });
  afterAll(() => f.dispose());

  const restore = () => f.repo.write({ 'slipway.yaml': policy, [RECORD]: record, [LOG]: log });

  it('a truncated tail is AUD002 even when the record also has an unknown key lowered to a warning', async () => {
    expect((await check()).rules).toEqual([]);
    try {
      const lines = log.split('\n').filter(Boolean);
      f.repo.write({
        'slipway.yaml': `${policy}rules:\n  REC001: warning\n`,
        [LOG]: lines
          .slice(0, -1)
          .map((l) => `${l}\n`)
          .join(''),
        [RECORD]: record.replace('{', '{\n  "deployed_by": "alice",'),
      });
      const after = await check();
      expect(after.rules.sort()).toEqual([
        `AUD002 error ${LOG}:${lines.length - 1}`,
        `REC001 warning ${RECORD}:2`,
      ]);
      expect(after.code).toBe(1);
    } finally {
      restore();
    }
  });

  it.each([
    ['a trailing empty line', '\n'],
    ['a whitespace-only unterminated last line', '  '],
  ])('%s: a warning before and after the next promote appends past it, never AUD001', async (_what, tail) => {
    try {
      f.repo.write({ [LOG]: `${log}${tail}` });
      const lines = log.split('\n').length;
      const before = await check();
      expect(before.rules).toEqual([`AUD004 warning ${LOG}:${lines}`]);
      expect(before.code).toBe(0);
      const promoted = await cli('promote', '--env', 'staging');
      expect(promoted.code, promoted.stdout + promoted.stderr).toBe(0);
      const after = await check();
      expect(after.rules).toEqual([`AUD004 warning ${LOG}:${lines}`]);
      expect(after.findings[0]?.message).toContain('the entries around it chain to each other');
      expect(after.code).toBe(0);
    } finally {
      restore();
    }
  });
});
