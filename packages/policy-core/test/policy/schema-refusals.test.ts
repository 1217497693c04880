import { describe, expect, it } from 'vitest';
import { parsePolicyText } from '../../src/policy/parse.js';

/**
 * What the schema's own checks refuse, word for word and where: a statement_timeout of 0, a
 * soak that is not a duration or has nothing to soak on (production named staging, an
 * environment that is not production), a window the calendar cannot read, a waiver's day that is
 * not one, a repository path that is absolute; and their near misses.
 */
const problems = (text: string) =>
  parsePolicyText(`version: 1\n${text}`).findings.map((f) => [f.message, f.range.start.line]);
const D = 'deploy:\n  production: production\n  environments:\n';

describe('schema refusals', () => {
  it.each([
    ['0', '"0" is neither `required` nor a time above 0 such as `15min` (units ms, s, min, h, d)'],
    ['soon', '"soon" is neither `required` nor a time above 0 such as `15min` (units ms, s, min, h, d)'],
  ])('statement_timeout: %s', (value, message) => {
    expect(problems(`migrations:\n  statement_timeout: ${value}\n`)).toEqual([
      [`invalid policy: \`migrations.statement_timeout\`: ${message}.`, 2],
    ]);
  });

  it.each(['required', '15min', '1'])('near miss: statement_timeout: %s', (value) => {
    expect(problems(`migrations:\n  statement_timeout: ${value}\n`)).toEqual([]);
  });

  it('a soak that is not a duration', () => {
    expect(problems(`${D}    production: { min_soak: soon }\n    staging: {}\n`)).toEqual([
      [
        'invalid policy: `deploy.environments.production.min_soak`: "soon" is not a duration; write days, hours and minutes such as 30m, 8h, 1h30m or 2d.',
        4,
      ],
    ]);
  });

  it.each([
    [
      'production named staging',
      'deploy:\n  production: staging\n  environments:\n    staging: { min_soak: 30m }\n',
      'staging',
      4,
    ],
    [
      'an environment not production, with no require_staging',
      `${D}    production: {}\n    staging: {}\n    qa: { min_soak: 30m }\n`,
      'qa',
      6,
    ],
  ])('a soak with nothing to soak on: %s', (_what, text, name, line) => {
    expect(problems(text)).toEqual([
      [
        `invalid policy: \`deploy.environments.${name}.min_soak\`: "${name}" requires no environment to verify a SHA first, so nothing soaks before it; set require_staging or remove min_soak.`,
        line,
      ],
    ]);
  });

  it('near miss: production soaks on staging by default, qa on what it names', () => {
    expect(
      problems(
        `${D}    production: { min_soak: 30m }\n    staging: {}\n    qa: { min_soak: 1h, require_staging: staging }\n`,
      ),
    ).toEqual([]);
  });

  it('a window the calendar cannot read, at its own key', () => {
    expect(
      problems(
        `${D}    production: {}\n  windows:\n    production:\n      timezone: Europe/London\n      deny: [{ name: x, rrule: "FREQ=SOMETIMES", duration: 1h }]\n`,
      ),
    ).toEqual([
      [
        'invalid policy: `deploy.windows.production.deny[0].rrule`: FREQ=SOMETIMES is not supported; use FREQ=DAILY, WEEKLY or MONTHLY.',
        8,
      ],
    ]);
  });

  it.each([
    [
      'until: 2026-13-01',
      'until',
      '`2026-13-01` is not a calendar day written YYYY-MM-DD (the last day the waiver counts)',
    ],
    [
      'until: 2026-12-01, approved_on: yesterday',
      'approved_on',
      '`yesterday` is not a calendar day written YYYY-MM-DD (the day it was granted)',
    ],
  ])("a waiver's day that is not one: %s", (days, key, message) => {
    expect(
      problems(`waivers:\n  - { rule: MIG001, paths: [a/], ${days}, reason: r, approved_by: me }\n`),
    ).toEqual([[`invalid policy: \`waivers[0].${key}\`: ${message}.`, 2]]);
  });

  it('an absolute path (a drive letter too); near misses: a colon after no drive letter', () => {
    expect(problems('migrations:\n  alembic: "C:/alembic/versions"\n')).toEqual([
      [
        'invalid policy: `migrations.alembic`: `C:/alembic/versions` is an absolute path; paths in the policy are relative to the repository root.',
        2,
      ],
    ]);
    expect(problems('migrations:\n  alembic: "C:alembic"\n')).toEqual([]);
    expect(problems('migrations:\n  alembic: "1:/alembic"\n')).toEqual([]);
  });
});
