import { describe, expect, it } from 'vitest';
import { type CommitFacts, ShippedCommits } from '../../../src/deploy/metrics/deployed-change.js';
import { weeksBetween } from '../../../src/deploy/metrics/iso-week.js';
import { percent, shortDuration } from '../../../src/deploy/metrics/metric-format.js';

// What each deploy is charged with (deployed-change.ts), on small histories drawn by hand, and how
// the figures read (metric-format.ts). delivery-metrics.test.ts judges the whole log.

const sha = (c: string) => c.repeat(40);
const t = (hour: number) => Date.UTC(2026, 0, 5, hour);
const graphOf = (commits: Record<string, [parents: string[], hour: number, agent?: string]>) =>
  new Map<string, CommitFacts>(
    Object.entries(commits).map(([c, [parents, hour, agent]]) => [
      sha(c),
      { parents: parents.map(sha), time: t(hour), ...(agent ? { agent } : {}) },
    ]),
  );

/** 1 ← 2 ← 3 ← 4, the 4th an agent's. */
const line = graphOf({ '1': [[], 1], '2': [['1'], 2], '3': [['2'], 3], '4': [['3'], 4, 'claude'] });

describe('ShippedCommits: what a deploy brings', () => {
  it('a first deploy after `ran` is charged with the commits since what ran, not the whole history', () => {
    const s = new ShippedCommits(line);
    s.ran(sha('2'));
    expect(s.change(sha('4'), true)).toEqual({
      authorship: 'agent',
      agent: 'claude',
      firstCommit: t(3),
      commits: 2,
    });
    // Near miss: nothing ran before, so the whole history is the change.
    expect(new ShippedCommits(line).change(sha('4'), true)).toMatchObject({ firstCommit: t(1), commits: 4 });
  });

  it('a SHA git lacks is unknown, charged with nothing', () => {
    const s = new ShippedCommits(line);
    expect(s.knows(sha('f'))).toBe(false);
    expect(s.change(sha('f'), true)).toEqual({ authorship: 'unknown', commits: 0 });
    s.ran(sha('f'));
    expect(s.change(sha('2'), true)).toMatchObject({ commits: 2 });
  });

  it('ships only when asked: a failed deploy or a rollback leaves the commits to the deploy that runs them', () => {
    const s = new ShippedCommits(line);
    expect(s.change(sha('3'), false).commits).toBe(3);
    expect(s.change(sha('3'), false).commits).toBe(3);
    expect(s.change(sha('3'), true).commits).toBe(3);
    // A redeploy brings nothing, and is still the work of whoever wrote the commit it runs.
    expect(s.change(sha('3'), true)).toEqual({ authorship: 'human', commits: 0 });
    s.change(sha('4'), true);
    expect(s.change(sha('4'), true)).toEqual({ authorship: 'agent', agent: 'claude', commits: 0 });
  });

  it('names the change by its earliest agent commit; at the same instant, the one the walk meets first', () => {
    const two = graphOf({ '1': [[], 1], '2': [['1'], 2, 'codex'], '3': [['2'], 3, 'claude'] });
    expect(new ShippedCommits(two).change(sha('3'), true)).toMatchObject({ agent: 'codex' });
    const tied = graphOf({ '1': [[], 1], '2': [['1'], 5, 'codex'], '3': [['2'], 5, 'claude'] });
    // The walk starts at the deployed commit: 3 before 2.
    expect(new ShippedCommits(tied).change(sha('3'), true)).toMatchObject({ agent: 'claude' });
  });

  it('a merge brings the branch it merges, once each, and nothing that already ran', () => {
    // 1 ← 2 (main) and 1 ← a ← b (a branch); m merges 2 and b; 1 and 2 ran.
    const merged = graphOf({
      '1': [[], 1],
      '2': [['1'], 2],
      a: [['1'], 3],
      b: [['a'], 4],
      m: [['2', 'b'], 5],
    });
    const s = new ShippedCommits(merged);
    s.ran(sha('2'));
    expect(s.change(sha('m'), true)).toMatchObject({ commits: 3, firstCommit: t(3) });
    // A diamond: d merges two branches from the same commit that ran; each commit once.
    // The walk meets d, then b, then a: the first commit is the earliest, not the last met.
    const diamond = graphOf({ '1': [[], 1], a: [['1'], 3], b: [['1'], 2], d: [['a', 'b'], 4] });
    const ds = new ShippedCommits(diamond);
    ds.ran(sha('1'));
    expect(ds.change(sha('d'), true)).toMatchObject({ commits: 3, firstCommit: t(2) });
    // A parent git does not have ends the walk there.
    const cut = graphOf({ c: [['z'], 1], d: [['c'], 2] });
    expect(new ShippedCommits(cut).change(sha('d'), true)).toMatchObject({ commits: 2 });
  });
});

describe('how the figures read', () => {
  it('a duration in the largest unit that keeps it short', () => {
    expect(shortDuration(null)).toBe('-');
    expect([0, 59, 60, 89, 3599, 3600, 86_399, 86_400, 5 * 86_400 + 7200].map(shortDuration)).toEqual([
      '0s',
      '59s',
      '1m',
      '1m',
      '60m',
      '1.0h',
      '24.0h',
      '1.0d',
      '5.1d',
    ]);
  });

  it('a rate as a percentage with at most one decimal', () => {
    expect(percent(null)).toBe('-');
    expect([0, 0.25, 0.12345, 1, 0.0004].map(percent)).toEqual(['0%', '25%', '12.3%', '100%', '0%']);
  });

  it('the weeks between two instants include the last one when it begins that week', () => {
    const monday = (d: number) => Date.UTC(2026, 0, d);
    expect(weeksBetween(monday(5), monday(12))).toEqual(['2026-W02', '2026-W03']);
    expect(weeksBetween(monday(5), monday(12) - 1)).toEqual(['2026-W02']);
  });
});
