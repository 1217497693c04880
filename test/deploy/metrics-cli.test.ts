import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatAuditLine } from '@slipway/policy-core';
import * as writer from '@slipway/policy-core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';
import { GONE, handComputedRepo, LOG, RECORD } from './helpers/metrics-repo.js';

const HOUR = 3600;

describe('slipway metrics', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = handComputedRepo(writer);
  });
  afterAll(() => repo.dispose());
  const run = (...args: string[]) => slipway(['metrics', ...args], { cwd: repo.dir });
  /** A copy of the repository with one more commit, "staged only", and its deploy state. */
  const stagedOnly = () => {
    const staged = new TempRepo({}, repo);
    staged.write({ 'd.txt': 'staged' });
    staged.git('add', '-A');
    staged.git('commit', '-q', '--date', '2026-03-11T09:00:00Z', '-m', 'staged only');
    const to = staged.git('rev-parse', 'HEAD').trim();
    const state = writer.readDeployState(staged.dir, { record: 'x.json', audit_log: LOG } as never);
    return { staged, to, state };
  };

  it('gives the hand-computed figures per ISO week as JSON, split by who wrote the change', () => {
    const r = run('--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.weekBasis).toBe('ISO 8601, UTC');
    const [prod] = m.environments;
    expect(prod.environment).toBe('production');
    const [w10, w11] = prod.weeks;
    expect([w10.week, w10.all.deploys, w10.agents.claude.deploys, w10.human.deploys]).toEqual([
      '2026-W10',
      2,
      1,
      1,
    ]);
    expect(w10.all.leadTime).toEqual({ medianSeconds: (4 * HOUR + 24 * HOUR) / 2, count: 2, unknown: 0 });
    expect(w10.agents.claude.leadTime.medianSeconds).toBe(4 * HOUR);
    expect([w10.all.failures, w10.human.failures, w10.agent.failures, w10.all.changeFailureRate]).toEqual([
      1, 1, 0, 0.5,
    ]);
    expect(w10.human.timeToRestore).toEqual({ medianSeconds: HOUR, count: 1 });
    // The redeploy of c3 brings no commit (no lead time); GONE's is unknown and said so.
    expect([w11.week, w11.all.deploys, w11.human.deploys, w11.unknown.deploys]).toEqual([
      '2026-W11',
      2,
      1,
      1,
    ]);
    expect(w11.all.leadTime).toEqual({ medianSeconds: null, count: 0, unknown: 1 });
    expect(prod.total.all.changeFailureRate).toBe(0.25);
    expect(m.notes).toEqual([
      { line: 6, message: expect.stringContaining(`commit ${GONE.slice(0, 12)} is not in this clone`) },
    ]);
    expect(m.issues).toEqual([]);
  });

  it('prints a table per environment, the agent named, and the note by file and line', () => {
    const r = run();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Weeks are ISO 8601 weeks in UTC');
    expect(r.stdout).toMatch(/^ {2}2026-W10 +all +2 +14\.0h +50% \(1\) +1\.0h$/m);
    expect(r.stdout).toMatch(/^ {2} +agent claude +1 +4\.0h +0% +-$/m);
    expect(r.stdout).toContain(
      `note: ${LOG}:6: production: commit ${GONE.slice(0, 12)} is not in this clone`,
    );
  });

  it('counts from --since on, and only the --env asked for', () => {
    const since = JSON.parse(run('--format', 'json', '--since', '2026-03-09').stdout);
    expect(since.environments[0].weeks.map((w: { week: string }) => w.week)).toEqual(['2026-W11']);
    expect(since.environments[0].total.all.deploys).toBe(2);
    const staging = run('--env', 'staging');
    expect([staging.code, staging.stdout.includes('production:')]).toEqual([0, false]);
    expect(staging.stdout).toContain('(no deploys in the audit log)');
  });

  it('writes the HTML report atomically to --output: charts, and the same figures as the JSON', () => {
    const r = run('--format', 'html', '--output', 'report.html');
    expect([r.code, r.stdout]).toEqual([0, '']);
    const html = readFileSync(join(repo.dir, 'report.html'), 'utf8');
    expect(html.match(/<svg class="chart/g)).toHaveLength(4);
    expect(html).not.toMatch(/<script(?! type="application\/json")|<link|https?:\/\//);
    const embedded = html.match(/<script type="application\/json" id="slipway-metrics">(.*)<\/script>/)?.[1];
    expect(JSON.parse(embedded ?? 'null')).toEqual(JSON.parse(run('--format', 'json').stdout));
    expect(html).toContain('data-series="agent" data-week="2026-W10" data-value="1"');
  });

  it('refuses bad input with one line and exit 2, and names an environment no one defined', () => {
    for (const [args, says] of [
      [['--since', 'last week'], '--since must be a date'],
      [['--format', 'pdf'], '--format must be text, json or html'],
      [['--env', 'prod'], 'unknown environment "prod"'],
    ] as const) {
      const r = run(...args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(says);
    }
  });

  it("keeps an environment's hostile name text in text and HTML: no control character, no tag", () => {
    const hostile = new TempRepo({}, repo);
    try {
      const state = writer.readDeployState(hostile.dir, { record: 'x.json', audit_log: LOG } as never);
      const name = 'evil<img src=x onerror=alert(1)>\u001b[31m\u202e';
      const to = hostile.git('rev-parse', 'HEAD').trim();
      writer.appendEvent(state, {
        time: '2026-03-11T00:00:00Z',
        event: 'PROMOTE',
        environment: name,
        from: null,
        to,
        actor: { name: 'Dev Human', kind: 'human' },
        outcome: 'succeeded',
      });
      const text = slipway(['metrics'], { cwd: hostile.dir });
      expect(text.stdout).toContain('evil<img src=x onerror=alert(1)>\\x1B[31m\\u202E:');
      expect(text.stdout).not.toMatch(/[\u001b\u202e]/);
      const html = slipway(['metrics', '--format', 'html'], { cwd: hostile.dir }).stdout;
      expect(html).toContain('<h2>evil&#60;img src=x onerror=alert(1)&#62;\\x1B[31m\\u202E</h2>');
      expect(html).not.toMatch(/<img|[\u001b\u202e]/);
    } finally {
      hostile.dispose();
    }
  });

  it('counts a staging deploy by its STAGING_VERIFIED line, from a commit production never ran', () => {
    const { staged, to, state } = stagedOnly();
    try {
      writer.appendEvent(state, {
        time: '2026-03-11T10:00:00Z',
        event: 'STAGING_VERIFIED',
        environment: 'staging',
        from: null,
        to,
        actor: { name: 'Dev Human', kind: 'human' },
        outcome: 'succeeded',
      });
      const m = JSON.parse(
        slipway(['metrics', '--format', 'json', '--env', 'staging'], { cwd: staged.dir }).stdout,
      );
      // Staging ran nothing before: the change is the whole history, c1 (2026-03-02 08:00) first,
      // and Claude's c2 in it makes it an agent's.
      const total = m.environments[0].total;
      expect(total.all).toMatchObject({ deploys: 1, leadTime: { medianSeconds: 9 * 24 * HOUR + 2 * HOUR } });
      expect([total.agents.claude?.deploys, total.human.deploys, total.unknown.deploys]).toEqual([1, 0, 0]);
      expect(m.notes).toEqual([]);
    } finally {
      staged.dispose();
    }
  });

  it('knows a SHA a line writes with a JSON escape: the git log started before the lines are read misses it, the second one finds it', () => {
    const { staged, to, state } = stagedOnly();
    try {
      const plain = formatAuditLine({
        v: 1,
        time: '2026-03-11T10:00:00Z',
        event: 'STAGING_VERIFIED',
        environment: 'staging',
        from: null,
        to,
        actor: { name: 'Dev Human', kind: 'human' },
        outcome: 'succeeded',
        prev: state.log.lastHash,
      });
      // The same line as JSON, its SHA's first digit written as a \u escape.
      const escaped = plain.replace(
        `"to":"${to}"`,
        `"to":"\\u00${to.charCodeAt(0).toString(16)}${to.slice(1)}"`,
      );
      expect(escaped).not.toBe(plain);
      expect(JSON.parse(escaped).to).toBe(to);
      staged.write({ [LOG]: `${readFileSync(join(staged.dir, LOG), 'utf8')}${escaped}\n` });
      const m = JSON.parse(
        slipway(['metrics', '--format', 'json', '--env', 'staging'], { cwd: staged.dir }).stdout,
      );
      const total = m.environments[0].total;
      expect([total.agents.claude?.deploys, total.human.deploys, total.unknown.deploys]).toEqual([1, 0, 0]);
      expect(m.notes).toEqual([]);
    } finally {
      staged.dispose();
    }
  });

  it('reports a forged line (edited in place, its prev kept) at the line whose chain it breaks', () => {
    const forged = new TempRepo({}, repo);
    try {
      const lines = readFileSync(join(repo.dir, LOG), 'utf8').split('\n');
      const at = lines.findIndex((l, i) => i > 0 && l.includes('"outcome":"succeeded"'));
      lines[at] = (lines[at] as string).replace('"outcome":"succeeded"', '"outcome":"failed"');
      forged.write({ [LOG]: lines.join('\n') });
      const r = slipway(['metrics', '--format', 'json'], { cwd: forged.dir });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).issues).toEqual([
        {
          file: LOG,
          line: at + 2,
          message: expect.stringContaining('does not chain to the entry before it'),
        },
      ]);
    } finally {
      forged.dispose();
    }
  });

  it("reads the record's audit_head though the record has another problem: a cut tail is reported, and so is the record", () => {
    const cut = new TempRepo({}, repo);
    try {
      const lines = readFileSync(join(repo.dir, LOG), 'utf8')
        .split('\n')
        .filter((l) => l !== '');
      const head = createHash('sha256')
        .update(lines[lines.length - 1] as string)
        .digest('hex');
      const record = `{\n  "audit_head": "${head}",\n  "note": "a key no record has"\n}\n`;
      // Near miss first: the whole log, the record's one problem and nothing about the tail.
      cut.write({ [RECORD]: record });
      const whole = JSON.parse(slipway(['metrics', '--format', 'json'], { cwd: cut.dir }).stdout);
      expect(whole.issues.filter((i: { file: string }) => i.file === LOG)).toEqual([]);
      expect(whole.issues).toContainEqual({
        file: RECORD,
        line: 3,
        message: expect.stringContaining('note'),
      });
      // The last line deleted: the record still names it.
      cut.write({ [LOG]: `${lines.slice(0, -1).join('\n')}\n` });
      const r = slipway(['metrics', '--format', 'json'], { cwd: cut.dir });
      expect(r.code).toBe(0);
      const issues = JSON.parse(r.stdout).issues;
      expect(issues).toContainEqual({ file: RECORD, line: 3, message: expect.stringContaining('note') });
      expect(issues.filter((i: { file: string }) => i.file === LOG)).toEqual([
        {
          file: LOG,
          message: "the record's audit_head matches no entry: the log's tail was truncated or edited",
        },
      ]);
      // In the text report, a problem with no line names the file alone (no made-up `:1`).
      expect(slipway(['metrics'], { cwd: cut.dir }).stdout).toContain(
        `warning: ${LOG}: the record's audit_head matches no entry`,
      );
    } finally {
      cut.dispose();
    }
  });

  it('reports a broken audit line by file and line, and still counts the rest', () => {
    const broken = new TempRepo({}, repo);
    try {
      broken.write({ [LOG]: `${readFileSync(join(repo.dir, LOG), 'utf8')}{"torn\n` });
      const r = slipway(['metrics'], { cwd: broken.dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^warning: ${LOG}:7: `, 'm'));
      expect(r.stdout).toMatch(/^ {2}total +all +4 /m);
    } finally {
      broken.dispose();
    }
  });
});
