import { MemoryRepo, parsePolicyText, runCheck, sha256Hex } from '@slipway/policy-core';
import { logText as joined, sameEvents as entries } from './chained-lines.js';
import { describe, expect, it } from 'vitest';
import { auditLogFamily } from '../../../src/rules/families.js';

const LOG = 'infrastructure/deploy-audit.jsonl';
const REC = 'infrastructure/LAST_PROD_DEPLOY.json';
const POLICY = 'version: 1\ndeploy:\n  audit_log: infrastructure/deploy-audit.jsonl\n';

const ls = entries(4);
const head = sha256Hex(ls[3] as string);

function recordText(extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify(
    { last_good_sha: 'b'.repeat(40), deployed_at: '2026-01-09T10:00:00Z', audit_head: head, ...extra },
    null,
    2,
  )}\n`;
}

function findings(log: string | undefined, record = recordText(), policy = POLICY) {
  const doc = parsePolicyText(policy).document;
  if (!doc) throw new Error('policy');
  const files: Record<string, string> = { [REC]: record };
  if (log !== undefined) files[LOG] = log;
  return {
    doc,
    family: auditLogFamily.check({ policy: doc, repo: new MemoryRepo(files), now: new Date(), env: {} })
      .findings,
    all: runCheck({ policy: doc, repo: new MemoryRepo(files), now: new Date('2026-02-01T00:00:00Z') })
      .findings,
  };
}

describe('AUD002 holds an invalid record to its well-formed audit_head', () => {
  const truncated = joined(ls.slice(0, 3));

  it.each([
    ['an unknown key', { deployed_by: 'alice' }, 'REC001'],
    ['a malformed deployed_at', { deployed_at: 'yesterday' }, 'REC003'],
    ['an abbreviated SHA', { last_good_sha: 'bbbbbbb' }, 'REC002'],
  ])('a truncated tail is AUD002 when the record has %s', (_what, extra, recRule) => {
    const { all } = findings(truncated, recordText(extra));
    expect(all.map((f) => f.rule).sort()).toEqual(['AUD002', recRule]);
    expect(all.find((f) => f.rule === 'AUD002')).toMatchObject({ file: LOG, severity: 'error' });
  });

  it('with REC001 lowered to a warning, the check still fails on the truncated tail', () => {
    const policy = `${POLICY}rules:\n  REC001: warning\n`;
    const { all } = findings(truncated, recordText({ deployed_by: 'alice' }), policy);
    expect(all.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual(['AUD002']);
  });

  it('entries after the head are AUD003 in an invalid record too', () => {
    const { family } = findings(
      joined(ls),
      recordText({ deployed_by: 'alice', audit_head: sha256Hex(ls[1] as string) }),
    );
    expect(family.map((f) => f.rule)).toEqual(['AUD003']);
  });

  it('near miss: an intact log under an invalid record is not AUD002', () => {
    expect(findings(joined(ls), recordText({ deployed_by: 'alice' })).family).toEqual([]);
  });

  it('near miss: a malformed audit_head is REC001, not a head to hold the log to', () => {
    const { all } = findings(truncated, recordText({ audit_head: 'abc123' }));
    expect(all.map((f) => f.rule)).toEqual(['REC001']);
  });
});

describe('AUD002 with the log file missing', () => {
  it('says the file does not exist, on the record audit_head, with the policy key beside it', () => {
    const record = recordText();
    const [f, ...rest] = findings(undefined, record).family;
    expect(rest).toEqual([]);
    expect(f?.rule).toBe('AUD002');
    expect(f?.message).toContain(`The audit log ${LOG} (deploy.audit_log) does not exist`);
    expect(f?.message).not.toContain('empty');
    expect(f?.file).toBe(REC);
    const line = record.split('\n').findIndex((l) => l.includes('"audit_head"'));
    const col = (record.split('\n')[line] as string).indexOf(`"${head}"`);
    expect(f?.range).toEqual({ start: { line, character: col }, end: { line, character: col + 66 } });
    expect(f?.related).toEqual([
      {
        file: 'slipway.yaml',
        range: { start: { line: 2, character: 13 }, end: { line: 2, character: 46 } },
        message: 'the audit log is configured here (deploy.audit_log)',
      },
    ]);
  });

  it('near miss: an empty file that exists is "has no entries", in the log itself', () => {
    const [f] = findings('').family;
    expect(f).toMatchObject({ rule: 'AUD002', file: LOG, range: { start: { line: 0 } } });
    expect(f?.message).toContain('has no entries');
  });
});

describe('AUD004 blank lines, wherever they are, are one warning (never AUD001)', () => {
  const rules = (log: string, record = recordText()) =>
    findings(log, record).family.map((f) => [f.rule, f.severity, f.range.start.line]);

  it('a log that is only a newline', () => {
    const { family } = findings('\n', recordText({ audit_head: undefined }));
    expect(family.map((f) => [f.rule, f.severity, f.range.start.line])).toEqual([['AUD004', 'warning', 0]]);
    expect(family[0]?.message).toContain('line 1 is blank: no entry follows it, so it is harmless');
  });

  it('a trailing empty line and a whitespace-only unterminated last line are the same finding', () => {
    expect(rules(`${joined(ls)}\n`)).toEqual([['AUD004', 'warning', 4]]);
    expect(rules(`${joined(ls)}  `)).toEqual([['AUD004', 'warning', 4]]);
    expect(rules(`${joined(ls)}\t\r\n`)).toEqual([['AUD004', 'warning', 4]]);
  });

  it('consecutive blank lines are one finding over the run', () => {
    const { family } = findings(`${joined(ls)}\n\n \n`);
    expect(family).toHaveLength(1);
    expect(family[0]?.message).toMatch(/^Audit log lines 5–7 are blank: /);
    expect(family[0]?.range).toEqual({ start: { line: 4, character: 0 }, end: { line: 6, character: 1 } });
  });

  it('a blank line between entries that chain is a warning that says nothing was removed', () => {
    const log = joined([ls[0], ls[1], '', ls[2], ls[3]] as string[]);
    const { family } = findings(log);
    expect(family.map((f) => [f.rule, f.severity, f.range.start.line])).toEqual([['AUD004', 'warning', 2]]);
    expect(family[0]?.message).toContain('the entries around it chain to each other');
  });

  it('a blank line where an entry was removed: AUD002 on the next entry, and the blank line says so', () => {
    const log = joined([ls[0], '', ls[2], ls[3]] as string[]);
    const { family } = findings(log);
    expect(family.map((f) => [f.rule, f.range.start.line]).sort()).toEqual([
      ['AUD002', 2],
      ['AUD004', 1],
    ]);
    expect(family.find((f) => f.rule === 'AUD004')?.message).toContain('does not chain');
  });

  it('blank runs apart from each other are a finding each; a run is deleted as "them"', () => {
    const { family } = findings(joined([ls[0], '', ls[1], ls[2], '', ' ', ls[3]] as string[]));
    expect(family.map((f) => [f.rule, f.range.start.line, f.range.end.line])).toEqual([
      ['AUD004', 1, 1],
      ['AUD004', 4, 5],
    ]);
    expect(family[0]?.message).toMatch(/^Audit log line 2 is blank: .*; delete it\.$/);
    expect(family[1]?.message).toMatch(/^Audit log lines 5–6 are blank: .*; delete them\.$/);
  });

  it('a blank line before the first entry: the entry after it still starts the chain', () => {
    const { family } = findings(joined(['', ...ls]));
    expect(family.map((f) => [f.rule, f.range.start.line])).toEqual([['AUD004', 0]]);
    expect(family[0]?.message).toContain(
      'the entry after it still starts the chain, so no entry was removed here',
    );
  });

  it('near miss: a chain broken elsewhere does not make a blank line between linked entries suspect', () => {
    const { family } = findings(joined([ls[0], '', ls[1], ls[3]] as string[]));
    expect(family.map((f) => [f.rule, f.range.start.line]).sort()).toEqual([
      ['AUD002', 3],
      ['AUD004', 1],
    ]);
    expect(family.find((f) => f.rule === 'AUD004')?.message).toContain(
      'the entries around it chain to each other',
    );
  });

  it('near miss: a torn last line that is not blank is still AUD001', () => {
    expect(rules(`${joined(ls)}{"v":1`)).toEqual([['AUD001', 'error', 4]]);
  });
});

describe('a log the host refuses unread', () => {
  it('is one AUD001 on its first line, not also a blank line (AUD004)', () => {
    const doc = parsePolicyText(POLICY).document;
    if (!doc) throw new Error('policy');
    // The host (the editor's size limit, a symlink out of the repository) says why it read nothing.
    const repo = Object.assign(new MemoryRepo({ [REC]: recordText() }), {
      whyUnread: (path: string) => (path === LOG ? `${LOG} is too large to read here` : undefined),
    });
    const found = runCheck({ policy: doc, repo, now: new Date('2026-02-01T00:00:00Z') }).findings;
    expect(found.filter((f) => f.file === LOG).map((f) => [f.rule, f.range.start.line])).toEqual([
      ['AUD001', 0],
    ]);
  });
});
