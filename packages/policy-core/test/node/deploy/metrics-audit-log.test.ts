import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AuditEvent,
  type CommitFacts,
  type DeploySection,
  deliveryMetrics,
  formatAuditLine,
  GENESIS_HASH,
  parseDeployRecord,
  readAuditLog,
} from '@slipway/policy-core';
import { afterAll, describe, expect, it } from 'vitest';
import { readMetricsLog } from '../../../src/node/deploy/metrics-audit-log.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const DEPLOY = { record: 'record.json', audit_log: 'log/audit.jsonl' } as DeploySection;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A repository directory holding `logText` as its audit log, and a record naming `head`. */
function repoWith(logText: string, head?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'metrics-log-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'log'));
  writeFileSync(join(dir, DEPLOY.audit_log), logText);
  if (head)
    writeFileSync(
      join(dir, DEPLOY.record),
      JSON.stringify({
        last_good_sha: 'c'.repeat(40),
        deployed_at: '2026-03-05T10:00:00Z',
        audit_head: head,
      }),
    );
  return dir;
}

/** Lines chained as appendEvent chains them: each `prev` the hash of the line before. */
function chained(events: Partial<AuditEvent>[], write = formatAuditLine): string[] {
  let prev = GENESIS_HASH;
  return events.map((e) => {
    const line = write({
      v: 1,
      time: '2026-03-02T10:00:00Z',
      event: 'PROMOTE',
      environment: 'production',
      from: null,
      to: 'a'.repeat(40),
      actor: { name: 'ci', kind: 'ci' },
      outcome: 'succeeded',
      ...e,
      prev,
    } as AuditEvent);
    prev = sha256(line);
    return line;
  });
}

const c = (ch: string) => ch.repeat(40);
// A hand-computed week: b deployed Monday, c Tuesday (a staging run first), rolled back to b
// Wednesday, c again Thursday. One line as a person would type it (spaces: not Slipway's layout).
const events: Partial<AuditEvent>[] = [
  { time: '2026-03-02T09:00:00Z', to: c('b'), outcome: 'started' },
  { time: '2026-03-02T09:10:00Z', to: c('b') },
  { time: '2026-03-03T09:00:00Z', event: 'STAGING_VERIFIED', environment: 'staging', to: c('c') },
  { time: '2026-03-03T10:00:00Z', from: c('b'), to: c('c') },
  { time: '2026-03-04T10:00:00Z', event: 'SYSTEM_CORRECTION_EVENT', from: c('c'), to: c('b'), pin: true },
  { time: '2026-03-05T10:00:00Z', from: c('b'), to: c('c'), reason: 'fixed', details: ['x'] },
];
const graph = new Map<string, CommitFacts>([
  [c('a'), { parents: [], time: Date.parse('2026-03-01T00:00:00Z') }],
  [c('b'), { parents: [c('a')], time: Date.parse('2026-03-02T08:00:00Z') }],
  [c('c'), { parents: [c('b')], time: Date.parse('2026-03-03T08:00:00Z'), agent: 'claude' }],
]);

/** What every deploy flow's reading of the same text finds, and the figures it gives. */
function legacy(text: string, head?: string) {
  const log = readAuditLog(text, head, sha256);
  expect(
    parseDeployRecord(
      JSON.stringify({
        last_good_sha: 'c'.repeat(40),
        deployed_at: '2026-03-05T10:00:00Z',
        audit_head: head ?? 'f'.repeat(64),
      }),
    ).record,
  ).toBeDefined();
  return { issues: log.issues, figures: deliveryMetrics(log.entries, graph) };
}

function streamed(text: string, head?: string) {
  const log = readMetricsLog(repoWith(text, head), DEPLOY);
  return { issues: log.issues, figures: deliveryMetrics(log.entries, graph) };
}

describe('readMetricsLog: the audit log streamed for slipway metrics', () => {
  const lines = chained(events);
  const text = `${lines.join('\n')}\n`;

  it('gives the hand-computed figures, the same as the chain reader, with no issue', () => {
    const s = streamed(text, sha256(lines[5] as string));
    expect(s).toEqual(legacy(text, sha256(lines[5] as string)));
    expect(s.issues).toEqual([]);
    const [prod] = s.figures.environments;
    expect([prod?.total.all.deploys, prod?.total.all.failures, prod?.total.agent.deploys]).toEqual([3, 1, 2]);
    // c's first commit (Tuesday 08:00) to its deploy at 10:00; b's Monday 08:00 to 09:10.
    expect(prod?.total.agents.claude?.leadTime.medianSeconds).toBe(2 * 3600);
    expect(s.figures.environments.map((e) => e.environment)).toEqual(['production', 'staging']);
  });

  it('still reports a forged line: one edited in place breaks the chain at the line after it', () => {
    const forged = [...lines];
    forged[3] = (forged[3] as string).replace(c('c'), c('d'));
    const t = `${forged.join('\n')}\n`;
    const s = streamed(t);
    expect(s).toEqual(legacy(t));
    expect(s.issues).toEqual([expect.objectContaining({ kind: 'chain', line: 4 })]);
  });

  it('still reports a hand-appended line that does not chain, and a deleted first line', () => {
    const appended = `${text}${chained([{ time: '2026-03-06T10:00:00Z', to: c('c') }])[0]}\n`;
    expect(streamed(appended)).toEqual(legacy(appended));
    expect(streamed(appended).issues).toEqual([expect.objectContaining({ kind: 'chain', line: 6 })]);
    const headless = `${lines.slice(1).join('\n')}\n`;
    expect(streamed(headless).issues).toEqual([
      expect.objectContaining({ kind: 'chain', line: 0, message: expect.stringContaining('first entry') }),
    ]);
  });

  it('judges the lines Slipway did not write as the chain reader does: spaced, CRLF, blank, not JSON, torn', () => {
    const spaced = chained(events, (e) => JSON.stringify(e, null, 1).replace(/\n/g, ''));
    const mixed = [lines[0], spaced[1], lines[2]];
    const crlf = `${lines.join('\r\n')}\r\n`;
    for (const t of [
      `${spaced.join('\n')}\n`,
      crlf,
      `${lines.slice(0, 2).join('\n')}\n\n{"not json\n${lines.slice(2).join('\n')}\n`,
      `${text}{"v":1,"ti`,
      `${mixed.join('\n')}\n`,
      '',
    ]) {
      expect(streamed(t)).toEqual(legacy(t));
    }
    expect(streamed(crlf).issues).toEqual([]);
    expect(streamed(`${text}{"v":1,"ti`).issues).toEqual([
      expect.objectContaining({ kind: 'malformed', torn: true }),
    ]);
  });

  it("judges the record's audit_head as the chain reader does: behind, missing", () => {
    for (const head of [sha256(lines[3] as string), 'f'.repeat(64)]) {
      const s = streamed(text, head);
      expect(s).toEqual(legacy(text, head));
      expect(s.issues).toHaveLength(1);
    }
  });

  it('refuses a log binary from its first line whole, as the chain reader does', () => {
    const t = `\u0000${text}`;
    expect(streamed(t)).toEqual(legacy(t));
    expect(streamed(t).issues).toEqual([expect.objectContaining({ whole: true })]);
  });
});
