import { describe, expect, it } from 'vitest';
import { readTimeoutSetting } from '../../src/migrations/timeout-setting-text.js';
import { formatTimeout, timeoutMs, timeoutValueOn } from '../../src/postgres-time.js';
import { parsePolicyText } from '../../src/policy/parse.js';

// A timeout's value is read one way wherever it is written: SQL (step-model.test.ts), Alembic's
// env.py and Django's settings (here), and the policy's `migrations.statement_timeout` (here).

describe('a PostgreSQL time value', () => {
  it('reads a bare number as milliseconds and each unit PostgreSQL knows', () => {
    expect(['5000', '5s', '1.5min', '2h', '1d', '250ms', '500us', ' 5 s '].map(timeoutMs)).toEqual([
      5000, 5000, 90_000, 7_200_000, 86_400_000, 250, 0.5, 5000,
    ]);
    expect(timeoutMs(300)).toBe(300);
  });

  it('reads no time in what is not one', () => {
    expect(['DEFAULT', '5 minutes', 'soon', '', '-1s'].map(timeoutMs)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('counts 0 in any unit and DEFAULT as off', () => {
    expect(['0', '0s', '00min', 'default', '1ms', '0.5s'].map(timeoutValueOn)).toEqual([
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
  });

  it('writes milliseconds back in the largest whole unit', () => {
    expect([900_000, 7_200_000, 1500, 30_000].map(formatTimeout)).toEqual(['15min', '2h', '1500ms', '30s']);
  });
});

describe('a timeout set in env.py or a settings module', () => {
  const env = (line: string) => `from sqlalchemy import text\n\n${line}\n`;

  it('finds each setting by its own name, with its value', () => {
    const text = env('connect_args = {"options": "-c lock_timeout=5000 -c statement_timeout=7200000"}');
    expect(readTimeoutSetting('env.py', text, 'lock_timeout')).toMatchObject({ ms: 5000 });
    expect(readTimeoutSetting('env.py', text, 'statement_timeout')).toMatchObject({
      ms: 7_200_000,
      setAt: { start: { line: 2 } },
    });
  });

  it('takes SET and set_config in a string, not a comment nor a 0', () => {
    expect(
      readTimeoutSetting(
        'env.py',
        env(`conn.execute(text("SET statement_timeout = '15min'"))`),
        'statement_timeout',
      ).ms,
    ).toBe(900_000);
    expect(
      readTimeoutSetting(
        'env.py',
        env(`q = "SELECT set_config('statement_timeout', '1h', false)"`),
        'statement_timeout',
      ).ms,
    ).toBe(3_600_000);
    expect(readTimeoutSetting('env.py', env('# SET statement_timeout = 5000'), 'statement_timeout')).toEqual(
      {},
    );
    expect(readTimeoutSetting('env.py', env('o = "-c statement_timeout=0"'), 'statement_timeout')).toEqual(
      {},
    );
    // Set for lock_timeout only: statement_timeout is not.
    expect(readTimeoutSetting('env.py', env('o = "-c lock_timeout=5000"'), 'statement_timeout')).toEqual({});
  });
});

describe('the policy key migrations.statement_timeout', () => {
  const policy = (value: string) =>
    parsePolicyText(`version: 1\nmigrations:\n  sql: ["*.sql"]\n  statement_timeout: ${value}\n`);

  it('takes `required` and a time above 0, a bare number as milliseconds', () => {
    for (const value of ['required', '15min', '"30s"', "'5000'", '5000']) {
      const read = policy(value);
      expect(read.findings, value).toEqual([]);
    }
    expect(policy('15min').document?.policy.migrations?.statement_timeout).toBe('15min');
    expect(policy('5000').document?.policy.migrations?.statement_timeout).toBe(5000);
  });

  it('refuses 0 and what is no time, at the value', () => {
    for (const value of ['0', '0s', 'soon', '5 minutes', 'yes']) {
      const read = policy(value);
      expect(read.document, value).toBeUndefined();
      expect(read.findings[0]?.message, value).toMatch(/neither `required` nor a time above 0/);
      expect(read.findings[0]?.range.start.line, value).toBe(3);
    }
  });
});
