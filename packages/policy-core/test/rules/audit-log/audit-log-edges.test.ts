import {
  type ChangeSet,
  type CheckContext,
  MemoryRepo,
  parsePolicyText,
  sha256Hex,
} from '@slipway/policy-core';
import { logText as join, sameEvents as chain } from './chained-lines.js';
import { describe, expect, it } from 'vitest';
import { auditLogFamilyOf } from '../../../src/rules/audit-log/facts/family.js';
import { auditLogFamily } from '../../../src/rules/families.js';

// Each audit-log rule's message, range and silence where a mutation run found no test asserting
// them: the log's path a folder, a log the host did not read, the record's head past the log's
// end, the anchor as an environment passes it, and what the family says it read and will ask git.

const LOG = 'infrastructure/deploy-audit.jsonl';
const REC = 'infrastructure/LAST_PROD_DEPLOY.json';
const POLICY = 'version: 1\ndeploy:\n  audit_log: infrastructure/deploy-audit.jsonl\n';

const ls = chain(3);
const record = (head?: string) =>
  JSON.stringify({
    last_good_sha: 'b'.repeat(40),
    deployed_at: '2026-01-09T10:00:00Z',
    ...(head ? { audit_head: head } : {}),
  });

interface Setup {
  files: Record<string, string>;
  unread?: string;
  env?: Record<string, string>;
  /** The log at base, for a change; no change when absent. */
  base?: string;
  basePath?: string;
}

function context(s: Setup): CheckContext {
  const policy = parsePolicyText(POLICY).document;
  if (!policy) throw new Error('policy');
  const repo = Object.assign(new MemoryRepo(s.files), {
    whyUnread: (p: string) => (p === LOG ? s.unread : undefined),
  });
  const change: ChangeSet | undefined =
    s.base === undefined
      ? undefined
      : {
          base: 'c'.repeat(40),
          head: 'd'.repeat(40),
          files: [{ status: 'modified', path: LOG }],
          commits: [],
          readBase: (p) => (p === (s.basePath ?? LOG) ? s.base : undefined),
        };
  return { policy, repo, now: new Date(), env: s.env ?? {}, ...(change ? { change } : {}) };
}
const run = (s: Setup) => auditLogFamily.check(context(s));

describe('deploy.audit_log naming a folder', () => {
  it('is one AUD001 at the policy key, and the folder is not read as an emptied log', () => {
    const { findings, filesChecked } = run({
      files: { [`${LOG}/a.jsonl`]: join(ls), [REC]: record(sha256Hex(ls[2] as string)) },
      base: join(ls),
    });
    expect(findings.map((f) => [f.rule, f.file, f.range.start.line])).toEqual([
      ['AUD001', 'slipway.yaml', 2],
    ]);
    expect(filesChecked).toEqual([]);
  });
});

describe('a log the host did not read', () => {
  const setup = (extra: Partial<Setup> = {}): Setup => ({
    files: { [REC]: record(sha256Hex(ls[2] as string)) },
    unread: `${LOG} is too large to read here`,
    ...extra,
  });

  it('is AUD001 saying why, on an empty first line', () => {
    const { findings } = run(setup());
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: 'AUD001',
      file: LOG,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      message: `The audit log cannot be read: ${LOG} is too large to read here; commit the log itself at deploy.audit_log.`,
    });
  });

  it('near miss: is not "emptied since the base" (AUD005) nor "missing the anchor" (AUD006)', () => {
    const anchored = setup({ base: join(ls), env: { SLIPWAY_AUDIT_ANCHOR: sha256Hex(ls[0] as string) } });
    expect(run(anchored).findings.map((f) => f.rule)).toEqual(['AUD001']);
  });
});

describe('a log the chain reader refuses whole (binary from its first line)', () => {
  it('is AUD001 alone: no entry is judged missing, nor the anchor absent', () => {
    const binary = `\u0000\u0001garbage\n${join(ls)}`;
    const { findings } = run({
      files: { [LOG]: binary, [REC]: record() },
      base: join(ls),
      env: { SLIPWAY_AUDIT_ANCHOR: sha256Hex(ls[0] as string) },
    });
    expect(findings.map((f) => [f.rule, f.range.start.line])).toEqual([['AUD001', 0]]);
    expect(findings[0]?.message).toContain('so its chain cannot be verified');
  });
});

describe('AUD005 on a deleted log', () => {
  it('points at the policy key that names the log', () => {
    const { findings } = run({ files: { [REC]: record() }, base: join(ls) });
    expect(findings).toMatchObject([{ rule: 'AUD005', file: 'slipway.yaml', range: { start: { line: 2 } } }]);
  });
});

describe('AUD002 messages', () => {
  const head = sha256Hex(ls[2] as string);

  it('a truncated tail: on the last entry, the record’s audit_head beside it', () => {
    const { findings } = run({ files: { [LOG]: join(ls.slice(0, 2)), [REC]: record(head) } });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: 'AUD002',
      range: { start: { line: 1 } },
      message:
        "The record's audit_head matches no entry of the audit log: the log's tail was truncated or edited; restore the log from git.",
      related: [{ file: REC, message: 'audit_head recorded here' }],
    });
  });

  it('an emptied log: on its only line, says it was emptied', () => {
    const { findings } = run({ files: { [LOG]: '', [REC]: record(head) } });
    expect(findings).toMatchObject([
      {
        rule: 'AUD002',
        range: { start: { line: 0 } },
        message:
          "The audit log has no entries, but the record's audit_head names one: the log was emptied; restore it from git.",
      },
    ]);
  });

  it('a broken link: the whole prev value, quotes included', () => {
    const { findings } = run({ files: { [LOG]: join([ls[0], ls[2]] as string[]), [REC]: record(head) } });
    const at = (ls[2] as string).indexOf('"prev":') + 7;
    expect(findings.map((f) => [f.rule, f.range])).toEqual([
      ['AUD002', { start: { line: 1, character: at }, end: { line: 1, character: at + 66 } }],
    ]);
  });
});

describe('AUD006 reads the anchor as an environment passes it', () => {
  const files = { [LOG]: join(ls), [REC]: record(sha256Hex(ls[2] as string)) };

  it('near miss: a trailing newline or spaces around a hash that is in the log', () => {
    const anchor = sha256Hex(ls[1] as string);
    expect(run({ files, env: { SLIPWAY_AUDIT_ANCHOR: ` ${anchor}\n` } }).findings).toEqual([]);
  });

  it('quotes at most 80 characters of an anchor that is not a hash', () => {
    const junk = `${'x'.repeat(80)}TAIL`;
    const { findings } = run({ files, env: { SLIPWAY_AUDIT_ANCHOR: junk } });
    expect(findings.map((f) => f.rule)).toEqual(['AUD006']);
    expect(findings[0]?.message).toContain(`\`${'x'.repeat(80)}\` is not a SHA-256`);
    expect(findings[0]?.message).not.toContain('TAIL');
  });
});

describe('the AUD family', () => {
  it('says which file it read: the log, never a log that is not there', () => {
    expect(run({ files: { [LOG]: join(ls), [REC]: record() } }).filesChecked).toEqual([LOG]);
    expect(run({ files: { [REC]: record() } }).filesChecked).toEqual([]);
  });

  it('asks git for the log at base, where it was before a rename', () => {
    const ctx = context({ files: {}, base: '' });
    expect(auditLogFamily.gitAsks?.(ctx)).toEqual({ base: [LOG] });
    const renamed: CheckContext = {
      ...ctx,
      change: {
        ...(ctx.change as ChangeSet),
        files: [{ status: 'renamed', path: LOG, oldPath: 'logs/a.jsonl' }],
      },
    };
    expect(auditLogFamily.gitAsks?.(renamed)).toEqual({ base: ['logs/a.jsonl'] });
    expect(auditLogFamily.gitAsks?.({ ...ctx, change: undefined })).toEqual({});
  });

  it('runs the rules that read the audit log, and only those', () => {
    const [first] = auditLogFamily.rules;
    if (!first) throw new Error('no AUD rule');
    const stray = {
      ...first,
      id: 'AUD999',
      facts: 'migration-file',
      check: () => [
        {
          rule: 'AUD999',
          severity: 'error' as const,
          message: 'ran',
          file: LOG,
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        },
      ],
    };
    const family = auditLogFamilyOf([...auditLogFamily.rules, stray]);
    const found = family.check(context({ files: { [LOG]: `${join(ls)}{"v":1`, [REC]: record() } })).findings;
    expect(found.map((f) => f.rule)).toEqual(['AUD001']);
  });

  it('names each rule in a title of its own', () => {
    const titles = auditLogFamily.rules.map((r) => r.title);
    expect(titles).toHaveLength(7);
    for (const t of titles) expect(t).toMatch(/^[a-z].{15,}$/);
    expect(new Set(titles).size).toBe(7);
  });
});
